import type { Task } from '@council/shared';
import { Anchor, Badge, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { useFormat } from '../i18n/format.ts';
import { EmptyState, PageLoader, QueryError } from './states.tsx';

type Bucket = 'overdue' | 'thisWeek' | 'later' | 'noDue';

function bucketOf(task: Task, today: string, weekEnd: string): Bucket {
  if (!task.due) return 'noDue';
  if (task.due < today) return 'overdue';
  return task.due <= weekEnd ? 'thisWeek' : 'later';
}

/** Everything assigned to me across groups, by due date, overdue first; done tasks are left out. */
export function MyTasksPage() {
  const { t } = useTranslation();
  const format = useFormat();
  // The list comes from the read model, not a live document: refresh it now and then.
  const tasks = useQuery({
    queryKey: ['tasks', 'mine'],
    queryFn: () => api.tasks({ assignee: 'me' }),
    refetchInterval: 30_000,
  });
  if (tasks.isPending) return <PageLoader />;
  if (tasks.isError) return <QueryError error={tasks.error} onRetry={() => tasks.refetch()} />;
  const open = tasks.data.filter((task) => task.status !== 'done');
  const today = new Date().toISOString().slice(0, 10);
  const weekEnd = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const buckets: Bucket[] = ['overdue', 'thisWeek', 'later', 'noDue'];

  return (
    <Stack>
      <Title order={2}>{t('tasks.title')}</Title>
      {open.length === 0 && <EmptyState>{t('tasks.empty')}</EmptyState>}
      {buckets.map((bucket) => {
        const list = open.filter((task) => bucketOf(task, today, weekEnd) === bucket);
        if (list.length === 0) return null;
        return (
          <section key={bucket} aria-labelledby={`bucket-${bucket}`}>
            <Title order={3} size="h4" id={`bucket-${bucket}`} mb="xs" c={bucket === 'overdue' ? 'red.8' : undefined}>
              {t(`tasks.${bucket}`)} ({list.length})
            </Title>
            <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid={`tasks-${bucket}`}>
              {list.map((task) => (
                <Paper key={`${task.groupId}-${task.id}`} withBorder p="sm" component="li">
                  <Anchor component={Link} to={`/groups/${task.groupId}?task=${task.id}`} fw={600}>
                    {task.title}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {task.groupName} · {t(`groups.columns.${task.status as 'todo'}`, { defaultValue: task.status })}
                    {task.due && ` · ${format.date(task.due)}`}
                  </Text>
                  {task.needsAttention && (
                    <Badge color="orange" size="xs">
                      {t('groups.needsAttention')}
                    </Badge>
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
