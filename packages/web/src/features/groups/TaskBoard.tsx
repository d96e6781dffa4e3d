import {
  addTask,
  type BoardTask,
  type Checked,
  GROUP_FIELDS,
  moveTask,
  needsAttention,
  readTaskEntries,
  removeTask,
  restoreTask,
  TASK_STATUSES,
  type TaskStatus,
  TEXT_LIMITS,
  taskText,
  updateTask,
  type Group as WorkingGroup,
} from '@council/shared';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type * as Y from 'yjs';
import { useFormat } from '../../i18n/format.ts';
import { LiveText } from '../collab/LiveText.tsx';
import { RemovedList } from '../collab/RemovedList.tsx';
import { useAskFirst } from '../forms/useAskFirst.tsx';
import { focusAfterMove } from '../keyboard/focusAfterMove.ts';
import { useYjs } from '../meetings/useYjs.ts';
import { randomId } from '../randomId.ts';
import classes from './board.module.css';

type Task = Checked<BoardTask>;

const today = () => new Date().toISOString().slice(0, 10);

/** The live board of `group:<id>`: columns by status, moved by drag and drop or by keyboard. */
export function TaskBoard({
  doc,
  provider,
  group,
  editable,
  meId,
}: {
  doc: Y.Doc;
  provider?: HocuspocusProvider;
  group: WorkingGroup;
  editable: boolean;
  meId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const map = doc.getMap(GROUP_FIELDS.tasks);
  const entries = useYjs(map, () => readTaskEntries(doc), []);
  const tasks = entries.filter((task) => !task.removedAt);
  const removed = entries.filter((task) => task.removedAt);
  const [assignee, setAssignee] = useState<string | null>(null);
  const [onlyStatus, setOnlyStatus] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  // Removed ones too: a task deleted while someone edits it stays open for them, saying so.
  const editing = entries.find((task) => task.id === editingId) ?? null;
  // A link to a task (a notification's, `?task=`) opens it once the board has it: in its editor for
  // those who may edit, scrolled to for the others; then the link is forgotten, so closing stays closed.
  const [params, setParams] = useSearchParams();
  const linked = params.get('task');
  const linkedHere = linked !== null && entries.some((task) => task.id === linked);
  useEffect(() => {
    if (!linked || !linkedHere) return;
    if (editable) setEditingId(linked);
    else document.querySelector(`[data-focus-key="${CSS.escape(linked)}"]`)?.scrollIntoView({ block: 'center' });
    setParams(
      (current) => {
        current.delete('task');
        return current;
      },
      { replace: true },
    );
  }, [linked, linkedHere, editable, setParams]);
  const [dragged, setDragged] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [removing, setRemoving] = useState<Task | null>(null);
  const members = new Map(group.members.map((m) => [m.personId, m.name]));
  const memberIds = new Set(members.keys());
  const visible = tasks.filter((task) => !assignee || task.assigneeId === assignee);
  const column = (status: string) => visible.filter((task) => task.status === status);
  const move = (task: Task, status: TaskStatus, index?: number, control?: string) => {
    moveTask(doc, task.id, status, index);
    setAnnouncement(t('groups.moved', { title: task.title, column: t(`groups.columns.${status}`) }));
    if (control) focusAfterMove(task.id, control);
  };
  const card = (task: Task, index: number, list: Task[]) => {
    const status = task.status;
    const col = TASK_STATUSES.indexOf(status);
    const title = task.title || t('editor.untitled');
    const attention = needsAttention(task, memberIds);
    const overdue = task.status !== 'done' && task.due !== undefined && task.due < today();
    return (
      <Paper
        key={task.id}
        withBorder
        p="xs"
        component="li"
        className={classes.card}
        data-overdue={overdue || undefined}
        data-attention={attention || undefined}
        draggable={editable}
        onDragStart={() => setDragged(task.id)}
        onDragEnd={() => setDragged(null)}
        data-testid={`task-${task.id}`}
        data-focus-key={task.id}
      >
        {editable ? (
          <UnstyledButton onClick={() => setEditingId(task.id)} aria-label={`${t('groups.editTask')}: ${title}`}>
            <Text fw={600} size="sm">
              {title}
            </Text>
          </UnstyledButton>
        ) : (
          <Text fw={600} size="sm">
            {title}
          </Text>
        )}
        {task.description && (
          <Text size="xs" lineClamp={2}>
            {task.description}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {task.assigneeId ? (members.get(task.assigneeId) ?? t('groups.notAMember')) : t('groups.noAssignee')}
          {task.due && ` · ${format.date(task.due)}`}
        </Text>
        <Group gap={4} mt={4}>
          {overdue && (
            <Badge color="red.9" size="xs">
              {t('groups.overdue')}
            </Badge>
          )}
          {attention && (
            <Badge
              color="orange"
              size="xs"
              title={
                task.issues.length > 0
                  ? t('groups.invalidReasons', { reasons: task.issues.join('; ') })
                  : t('groups.needsAttention')
              }
            >
              !
            </Badge>
          )}
        </Group>
        {editable && (
          <Group gap={2} mt={4}>
            {col > 0 && (
              <ActionIcon
                size="sm"
                variant="subtle"
                aria-label={t('groups.moveLeft', {
                  title,
                  column: t(`groups.columns.${TASK_STATUSES[col - 1]}`),
                })}
                data-move="left"
                onClick={() => move(task, TASK_STATUSES[col - 1] as TaskStatus, undefined, 'left')}
              >
                <span aria-hidden>◀</span>
              </ActionIcon>
            )}
            {col < TASK_STATUSES.length - 1 && (
              <ActionIcon
                size="sm"
                variant="subtle"
                aria-label={t('groups.moveLeft', {
                  title,
                  column: t(`groups.columns.${TASK_STATUSES[col + 1]}`),
                })}
                data-move="right"
                onClick={() => move(task, TASK_STATUSES[col + 1] as TaskStatus, undefined, 'right')}
              >
                <span aria-hidden>▶</span>
              </ActionIcon>
            )}
            {index > 0 && (
              <ActionIcon
                size="sm"
                variant="subtle"
                aria-label={t('groups.moveUp', { title })}
                data-move="up"
                onClick={() => move(task, status, index - 1, 'up')}
              >
                <span aria-hidden>▲</span>
              </ActionIcon>
            )}
            {index < list.length - 1 && (
              <ActionIcon
                size="sm"
                variant="subtle"
                aria-label={t('groups.moveDown', { title })}
                data-move="down"
                onClick={() => move(task, status, index + 1, 'down')}
              >
                <span aria-hidden>▼</span>
              </ActionIcon>
            )}
            <ActionIcon
              size="sm"
              variant="subtle"
              color="red"
              aria-label={`${t('groups.removeTask')}: ${title}`}
              onClick={() => setRemoving(task)}
            >
              <span aria-hidden>✕</span>
            </ActionIcon>
          </Group>
        )}
      </Paper>
    );
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3} size="h4">
          {t('groups.board')}
        </Title>
        <Group gap="xs">
          <Select
            size="xs"
            label={t('groups.filterStatus')}
            placeholder={t('groups.everyone')}
            clearable
            value={onlyStatus}
            onChange={setOnlyStatus}
            data={TASK_STATUSES.map((st) => ({ value: st, label: t(`groups.columns.${st}`) }))}
          />
          <Select
            size="xs"
            label={t('groups.filterAssignee')}
            placeholder={t('groups.everyone')}
            clearable
            value={assignee}
            onChange={setAssignee}
            data={group.members.map((m) => ({ value: m.personId, label: m.name }))}
          />
        </Group>
      </Group>
      {!editable && (
        <Text size="sm" c="dimmed">
          {t('groups.readOnly')}
        </Text>
      )}
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        {TASK_STATUSES.filter((status) => !onlyStatus || status === onlyStatus).map((status) => {
          const list = column(status);
          return (
            <section
              key={status}
              aria-labelledby={`col-${status}`}
              className={classes.column}
              data-testid={`column-${status}`}
              onDragOver={(e) => editable && e.preventDefault()}
              onDrop={() => {
                const task = tasks.find((x) => x.id === dragged);
                if (task) move(task, status);
                setDragged(null);
              }}
            >
              <Title order={4} size="h6" id={`col-${status}`} mb="xs">
                {t(`groups.columns.${status}`)} ({list.length})
              </Title>
              <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
                {list.map((task, i) => card(task, i, list))}
              </Stack>
            </section>
          );
        })}
      </SimpleGrid>
      <RemovedList
        label={t('groups.removedList')}
        entries={editable ? removed : []}
        nameOf={(id) => (id ? members.get(id) : undefined)}
        onRestore={(task) => restoreTask(doc, task.id)}
        editable={editable}
        testId="removed-tasks"
      />
      {editable && <AddTaskForm doc={doc} group={group} />}
      {editing && (
        <EditTaskModal
          doc={doc}
          provider={provider}
          group={group}
          task={editing}
          removerName={editing.removedBy ? (members.get(editing.removedBy) ?? t('editor.someone')) : undefined}
          onClose={() => setEditingId(null)}
        />
      )}
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={t('groups.removeTask')}>
        <Stack>
          {removing && t('groups.removeConfirm', { title: removing.title || t('editor.untitled') })}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {t('meetings.transition.cancel')}
            </Button>
            <Button
              color="red"
              onClick={() => {
                if (removing) removeTask(doc, removing.id, meId);
                setRemoving(null);
              }}
            >
              {t('groups.removeTask')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function AddTaskForm({ doc, group }: { doc: Y.Doc; group: WorkingGroup }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [form, setForm] = useState({ title: '', assigneeId: '', due: '' });
  const askFirst = useAskFirst();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.title.trim()) return;
    const past = form.due && form.due < today() ? [t('forms.askFirst.pastDue', { date: format.date(form.due) })] : [];
    askFirst.ask(past, () => {
      addTask(doc, randomId(), {
        title: form.title.trim(),
        status: 'todo',
        assigneeId: form.assigneeId || undefined,
        due: form.due || undefined,
      });
      setForm({ title: '', assigneeId: '', due: '' });
    });
  };
  return (
    <form onSubmit={submit} aria-label={t('groups.addTask')}>
      <Group align="flex-end" grow className={classes.form}>
        <TextInput
          label={t('groups.taskTitle')}
          required
          value={form.title}
          onChange={(e) => setForm({ ...form, title: e.currentTarget.value })}
          maxLength={TEXT_LIMITS.taskTitle}
        />
        <AssigneeAndDue group={group} value={form} onChange={(patch) => setForm({ ...form, ...patch })} />
        <Button type="submit" variant="light" disabled={!form.title.trim()}>
          {t('groups.addTask')}
        </Button>
      </Group>
      {askFirst.prompt}
    </form>
  );
}

/** Edits a task live: title and description are collaborative text, assignee and due date apply at once. */
function EditTaskModal({
  doc,
  provider,
  group,
  task,
  removerName,
  onClose,
}: {
  doc: Y.Doc;
  provider?: HocuspocusProvider;
  group: WorkingGroup;
  task: Task;
  /** Set when the task was deleted while open here. */
  removerName?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={t('groups.editTask')}>
      <Stack>
        {removerName && (
          <Alert color="orange" role="alert" data-testid="task-removed">
            <Stack gap="xs" align="flex-start">
              {t('groups.removedWhileEditing', { name: removerName })}
              <Button size="xs" variant="white" onClick={() => restoreTask(doc, task.id)}>
                {t('editor.restoreEntry', { title: task.title || t('editor.untitled') })}
              </Button>
            </Stack>
          </Alert>
        )}
        <LiveText
          text={taskText(doc, task.id, 'title')}
          label={t('groups.taskTitle')}
          fieldId={`task:${task.id}:title`}
          provider={provider}
          editable
          required
          autoFocus
          maxLength={TEXT_LIMITS.taskTitle}
        />
        <LiveText
          text={taskText(doc, task.id, 'description')}
          label={t('groups.description')}
          fieldId={`task:${task.id}:description`}
          provider={provider}
          editable
          multiline
          maxLength={TEXT_LIMITS.taskDescription}
        />
        <AssigneeAndDue
          group={group}
          value={{ assigneeId: task.assigneeId ?? '', due: task.due ?? '' }}
          onChange={(patch) => updateTask(doc, task.id, patch)}
        />
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('groups.close')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The assignee (one of the group's members) and due date of a task, shared by the add and edit forms. */
function AssigneeAndDue({
  group,
  value,
  onChange,
}: {
  group: WorkingGroup;
  value: { assigneeId: string; due: string };
  onChange: (patch: { assigneeId?: string; due?: string }) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Select
        label={t('groups.assignee')}
        clearable
        value={value.assigneeId || null}
        onChange={(v) => onChange({ assigneeId: v ?? '' })}
        data={group.members.map((m) => ({ value: m.personId, label: m.name }))}
      />
      <TextInput
        label={t('groups.due')}
        type="date"
        value={value.due}
        onChange={(e) => onChange({ due: e.currentTarget.value })}
      />
    </>
  );
}
