import type { Home } from '@council/shared';
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { useMe } from '../features/auth/useMe.ts';
import { MeetingStatusBadge } from '../features/meetings/MeetingStatusBadge.tsx';
import { useFormat } from '../i18n/format.ts';
import { PageLoader, QueryError } from './states.tsx';

export const HOME_KEY = ['home'] as const;

/** One block of the home page: a heading, its list, and what it says when there is nothing. */
function Block({
  id,
  title,
  hint,
  empty,
  count,
  more,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  empty: string;
  count: number;
  more?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`home-${id}`} data-testid={`home-${id}`}>
      <Title order={3} size="h4" id={`home-${id}`}>
        {title}
      </Title>
      {hint && (
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
      )}
      {count === 0 ? (
        <Text c="dimmed" size="sm" mt="xs">
          {empty}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} mt="xs" mb={0} style={{ listStyle: 'none' }}>
          {children}
        </Stack>
      )}
      {more && (
        <Text size="sm" mt="sm">
          {more}
        </Text>
      )}
    </Paper>
  );
}

/** The next meeting the person may see, with what they present at it. */
function NextMeeting({ next }: { next: Home['nextMeeting'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!next) {
    return <Block id="next-meeting" title={t('home.nextMeeting')} empty={t('home.noNextMeeting')} count={0} />;
  }
  const { meeting, presenting } = next;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="home-next-meeting" data-testid="home-next-meeting">
      <Title order={3} size="h4" id="home-next-meeting">
        {t('home.nextMeeting')}
      </Title>
      <Group gap="xs" mt="xs" wrap="wrap">
        <Anchor component={Link} to={`/meetings/${meeting.id}`} fw={600}>
          {meeting.title}
        </Anchor>
        <MeetingStatusBadge status={meeting.status} />
      </Group>
      <Text size="sm">
        {format.dateTime(meeting.startsAt)}
        {meeting.location && ` · ${meeting.location}`}
      </Text>
      {presenting.length > 0 ? (
        <>
          <Text size="sm" fw={600} mt="sm">
            {t('home.presenting')}
          </Text>
          <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {presenting.map((item) => (
              <li key={item.itemId}>
                <Anchor component={Link} to={`/meetings/${meeting.id}?tab=agenda&item=${item.itemId}`} size="sm">
                  {item.title}
                </Anchor>
              </li>
            ))}
          </Stack>
        </>
      ) : (
        <Text size="sm" c="dimmed" mt="sm">
          {t('home.notPresenting')}
        </Text>
      )}
    </Paper>
  );
}

/** What needs this person now, composed for them by the server and kept up to date while it is open. */
export function HomePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { data: me } = useMe();
  const home = useQuery({ queryKey: HOME_KEY, queryFn: api.home, refetchInterval: 30_000 });
  // Looking at the page is a visit: decisions adopted after it are new next time.
  const visit = useMutation({ mutationFn: api.homeVisit });
  const loaded = home.isSuccess;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per mount, after the first load
  useEffect(() => {
    if (loaded) visit.mutate();
  }, [loaded]);

  if (home.isPending) return <PageLoader />;
  if (home.isError) return <QueryError error={home.error} onRetry={() => home.refetch()} />;
  const data = home.data;
  const today = new Date().toISOString().slice(0, 10);
  const work = [
    ...data.tasks.map((task) => ({
      key: `t-${task.groupId}-${task.id}`,
      due: task.due,
      title: task.title,
      where: task.groupName,
      to: `/groups/${task.groupId}?task=${task.id}`,
    })),
    ...data.actions.map((action) => ({
      key: `a-${action.meetingId}-${action.refId}`,
      due: action.due,
      title: action.title,
      where: action.meetingTitle,
      to: '/actions',
    })),
  ].sort((a, b) => (a.due ?? '').localeCompare(b.due ?? ''));

  return (
    <Stack>
      <div>
        <Title order={2}>{me ? t('home.greeting', { name: me.name }) : t('home.title')}</Title>
        <Text c="dimmed">{t('home.intro')}</Text>
      </div>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <NextMeeting next={data.nextMeeting} />
        {data.blocks.nextSteps && (
          <Block
            id="next-steps"
            title={t('home.nextSteps')}
            empty={t('home.noNextSteps')}
            count={data.nextSteps.length}
          >
            {data.nextSteps.map(({ meeting, step }) => (
              <li key={meeting.id}>
                <Anchor component={Link} to={`/meetings/${meeting.id}`} fw={600}>
                  {meeting.title}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {t(`home.step.${step}`)} · {format.date(meeting.startsAt)}
                </Text>
              </li>
            ))}
          </Block>
        )}
        {data.blocks.work && (
          <Block
            id="work"
            title={t('home.work')}
            hint={t('home.workHint')}
            empty={t('home.noWork')}
            count={work.length}
            more={
              <Anchor component={Link} to="/tasks">
                {t('home.allTasks')}
              </Anchor>
            }
          >
            {work.map((entry) => (
              <li key={entry.key}>
                <Anchor component={Link} to={entry.to} fw={600}>
                  {entry.title}
                </Anchor>
                <Group gap="xs" wrap="wrap">
                  <Text size="sm" c="dimmed">
                    {entry.where}
                    {entry.due && ` · ${t('home.due', { date: format.date(entry.due) })}`}
                  </Text>
                  {entry.due && entry.due < today && (
                    <Badge color="red" variant="light" size="sm">
                      {t('home.overdue')}
                    </Badge>
                  )}
                </Group>
              </li>
            ))}
          </Block>
        )}
        {data.blocks.volunteers && (
          <Block
            id="volunteers"
            title={t('home.volunteers')}
            empty={t('home.noVolunteers')}
            count={data.volunteers.length}
          >
            {data.volunteers.map((v) => (
              <li key={`${v.callId}-${v.personId}`}>
                <Anchor component={Link} to={`/groups/${v.groupId}`}>
                  {t('home.volunteerIn', { name: v.name, organisation: v.organisation, group: v.groupName })}
                </Anchor>
              </li>
            ))}
          </Block>
        )}
        {data.blocks.calls && (
          <Block
            id="calls"
            title={t('home.calls')}
            empty={t('home.noCalls')}
            count={data.calls.length}
            more={
              <Anchor component={Link} to="/groups">
                {t('home.allCalls')}
              </Anchor>
            }
          >
            {data.calls.map((call) => (
              <li key={call.id}>
                <Anchor component={Link} to={`/groups/${call.groupId}`} fw={600}>
                  {call.groupName}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {call.competencies.join(', ')}
                </Text>
                {call.note && <Text size="sm">{call.note}</Text>}
              </li>
            ))}
          </Block>
        )}
        <Block
          id="decisions"
          title={data.since ? t('home.decisions') : t('home.decisionsRecent')}
          empty={t('home.noDecisions')}
          count={data.decisions.length}
          more={
            <Anchor component={Link} to="/decisions">
              {t('home.register')}
            </Anchor>
          }
        >
          {data.decisions.map((d) => (
            <li key={d.number}>
              <Anchor component={Link} to={`/decisions/${d.number}`}>
                <Text span fw={600}>
                  {d.number}
                </Text>{' '}
                {d.title}
              </Anchor>
            </li>
          ))}
        </Block>
      </SimpleGrid>
    </Stack>
  );
}
