import type { Meeting } from '@council/shared';
import { Anchor, Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { useCan } from '../features/auth/useMe.ts';
import { CreateMeetingButton } from '../features/meetings/CreateMeetingButton.tsx';
import { DeletedMeetings } from '../features/meetings/DeletedMeetings.tsx';
import { MeetingStatusBadge } from '../features/meetings/MeetingStatusBadge.tsx';
import { ProposalsSection } from '../features/proposals/ProposalsSection.tsx';
import { useFormat } from '../i18n/format.ts';
import { EmptyState, PageLoader, QueryError } from './states.tsx';

export function MeetingsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const meetings = useQuery({ queryKey: ['meetings'], queryFn: api.meetings });
  if (meetings.isPending) return <PageLoader />;
  if (meetings.isError) return <QueryError error={meetings.error} onRetry={() => meetings.refetch()} />;

  const now = new Date().toISOString();
  // Approved minutes belong to the past, whatever the date says.
  const isPast = (m: Meeting) => m.endsAt < now || m.status === 'approved';
  const upcoming = meetings.data.filter((m) => !isPast(m)).reverse();
  const past = meetings.data.filter(isPast);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('meetings.title')}</Title>
        <Group gap="sm">
          <Anchor size="sm" href="/api/meetings.ics" download>
            {t('meetings.calendarFeed')}
          </Anchor>
          {can('read', { type: 'meetingTemplates' }) && (
            <Anchor size="sm" component={Link} to="/meetings/templates">
              {t('templates.link')}
            </Anchor>
          )}
          {can('create', { type: 'meetings' }) && <CreateMeetingButton />}
        </Group>
      </Group>
      {meetings.data.length === 0 && <EmptyState>{t('meetings.empty')}</EmptyState>}
      {upcoming.length > 0 && <MeetingList title={t('meetings.upcoming')} meetings={upcoming} />}
      {past.length > 0 && <MeetingList title={t('meetings.past')} meetings={past} />}
      <ProposalsSection meetings={meetings.data} />
      <DeletedMeetings />
    </Stack>
  );
}

function MeetingList({ title, meetings }: { title: string; meetings: Meeting[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-label={title}>
      <Title order={3} size="h4" mb="xs">
        {title}
      </Title>
      <Stack gap="xs">
        {meetings.map((m) => (
          <Card key={m.id} withBorder padding="sm">
            {/* The badges go below the title when both do not fit: squeezed, a badge cuts its words off. */}
            <Group justify="space-between">
              <div>
                <Anchor component={Link} to={`/meetings/${m.id}`} fw={600}>
                  {m.title}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {format.dateTime(m.startsAt)}
                  {m.location && ` · ${m.location}`}
                </Text>
                {m.cancelReason && (
                  <Text size="sm" data-testid="cancel-reason">
                    {t('meetings.cancelled', { reason: m.cancelReason })}
                  </Text>
                )}
              </div>
              <Group gap="xs">
                {m.decisionCount > 0 && (
                  <Badge variant="light">{t('meetings.decisions', { count: m.decisionCount })}</Badge>
                )}
                <MeetingStatusBadge status={m.status} />
              </Group>
            </Group>
            {m.decisions.length > 0 && (
              <List size="sm" mt="xs" listStyleType="none" spacing={2}>
                {m.decisions.map((d) => (
                  <List.Item key={d.number}>
                    {/* Underlined: beside the title's text, colour alone would not tell the link apart (WCAG 1.4.1). */}
                    <Anchor component={Link} to={`/decisions/${d.number}`} size="sm" underline="always">
                      {d.number}
                    </Anchor>{' '}
                    {d.title}
                  </List.Item>
                ))}
              </List>
            )}
          </Card>
        ))}
      </Stack>
    </section>
  );
}
