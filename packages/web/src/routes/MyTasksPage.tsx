import type { CouncilAction, Task } from '@council/shared';
import { Anchor, Badge, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { useFormat } from '../i18n/format.ts';
import { EmptyState, PageLoader, QueryError } from './states.tsx';

type Bucket = 'overdue' | 'thisWeek' | 'later' | 'noDue';

function bucketOf(due: string | null, today: string, weekEnd: string): Bucket {
  if (!due) return 'noDue';
  if (due < today) return 'overdue';
  return due <= weekEnd ? 'thisWeek' : 'later';
}

/** A line of My tasks: a task on a group's board, or one of the council's own action points. */
type Entry = { key: string; due: string | null } & ({ task: Task } | { action: CouncilAction });

/**
 * Everything assigned to me, by due date, overdue first: tasks across groups and the council's
 * action points; what is done is left out.
 */
export function MyTasksPage() {
  const { t } = useTranslation();
  const format = useFormat();
  // The lists come from read models, not live documents: refresh them now and then.
  const tasks = useQuery({
    queryKey: ['tasks', 'mine'],
    queryFn: () => api.tasks({ assignee: 'me' }),
    refetchInterval: 30_000,
  });
  const actions = useQuery({
    queryKey: ['actions', { status: 'open', assignee: 'me' }],
    queryFn: () => api.councilActions({ status: 'open', assignee: 'me' }),
    refetchInterval: 30_000,
  });
  if (tasks.isPending || actions.isPending) return <PageLoader />;
  if (tasks.isError) return <QueryError error={tasks.error} onRetry={() => tasks.refetch()} />;
  if (actions.isError) return <QueryError error={actions.error} onRetry={() => actions.refetch()} />;
  const open: Entry[] = [
    ...tasks.data
      .filter((task) => task.status !== 'done')
      .map((task) => ({ key: `${task.groupId}-${task.id}`, due: task.due ?? null, task })),
    ...actions.data.map((action) => ({ key: `${action.meetingId}-${action.refId}`, due: action.due, action })),
  ].sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999'));
  const today = new Date().toISOString().slice(0, 10);
  const weekEnd = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const buckets: Bucket[] = ['overdue', 'thisWeek', 'later', 'noDue'];

  return (
    <Stack>
      <Title order={2}>{t('tasks.title')}</Title>
      {open.length === 0 && <EmptyState>{t('tasks.empty')}</EmptyState>}
      {buckets.map((bucket) => {
        const list = open.filter((entry) => bucketOf(entry.due, today, weekEnd) === bucket);
        if (list.length === 0) return null;
        return (
          <section key={bucket} aria-labelledby={`bucket-${bucket}`}>
            <Title order={3} size="h4" id={`bucket-${bucket}`} mb="xs" c={bucket === 'overdue' ? 'red.8' : undefined}>
              {t(`tasks.${bucket}`)} ({list.length})
            </Title>
            <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid={`tasks-${bucket}`}>
              {list.map((entry) => (
                <Paper key={entry.key} withBorder p="sm" component="li">
                  {'task' in entry ? (
                    <>
                      <Anchor component={Link} to={`/groups/${entry.task.groupId}?task=${entry.task.id}`} fw={600}>
                        {entry.task.title}
                      </Anchor>
                      <Text size="sm" c="dimmed">
                        {entry.task.groupName} ·{' '}
                        {t(`groups.columns.${entry.task.status as 'todo'}`, { defaultValue: entry.task.status })}
                        {entry.due && ` · ${format.date(entry.due)}`}
                      </Text>
                      {entry.task.needsAttention && (
                        <Badge color="orange" size="xs">
                          {t('groups.needsAttention')}
                        </Badge>
                      )}
                    </>
                  ) : (
                    <>
                      <Anchor component={Link} to="/actions" fw={600}>
                        {entry.action.title}
                      </Anchor>
                      <Text size="sm" c="dimmed">
                        {t('councilActions.fromCouncil')} · {entry.action.meetingTitle}
                        {entry.due && ` · ${format.date(entry.due)}`}
                      </Text>
                    </>
                  )}
                </Paper>
              ))}
            </Stack>
          </section>
        );
      })}
    </Stack>
  );
}
