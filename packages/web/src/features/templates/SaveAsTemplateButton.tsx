import { type Meeting, TEMPLATE_LIMITS } from '@council/shared';
import { Alert, Anchor, Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useCan } from '../auth/useMe.ts';
import { useErrorText } from '../forms/errors.tsx';
import { GuardedModal } from '../forms/GuardedModal.tsx';
import { useCreate } from '../forms/useCreate.ts';

/** "Gem som skabelon": the meeting's agenda items (never their notes) become a template for later meetings. */
export function SaveAsTemplateButton({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const can = useCan();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [opened, disclosure] = useDisclosure();
  const [name, setName] = useState(meeting.title);
  const [description, setDescription] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const save = useCreate((key) => api.templateFromMeeting({ meetingId: meeting.id, name, description }, key), {
    onSuccess: (template) => {
      void queryClient.invalidateQueries({ queryKey: ['meeting-templates'] });
      setSaved(template.name);
    },
  });
  if (!can('create', { type: 'meetingTemplates' })) return null;
  const open = () => {
    setName(meeting.title);
    setDescription('');
    setSaved(null);
    save.reset();
    disclosure.open();
  };
  const errors = errorText.fields(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.submit();
  };
  return (
    <>
      <Button variant="default" onClick={open}>
        {t('templates.saveAs.action')}
      </Button>
      <GuardedModal
        opened={opened}
        onClose={disclosure.close}
        dirty={!saved && (name !== meeting.title || description !== '')}
        title={t('templates.saveAs.title')}
      >
        {saved ? (
          <Stack>
            <Alert color="green" role="status">
              {t('templates.saveAs.saved', { name: saved })}
            </Alert>
            <Group justify="space-between">
              <Anchor component={Link} to="/meetings/templates">
                {t('templates.saveAs.toTemplates')}
              </Anchor>
              <Button onClick={disclosure.close} data-autofocus>
                {t('templates.close')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <form onSubmit={submit}>
            <Stack>
              <Text size="sm">{t('templates.saveAs.explain')}</Text>
              {save.error && (
                <Alert color="red" role="alert">
                  {errorText.message(save.error)}
                </Alert>
              )}
              <TextInput
                label={t('templates.form.name')}
                required
                data-autofocus
                maxLength={TEMPLATE_LIMITS.name}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={errors.name}
              />
              <Textarea
                label={t('templates.form.description')}
                autosize
                minRows={2}
                maxLength={TEMPLATE_LIMITS.description}
                value={description}
                onChange={(e) => setDescription(e.currentTarget.value)}
                error={errors.description}
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={disclosure.close}>
                  {t('templates.cancel')}
                </Button>
                <Button type="submit" loading={save.isPending} disabled={!name.trim()}>
                  {t('templates.saveAs.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </GuardedModal>
    </>
  );
}
