import { Alert, Button, Group, Select, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { bindText } from '../forms/bindText.ts';
import { useErrorText } from '../forms/errors.tsx';
import { GuardedModal } from '../forms/GuardedModal.tsx';
import { useCreate } from '../forms/useCreate.ts';
import { copenhagenIso } from './copenhagenTime.ts';
import { MeetingFields } from './MeetingFields.tsx';

/** `template` '' is an empty agenda; otherwise the template whose items the agenda starts with. */
const EMPTY = { title: '', date: '', start: '09:00', end: '12:00', location: '', template: '' };

export function CreateMeetingButton() {
  const { t } = useTranslation();
  const [opened, disclosure] = useDisclosure();
  const open = disclosure.open;
  // A dialog opened again starts clean: no errors, nothing typed from the last attempt.
  const close = () => {
    disclosure.close();
    create.reset();
    setForm(EMPTY);
  };
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(EMPTY);
  const templates = useQuery({ queryKey: ['meeting-templates'], queryFn: api.templates, enabled: opened });
  const create = useCreate(
    (key) => {
      const meeting = {
        title: form.title,
        startsAt: copenhagenIso(form.date, form.start),
        endsAt: copenhagenIso(form.date, form.end),
        location: form.location,
      };
      return form.template
        ? api.createMeetingFromTemplate(form.template, meeting, key)
        : api.createMeeting(meeting, key);
    },
    {
      onSuccess: (meeting) => {
        void queryClient.invalidateQueries({ queryKey: ['meetings'] });
        close();
        navigate(`/meetings/${meeting.id}`);
      },
    },
  );
  const errorText = useErrorText();
  const errors = errorText.fields(create.error);
  // The form's date and times become the request's startsAt and endsAt: their errors go there.
  const field = bindText(form, setForm, { ...errors, date: errors.startsAt ?? '', end: errors.endsAt ?? '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.submit();
  };

  return (
    <>
      <Button onClick={open}>{t('meetings.create.open')}</Button>
      <GuardedModal
        opened={opened}
        onClose={close}
        dirty={JSON.stringify(form) !== JSON.stringify(EMPTY)}
        title={t('meetings.create.title')}
      >
        <form onSubmit={submit}>
          <Stack>
            {create.error && (
              <Alert color="red" role="alert">
                {errorText.message(create.error)}
              </Alert>
            )}
            {(templates.data?.length ?? 0) > 0 && (
              <Select
                label={t('templates.choose.label')}
                description={t('templates.choose.hint')}
                value={form.template}
                allowDeselect={false}
                data={[
                  { value: '', label: t('templates.choose.none') },
                  ...(templates.data ?? []).map((tpl) => ({
                    value: tpl.id,
                    label: t('templates.choose.option', { name: tpl.name, count: tpl.items.length }),
                  })),
                ]}
                onChange={(value) => {
                  const chosen = templates.data?.find((tpl) => tpl.id === value);
                  // A template's name is a fair first title; one typed already is kept.
                  setForm({ ...form, template: value ?? '', title: form.title || (chosen?.name ?? '') });
                }}
              />
            )}
            <MeetingFields field={field} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('meetings.create.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending} disabled={!form.title || !form.date}>
                {t('meetings.create.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </GuardedModal>
    </>
  );
}
