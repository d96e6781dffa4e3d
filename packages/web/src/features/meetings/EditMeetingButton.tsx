import { can, type Meeting } from '@council/shared';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { actorOf, useMe } from '../auth/useMe.ts';
import { bindText } from '../forms/bindText.ts';
import { useErrorText } from '../forms/errors.tsx';
import { GuardedModal } from '../forms/GuardedModal.tsx';
import { copenhagenClock, copenhagenDate, copenhagenIso } from './copenhagenTime.ts';
import { MeetingFields } from './MeetingFields.tsx';

const formOf = (m: Meeting) => ({
  title: m.title,
  date: copenhagenDate(m.startsAt),
  start: copenhagenClock(m.startsAt),
  end: copenhagenClock(m.endsAt),
  location: m.location,
});

/**
 * The meeting's own fields, for those who may create meetings, until the minutes are approved. Only
 * what changed is sent (a PATCH names its fields); after publishing, the invited get the change as
 * an update of their calendar's event.
 */
export function EditMeetingButton({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const errorText = useErrorText();
  const client = useQueryClient();
  const [opened, disclosure] = useDisclosure();
  const [form, setForm] = useState(() => formOf(meeting));
  const save = useMutation({
    mutationFn: () => {
      const before = formOf(meeting);
      const startsAt = copenhagenIso(form.date, form.start);
      const endsAt = copenhagenIso(form.date, form.end);
      return api.updateMeeting(meeting.id, {
        ...(form.title !== before.title ? { title: form.title } : {}),
        ...(form.location !== before.location ? { location: form.location } : {}),
        ...(startsAt !== copenhagenIso(before.date, before.start) ? { startsAt } : {}),
        ...(endsAt !== copenhagenIso(before.date, before.end) ? { endsAt } : {}),
      });
    },
    onSuccess: (updated) => {
      client.setQueryData(['meetings', meeting.id], updated);
      void client.invalidateQueries({ queryKey: ['meetings'] });
      disclosure.close();
    },
  });
  const actor = me ? actorOf(me) : null;
  if (
    !actor ||
    !can(actor, 'create', { type: 'meetings' }) ||
    !can(actor, 'edit', { type: 'meeting', status: meeting.status })
  )
    return null;
  const errors = errorText.fields(save.error);
  const field = bindText(form, setForm, { ...errors, date: errors.startsAt ?? '', end: errors.endsAt ?? '' });
  const open = () => {
    setForm(formOf(meeting));
    save.reset();
    disclosure.open();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.date && form.start && form.end) save.mutate();
  };
  return (
    <>
      <Button variant="default" onClick={open}>
        {t('meetings.edit.open')}
      </Button>
      <GuardedModal
        opened={opened}
        onClose={disclosure.close}
        dirty={JSON.stringify(form) !== JSON.stringify(formOf(meeting))}
        title={t('meetings.edit.title')}
      >
        <form onSubmit={submit}>
          <Stack>
            {save.error && Object.keys(errors).length === 0 && (
              <Alert color="red" role="alert">
                {errorText.message(save.error)}
              </Alert>
            )}
            <MeetingFields field={field} />
            {meeting.status === 'published' && (
              <Text size="sm" c="dimmed">
                {t('meetings.edit.invited')}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={disclosure.close}>
                {t('meetings.create.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('meetings.edit.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </GuardedModal>
    </>
  );
}
