import { DELIVERIES, type Delivery, NOTIFICATION_KINDS, type NotificationKind } from '@council/shared';
import { Alert, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useErrorText } from '../forms/errors.tsx';

const KEY = ['notificationPreferences'] as const;
const HOURS = Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: `${String(h).padStart(2, '0')}:00` }));

/** On "Min konto": per kind of event, mail at once, in the daily digest or never, and the digest's hour. Saved as chosen. */
export function PreferencesSection() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const prefs = useQuery({ queryKey: KEY, queryFn: api.notificationPreferences });
  const save = useMutation({
    mutationFn: api.updateNotificationPreferences,
    onSuccess: (data) => client.setQueryData(KEY, data),
  });
  if (!prefs.data) return null;
  const choose = (kind: NotificationKind, delivery: Delivery) => save.mutate({ deliveries: { [kind]: delivery } });
  return (
    <Stack gap="xs" component="section" aria-labelledby="notification-preferences">
      <Title order={3} size="h4" id="notification-preferences">
        {t('notifications.preferences.title')}
      </Title>
      <Text size="sm">{t('notifications.preferences.intro')}</Text>
      <Table.ScrollContainer minWidth={360}>
        <Table>
          <Table.Tbody>
            {NOTIFICATION_KINDS.map((kind) => (
              <Table.Tr key={kind}>
                <Table.Td>
                  <label htmlFor={`delivery-${kind}`}>{t(`notifications.kindNames.${kind}`)}</label>
                </Table.Td>
                <Table.Td w={190}>
                  <Select
                    id={`delivery-${kind}`}
                    size="xs"
                    allowDeselect={false}
                    value={prefs.data.deliveries[kind]}
                    onChange={(value) => value && choose(kind, value as Delivery)}
                    data={DELIVERIES.map((d) => ({ value: d, label: t(`notifications.preferences.${d}`) }))}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Select
        label={t('notifications.preferences.digestHour')}
        size="xs"
        w={190}
        allowDeselect={false}
        value={String(prefs.data.digestHour)}
        onChange={(value) => value && save.mutate({ digestHour: Number(value) })}
        data={HOURS}
      />
      <div role="status">
        {save.isSuccess && (
          <Text size="sm" c="green.9">
            {t('notifications.preferences.saved')}
          </Text>
        )}
      </div>
      {save.error && (
        <Alert color="red" role="alert">
          {errorText.message(save.error)}
        </Alert>
      )}
    </Stack>
  );
}
