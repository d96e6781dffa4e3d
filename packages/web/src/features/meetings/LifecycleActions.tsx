import { MEETING_TRANSITIONS, type Meeting, type MeetingTransition } from '@council/shared';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useCan } from '../auth/useMe.ts';

/** The lifecycle commands the signed-in person may give now, each behind a confirmation. */
export function LifecycleActions({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const can = useCan();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<MeetingTransition | null>(null);
  const [reason, setReason] = useState('');
  const run = useMutation({
    mutationFn: (name: MeetingTransition) => api.transition(meeting.id, name, name === 'reopen' ? reason : undefined),
    onSuccess: (updated) => {
      queryClient.setQueryData(['meetings', meeting.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['meetings'] });
      void queryClient.invalidateQueries({ queryKey: ['decisions'] });
      setPending(null);
      setReason('');
    },
  });
  const available = (Object.keys(MEETING_TRANSITIONS) as MeetingTransition[]).filter((name) =>
    can(name, { type: 'meeting', status: meeting.status }),
  );
  if (available.length === 0) return null;

  return (
    <>
      <Group gap="xs">
        {available.map((name) => (
          <Button key={name} variant={name === 'approve' ? 'filled' : 'default'} onClick={() => setPending(name)}>
            {t(`meetings.transition.${name}`)}
          </Button>
        ))}
      </Group>
      <Modal
        opened={pending !== null}
        onClose={() => setPending(null)}
        title={pending ? t(`meetings.transition.${pending}`) : ''}
      >
        {pending && (
          <Stack>
            <Text>{t(`meetings.transition.explain.${pending}`)}</Text>
            {run.error && (
              <Alert color="red" role="alert">
                {run.error.message}
              </Alert>
            )}
            {pending === 'reopen' && (
              <Textarea
                label={t('meetings.transition.reason')}
                required
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
              />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPending(null)}>
                {t('meetings.transition.cancel')}
              </Button>
              <Button
                loading={run.isPending}
                disabled={pending === 'reopen' && !reason.trim()}
                onClick={() => run.mutate(pending)}
              >
                {t('meetings.transition.confirm')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
