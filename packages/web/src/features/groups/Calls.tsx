import type { GroupCall } from '@council/shared';
import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useErrorText } from '../forms/errors.tsx';
import { GuardedModal } from '../forms/GuardedModal.tsx';
import { useCreate } from '../forms/useCreate.ts';
import classes from './board.module.css';

function useRefreshCalls() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['calls'] });
    void queryClient.invalidateQueries({ queryKey: ['groups'] });
  };
}

/** One call: its competencies, your own answer or a way to volunteer, and for managers the volunteers. */
export function CallCard({
  call,
  canManage,
  isMember,
  showGroup,
}: {
  call: GroupCall;
  canManage: boolean;
  isMember: boolean;
  showGroup?: boolean;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const refresh = useRefreshCalls();
  const [note, setNote] = useState('');
  const [volunteering, setVolunteering] = useState(false);
  const volunteer = useCreate((key) => api.volunteer(call.id, note, key), {
    onSuccess: () => {
      setVolunteering(false);
      refresh();
    },
  });
  const decide = useMutation({
    mutationFn: ({ personId, decision }: { personId: string; decision: 'accept' | 'decline' }) =>
      api.decideVolunteer(call.id, personId, decision),
    onSuccess: refresh,
  });
  const close = useMutation({ mutationFn: () => api.closeCall(call.id), onSuccess: refresh });

  return (
    <Paper withBorder p="sm" component="article" data-testid={`call-${call.id}`}>
      <Group justify="space-between">
        <div>
          {showGroup && (
            <Text fw={600} component={Link} to={`/groups/${call.groupId}`} c="civic.7">
              {call.groupName}
            </Text>
          )}
          <Group gap={4}>
            {call.competencies.map((c) => (
              <Badge key={c} variant="outline" size="sm">
                {c}
              </Badge>
            ))}
            {call.status === 'closed' && <Badge color="gray">{t('groups.callClosed')}</Badge>}
          </Group>
        </div>
        {canManage && call.status === 'open' && (
          <Button size="xs" variant="default" loading={close.isPending} onClick={() => close.mutate()}>
            {t('groups.closeCall')}
          </Button>
        )}
      </Group>
      {call.note && (
        <Text size="sm" mt={4}>
          {call.note}
        </Text>
      )}
      {call.mine ? (
        <Text size="sm" mt="xs" fw={600} data-testid="my-volunteering">
          {t(`groups.volunteered.${call.mine}`)}
        </Text>
      ) : (
        !isMember &&
        call.status === 'open' && (
          <Button size="xs" mt="xs" onClick={() => setVolunteering(true)}>
            {t('groups.volunteer')}
          </Button>
        )
      )}
      {canManage && (
        <Stack gap={4} mt="sm">
          <Title order={5} size="h6">
            {t('groups.volunteers')}
          </Title>
          {call.volunteers.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('groups.noVolunteers')}
            </Text>
          )}
          {call.volunteers.map((v) => (
            <Group key={v.personId} justify="space-between" wrap="nowrap">
              <div>
                <Text size="sm" fw={600}>
                  {v.name}{' '}
                  <Text span size="xs" c="dimmed">
                    {v.organisation}
                  </Text>
                </Text>
                {v.note && <Text size="xs">{v.note}</Text>}
              </div>
              {v.status === 'pending' && call.status === 'open' ? (
                <Group gap={4} wrap="nowrap">
                  <Button
                    size="compact-xs"
                    onClick={() => decide.mutate({ personId: v.personId, decision: 'accept' })}
                    aria-label={`${t('groups.accept')}: ${v.name}`}
                  >
                    {t('groups.accept')}
                  </Button>
                  <Button
                    size="compact-xs"
                    variant="default"
                    onClick={() => decide.mutate({ personId: v.personId, decision: 'decline' })}
                    aria-label={`${t('groups.decline')}: ${v.name}`}
                  >
                    {t('groups.decline')}
                  </Button>
                </Group>
              ) : (
                <Badge
                  variant="light"
                  color={v.status === 'accepted' ? 'green' : v.status === 'declined' ? 'gray' : 'blue'}
                >
                  {t(`groups.volunteerStatus.${v.status}`)}
                </Badge>
              )}
            </Group>
          ))}
        </Stack>
      )}
      <GuardedModal
        opened={volunteering}
        onClose={() => {
          setVolunteering(false);
          setNote('');
        }}
        dirty={note.trim() !== ''}
        title={t('groups.volunteer')}
      >
        <Stack>
          {volunteer.error && <Alert color="red">{errorText.message(volunteer.error)}</Alert>}
          <Textarea
            label={t('groups.volunteerNote')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setVolunteering(false)}>
              {t('groups.cancel')}
            </Button>
            <Button loading={volunteer.isPending} onClick={() => volunteer.submit()}>
              {t('groups.volunteer')}
            </Button>
          </Group>
        </Stack>
      </GuardedModal>
    </Paper>
  );
}

/** A group's calls, with a form for managers to open a new one. */
export function GroupCalls({
  groupId,
  canManage,
  isMember,
}: {
  groupId: string;
  canManage: boolean;
  isMember: boolean;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshCalls();
  const calls = useQuery({ queryKey: ['calls', groupId], queryFn: () => api.calls({ group: groupId }) });
  const [form, setForm] = useState({ competencies: '', note: '' });
  const create = useCreate(
    (key) =>
      api.createCall(
        groupId,
        {
          competencies: form.competencies
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean),
          note: form.note,
        },
        key,
      ),
    {
      onSuccess: () => {
        setForm({ competencies: '', note: '' });
        refresh();
      },
    },
  );
  const errorText = useErrorText();
  const errors = errorText.fields(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.submit();
  };
  if (!canManage && (calls.data ?? []).length === 0) return null;
  return (
    <Stack component="section" aria-labelledby="group-calls">
      <Title order={3} size="h4" id="group-calls">
        {t('groups.calls')}
      </Title>
      {(calls.data ?? []).map((call) => (
        <CallCard key={call.id} call={call} canManage={canManage} isMember={isMember} />
      ))}
      {canManage && (
        <form onSubmit={submit} aria-label={t('groups.newCall')}>
          <Group align="flex-start" grow className={classes.form}>
            <TextInput
              label={t('groups.competencies')}
              value={form.competencies}
              onChange={(e) => setForm({ ...form, competencies: e.currentTarget.value })}
              error={errors.competencies}
            />
            <TextInput
              label={t('groups.callNote')}
              required
              maxLength={2000}
              value={form.note}
              onChange={(e) => setForm({ ...form, note: e.currentTarget.value })}
              error={errors.note}
            />
            <Button type="submit" variant="light" loading={create.isPending} disabled={!form.note.trim()} mt={25}>
              {t('groups.publishCall')}
            </Button>
          </Group>
        </form>
      )}
    </Stack>
  );
}

/** Open calls across all groups the reader may see, for the groups overview. */
export function OpenCalls({ memberOf }: { memberOf: Set<string> }) {
  const { t } = useTranslation();
  const calls = useQuery({ queryKey: ['calls', 'open'], queryFn: () => api.calls({ status: 'open' }) });
  if (!calls.data || calls.data.length === 0) return null;
  return (
    <Stack component="section" aria-labelledby="open-calls">
      <Title order={3} size="h4" id="open-calls">
        {t('groups.openCalls')}
      </Title>
      {calls.data.map((call) => (
        <CallCard key={call.id} call={call} canManage={false} isMember={memberOf.has(call.groupId)} showGroup />
      ))}
    </Stack>
  );
}
