import {
  type AgendaItem,
  addAgendaItem,
  type MeetingDocs,
  moveAgendaItem,
  type Person,
  restoreAgendaItem,
  TEXT_LIMITS,
} from '@council/shared';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format.ts';
import { RemovedList } from '../collab/RemovedList.tsx';
import { focusAfterMove } from '../keyboard/focusAfterMove.ts';
import { randomId } from '../randomId.ts';
import classes from './agenda.module.css';
import { CarryOver } from './CarryOver.tsx';

interface Props {
  meetingId: string;
  items: AgendaItem[];
  /** Items removed from the agenda, which can be restored until approval. */
  removed: AgendaItem[];
  people: Person[];
  docs: MeetingDocs;
  editable: boolean;
  startsAt: string;
  endsAt: string;
  selectedId?: string;
  onSelect: (id: string) => void;
  /** How many papers each item has (those the reader may see). */
  paperCounts?: Map<string, number>;
}

/** The agenda in order, with each item's start time, the running total, and reordering. */
export function AgendaPanel({
  meetingId,
  items,
  removed,
  people,
  docs,
  editable,
  startsAt,
  endsAt,
  selectedId,
  onSelect,
  paperCounts,
}: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const [dragged, setDragged] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const start = new Date(startsAt).getTime();
  const starts: number[] = [];
  let cursor = start;
  for (const item of items) {
    starts.push(cursor);
    cursor += item.durationMinutes * 60_000;
  }
  const totalMinutes = (cursor - start) / 60_000;
  const end = new Date(cursor).toISOString();
  const overrun = cursor > new Date(endsAt).getTime();

  const move = (item: AgendaItem, to: number, control?: string) => {
    moveAgendaItem(docs, item.id, to);
    if (control) focusAfterMove(item.id, control);
    setAnnouncement(
      t('meetings.item.moved', { title: item.title, position: Math.max(1, Math.min(to + 1, items.length)) }),
    );
  };

  return (
    <Stack gap="xs">
      <ol className={classes.list}>
        {items.map((item, index) => (
          <li
            key={item.id}
            data-focus-key={item.id}
            className={classes.item}
            data-active={item.id === selectedId || undefined}
            data-dragging={dragged === item.id || undefined}
            draggable={editable}
            onDragStart={() => setDragged(item.id)}
            onDragEnd={() => setDragged(null)}
            onDragOver={(e) => editable && e.preventDefault()}
            onDrop={() => {
              const source = items.find((i) => i.id === dragged);
              if (source) move(source, index);
              setDragged(null);
            }}
          >
            <Group wrap="nowrap" gap="xs" align="flex-start">
              <UnstyledButton
                className={classes.select}
                onClick={() => onSelect(item.id)}
                aria-current={item.id === selectedId ? 'true' : undefined}
              >
                <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {index + 1}. {item.title}
                </Text>
                <Text size="xs" c="dimmed">
                  {format.time(new Date(starts[index] ?? start).toISOString())} ·{' '}
                  {t('meetings.minutes', { count: item.durationMinutes })} · {t(`meetings.kind.${item.kind}`)}
                </Text>
                {item.confidential && (
                  <Badge size="xs" color="grape" mt={4}>
                    {t('meetings.confidential')}
                  </Badge>
                )}
                {(paperCounts?.get(item.id) ?? 0) > 0 && (
                  <Text size="xs" c="dimmed" data-testid="paper-count">
                    <span aria-hidden>
                      <PaperclipIcon /> {paperCounts?.get(item.id)}
                    </span>
                    <VisuallyHidden>{t('papers.count', { count: paperCounts?.get(item.id) ?? 0 })}</VisuallyHidden>
                  </Text>
                )}
              </UnstyledButton>
              {editable && (
                <Stack gap={2} className="print-hide">
                  <ActionIcon
                    variant="subtle"
                    size="sm"
                    aria-label={t('meetings.item.moveUp', { title: item.title })}
                    disabled={index === 0}
                    data-move="up"
                    onClick={() => move(item, index - 1, 'up')}
                  >
                    <span aria-hidden>▲</span>
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    size="sm"
                    aria-label={t('meetings.item.moveDown', { title: item.title })}
                    disabled={index === items.length - 1}
                    data-move="down"
                    onClick={() => move(item, index + 1, 'down')}
                  >
                    <span aria-hidden>▼</span>
                  </ActionIcon>
                </Stack>
              )}
            </Group>
          </li>
        ))}
      </ol>
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
      {items.length > 0 && (
        <Text size="sm" data-testid="agenda-total">
          {t('meetings.item.total', {
            duration: t('meetings.minutes', { count: totalMinutes }),
            end: format.time(end),
          })}
        </Text>
      )}
      {overrun && (
        <Alert color="orange" role="alert" data-testid="agenda-overrun">
          {t('meetings.item.overrun', { end: format.time(end), slotEnd: format.time(endsAt) })}
        </Alert>
      )}
      <RemovedList
        label={t('meetings.item.removedList')}
        entries={removed}
        nameOf={(id) => people.find((p) => p.id === id)?.name}
        onRestore={(item) => restoreAgendaItem(docs, item.id)}
        editable={editable}
        testId="removed-items"
      />
      {editable && <AddItemForm docs={docs} onAdded={onSelect} />}
      {editable && <CarryOver meetingId={meetingId} docs={docs} agenda={items} />}
    </Stack>
  );
}

function AddItemForm({ docs, onAdded }: { docs: MeetingDocs; onAdded: (id: string) => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<AgendaItem['kind']>('discussion');
  const [duration, setDuration] = useState<number | string>(15);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return;
    const id = randomId();
    addAgendaItem(docs, { id, title: title.trim(), kind, durationMinutes: Number(duration) || 0, confidential: false });
    setTitle('');
    onAdded(id);
  };
  return (
    <form onSubmit={submit} aria-label={t('meetings.item.add')} className="print-hide">
      <Stack gap="xs" p="xs" className={classes.addForm}>
        <TextInput
          label={t('meetings.item.title')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          maxLength={TEXT_LIMITS.agendaTitle}
          required
        />
        <Group grow>
          <Select
            label={t('meetings.item.kind')}
            value={kind}
            allowDeselect={false}
            onChange={(v) => v && setKind(v as AgendaItem['kind'])}
            data={(['information', 'discussion', 'decision'] as const).map((k) => ({
              value: k,
              label: t(`meetings.kind.${k}`),
            }))}
          />
          <NumberInput label={t('meetings.item.duration')} min={0} max={600} value={duration} onChange={setDuration} />
        </Group>
        <Button type="submit" variant="light" disabled={!title.trim()}>
          {t('meetings.item.add')}
        </Button>
      </Stack>
    </form>
  );
}

/** A paperclip drawn here, not an emoji: machines without an emoji font show a box. */
function PaperclipIcon() {
  return (
    <svg
      aria-hidden="true"
      width="12"
      height="12"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      style={{ verticalAlign: '-1px' }}
    >
      <path d="M21 11.5 12.5 20a5.5 5.5 0 0 1-7.8-7.8l8.5-8.5a3.7 3.7 0 0 1 5.2 5.2l-8.5 8.5a1.8 1.8 0 0 1-2.6-2.6L15 7" />
    </svg>
  );
}
