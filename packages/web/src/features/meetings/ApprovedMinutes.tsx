import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { api } from '../../api/client.ts';
import { useFormat } from '../../i18n/format.ts';
import { PageLoader, QueryError } from '../../routes/states.tsx';
import classes from './minutes.module.css';

/** The rendered minutes stored at approval; the server picks the public or the council version. */
export function ApprovedMinutes({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const minutes = useQuery({ queryKey: ['minutes', meetingId], queryFn: () => api.minutes(meetingId) });
  const { hash } = useLocation();
  // A link to an item (#item-…) or a decision (#decision-…) lands there once the minutes are shown.
  useEffect(() => {
    if (minutes.data && hash) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [minutes.data, hash]);
  if (minutes.isPending) return <PageLoader />;
  if (minutes.isError) return <QueryError error={minutes.error} onRetry={() => minutes.refetch()} />;
  return (
    <Stack>
      <Group justify="space-between" className={classes.noPrint}>
        <Text size="sm" c="dimmed">
          {t('meetings.minutesView.version', {
            version: minutes.data.version,
            date: format.date(minutes.data.approvedAt),
          })}
        </Text>
        <Group gap="xs">
          <Anchor href={`/api/meetings/${meetingId}/minutes.md`} download>
            {t('meetings.minutesView.download')}
          </Anchor>
          <Button variant="default" size="xs" onClick={() => window.print()}>
            {t('meetings.minutesView.print')}
          </Button>
        </Group>
      </Group>
      <Paper withBorder p="lg" className={classes.minutes}>
        {/* Rendered on the server from the documents, with every text escaped there. */}
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: server-escaped HTML, see render.ts */}
        <div data-testid="approved-minutes" dangerouslySetInnerHTML={{ __html: minutes.data.html }} />
      </Paper>
    </Stack>
  );
}
