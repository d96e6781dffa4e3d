import { type AgendaProposal, type Meeting, TEXT_LIMITS } from '@council/shared';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useFormat } from '../../i18n/format.ts';
import { useCan, useMe } from '../auth/useMe.ts';
import { useErrorText } from '../forms/errors.tsx';
import { useCreate } from '../forms/useCreate.ts';

const KEY = ['agenda-proposals'];
const STATUS_COLOR = { open: 'blue', scheduled: 'green.9', declined: 'orange.9', withdrawn: 'gray' } as const;

/**
 * "Forslag til dagsordenen": anyone proposes an item; the chair and the secretary put it on a coming
 * meeting or decline it with a reason (the proposer is told either way); the proposer may withdraw
 * an open one. The council sees every proposal, anyone else their own.
 */
export function ProposalsSection({ meetings }: { meetings: Meeting[] }) {
  const { t } = useTranslation();
  const proposals = useQuery({ queryKey: KEY, queryFn: api.proposals });
  const [proposing, setProposing] = useState(false);
  // A proposal goes on an agenda still being prepared or published, not on one held already.
  const coming = meetings.filter((m) => m.status === 'draft' || m.status === 'published');
  return (
    <section aria-labelledby="proposals-heading" id="proposals">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id="proposals-heading">
            {t('proposals.heading')}
          </Title>
          {!proposing && (
            <Button variant="light" onClick={() => setProposing(true)}>
              {t('proposals.propose')}
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('proposals.intro')}
        </Text>
        {proposing && <ProposeForm onDone={() => setProposing(false)} />}
        {proposals.data?.items.length === 0 && <Text c="dimmed">{t('proposals.empty')}</Text>}
        {proposals.data?.items.map((p) => (
          <ProposalCard key={p.id} proposal={p} coming={coming} />
        ))}
      </Stack>
    </section>
  );
}

function ProposeForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const create = useCreate((key) => api.propose({ title, ...(description.trim() ? { description } : {}) }, key), {
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: KEY });
      onDone();
    },
  });
  const fields = errorText.fields(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.submit();
  };
  return (
    <Paper withBorder p="sm">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('proposals.title')}
            required
            data-autofocus
            autoFocus
            maxLength={TEXT_LIMITS.agendaTitle}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={fields.title}
          />
          <Textarea
            label={t('proposals.description')}
            autosize
            minRows={2}
            maxLength={2000}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={fields.description}
          />
          {create.error && !fields.title && !fields.description && (
            <Alert color="red" role="alert">
              {errorText.message(create.error)}
            </Alert>
          )}
          <Group gap="xs">
            <Button type="submit" loading={create.isPending}>
              {t('proposals.send')}
            </Button>
            <Button variant="default" onClick={onDone}>
              {t('proposals.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function ProposalCard({ proposal, coming }: { proposal: AgendaProposal; coming: Meeting[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const can = useCan();
  const me = useMe().data;
  const errorText = useErrorText();
  const client = useQueryClient();
  const [action, setAction] = useState<'schedule' | 'decline' | null>(null);
  const [meetingId, setMeetingId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const done = () => {
    setAction(null);
    void client.invalidateQueries({ queryKey: KEY });
  };
  const decide = useMutation({
    mutationFn: () =>
      action === 'schedule'
        ? api.scheduleProposal(proposal.id, meetingId ?? '')
        : action === 'decline'
          ? api.declineProposal(proposal.id, reason)
          : api.withdrawProposal(proposal.id),
    onSuccess: done,
  });
  const mayDecide = can('manage', { type: 'agendaProposals' }) && proposal.status === 'open';
  const mine = me?.id === proposal.proposedBy.id && proposal.status === 'open';
  const fields = errorText.fields(decide.error);
  return (
    <Paper withBorder p="sm" data-testid="proposal">
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {proposal.title}
          </Text>
          <Badge color={STATUS_COLOR[proposal.status]} variant="light">
            {t(`proposals.status.${proposal.status}`)}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {t('proposals.by', { name: proposal.proposedBy.name, when: format.date(proposal.proposedAt) })}
        </Text>
        {proposal.description && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {proposal.description}
          </Text>
        )}
        {proposal.meeting && (
          <Text size="sm">
            {t('proposals.scheduledOn')}{' '}
            <Anchor component={Link} to={`/meetings/${proposal.meeting.id}`} underline="always">
              {proposal.meeting.title}
            </Anchor>
          </Text>
        )}
        {proposal.reason && <Text size="sm">{t('proposals.declinedBecause', { reason: proposal.reason })}</Text>}
        {action === 'schedule' && (
          <Group align="flex-end" gap="xs">
            {coming.length === 0 ? (
              <Text size="sm">{t('proposals.noMeetings')}</Text>
            ) : (
              <Select
                label={t('proposals.chooseMeeting')}
                data={coming.map((m) => ({ value: m.id, label: `${m.title} (${format.date(m.startsAt)})` }))}
                value={meetingId}
                onChange={setMeetingId}
                error={fields.meetingId}
              />
            )}
            <Button size="sm" disabled={!meetingId} loading={decide.isPending} onClick={() => decide.mutate()}>
              {t('proposals.schedule')}
            </Button>
            <Button size="sm" variant="default" onClick={() => setAction(null)}>
              {t('proposals.cancel')}
            </Button>
          </Group>
        )}
        {action === 'decline' && (
          <Stack gap="xs">
            <Textarea
              label={t('proposals.reason')}
              required
              autosize
              minRows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={fields.reason}
            />
            <Group gap="xs">
              <Button size="sm" color="orange" loading={decide.isPending} onClick={() => decide.mutate()}>
                {t('proposals.confirmDecline')}
              </Button>
              <Button size="sm" variant="default" onClick={() => setAction(null)}>
                {t('proposals.cancel')}
              </Button>
            </Group>
          </Stack>
        )}
        {action === null && (mayDecide || mine) && (
          <Group gap="xs">
            {mayDecide && (
              <>
                <Button size="xs" variant="light" onClick={() => setAction('schedule')}>
                  {t('proposals.schedule')}
                </Button>
                <Button size="xs" variant="subtle" color="orange" onClick={() => setAction('decline')}>
                  {t('proposals.decline')}
                </Button>
              </>
            )}
            {mine && (
              <Button size="xs" variant="subtle" color="red" loading={decide.isPending} onClick={() => decide.mutate()}>
                {t('proposals.withdraw')}
              </Button>
            )}
          </Group>
        )}
        {decide.error && !fields.meetingId && !fields.reason && (
          <Alert color="red" role="alert">
            {errorText.message(decide.error)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
