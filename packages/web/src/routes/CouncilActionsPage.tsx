import type { CouncilAction } from '@council/shared';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { useCan } from '../features/auth/useMe.ts';
import { useErrorText } from '../features/forms/errors.tsx';
import { useFormat } from '../i18n/format.ts';
import { EmptyState, PageLoader, QueryError } from './states.tsx';

type Shown = 'open' | 'done' | 'all';

/** The council's own action points, from approved minutes; the council and the assignee tick them off. */
export function CouncilActionsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const format = useFormat();
  const can = useCan();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<Shown>('open');
  const [mineOnly, setMineOnly] = useState(false);
  const query = { status: shown === 'all' ? undefined : shown, assignee: mineOnly ? ('me' as const) : undefined };
  const actions = useQuery({ queryKey: ['actions', query], queryFn: () => api.councilActions(query) });
  const people = useQuery({ queryKey: ['people'], queryFn: () => api.people() });
  /** The point just ticked off, which leaves the open list: offered for undo until the next change. */
  const [justDone, setJustDone] = useState<CouncilAction | null>(null);
  const setDone = useMutation({
    mutationFn: ({ action, done }: { action: CouncilAction; done: boolean }) =>
      api.setActionDone(action.meetingId, action.refId, done),
    onSuccess: (updated, { done }) => {
      setJustDone(done ? updated : null);
      // My tasks lists these under the same key.
      void queryClient.invalidateQueries({ queryKey: ['actions'] });
    },
  });
  const nameOf = (id: string | null) =>
    id ? (people.data?.find((p) => p.id === id)?.name ?? '–') : t('councilActions.nobody');
  const today = new Date().toISOString().slice(0, 10);

  return (
    <Stack>
      <Title order={2}>{t('councilActions.title')}</Title>
      <Text c="dimmed" maw={720}>
        {t('councilActions.intro')}
      </Text>
      <Group>
        <SegmentedControl
          aria-label={t('councilActions.show')}
          value={shown}
          onChange={(value) => setShown(value as Shown)}
          data={(['open', 'done', 'all'] as const).map((value) => ({ value, label: t(`councilActions.${value}`) }))}
        />
        <Switch
          label={t('councilActions.mineOnly')}
          checked={mineOnly}
          onChange={(event) => setMineOnly(event.currentTarget.checked)}
        />
      </Group>
      {setDone.error && <Alert color="red">{errorText.message(setDone.error)}</Alert>}
      {justDone && (
        <Alert
          color="green"
          role="status"
          withCloseButton
          closeButtonLabel={t('councilActions.dismiss')}
          onClose={() => setJustDone(null)}
        >
          <Group justify="space-between">
            <Text size="sm">{t('councilActions.markedDone', { title: justDone.title })}</Text>
            <Button size="xs" variant="white" onClick={() => setDone.mutate({ action: justDone, done: false })}>
              {t('editor.undo')}
            </Button>
          </Group>
        </Alert>
      )}
      {actions.isPending ? (
        <PageLoader />
      ) : actions.isError ? (
        <QueryError error={actions.error} onRetry={() => actions.refetch()} />
      ) : actions.data.length === 0 ? (
        <EmptyState>
          {t(
            shown === 'open'
              ? 'councilActions.emptyOpen'
              : shown === 'done'
                ? 'councilActions.emptyDone'
                : 'councilActions.emptyAll',
          )}
        </EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-label={t('councilActions.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('councilActions.status')}</Table.Th>
                <Table.Th>{t('councilActions.action')}</Table.Th>
                <Table.Th>{t('councilActions.assignee')}</Table.Th>
                <Table.Th>{t('councilActions.due')}</Table.Th>
                <Table.Th>{t('councilActions.meeting')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {actions.data.map((action) => {
                const done = action.doneAt !== null;
                const overdue = !done && action.due !== null && action.due < today;
                const busy = setDone.isPending && setDone.variables?.action === action;
                return (
                  <Table.Tr key={`${action.meetingId}-${action.refId}`}>
                    <Table.Td>
                      <Checkbox
                        aria-label={t('councilActions.markDone', { title: action.title })}
                        checked={done}
                        disabled={busy || !can('complete', { type: 'councilAction', assigneeId: action.assigneeId })}
                        onChange={(event) => setDone.mutate({ action, done: event.currentTarget.checked })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text fw={600} td={done ? 'line-through' : undefined}>
                        {action.title}
                      </Text>
                      {done && (
                        <Text size="sm" c="dimmed">
                          {t('councilActions.doneBy', {
                            date: format.date(action.doneAt as string),
                            name: nameOf(action.doneBy),
                          })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{nameOf(action.assigneeId)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {action.due ? format.date(action.due) : '–'}
                      {overdue && (
                        <div>
                          <Badge color="red.9" size="sm" style={{ overflow: 'visible' }}>
                            {t('councilActions.overdue')}
                          </Badge>
                        </div>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/meetings/${action.meetingId}?tab=minutes`}>
                        {action.meetingTitle}
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
