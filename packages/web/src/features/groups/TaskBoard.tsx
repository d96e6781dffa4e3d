import {
  addTask,
  fields,
  moveTask,
  removeTask,
  TASK_STATUSES,
  type TaskStatus,
  updateTask,
  type Group as WorkingGroup,
} from '@council/shared';
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { useFormat } from '../../i18n/format.ts';
import { useYjs } from '../meetings/useYjs.ts';
import classes from './board.module.css';

export interface BoardTask {
  id: string;
  title: string;
  status: string;
  assigneeId?: string;
  due?: string;
  order: string;
  description?: string;
}

function readTasks(map: Y.Map<Y.Map<unknown>>): BoardTask[] {
  return [...map.entries()]
    .filter(([, t]) => t instanceof Y.Map)
    .map(([id, t]) => ({ id, ...(t.toJSON() as Omit<BoardTask, 'id'>) }))
    .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id.localeCompare(b.id)));
}

const today = () => new Date().toISOString().slice(0, 10);

/** The live board of `group:<id>`: columns by status, moved by drag and drop or by keyboard. */
export function TaskBoard({ doc, group, editable }: { doc: Y.Doc; group: WorkingGroup; editable: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const map = doc.getMap<Y.Map<unknown>>(fields.tasks);
  const tasks = useYjs(map, () => readTasks(map), []);
  const [assignee, setAssignee] = useState<string | null>(null);
  const [onlyStatus, setOnlyStatus] = useState<string | null>(null);
  const [editing, setEditing] = useState<BoardTask | null>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [removing, setRemoving] = useState<BoardTask | null>(null);
  const members = new Map(group.members.map((m) => [m.personId, m.name]));
  const visible = tasks.filter((task) => !assignee || task.assigneeId === assignee);
  const column = (status: string) => visible.filter((task) => task.status === status);
  const isKnownStatus = (s: string): s is TaskStatus => (TASK_STATUSES as readonly string[]).includes(s);
  const stray = visible.filter((task) => !isKnownStatus(task.status));

  const move = (task: BoardTask, status: TaskStatus, index?: number) => {
    moveTask(doc, task.id, status, index);
    setAnnouncement(t('groups.moved', { title: task.title, column: t(`groups.columns.${status}`) }));
  };
  const needsAttention = (task: BoardTask) =>
    !isKnownStatus(task.status) ||
    (task.assigneeId !== undefined && !members.has(task.assigneeId)) ||
    (task.due !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(task.due));

  const card = (task: BoardTask, index: number, list: BoardTask[]) => {
    const status = isKnownStatus(task.status) ? task.status : 'todo';
    const col = TASK_STATUSES.indexOf(status);
    const overdue = task.status !== 'done' && task.due !== undefined && task.due < today();
    return (
      <Paper
        key={task.id}
        withBorder
        p="xs"
        component="li"
        className={classes.card}
        data-overdue={overdue || undefined}
        data-attention={needsAttention(task) || undefined}
        draggable={editable}
        onDragStart={() => setDragged(task.id)}
        onDragEnd={() => setDragged(null)}
        data-testid={`task-${task.id}`}
      >
        {editable ? (
          <UnstyledButton onClick={() => setEditing(task)} aria-label={`${t('groups.editTask')}: ${task.title}`}>
            <Text fw={600} size="sm">
              {task.title}
            </Text>
          </UnstyledButton>
        ) : (
          <Text fw={600} size="sm">
            {task.title}
          </Text>
        )}
        {task.description && (
          <Text size="xs" lineClamp={2}>
            {task.description}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {task.assigneeId ? (members.get(task.assigneeId) ?? task.assigneeId) : t('groups.noAssignee')}
          {task.due && ` · ${/^\d{4}-\d{2}-\d{2}$/.test(task.due) ? format.date(task.due) : task.due}`}
        </Text>
        <Group gap={4} mt={4}>
          {overdue && (
            <Badge color="red.9" size="xs">
              {t('groups.overdue')}
            </Badge>
          )}
          {needsAttention(task) && (
            <Badge color="orange" size="xs" title={t('groups.needsAttention')}>
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
                  title: task.title,
                  column: t(`groups.columns.${TASK_STATUSES[col - 1]}`),
                })}
                onClick={() => move(task, TASK_STATUSES[col - 1] as TaskStatus)}
              >
                <span aria-hidden>◀</span>
              </ActionIcon>
            )}
            {col < TASK_STATUSES.length - 1 && (
              <ActionIcon
                size="sm"
                variant="subtle"
                aria-label={t('groups.moveLeft', {
                  title: task.title,
                  column: t(`groups.columns.${TASK_STATUSES[col + 1]}`),
                })}
                onClick={() => move(task, TASK_STATUSES[col + 1] as TaskStatus)}
              >
                <span aria-hidden>▶</span>
              </ActionIcon>
            )}
            {index > 0 && (
              <ActionIcon
                size="sm"
                variant="subtle"
                aria-label={t('groups.moveUp', { title: task.title })}
                onClick={() => move(task, status, index - 1)}
              >
                <span aria-hidden>▲</span>
              </ActionIcon>
            )}
            {index < list.length - 1 && (
              <ActionIcon
                size="sm"
                variant="subtle"
                aria-label={t('groups.moveDown', { title: task.title })}
                onClick={() => move(task, status, index + 1)}
              >
                <span aria-hidden>▼</span>
              </ActionIcon>
            )}
            <ActionIcon
              size="sm"
              variant="subtle"
              color="red"
              aria-label={`${t('groups.removeTask')}: ${task.title}`}
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
          const list = status === 'todo' ? [...column(status), ...stray] : column(status);
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
      {editable && <AddTaskForm doc={doc} group={group} />}
      {editing && <EditTaskModal doc={doc} group={group} task={editing} onClose={() => setEditing(null)} />}
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={t('groups.removeTask')}>
        <Stack>
          {removing && t('groups.removeConfirm', { title: removing.title })}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {t('meetings.transition.cancel')}
            </Button>
            <Button
              color="red"
              onClick={() => {
                if (removing) removeTask(doc, removing.id);
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
  const [form, setForm] = useState({ title: '', assigneeId: '', due: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.title.trim()) return;
    addTask(doc, crypto.randomUUID().slice(0, 8), {
      title: form.title.trim(),
      status: 'todo',
      assigneeId: form.assigneeId || undefined,
      due: form.due || undefined,
    });
    setForm({ title: '', assigneeId: '', due: '' });
  };
  return (
    <form onSubmit={submit} aria-label={t('groups.addTask')}>
      <Group align="flex-end" grow>
        <TextInput
          label={t('groups.taskTitle')}
          required
          value={form.title}
          onChange={(e) => setForm({ ...form, title: e.currentTarget.value })}
        />
        <AssigneeAndDue group={group} value={form} onChange={(patch) => setForm({ ...form, ...patch })} />
        <Button type="submit" variant="light" disabled={!form.title.trim()}>
          {t('groups.addTask')}
        </Button>
      </Group>
    </form>
  );
}

function EditTaskModal({
  doc,
  group,
  task,
  onClose,
}: {
  doc: Y.Doc;
  group: WorkingGroup;
  task: BoardTask;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    title: task.title,
    description: task.description ?? '',
    assigneeId: task.assigneeId ?? '',
    due: task.due ?? '',
  });
  const save = () => {
    if (!form.title.trim()) return;
    updateTask(doc, task.id, {
      title: form.title.trim(),
      description: form.description,
      assigneeId: form.assigneeId,
      due: form.due,
    });
    onClose();
  };
  return (
    <Modal opened onClose={onClose} title={t('groups.editTask')}>
      <Stack>
        <TextInput
          label={t('groups.taskTitle')}
          required
          value={form.title}
          onChange={(e) => setForm({ ...form, title: e.currentTarget.value })}
          data-autofocus
        />
        <Textarea
          label={t('groups.description')}
          autosize
          minRows={2}
          value={form.description}
          onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
        />
        <AssigneeAndDue group={group} value={form} onChange={(patch) => setForm({ ...form, ...patch })} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('groups.cancel')}
          </Button>
          <Button onClick={save} disabled={!form.title.trim()}>
            {t('groups.save')}
          </Button>
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
