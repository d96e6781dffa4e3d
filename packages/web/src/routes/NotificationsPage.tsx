import type { Notification } from '@council/shared';
import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMarkRead, useNotifications, useNotificationText } from '../features/notifications/useNotifications.ts';
import { useFormat } from '../i18n/format.ts';
import { EmptyState, PageLoader, QueryError } from './states.tsx';

/** Everything one has been told, newest first: each links to what it concerns, and can be marked read. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const list = useNotifications();
  const mark = useMarkRead();
  if (list.isPending) return <PageLoader />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => list.refetch()} />;
  const { items, unread } = list.data;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('notifications.title')}</Title>
        {unread > 0 && (
          <Button variant="default" size="xs" loading={mark.all.isPending} onClick={() => mark.all.mutate()}>
            {t('notifications.markAllRead')}
          </Button>
        )}
      </Group>
      {items.length === 0 ? (
        <EmptyState>{t('notifications.empty')}</EmptyState>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((n) => (
            <Entry key={n.id} n={n} onRead={() => mark.one.mutate(n.id)} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function Entry({ n, onRead }: { n: Notification; onRead: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useNotificationText();
  const navigate = useNavigate();
  const unread = n.readAt === null;
  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      data-testid="notification"
      data-unread={unread || undefined}
      style={unread ? { borderLeft: '4px solid var(--mantine-primary-color-filled)' } : undefined}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={2} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
          <Anchor
            component={Link}
            to={n.url}
            fw={unread ? 700 : 400}
            underline="always"
            onClick={(e) => {
              // Read once opened: marked, then on to what it concerns.
              if (!unread) return;
              e.preventDefault();
              onRead();
              void navigate(n.url);
            }}
          >
            {text(n)}
          </Anchor>
          {n.lines.length > 0 && (
            <Stack gap={0} component="ul" pl="md" m={0}>
              {n.lines.map((line) => (
                <Text key={line} size="sm" component="li">
                  {line}
                </Text>
              ))}
            </Stack>
          )}
          <Text size="xs" c="dimmed">
            {format.dateTime(n.createdAt)}
          </Text>
        </Stack>
        {unread ? (
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={onRead}
            aria-label={`${t('notifications.markRead')}: ${text(n)}`}
          >
            {t('notifications.markRead')}
          </Button>
        ) : (
          <Text size="xs" c="dimmed">
            {t('notifications.read')}
          </Text>
        )}
      </Group>
    </Paper>
  );
}
