import { Alert, Button, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useFormat } from '../../i18n/format.ts';
import { PageLoader, QueryError } from '../../routes/states.tsx';
import { useErrorText } from '../forms/errors.tsx';

const FEED_KEY = ['me', 'calendar'] as const;

/**
 * The person's secret calendar link on "Min konto": made (or made anew, which revokes the old one)
 * and revoked here. The server keeps only its hash, so the link is shown once, when it is made.
 */
export function CalendarFeedSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const feed = useQuery({ queryKey: FEED_KEY, queryFn: api.calendarFeed });
  const create = useMutation({
    mutationFn: api.createCalendarFeed,
    onSuccess: (made) => {
      revoke.reset();
      queryClient.setQueryData(FEED_KEY, { active: true, createdAt: made.createdAt });
    },
  });
  const revoke = useMutation({
    mutationFn: api.revokeCalendarFeed,
    onSuccess: () => {
      create.reset();
      queryClient.setQueryData(FEED_KEY, { active: false, createdAt: null });
    },
  });
  const error = create.error ?? revoke.error;
  const url = create.data?.url;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="calendar-heading">
      <Stack>
        <Title order={3} id="calendar-heading">
          {t('account.calendar.heading')}
        </Title>
        <Text size="sm">{t('account.calendar.intro')}</Text>
        {error && <Alert color="red">{errorText.message(error)}</Alert>}
        {feed.isPending ? (
          <PageLoader />
        ) : feed.isError ? (
          <QueryError error={feed.error} onRetry={() => feed.refetch()} />
        ) : (
          <>
            {url ? (
              <Stack gap="xs">
                <Group align="flex-end" wrap="nowrap">
                  <TextInput
                    label={t('account.calendar.link')}
                    value={url}
                    readOnly
                    style={{ flex: 1 }}
                    onFocus={(e) => e.currentTarget.select()}
                    data-testid="calendar-link"
                  />
                  <CopyButton value={url}>
                    {({ copied, copy }) => (
                      <Button variant="default" onClick={copy}>
                        {copied ? t('account.calendar.copied') : t('account.calendar.copy')}
                      </Button>
                    )}
                  </CopyButton>
                </Group>
                <Text size="sm" role="status">
                  {t('account.calendar.copyNow')}
                </Text>
              </Stack>
            ) : feed.data.active && feed.data.createdAt ? (
              <Text size="sm">{t('account.calendar.active', { at: format.stamp(feed.data.createdAt) })}</Text>
            ) : (
              <Text size="sm">{t('account.calendar.none')}</Text>
            )}
            {revoke.isSuccess && (
              <Alert color="green" role="status">
                {t('account.calendar.revoked')}
              </Alert>
            )}
            <Group>
              <Button loading={create.isPending} onClick={() => create.mutate()}>
                {feed.data.active ? t('account.calendar.regenerate') : t('account.calendar.create')}
              </Button>
              {feed.data.active && (
                <Button variant="default" color="red" loading={revoke.isPending} onClick={() => revoke.mutate()}>
                  {t('account.calendar.revoke')}
                </Button>
              )}
            </Group>
            {feed.data.active && (
              <Text size="xs" c="dimmed">
                {t('account.calendar.regenerateHint')}
              </Text>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
