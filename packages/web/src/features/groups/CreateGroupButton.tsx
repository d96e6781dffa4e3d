import { Alert, Button, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
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

export function CreateGroupButton() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [opened, disclosure] = useDisclosure();
  const open = disclosure.open;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const people = useQuery({ queryKey: ['people'], queryFn: () => api.people(), enabled: opened });
  const empty = {
    name: '',
    purpose: '',
    deliverables: '',
    visibility: 'open',
    leadId: '',
    startDate: '',
    reportDate: '',
    endDate: '',
    decisionNumber: '',
  };
  const [form, setForm] = useState(empty);
  // Closed, the dialog forgets what was typed: reopened, it starts clean.
  const close = () => {
    disclosure.close();
    setForm(empty);
  };
  const create = useCreate(
    (key) =>
      api.createGroup(
        {
          name: form.name,
          purpose: form.purpose,
          deliverables: form.deliverables,
          visibility: form.visibility as 'open' | 'closed',
          leadIds: form.leadId ? [form.leadId] : [],
          startDate: form.startDate || undefined,
          reportDate: form.reportDate || undefined,
          endDate: form.endDate || undefined,
          decisionNumber: form.decisionNumber || undefined,
        },
        key,
      ),
    {
      onSuccess: (group) => {
        void queryClient.invalidateQueries({ queryKey: ['groups'] });
        close();
        setForm(empty);
        navigate(`/groups/${group.id}`);
      },
    },
  );
  const text = bindText(form, setForm, errorText.fields(create.error));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.submit();
  };
  return (
    <>
      <Button onClick={open}>{t('groups.create')}</Button>
      <GuardedModal
        opened={opened}
        onClose={close}
        dirty={JSON.stringify(form) !== JSON.stringify(empty)}
        title={t('groups.create')}
        size="lg"
      >
        <form onSubmit={submit}>
          <Stack>
            {create.error && (
              <Alert color="red" role="alert">
                {errorText.message(create.error)}
              </Alert>
            )}
            <TextInput label={t('groups.name')} required data-autofocus {...text('name')} />
            <Textarea label={t('groups.purpose')} autosize minRows={2} {...text('purpose')} />
            <Textarea label={t('groups.deliverables')} autosize minRows={2} {...text('deliverables')} />
            <Group grow>
              <Select
                label={t('groups.leads')}
                required
                searchable
                value={form.leadId || null}
                onChange={(v) => setForm({ ...form, leadId: v ?? '' })}
                data={(people.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.organisation})` }))}
              />
              <Select
                label={t('groups.visibility')}
                value={form.visibility}
                allowDeselect={false}
                onChange={(v) => v && setForm({ ...form, visibility: v })}
                data={(['open', 'closed'] as const).map((v) => ({ value: v, label: t(`groups.visibilities.${v}`) }))}
              />
            </Group>
            <Group grow>
              <TextInput type="date" label={t('groups.startDate')} {...text('startDate')} />
              <TextInput type="date" label={t('groups.reportDate')} {...text('reportDate')} />
              <TextInput type="date" label={t('groups.endDate')} {...text('endDate')} />
            </Group>
            <TextInput label={t('groups.decisionNumber')} placeholder="2026-014" {...text('decisionNumber')} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('groups.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending} disabled={!form.name.trim() || !form.leadId}>
                {t('groups.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </GuardedModal>
    </>
  );
}
