import type { Meeting } from '@council/shared';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { useCan } from '../auth/useMe.ts';
import { useErrorText } from '../forms/errors.tsx';
import type { JustDeleted } from './DeletedMeetings.tsx';

/** "Slet mødet" for a draft, behind a dialog that says what deleting does; afterwards, the meetings list, with an undo. */
export function DeleteMeetingButton({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const can = useCan();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const remove = useMutation({
    mutationFn: () => api.deleteMeeting(meeting.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ['meetings', meeting.id] });
      void queryClient.invalidateQueries({ queryKey: ['meetings'] });
      void queryClient.invalidateQueries({ queryKey: ['home'] });
      void navigate('/meetings', {
        state: { deleted: { id: meeting.id, title: meeting.title } } satisfies JustDeleted,
      });
    },
  });
  if (!can('delete', { type: 'meeting', status: meeting.status })) return null;
  const close = () => {
    setOpened(false);
    remove.reset();
  };
  return (
    <>
      <Button variant="default" color="red" onClick={() => setOpened(true)}>
        {t('meetings.delete.action')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('meetings.delete.title')}>
        <Stack>
          <Text>{t('meetings.delete.explain', { title: meeting.title })}</Text>
          {remove.error && (
            <Alert color="red" role="alert">
              {errorText.message(remove.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('meetings.transition.cancel')}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
              {t('meetings.delete.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
