import { ActionIcon, Indicator } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNotifications } from './useNotifications.ts';

/** The bell in the header: the unread count, kept current by the change feed; it opens the list. */
export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useNotifications().data?.unread ?? 0;
  const label =
    unread > 0
      ? `${t('notifications.bell')}, ${t('notifications.unread', { count: unread })}`
      : t('notifications.bell');
  return (
    <Indicator label={unread > 99 ? '99+' : unread} size={18} disabled={unread === 0} color="red.8" offset={4}>
      <ActionIcon
        component={Link}
        to="/notifications"
        variant="subtle"
        size="lg"
        aria-label={label}
        data-testid="notification-bell"
        data-unread={unread}
      >
        <svg
          aria-hidden="true"
          width="20"
          height="20"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
      </ActionIcon>
    </Indicator>
  );
}
