import { type AgendaItem, addAgendaItem, type Followup, type MeetingDocs } from '@council/shared';
import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { randomId } from '../randomId.ts';

/** Postponed decisions and open action points from earlier meetings, one click from the agenda. */
export function CarryOver({ meetingId, docs, agenda }: { meetingId: string; docs: MeetingDocs; agenda: AgendaItem[] }) {
  const { t } = useTranslation();
  const followups = useQuery({ queryKey: ['carry-over', meetingId], queryFn: () => api.carryOver(meetingId) });
  const titleOf = (f: Followup) =>
    f.kind === 'action'
      ? t('meetings.carryOver.followUp', { title: f.title })
      : f.kind === 'report'
        ? t('meetings.carryOver.report', { title: f.title })
        : f.title;
  const onAgenda = new Set(agenda.map((item) => item.title));
  const open = (followups.data ?? []).filter((f) => !onAgenda.has(titleOf(f)));
  if (open.length === 0) return null;

  const add = (f: Followup) =>
    addAgendaItem(docs, {
      id: randomId(),
      title: titleOf(f),
      kind: f.kind === 'postponed' ? 'decision' : f.kind === 'report' ? 'discussion' : 'information',
      durationMinutes: f.kind === 'action' ? 5 : 20,
      confidential: false,
    });

  return (
    <Paper withBorder p="xs" component="section" aria-labelledby="carry-over" className="print-hide">
      <Title order={4} size="h6" id="carry-over" mb={4}>
        {t('meetings.carryOver.title')}
      </Title>
      <Stack gap={4}>
        {open.map((f) => (
          <div key={`${f.meetingId}-${f.kind}-${f.refId}`}>
            <Text size="sm">{titleOf(f)}</Text>
            <Text size="xs" c="dimmed">
              {f.kind === 'report'
                ? t('meetings.carryOver.reportDue', { date: f.due ?? '' })
                : t(`meetings.carryOver.${f.kind}`, { meeting: f.meetingTitle })}
            </Text>
            <Button
              size="compact-xs"
              variant="light"
              onClick={() => add(f)}
              aria-label={t('meetings.carryOver.add', { title: titleOf(f) })}
            >
              +
            </Button>
          </div>
        ))}
      </Stack>
    </Paper>
  );
}
