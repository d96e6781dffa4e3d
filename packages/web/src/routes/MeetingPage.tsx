import { type AgendaItem, docNames, fields, type Me } from '@council/shared';
import { Alert, Badge, Grid, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { useCan, useMe } from '../features/auth/useMe.ts';
import { CollabStatus } from '../features/collab/CollabStatus.tsx';
import { type CollabDocument, colorFor, useCollabDocument } from '../features/collab/useCollabDocument.ts';
import { MeetingStatusBadge } from '../features/meetings/MeetingStatusBadge.tsx';
import { useAgenda } from '../features/meetings/useAgenda.ts';
import { useFormat } from '../i18n/format.ts';
import { EmptyState, PageLoader, QueryError } from './states.tsx';

const CollaborativeEditor = lazy(() => import('../editor/CollaborativeEditor.tsx'));

export default function MeetingPage() {
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const meeting = useQuery({ queryKey: ['meetings', id], queryFn: () => api.meeting(id) });
  if (meeting.isPending || !me) return <PageLoader />;
  if (meeting.isError) return <QueryError error={meeting.error} onRetry={() => meeting.refetch()} />;
  return <MeetingWorkspace meeting={meeting.data} me={me} />;
}

function MeetingWorkspace({ meeting, me }: { meeting: Awaited<ReturnType<typeof api.meeting>>; me: Me }) {
  const { t } = useTranslation();
  const format = useFormat();
  const can = useCan();
  const mayReadClosed = can('read', { type: 'meetingClosed', status: meeting.status });
  const open = useCollabDocument(docNames.meeting(meeting.id), me);
  const closed = useCollabDocument(mayReadClosed ? docNames.meetingClosed(meeting.id) : null, me);
  const agenda = useAgenda(open?.doc);
  const [params, setParams] = useSearchParams();
  const selected = agenda.find((item) => item.id === params.get('item')) ?? agenda[0];

  return (
    <Stack>
      <div>
        <Group gap="sm">
          <Title order={2}>{meeting.title}</Title>
          <MeetingStatusBadge status={meeting.status} />
        </Group>
        <Text c="dimmed">
          {t('meetings.when', { start: format.dateTime(meeting.startsAt), end: format.time(meeting.endsAt) })} ·{' '}
          {meeting.location}
        </Text>
      </div>
      {open?.state === 'denied' && <Alert color="red">{t('editor.denied')}</Alert>}
      {!open || open.loading ? (
        <PageLoader />
      ) : (
        <Grid>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Title order={3} size="h4" mb="xs">
              {t('meetings.agenda')}
            </Title>
            {agenda.length === 0 ? (
              <EmptyState>{t('meetings.agendaEmpty')}</EmptyState>
            ) : (
              <nav aria-label={t('meetings.agenda')}>
                <AgendaList
                  items={agenda}
                  startsAt={meeting.startsAt}
                  selectedId={selected?.id}
                  onSelect={(item) => setParams({ item })}
                />
              </nav>
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            {selected ? (
              <ItemNotes item={selected} collab={selected.confidential ? closed : open} me={me} />
            ) : (
              <EmptyState>{t('meetings.chooseItem')}</EmptyState>
            )}
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}

function AgendaList({
  items,
  startsAt,
  selectedId,
  onSelect,
}: {
  items: AgendaItem[];
  startsAt: string;
  selectedId?: string;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  let cursor = new Date(startsAt).getTime();
  return (
    <Stack gap={2}>
      {items.map((item, index) => {
        const start = new Date(cursor).toISOString();
        cursor += item.durationMinutes * 60_000;
        return (
          <NavLink
            key={item.id}
            component="button"
            active={item.id === selectedId}
            aria-current={item.id === selectedId ? 'true' : undefined}
            onClick={() => onSelect(item.id)}
            label={`${index + 1}. ${item.title}`}
            description={`${format.time(start)} · ${t('meetings.minutes', { count: item.durationMinutes })} · ${t(`meetings.kind.${item.kind}`)}`}
            rightSection={
              item.confidential ? (
                <Badge size="xs" color="grape">
                  {t('meetings.confidential')}
                </Badge>
              ) : null
            }
          />
        );
      })}
    </Stack>
  );
}

function ItemNotes({ item, collab, me }: { item: AgendaItem; collab: CollabDocument | null; me: Me }) {
  const { t } = useTranslation();
  if (!collab || collab.loading) return <PageLoader />;
  if (collab.state === 'denied') return <Alert color="red">{t('editor.denied')}</Alert>;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('meetings.notesFor', { title: item.title })}
      </Title>
      <CollabStatus collab={collab} />
      <Suspense fallback={<PageLoader />}>
        <CollaborativeEditor
          key={`${item.id}-${collab.doc.guid}`}
          doc={collab.doc}
          provider={collab.provider}
          field={fields.notes(item.id)}
          editable={!collab.readOnly}
          label={t('meetings.notesFor', { title: item.title })}
          user={{ name: me.name, color: colorFor(me.id) }}
        />
      </Suspense>
    </Stack>
  );
}
