import {
  type ApprovalCheck,
  type Confirmation,
  MEETING_TRANSITIONS,
  type Meeting,
  type MeetingTransition,
} from '@council/shared';
import { Alert, Button, Checkbox, Group, List, Loader, Modal, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useFormat } from '../../i18n/format.ts';
import { useCan } from '../auth/useMe.ts';
import { useErrorText } from '../forms/errors.tsx';
import { copenhagenDate } from './copenhagenTime.ts';

/**
 * The lifecycle commands the signed-in person may give now, each behind a confirmation. Approval
 * shows what will be numbered and what must be mended first; opening before the meeting's day and
 * approving without everyone's attendance need a tick, which the audit log records.
 */
export function LifecycleActions({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const format = useFormat();
  const can = useCan();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<MeetingTransition | null>(null);
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState<Confirmation[]>([]);
  const close = () => {
    setPending(null);
    setReason('');
    setConfirmed([]);
    run.reset();
  };
  const run = useMutation({
    mutationFn: (name: MeetingTransition) =>
      api.transition(meeting.id, name, {
        reason: name === 'reopen' || name === 'cancel' ? reason : undefined,
        confirm: confirmed,
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['meetings', meeting.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['meetings'] });
      void queryClient.invalidateQueries({ queryKey: ['decisions'] });
      close();
    },
    // What the server refused may have changed meanwhile: show the list as it is now.
    onError: () => void queryClient.invalidateQueries({ queryKey: ['approval', meeting.id] }),
  });
  // Not asked again while the command is on its way: a change told meanwhile would ask after the
  // approval, and be refused (409) for minutes no longer a draft.
  const check = useQuery({
    queryKey: ['approval', meeting.id],
    queryFn: () => api.approvalCheck(meeting.id),
    enabled: pending === 'approve' && !run.isPending && !run.isSuccess,
    staleTime: 0,
  });
  const available = (Object.keys(MEETING_TRANSITIONS) as MeetingTransition[]).filter((name) =>
    can(name, { type: 'meeting', status: meeting.status }),
  );
  if (available.length === 0) return null;

  const early = pending === 'open' && copenhagenDate(new Date().toISOString()) < copenhagenDate(meeting.startsAt);
  const needed: Confirmation[] = pending === 'approve' ? (check.data?.confirm ?? []) : early ? ['early'] : [];
  const blocked =
    (pending === 'approve' && (!check.data || check.data.problems.length > 0)) ||
    ((pending === 'reopen' || pending === 'cancel') && !reason.trim()) ||
    needed.some((c) => !confirmed.includes(c));
  // `meetings.transition.cancel` is the dialogs' own "Annuller"; cancelling the meeting has its own label.
  const label = (name: MeetingTransition) =>
    t(name === 'cancel' ? 'meetings.transition.cancelMeeting' : `meetings.transition.${name}`);
  const reasonError = errorText.fields(run.error).reason;
  const toggle = (c: Confirmation, on: boolean) =>
    setConfirmed(on ? [...confirmed, c] : confirmed.filter((x) => x !== c));

  return (
    <>
      <Group gap="xs">
        {available.map((name) => (
          <Button
            key={name}
            variant={name === 'approve' ? 'filled' : 'default'}
            color={name === 'cancel' ? 'red' : undefined}
            onClick={() => setPending(name)}
          >
            {label(name)}
          </Button>
        ))}
      </Group>
      <Modal opened={pending !== null} onClose={close} title={pending ? label(pending) : ''}>
        {pending && (
          <Stack>
            <Text>{t(`meetings.transition.explain.${pending}`)}</Text>
            {pending === 'approve' &&
              (check.data ? (
                <ApprovalSummary check={check.data} />
              ) : (
                <Group gap="xs">
                  <Loader size="sm" />
                  <Text size="sm">{t('meetings.transition.check.loading')}</Text>
                </Group>
              ))}
            {early && (
              <Alert color="orange">
                {t('meetings.transition.check.early', { date: format.date(copenhagenDate(meeting.startsAt)) })}
              </Alert>
            )}
            {needed.map((c) => (
              <Checkbox
                key={c}
                label={t(
                  c === 'early'
                    ? 'meetings.transition.check.confirmEarly'
                    : 'meetings.transition.check.confirmAttendance',
                )}
                checked={confirmed.includes(c)}
                onChange={(e) => toggle(c, e.currentTarget.checked)}
              />
            ))}
            {run.error && !reasonError && (
              <Alert color="red" role="alert">
                {errorText.message(run.error)}
              </Alert>
            )}
            {(pending === 'reopen' || pending === 'cancel') && (
              <Textarea
                label={t(pending === 'cancel' ? 'meetings.transition.cancelReason' : 'meetings.transition.reason')}
                required
                value={reason}
                error={reasonError}
                onChange={(e) => setReason(e.currentTarget.value)}
              />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('meetings.transition.cancel')}
              </Button>
              <Button loading={run.isPending} disabled={blocked} onClick={() => run.mutate(pending)}>
                {t('meetings.transition.confirm')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}

/** What approval will number, what it records without a number, and what must be mended first. */
function ApprovalSummary({ check }: { check: ApprovalCheck }) {
  const { t } = useTranslation();
  const untitled = t('meetings.transition.check.untitled');
  return (
    <Stack gap="xs" data-testid="approval-check">
      <Title order={3} size="h5">
        {t('meetings.transition.check.numbered')}
      </Title>
      {check.numbered.length === 0 ? (
        <Text size="sm">{t('meetings.transition.check.noneNumbered')}</Text>
      ) : (
        <List size="sm">
          {check.numbered.map((d) => (
            <List.Item key={d.itemId}>
              <strong>{d.number}</strong> {d.title || untitled}
            </List.Item>
          ))}
        </List>
      )}
      {check.unnumbered.length > 0 && (
        <>
          <Title order={3} size="h5">
            {t('meetings.transition.check.unnumbered')}
          </Title>
          <List size="sm">
            {check.unnumbered.map((d) => (
              <List.Item key={d.itemId}>
                {d.title || untitled} · {t(`meetings.decision.statuses.${d.status}`)}
              </List.Item>
            ))}
          </List>
        </>
      )}
      {check.problems.length > 0 && (
        <Alert color="red" role="alert" title={t('meetings.transition.check.problems')}>
          <List size="sm">
            {check.problems.map((p) => (
              <List.Item key={`${p.code}:${p.itemId ?? p.actionId}`}>
                {t(`meetings.transition.check.problem.${p.code}`, {
                  title: p.title || untitled,
                  reasons: p.reasons.join('; '),
                })}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Text size="sm">{t('meetings.transition.check.attendance', check.attendance)}</Text>
    </Stack>
  );
}
