import { GROUP_STATUSES, type Group as WorkingGroup } from '@council/shared';
import { Alert, Anchor, Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useFormat } from '../../i18n/format.ts';
import { useErrorText } from '../forms/errors.tsx';

/** Deliverables, dates and the founding decision; the council and the lead can change them. */
export function GroupFacts({ group, canManage }: { group: WorkingGroup; canManage: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState({
    status: group.status,
    deliverables: group.deliverables,
    startDate: group.startDate ?? '',
    reportDate: group.reportDate ?? '',
    endDate: group.endDate ?? '',
  });
  const save = useMutation({
    mutationFn: () =>
      api.updateGroup(group.id, {
        status: form.status,
        deliverables: form.deliverables,
        startDate: form.startDate || null,
        reportDate: form.reportDate || null,
        endDate: form.endDate || null,
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['groups', group.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['groups'] });
      setEditing(false);
    },
  });
  // Opening or closing the group changes who may read it: its own step, confirmed, audited.
  const [confirmVisibility, setConfirmVisibility] = useState(false);
  const otherVisibility = group.visibility === 'open' ? 'closed' : 'open';
  const visibility = useMutation({
    mutationFn: () => api.setGroupVisibility(group.id, otherVisibility),
    onSuccess: (updated) => {
      queryClient.setQueryData(['groups', group.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['groups'] });
      setConfirmVisibility(false);
    },
  });
  const dates = [
    ['startDate', group.startDate],
    ['reportDate', group.reportDate],
    ['endDate', group.endDate],
  ] as const;
  return (
    <Stack gap={4} mt="xs">
      {group.deliverables && (
        <Text size="sm">
          <strong>{t('groups.deliverables')}:</strong> {group.deliverables}
        </Text>
      )}
      <Group gap="md">
        {dates.map(([key, value]) =>
          value ? (
            <Text key={key} size="sm">
              {t(`groups.${key}`)}: {format.date(value)}
            </Text>
          ) : null,
        )}
        {group.decisionNumber && (
          <Text size="sm">
            {t('groups.fromDecision')}{' '}
            <Anchor component={Link} to={`/decisions/${group.decisionNumber}`}>
              {group.decisionNumber}
            </Anchor>
          </Text>
        )}
        {canManage && (
          <Button size="compact-xs" variant="default" onClick={() => setEditing(true)}>
            {t('groups.edit')}
          </Button>
        )}
      </Group>
      <Modal opened={editing} onClose={() => setEditing(false)} title={t('groups.edit')}>
        <Stack>
          {save.error && <Text c="red">{errorText.message(save.error)}</Text>}
          <Select
            label={t('groups.statusLabel')}
            value={form.status}
            allowDeselect={false}
            onChange={(v) => v && setForm({ ...form, status: v as WorkingGroup['status'] })}
            data={GROUP_STATUSES.map((s) => ({ value: s, label: t(`groups.status.${s}`) }))}
          />
          <Textarea
            label={t('groups.deliverables')}
            autosize
            value={form.deliverables}
            onChange={(e) => setForm({ ...form, deliverables: e.currentTarget.value })}
          />
          <Group grow>
            {(['startDate', 'reportDate', 'endDate'] as const).map((key) => (
              <TextInput
                key={key}
                type="date"
                label={t(`groups.${key}`)}
                value={form[key]}
                onChange={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
              />
            ))}
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setEditing(false)}>
              {t('groups.cancel')}
            </Button>
            <Button loading={save.isPending} onClick={() => save.mutate()}>
              {t('groups.save')}
            </Button>
          </Group>
          <Stack gap="xs" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
            <Text size="sm">
              {t('groups.visibilityNow', { visibility: t(`groups.visibilities.${group.visibility}`) })}
            </Text>
            {visibility.error && <Text c="red">{errorText.message(visibility.error)}</Text>}
            {confirmVisibility ? (
              <Alert color="orange" title={t(`groups.makeVisibility.${otherVisibility}`)}>
                <Stack gap="xs">
                  {t(`groups.makeVisibilityExplain.${otherVisibility}`)}
                  <Group gap="xs">
                    <Button size="xs" variant="default" onClick={() => setConfirmVisibility(false)}>
                      {t('groups.cancel')}
                    </Button>
                    <Button size="xs" loading={visibility.isPending} onClick={() => visibility.mutate()}>
                      {t('meetings.transition.confirm')}
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            ) : (
              <Button variant="light" size="xs" onClick={() => setConfirmVisibility(true)}>
                {t(`groups.makeVisibility.${otherVisibility}`)}
              </Button>
            )}
          </Stack>
        </Stack>
      </Modal>
    </Stack>
  );
}
