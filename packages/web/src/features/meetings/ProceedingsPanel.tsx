import {
  type AgendaItem,
  ATTENDEE_ROLES,
  type Attendance,
  type ItemProceedings,
  MEETING_FIELDS,
  type Meeting,
  type Person,
  readAttendance,
  TEXT_LIMITS,
  VOTE_CHOICES,
  type VoteChoice,
  type VoteInput,
} from '@council/shared';
import {
  Alert,
  Button,
  Group,
  List,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { api } from '../../api/client.ts';
import { useCan, useMe } from '../auth/useMe.ts';
import { useErrorText } from '../forms/errors.tsx';
import { useYjs } from './useYjs.ts';
import { VoteSummary } from './VoteSummary.tsx';

type Part = 'vote' | 'dissent' | 'conflicts';
type Dialog = { part: Part; personId?: string } | null;

interface Props {
  meeting: Meeting;
  item: AgendaItem;
  /** The open meeting document, whose attendance says who may vote. */
  doc: Y.Doc;
  people: Person[];
}

/**
 * What the minutes record of an item besides its notes: the vote (decision items), the views members
 * ask to have minuted, and conflicts of interest. Each change is a REST command the server checks and
 * audits; the change feed brings it to everyone who has the meeting open.
 */
export function ProceedingsPanel({ meeting, item, doc, people }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const me = useMe().data;
  const client = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const key = ['meetings', meeting.id, 'proceedings'];
  const proceedings = useQuery({ queryKey: key, queryFn: () => api.proceedings(meeting.id) });
  const done = (data: Awaited<ReturnType<typeof api.proceedings>>) => {
    client.setQueryData(key, data);
    void client.invalidateQueries({ queryKey: ['meetings', meeting.id, 'signatures'] });
  };
  const remove = useMutation({
    mutationFn: ({ part, personId }: { part: Part; personId?: string }) =>
      api.removeFromItem(meeting.id, item.id, part, personId),
    onSuccess: done,
  });
  const errorText = useErrorText();
  const attendance = useYjs(
    doc.getMap(MEETING_FIELDS.attendance),
    () => readAttendance(doc),
    new Map<string, Attendance>(),
  );
  if (!proceedings.data || !me) return null;

  const recorded: ItemProceedings = proceedings.data.items.find((i) => i.itemId === item.id) ?? {
    itemId: item.id,
    vote: null,
    dissents: [],
    conflicts: [],
  };
  const status = { type: 'meeting' as const, status: meeting.status };
  const mayVote = can('vote', status);
  const mayDissent = can('dissent', status);
  const mayDeclare = can('declare', status);
  const present = [...attendance].flatMap(([id, value]) => (value === 'present' ? [id] : []));
  const conflicted = new Set(recorded.conflicts.map((c) => c.personId));
  const named = (ids: string[]) =>
    ids
      .map((id) => ({ id, name: people.find((p) => p.id === id)?.name ?? id }))
      .sort((a, b) => a.name.localeCompare(b.name));
  const voters = named(present.filter((id) => !conflicted.has(id)));
  const council = people.filter((p) => ATTENDEE_ROLES.includes(p.role) && !p.deactivatedAt);
  const iAmPresent = present.includes(me.id);
  const decision = item.kind === 'decision';
  const mine = (personId: string) => personId === me.id || mayVote;
  const votingNow = meeting.status === 'in-session' || meeting.status === 'minutes-draft';

  /** Takes back a minuted view or a conflict of interest: the person's name is in the button's name. */
  const withdrawButton = (part: 'dissent' | 'conflicts', who: { personId: string; name: string }) => (
    <Button
      size="compact-xs"
      variant="subtle"
      color="red"
      aria-label={t('meetings.proceedings.withdrawFor', { name: who.name })}
      onClick={() => remove.mutate({ part, personId: who.personId })}
    >
      {t('meetings.proceedings.withdraw')}
    </Button>
  );

  if (!decision && recorded.conflicts.length === 0 && !mayDeclare) return null;
  return (
    <Stack gap="sm" data-testid="proceedings">
      {decision && (recorded.vote || votingNow) && (
        <section aria-labelledby={`vote-${item.id}`}>
          <Title order={4} size="h5" id={`vote-${item.id}`}>
            {t('meetings.proceedings.voteHeading')}
          </Title>
          {recorded.vote ? (
            <VoteSummary vote={recorded.vote} />
          ) : (
            <Text c="dimmed" size="sm">
              {t('meetings.proceedings.noVote')}
            </Text>
          )}
          {mayVote && (
            <Group gap="xs" mt="xs">
              <Button size="xs" variant="light" onClick={() => setDialog({ part: 'vote' })}>
                {recorded.vote ? t('meetings.proceedings.editVote') : t('meetings.proceedings.record')}
              </Button>
              {recorded.vote && <RemoveVote title={item.title} onConfirm={() => remove.mutate({ part: 'vote' })} />}
            </Group>
          )}
        </section>
      )}

      {decision && (recorded.dissents.length > 0 || mayDissent) && (
        <section aria-labelledby={`dissent-${item.id}`}>
          <Title order={4} size="h5" id={`dissent-${item.id}`}>
            {t('meetings.proceedings.dissentHeading')}
          </Title>
          <List listStyleType="none" p={0} spacing={4}>
            {recorded.dissents.map((d) => (
              <List.Item key={d.personId} data-testid="dissent">
                <Text size="sm" fw={600}>
                  {t('meetings.proceedings.dissentBy', { name: d.name })}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {d.text}
                </Text>
                {mayDissent && mine(d.personId) && (
                  <Group gap="xs">
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => setDialog({ part: 'dissent', personId: d.personId })}
                    >
                      {t('meetings.proceedings.edit')}
                    </Button>
                    {withdrawButton('dissent', d)}
                  </Group>
                )}
              </List.Item>
            ))}
          </List>
          {mayDissent && (
            <Group gap="xs" mt="xs">
              {iAmPresent && !conflicted.has(me.id) && !recorded.dissents.some((d) => d.personId === me.id) && (
                <Button size="xs" variant="light" onClick={() => setDialog({ part: 'dissent', personId: me.id })}>
                  {t('meetings.proceedings.dissentMine')}
                </Button>
              )}
              {mayVote && (
                <Button size="xs" variant="subtle" onClick={() => setDialog({ part: 'dissent' })}>
                  {t('meetings.proceedings.dissentAdd')}
                </Button>
              )}
            </Group>
          )}
        </section>
      )}

      {(recorded.conflicts.length > 0 || mayDeclare) && (
        <section aria-labelledby={`conflict-${item.id}`}>
          <Title order={4} size="h5" id={`conflict-${item.id}`}>
            {t('meetings.proceedings.conflictHeading')}
          </Title>
          <List listStyleType="none" p={0} spacing={4}>
            {recorded.conflicts.map((c) => (
              <List.Item key={c.personId} data-testid="conflict">
                <Group gap="xs" wrap="wrap">
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {c.reason
                      ? t('meetings.proceedings.conflictByReason', { name: c.name, reason: c.reason })
                      : t('meetings.proceedings.conflictBy', { name: c.name })}
                  </Text>
                  {mayDeclare && mine(c.personId) && withdrawButton('conflicts', c)}
                </Group>
              </List.Item>
            ))}
          </List>
          {mayDeclare && (
            <Group gap="xs" mt="xs">
              {ATTENDEE_ROLES.includes(me.role) && !conflicted.has(me.id) && (
                <Button size="xs" variant="light" onClick={() => setDialog({ part: 'conflicts', personId: me.id })}>
                  {t('meetings.proceedings.conflictMine')}
                </Button>
              )}
              {mayVote && (
                <Button size="xs" variant="subtle" onClick={() => setDialog({ part: 'conflicts' })}>
                  {t('meetings.proceedings.conflictAdd')}
                </Button>
              )}
            </Group>
          )}
        </section>
      )}
      {remove.error && (
        <Alert color="red" role="alert">
          {Object.values(errorText.fields(remove.error))[0] ?? errorText.message(remove.error)}
        </Alert>
      )}

      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        title={
          dialog?.part === 'vote'
            ? t('meetings.proceedings.voteHeading')
            : dialog?.part === 'dissent'
              ? t('meetings.proceedings.dissentHeading')
              : t('meetings.proceedings.conflictHeading')
        }
      >
        {dialog?.part === 'vote' && (
          <VoteForm
            clearsSignatures={meeting.status === 'minutes-draft'}
            meetingId={meeting.id}
            itemId={item.id}
            voters={voters}
            current={recorded.vote}
            onDone={(data) => {
              done(data);
              setDialog(null);
            }}
            onCancel={() => setDialog(null)}
          />
        )}
        {dialog && dialog.part !== 'vote' && (
          <PersonForm
            clearsSignatures={meeting.status === 'minutes-draft'}
            confidential={item.confidential}
            part={dialog.part}
            meetingId={meeting.id}
            itemId={item.id}
            fixedPerson={dialog.personId}
            // Views are minuted for those present who may vote; conflicts are declared by council members.
            choices={
              dialog.part === 'dissent' ? voters : named(council.map((p) => p.id).filter((id) => !conflicted.has(id)))
            }
            initialText={recorded.dissents.find((d) => d.personId === dialog.personId)?.text ?? ''}
            onDone={(data) => {
              done(data);
              setDialog(null);
            }}
            onCancel={() => setDialog(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}

function RemoveVote({ title, onConfirm }: { title: string; onConfirm: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="xs" variant="subtle" color="red" onClick={() => setOpen(true)}>
        {t('meetings.proceedings.remove')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('meetings.proceedings.remove')}>
        <Stack>
          <Text>{t('meetings.proceedings.removeConfirm', { title })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('meetings.proceedings.cancel')}
            </Button>
            <Button
              color="red"
              onClick={() => {
                onConfirm();
                setOpen(false);
              }}
            >
              {t('meetings.proceedings.remove')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

type Voter = { id: string; name: string };

function VoteForm(props: {
  /** On draft minutes a change clears the signatures given to them: said before it is made. */
  clearsSignatures: boolean;
  meetingId: string;
  itemId: string;
  voters: Voter[];
  current: ItemProceedings['vote'];
  onDone: (data: Awaited<ReturnType<typeof api.proceedings>>) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { current, voters } = props;
  const [mode, setMode] = useState<VoteInput['mode']>(current?.mode ?? 'named');
  const [counts, setCounts] = useState({
    for: current?.for ?? 0,
    against: current?.against ?? 0,
    abstain: current?.abstain ?? 0,
  });
  const [ballots, setBallots] = useState<Record<string, VoteChoice | 'none'>>(
    Object.fromEntries(current?.ballots.map((b) => [b.personId, b.choice]) ?? []),
  );
  const save = useMutation({
    mutationFn: (input: VoteInput) => api.recordOnItem(props.meetingId, props.itemId, 'vote', input),
    onSuccess: props.onDone,
  });
  const fields = errorText.fields(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      mode === 'counts'
        ? { mode, ...counts }
        : {
            mode,
            ballots: Object.fromEntries(
              Object.entries(ballots).filter((entry): entry is [string, VoteChoice] => entry[1] !== 'none'),
            ),
          },
    );
  };
  if (voters.length === 0) return <Alert color="yellow">{t('meetings.proceedings.nobodyPresent')}</Alert>;
  const choices = [...VOTE_CHOICES, 'none' as const].map((c) => ({
    value: c,
    label: c === 'none' ? t('meetings.proceedings.notVoting') : t(`meetings.proceedings.${c}`),
  }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <SegmentedControl
          aria-label={t('meetings.proceedings.mode')}
          value={mode}
          onChange={(v) => setMode(v as VoteInput['mode'])}
          data={[
            { value: 'named', label: t('meetings.proceedings.modeNamed') },
            { value: 'counts', label: t('meetings.proceedings.modeCounts') },
          ]}
        />
        <Text size="sm" c="dimmed">
          {t('meetings.proceedings.eligible', { count: voters.length })}
        </Text>
        {mode === 'counts' ? (
          <SimpleGrid cols={3}>
            {VOTE_CHOICES.map((c) => (
              <NumberInput
                key={c}
                label={t(`meetings.proceedings.${c}`)}
                min={0}
                max={voters.length}
                value={counts[c]}
                error={c === 'for' ? fields.for : undefined}
                onChange={(v) => setCounts((old) => ({ ...old, [c]: Math.max(0, Number(v) || 0) }))}
              />
            ))}
          </SimpleGrid>
        ) : (
          <Table>
            <Table.Tbody>
              {voters.map((v) => (
                <Table.Tr key={v.id} data-testid="ballot">
                  <Table.Td>{v.name}</Table.Td>
                  <Table.Td>
                    <SegmentedControl
                      size="xs"
                      aria-label={t('meetings.proceedings.ballotFor', { name: v.name })}
                      value={ballots[v.id] ?? 'none'}
                      onChange={(value) => setBallots((old) => ({ ...old, [v.id]: value as VoteChoice | 'none' }))}
                      data={choices}
                    />
                    {fields[`ballots.${v.id}`] && (
                      <Text size="xs" c="red.8" role="alert">
                        {fields[`ballots.${v.id}`]}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {props.clearsSignatures && <SignaturesNotice />}
        {save.error && !fields.for && !Object.keys(fields).some((f) => f.startsWith('ballots.')) && (
          <Alert color="red" role="alert">
            {Object.values(fields)[0] ?? errorText.message(save.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            {t('meetings.proceedings.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('meetings.proceedings.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A minuted view or a conflict of interest: one's own (`fixedPerson`), or a member's chosen by the chair or secretary. */
function PersonForm(props: {
  clearsSignatures: boolean;
  /** Whether the item is confidential: who reads a conflict's reason in the minutes depends on it. */
  confidential: boolean;
  part: 'dissent' | 'conflicts';
  meetingId: string;
  itemId: string;
  fixedPerson?: string;
  choices: Voter[];
  initialText: string;
  onDone: (data: Awaited<ReturnType<typeof api.proceedings>>) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [personId, setPersonId] = useState<string | null>(props.fixedPerson ?? null);
  const [text, setText] = useState(props.initialText);
  const dissent = props.part === 'dissent';
  const save = useMutation({
    mutationFn: () =>
      api.recordOnItem(props.meetingId, props.itemId, props.part, {
        ...(personId ? { personId } : {}),
        ...(dissent ? { text } : text.trim() ? { reason: text } : {}),
      }),
    onSuccess: props.onDone,
  });
  const fields = errorText.fields(save.error);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Stack>
        {!dissent && <Text size="sm">{t('meetings.proceedings.conflictExplain')}</Text>}
        {!props.fixedPerson && (
          <Select
            label={t('meetings.proceedings.person')}
            data={props.choices.map((c) => ({ value: c.id, label: c.name }))}
            value={personId}
            onChange={setPersonId}
            searchable
            required
            error={fields.personId}
          />
        )}
        {props.fixedPerson && fields.personId && (
          <Alert color="red" role="alert">
            {fields.personId}
          </Alert>
        )}
        {dissent ? (
          <Textarea
            label={t('meetings.proceedings.dissentText')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            maxLength={TEXT_LIMITS.dissent}
            autosize
            minRows={3}
            required
            data-autofocus
            error={fields.text}
          />
        ) : (
          <TextInput
            label={t('meetings.proceedings.conflictReason')}
            description={t(
              props.confidential ? 'meetings.proceedings.reasonCouncil' : 'meetings.proceedings.reasonPublic',
            )}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            maxLength={TEXT_LIMITS.conflictReason}
            data-autofocus
            error={fields.reason}
          />
        )}
        {props.clearsSignatures && <SignaturesNotice />}
        {save.error && Object.keys(fields).length === 0 && (
          <Alert color="red" role="alert">
            {errorText.message(save.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            {t('meetings.proceedings.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {dissent ? t('meetings.proceedings.dissentSave') : t('meetings.proceedings.conflictSave')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SignaturesNotice() {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="orange.9">
      {t('meetings.proceedings.clearsSignatures')}
    </Text>
  );
}
