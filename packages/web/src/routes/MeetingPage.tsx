import { can, docNames, LIVE_MESSAGE, type Me, type Meeting, reviewStageOf } from '@council/shared';
import { Alert, Anchor, Grid, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { actorOf, useMe } from '../features/auth/useMe.ts';
import { CollabStatus } from '../features/collab/CollabStatus.tsx';
import { useCollabDocument } from '../features/collab/useCollabDocument.ts';
import { ActionsPanel } from '../features/meetings/ActionsPanel.tsx';
import { AgendaPanel } from '../features/meetings/AgendaPanel.tsx';
import { ApprovedMinutes } from '../features/meetings/ApprovedMinutes.tsx';
import { AttendancePanel } from '../features/meetings/AttendancePanel.tsx';
import { DeleteMeetingButton } from '../features/meetings/DeleteMeetingButton.tsx';
import { EditMeetingButton } from '../features/meetings/EditMeetingButton.tsx';
import { ItemPanel } from '../features/meetings/ItemPanel.tsx';
import { LifecycleActions } from '../features/meetings/LifecycleActions.tsx';
import { MeetingStatusBadge } from '../features/meetings/MeetingStatusBadge.tsx';
import { ReviewPanel, ReviewRequestBanner, useReview } from '../features/meetings/ReviewPanel.tsx';
import { RsvpBanner, useRsvps } from '../features/meetings/RsvpBanner.tsx';
import { SignaturesPanel } from '../features/meetings/SignaturesPanel.tsx';
import { useAgenda } from '../features/meetings/useAgenda.ts';
import { PapersTab } from '../features/papers/PapersTab.tsx';
import { papersByItem, usePapers } from '../features/papers/usePapers.ts';
import { SaveAsTemplateButton } from '../features/templates/SaveAsTemplateButton.tsx';
import { useFormat } from '../i18n/format.ts';
import { EmptyState, isNotFound, NotFound, PageLoader, QueryError } from './states.tsx';

export default function MeetingPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { data: me } = useMe();
  const meeting = useQuery({ queryKey: ['meetings', id], queryFn: () => api.meeting(id) });
  if (meeting.isPending || !me) return <PageLoader />;
  if (isNotFound(meeting.error)) return <NotFound>{t('meetings.notFound')}</NotFound>;
  if (meeting.isError) return <QueryError error={meeting.error} onRetry={() => meeting.refetch()} />;
  return <MeetingWorkspace meeting={meeting.data} me={me} />;
}

function MeetingWorkspace({ meeting, me }: { meeting: Meeting; me: Me }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const actor = actorOf(me);
  const mayReadClosed = can(actor, 'read', { type: 'meetingClosed', status: meeting.status });
  const editable = can(actor, 'edit', { type: 'meeting', status: meeting.status });
  // A status change, by anyone, reaches every client live: refetch, and reconnect with the new rights.
  const onMessage = (message: { type: string }) => {
    if (message.type === LIVE_MESSAGE.meetingStatus) {
      void queryClient.invalidateQueries({ queryKey: ['meetings'] });
      void queryClient.invalidateQueries({ queryKey: ['minutes', meeting.id] });
    }
  };
  const options = { generation: meeting.status, onMessage };
  const open = useCollabDocument(docNames.meeting(meeting.id), me, options);
  const closed = useCollabDocument(mayReadClosed ? docNames.meetingClosed(meeting.id) : null, me, options);
  const people = useQuery({ queryKey: ['people'], queryFn: () => api.people() });
  const groups = useQuery({ queryKey: ['groups'], queryFn: api.groups });
  const entries = useAgenda(open?.doc);
  const agenda = entries.filter((item) => !item.removedAt);
  const removed = entries.filter((item) => item.removedAt);
  const [params, setParams] = useSearchParams();
  // A removed item stays open for whoever is in it: they are told, and may restore it.
  const selected = entries.find((item) => item.id === params.get('item')) ?? agenda[0];
  const tab = params.get('tab') ?? (meeting.status === 'approved' ? 'minutes' : 'agenda');
  const docs = open ? { open: open.doc, closed: closed?.doc } : null;

  // Draft minutes are signed; approved ones keep who signed.
  const signable = meeting.status === 'minutes-draft' || meeting.status === 'approved';
  // A draft agenda or draft minutes can be sent for review; the tab is for those who send it, and
  // shows everyone who may see the meeting who was asked once a review is under way.
  const review = useReview(meeting).data?.review;
  const rsvps = useRsvps(meeting);
  const papers = usePapers(meeting.id);
  const paperCounts = new Map([...papersByItem(papers.data?.papers ?? [])].map(([id, list]) => [id, list.length]));
  const reviewable =
    reviewStageOf(meeting.status) !== null &&
    (can(actor, 'requestReview', { type: 'meeting', status: meeting.status }) || Boolean(review));
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="sm">
            <Title order={2}>{meeting.title}</Title>
            <MeetingStatusBadge status={meeting.status} />
          </Group>
          <Text c="dimmed" data-testid="meeting-when">
            {t('meetings.when', { start: format.dateTime(meeting.startsAt), end: format.time(meeting.endsAt) })}
            {meeting.location && ` · ${meeting.location}`}
          </Text>
          <Group gap="md" mt={4} className="print-hide">
            <Anchor size="sm" href={`/api/meetings/${meeting.id}/calendar.ics`} download>
              {t('meetings.calendar')}
            </Anchor>
            <Anchor size="sm" component="button" onClick={() => window.print()}>
              {t('meetings.printAgenda')}
            </Anchor>
          </Group>
        </div>
        <Group gap="xs" className="print-hide">
          <LifecycleActions meeting={meeting} />
          <EditMeetingButton meeting={meeting} />
          <DeleteMeetingButton meeting={meeting} />
          <SaveAsTemplateButton meeting={meeting} />
        </Group>
      </Group>
      {meeting.status === 'cancelled' && (
        <Alert color="red" data-testid="meeting-cancelled">
          {t('meetings.cancelled', { reason: meeting.cancelReason ?? '' })}
        </Alert>
      )}
      <ReviewRequestBanner meeting={meeting} />
      <RsvpBanner meeting={meeting} />
      {open?.state === 'denied' && <Alert color="red">{t('editor.denied')}</Alert>}
      {!open || !docs || open.loading ? (
        <PageLoader />
      ) : (
        <Tabs
          value={tab}
          onChange={(value) => setParams({ tab: value ?? 'agenda', ...(selected ? { item: selected.id } : {}) })}
          keepMounted={false}
        >
          <Tabs.List className="print-hide">
            {meeting.status === 'approved' && <Tabs.Tab value="minutes">{t('meetings.tabs.minutes')}</Tabs.Tab>}
            <Tabs.Tab value="agenda">{t('meetings.tabs.agenda')}</Tabs.Tab>
            <Tabs.Tab value="attendance">{t('meetings.tabs.attendance')}</Tabs.Tab>
            <Tabs.Tab value="actions">{t('meetings.tabs.actions')}</Tabs.Tab>
            <Tabs.Tab value="papers">{t('papers.tab', { count: papers.data?.papers.length ?? 0 })}</Tabs.Tab>
            {signable && <Tabs.Tab value="signatures">{t('meetings.tabs.signatures')}</Tabs.Tab>}
            {reviewable && <Tabs.Tab value="review">{t('meetings.review.tab')}</Tabs.Tab>}
          </Tabs.List>
          {meeting.status === 'approved' && (
            <Tabs.Panel value="minutes" pt="md">
              <ApprovedMinutes meetingId={meeting.id} />
            </Tabs.Panel>
          )}
          <Tabs.Panel value="agenda" pt="md">
            <Grid>
              <Grid.Col span={{ base: 12, md: 4 }}>
                <Title order={3} size="h4" mb="xs">
                  {t('meetings.agenda')}
                </Title>
                {agenda.length === 0 && <EmptyState>{t('meetings.agendaEmpty')}</EmptyState>}
                <nav aria-label={t('meetings.agenda')}>
                  <AgendaPanel
                    meetingId={meeting.id}
                    items={agenda}
                    removed={removed}
                    people={people.data ?? []}
                    docs={docs}
                    editable={editable}
                    startsAt={meeting.startsAt}
                    endsAt={meeting.endsAt}
                    selectedId={selected?.id}
                    onSelect={(item) => setParams({ tab: 'agenda', item })}
                    paperCounts={paperCounts}
                  />
                </nav>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 8 }}>
                {selected ? (
                  <ItemPanel
                    key={selected.id}
                    meeting={meeting}
                    item={selected}
                    docs={docs}
                    collab={selected.confidential ? closed : open}
                    editable={editable}
                    people={people.data ?? []}
                    me={me}
                    mayReadConfidential={mayReadClosed}
                    number={meeting.decisions.find((d) => d.itemId === selected.id)?.number}
                  />
                ) : (
                  // No item, so no editor to show whether changes are saved: the status shows here.
                  <Stack>
                    <CollabStatus collab={open} />
                    <EmptyState>{t('meetings.chooseItem')}</EmptyState>
                  </Stack>
                )}
              </Grid.Col>
            </Grid>
          </Tabs.Panel>
          {reviewable && (
            <Tabs.Panel value="review" pt="md">
              <ReviewPanel
                meeting={meeting}
                people={people.data ?? []}
                presenterIds={agenda.flatMap((i) => i.presenterId ?? [])}
              />
            </Tabs.Panel>
          )}
          {signable && (
            <Tabs.Panel value="signatures" pt="md">
              <SignaturesPanel meeting={meeting} />
            </Tabs.Panel>
          )}
          <Tabs.Panel value="attendance" pt="md">
            <AttendancePanel
              doc={open.doc}
              people={people.data ?? []}
              editable={editable}
              replies={rsvps.data?.replies}
            />
          </Tabs.Panel>
          <Tabs.Panel value="papers" pt="md">
            <PapersTab meeting={meeting} agenda={agenda} me={me} />
          </Tabs.Panel>
          <Tabs.Panel value="actions" pt="md">
            <ActionsPanel
              doc={open.doc}
              provider={open.provider}
              people={people.data ?? []}
              groups={groups.data ?? []}
              editable={editable}
              meId={me.id}
            />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}
