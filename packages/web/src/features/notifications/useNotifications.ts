import { type Locale, messages, type Notification, notificationText } from '@council/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';

export const NOTIFICATIONS_KEY = ['notifications'] as const;

/** One's notifications and unread count; the change feed refetches them when something arrives. */
export function useNotifications(enabled = true) {
  return useQuery({ queryKey: NOTIFICATIONS_KEY, queryFn: api.notifications, enabled });
}

/** A notification's message in the reader's language: the same words as its mail. */
export function useNotificationText(): (n: Notification) => string {
  const { i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'da';
  return (n) => notificationText(n, messages[locale], locale);
}

export function useMarkRead() {
  const client = useQueryClient();
  const done = () => client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  return {
    one: useMutation({ mutationFn: api.markNotificationRead, onSuccess: done }),
    all: useMutation({ mutationFn: api.markAllNotificationsRead, onSuccess: done }),
  };
}
