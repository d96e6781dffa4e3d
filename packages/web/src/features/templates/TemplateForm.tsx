import {
  AGENDA_KINDS,
  type AgendaItem,
  type MeetingTemplate,
  PRESENTER_ROLES,
  type PresenterRole,
  TEMPLATE_LIMITS,
  TEXT_LIMITS,
  type TemplateItem,
} from '@council/shared';
import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useErrorText } from '../forms/errors.tsx';
import { GuardedModal } from '../forms/GuardedModal.tsx';
import { useCreate } from '../forms/useCreate.ts';
import { focusAfterMove } from '../keyboard/focusAfterMove.ts';
import { randomId } from '../randomId.ts';

/** An item being edited: a key of its own, so that moving rows keeps each one's focus and state. */
type Row = Omit<TemplateItem, 'durationMinutes'> & { key: string; durationMinutes: number | string };

const newRow = (): Row => ({
  key: randomId(8),
  title: '',
  kind: 'information',
  durationMinutes: 10,
  presenterRole: null,
  confidential: false,
});

const rowsOf = (template: MeetingTemplate | null): Row[] =>
  template ? template.items.map((item) => ({ ...item, key: randomId(8) })) : [newRow()];

const NO_PRESENTER = 'none';

/**
 * Creating or changing a template: its name, a description and its items in order, each with a
 * kind, a duration and who presents it. Asks before throwing away what was typed.
 */
export function TemplateForm({
  template,
  opened,
  onClose,
}: {
  /** null: a new template. */
  template: MeetingTemplate | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [name, setName] = useState(template?.name ?? '');
  const [description, setDescription] = useState(template?.description ?? '');
  const [rows, setRows] = useState<Row[]>(() => rowsOf(template));
  const [pristine] = useState(() => JSON.stringify({ name, description, rows }));
  const focusTitle = useRef<string | null>(null);

  useEffect(() => {
    if (!focusTitle.current) return;
    document.getElementById(`template-item-${focusTitle.current}`)?.focus();
    focusTitle.current = null;
  });

  const body = () => ({
    name,
    description,
    items: rows.map(({ key: _key, durationMinutes, ...item }) => ({
      ...item,
      durationMinutes: typeof durationMinutes === 'number' ? durationMinutes : 0,
    })),
  });
  const save = useCreate(
    (key) => (template ? api.updateTemplate(template.id, body()) : api.createTemplate(body(), key)),
    {
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: ['meeting-templates'] });
        onClose();
      },
    },
  );
  const errors = errorText.fields(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.submit();
  };

  const change = (index: number, patch: Partial<Row>) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    if (!row) return;
    next.splice(index + by, 0, row);
    setRows(next);
    focusAfterMove(row.key, by < 0 ? 'up' : 'down');
  };
  const add = () => {
    const row = newRow();
    focusTitle.current = row.key;
    setRows([...rows, row]);
  };
  // Focus goes to a neighbour's title: the removed row's buttons are gone.
  const remove = (index: number) => {
    focusTitle.current = (rows[index + 1] ?? rows[index - 1])?.key ?? null;
    setRows(rows.filter((_, i) => i !== index));
  };
  const totalMinutes = rows.reduce(
    (sum, r) => sum + (typeof r.durationMinutes === 'number' ? r.durationMinutes : 0),
    0,
  );

  return (
    <GuardedModal
      opened={opened}
      onClose={onClose}
      dirty={JSON.stringify({ name, description, rows }) !== pristine}
      title={template ? t('templates.form.editTitle', { name: template.name }) : t('templates.form.newTitle')}
      size="xl"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
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
          <Text fw={600} id="template-items-heading">
            {t('templates.form.items')}
          </Text>
          {errors.items && !Object.keys(errors).some((k) => k.startsWith('items.')) && (
            <Text c="red" size="sm" role="alert">
              {errors.items}
            </Text>
          )}
          {rows.length === 0 && (
            <Text c="dimmed" size="sm">
              {t('templates.form.noItems')}
            </Text>
          )}
          <Stack gap="sm" aria-labelledby="template-items-heading" role="list">
            {rows.map((row, index) => {
              const label = row.title.trim() || t('templates.form.untitled', { position: index + 1 });
              const fieldError = (field: string) => errors[`items.${index}.${field}`];
              return (
                <Fieldset
                  key={row.key}
                  data-focus-key={row.key}
                  role="listitem"
                  legend={t('templates.form.itemLegend', { position: index + 1 })}
                  data-testid="template-item-row"
                  p="sm"
                >
                  <Stack gap="xs">
                    <TextInput
                      id={`template-item-${row.key}`}
                      label={t('meetings.item.title')}
                      required
                      maxLength={TEXT_LIMITS.agendaTitle}
                      value={row.title}
                      onChange={(e) => change(index, { title: e.currentTarget.value })}
                      error={fieldError('title')}
                    />
                    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
                      <Select
                        label={t('meetings.item.kind')}
                        value={row.kind}
                        allowDeselect={false}
                        onChange={(v) => v && change(index, { kind: v as AgendaItem['kind'] })}
                        data={AGENDA_KINDS.map((k) => ({ value: k, label: t(`meetings.kind.${k}`) }))}
                        error={fieldError('kind')}
                      />
                      <NumberInput
                        label={t('meetings.item.duration')}
                        min={0}
                        max={600}
                        allowDecimal={false}
                        value={row.durationMinutes}
                        onChange={(v) => change(index, { durationMinutes: v })}
                        error={fieldError('durationMinutes')}
                      />
                      <Select
                        label={t('templates.presenterRole')}
                        value={row.presenterRole ?? NO_PRESENTER}
                        allowDeselect={false}
                        onChange={(v) =>
                          change(index, { presenterRole: v && v !== NO_PRESENTER ? (v as PresenterRole) : null })
                        }
                        data={[
                          { value: NO_PRESENTER, label: t('meetings.item.noPresenter') },
                          ...PRESENTER_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) })),
                        ]}
                        error={fieldError('presenterRole')}
                      />
                    </SimpleGrid>
                    <Group justify="space-between" wrap="wrap" gap="xs">
                      <Checkbox
                        label={t('meetings.item.confidential')}
                        checked={row.confidential}
                        onChange={(e) => change(index, { confidential: e.currentTarget.checked })}
                      />
                      <Group gap={4}>
                        <ActionIcon
                          variant="default"
                          aria-label={t('meetings.item.moveUp', { title: label })}
                          data-move="up"
                          disabled={index === 0}
                          onClick={() => move(index, -1)}
                        >
                          ↑
                        </ActionIcon>
                        <ActionIcon
                          variant="default"
                          aria-label={t('meetings.item.moveDown', { title: label })}
                          data-move="down"
                          disabled={index === rows.length - 1}
                          onClick={() => move(index, 1)}
                        >
                          ↓
                        </ActionIcon>
                        {/* The title is in the name screen readers hear (after the word shown, WCAG 2.5.3);
                            shown, a long one ran out of the dialog. */}
                        <Button
                          variant="subtle"
                          color="red"
                          size="compact-sm"
                          aria-label={t('templates.form.removeItem', { title: label })}
                          onClick={() => remove(index)}
                        >
                          {t('templates.form.remove')}
                        </Button>
                      </Group>
                    </Group>
                  </Stack>
                </Fieldset>
              );
            })}
          </Stack>
          <Group justify="space-between" wrap="wrap">
            <Button variant="light" onClick={add} disabled={rows.length >= TEMPLATE_LIMITS.items}>
              {t('templates.form.addItem')}
            </Button>
            <Text size="sm" c="dimmed">
              {t('templates.totalMinutes', { count: totalMinutes })}
            </Text>
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('templates.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!name.trim()}>
              {t('templates.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </GuardedModal>
  );
}
