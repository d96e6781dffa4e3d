import {
  actionTitle,
  addActionPoint,
  MEETING_FIELDS,
  type Person,
  readActionEntries,
  removeActionPoint,
  restoreActionPoint,
  TEXT_LIMITS,
  type Group as WorkingGroup,
} from '@council/shared';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { ActionIcon, Alert, Button, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { useFormat } from '../../i18n/format.ts';
import { LiveText } from '../collab/LiveText.tsx';
import { RemovedList } from '../collab/RemovedList.tsx';
import { useAskFirst } from '../forms/useAskFirst.tsx';
import { randomId } from '../randomId.ts';
import { useYjs } from './useYjs.ts';

/** Action points of the meeting; on approval those with a group become tasks on its board. */
export function ActionsPanel({
  doc,
  people,
  groups,
  editable,
  meId,
  provider,
}: {
  doc: Y.Doc;
  people: Person[];
  groups: WorkingGroup[];
  editable: boolean;
  meId: string;
  provider?: HocuspocusProvider;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const actions = doc.getArray(MEETING_FIELDS.actions);
  const entries = useYjs(actions, () => readActionEntries(doc), []);
  // The action point one is editing stays in the table if someone removes it meanwhile, marked,
  // so that what one types is not cut off and one can restore it.
  const [editingId, setEditingId] = useState<string | null>(null);
  const rows = entries.filter((a) => !a.removedAt || a.id === editingId);
  const removed = entries.filter((a) => a.removedAt);
  const nameOf = (id?: string) => people.find((p) => p.id === id)?.name ?? '—';
  const groupOf = (id?: string) => groups.find((g) => g.id === id)?.name ?? '—';

  return (
    <Stack>
      {rows.length === 0 ? (
        <Text c="dimmed">{t('meetings.actions.empty')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('meetings.actions.title')}</Table.Th>
              <Table.Th scope="col">{t('meetings.actions.assignee')}</Table.Th>
              <Table.Th scope="col">{t('meetings.actions.due')}</Table.Th>
              <Table.Th scope="col">{t('meetings.actions.group')}</Table.Th>
              {editable && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  {editable ? (
                    <LiveText
                      text={actionTitle(doc, a.id)}
                      label={t('meetings.actions.title')}
                      fieldId={`action:${a.id}:title`}
                      provider={provider}
                      onFocus={() => setEditingId(a.id)}
                      editable
                      maxLength={TEXT_LIMITS.actionTitle}
                    />
                  ) : (
                    a.title
                  )}
                  {a.removedAt && (
                    <Alert color="orange" role="alert" p="xs" mt={4} data-testid="action-removed">
                      {t('meetings.actions.removedWhileEditing', {
                        name: people.find((p) => p.id === a.removedBy)?.name ?? t('editor.someone'),
                      })}{' '}
                      <Button size="compact-xs" variant="white" onClick={() => restoreActionPoint(doc, a.id)}>
                        {t('editor.restoreEntry', { title: a.title || t('editor.untitled') })}
                      </Button>
                    </Alert>
                  )}
                </Table.Td>
                <Table.Td>{nameOf(a.assigneeId)}</Table.Td>
                <Table.Td>{a.due ? format.date(a.due) : '—'}</Table.Td>
                <Table.Td>{groupOf(a.groupId)}</Table.Td>
                {editable && (
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('meetings.actions.remove', { title: a.title })}
                      onClick={() => {
                        setEditingId(null);
                        removeActionPoint(doc, a.id, meId);
                      }}
                    >
                      <span aria-hidden>✕</span>
                    </ActionIcon>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <RemovedList
        label={t('meetings.actions.removedList')}
        entries={editable ? removed : []}
        nameOf={(id) => people.find((p) => p.id === id)?.name}
        onRestore={(a) => restoreActionPoint(doc, a.id)}
        editable={editable}
        testId="removed-actions"
      />
      {editable && <AddActionForm doc={doc} people={people} groups={groups} />}
    </Stack>
  );
}

function AddActionForm({ doc, people, groups }: { doc: Y.Doc; people: Person[]; groups: WorkingGroup[] }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ title: '', assigneeId: '', due: '', groupId: '' });
  const format = useFormat();
  const askFirst = useAskFirst();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.title.trim()) return;
    const today = new Date().toISOString().slice(0, 10);
    const past = form.due && form.due < today ? [t('forms.askFirst.pastDue', { date: format.date(form.due) })] : [];
    askFirst.ask(past, () => {
      addActionPoint(doc, {
        id: randomId(),
        title: form.title.trim(),
        assigneeId: form.assigneeId || undefined,
        due: form.due || undefined,
        groupId: form.groupId || undefined,
      });
      setForm({ title: '', assigneeId: '', due: '', groupId: '' });
    });
  };
  return (
    <form onSubmit={submit} aria-label={t('meetings.actions.add')}>
      {/* Two fields a row where there is room for them, one a row on a phone. */}
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 5 }} spacing="sm" style={{ alignItems: 'end' }}>
        <TextInput
          label={t('meetings.actions.title')}
          required
          value={form.title}
          onChange={(e) => setForm({ ...form, title: e.currentTarget.value })}
          maxLength={TEXT_LIMITS.actionTitle}
        />
        <Select
          label={t('meetings.actions.assignee')}
          searchable
          clearable
          value={form.assigneeId || null}
          onChange={(v) => setForm({ ...form, assigneeId: v ?? '' })}
          data={people.map((p) => ({ value: p.id, label: p.name }))}
        />
        <TextInput
          label={t('meetings.actions.due')}
          type="date"
          value={form.due}
          onChange={(e) => setForm({ ...form, due: e.currentTarget.value })}
        />
        <Select
          label={t('meetings.actions.group')}
          clearable
          value={form.groupId || null}
          onChange={(v) => setForm({ ...form, groupId: v ?? '' })}
          data={groups.map((g) => ({ value: g.id, label: g.name }))}
        />
        <Button
          type="submit"
          variant="light"
          disabled={!form.title.trim()}
          style={{ whiteSpace: 'normal' }}
          h="auto"
          mih={36}
        >
          {t('meetings.actions.add')}
        </Button>
      </SimpleGrid>
      {askFirst.prompt}
    </form>
  );
}
