import { LIMITS, type SessionInfo } from '@council/shared';
import { Alert, Badge, Button, Group, Paper, PasswordInput, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { CalendarFeedSection } from '../features/account/CalendarFeedSection.tsx';
import { PersonalDataSection } from '../features/account/PersonalDataSection.tsx';
import { TwoFactorSection } from '../features/account/TwoFactorSection.tsx';
import { browserName } from '../features/auth/browserName.ts';
import { useErrorText } from '../features/forms/errors.tsx';
import { PreferencesSection } from '../features/notifications/PreferencesSection.tsx';
import { useNarrow } from '../features/site/useNarrow.ts';
import { useFormat } from '../i18n/format.ts';
import { PageLoader, QueryError } from './states.tsx';

const SESSIONS_KEY = ['me', 'sessions'] as const;

/** The signed-in person's account: their password, the browsers where they are signed in, their calendar link. */
export function AccountPage() {
  const { t } = useTranslation();
  return (
    <Stack maw={820}>
      <Title order={2}>{t('account.title')}</Title>
      <ChangePassword />
      <TwoFactorSection />
      <Sessions />
      <CalendarFeedSection />
      <PreferencesSection />
      <PersonalDataSection />
    </Stack>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const empty = { currentPassword: '', newPassword: '', repeat: '' };
  const [form, setForm] = useState(empty);
  const [tried, setTried] = useState(false);
  const change = useMutation({
    mutationFn: () => api.changePassword({ currentPassword: form.currentPassword, newPassword: form.newPassword }),
    onSuccess: () => {
      setForm(empty);
      setTried(false);
      void queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
  });
  const fieldErrors = errorText.fields(change.error);
  const tooShort = form.newPassword.length < LIMITS.passwordMinLength;
  const mismatch = form.repeat !== form.newPassword;
  const wrongCurrent = change.error && 'code' in change.error && change.error.code === 'wrong_password';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="password-heading">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (!form.currentPassword || tooShort || mismatch) return;
          change.mutate();
        }}
      >
        <Stack>
          <Title order={3} id="password-heading">
            {t('account.password')}
          </Title>
          <Text size="sm">{t('account.passwordIntro')}</Text>
          {change.isSuccess && (
            <Alert color="green" role="status">
              {t('account.passwordChanged', { count: change.data.sessionsEnded })}
            </Alert>
          )}
          {change.error && !wrongCurrent && <Alert color="red">{errorText.message(change.error)}</Alert>}
          <PasswordInput
            label={t('account.currentPassword')}
            autoComplete="current-password"
            required
            value={form.currentPassword}
            onChange={(e) => setForm({ ...form, currentPassword: e.currentTarget.value })}
            error={
              wrongCurrent
                ? errorText.message(change.error)
                : tried && !form.currentPassword
                  ? t('errors.fields.required')
                  : fieldErrors.currentPassword
            }
          />
          <PasswordInput
            label={t('account.newPassword', { min: LIMITS.passwordMinLength })}
            autoComplete="new-password"
            required
            value={form.newPassword}
            onChange={(e) => setForm({ ...form, newPassword: e.currentTarget.value })}
            error={
              tried && tooShort
                ? t('errors.fields.tooShort', { minimum: LIMITS.passwordMinLength })
                : fieldErrors.newPassword
            }
          />
          <PasswordInput
            label={t('account.repeatPassword')}
            autoComplete="new-password"
            required
            value={form.repeat}
            onChange={(e) => setForm({ ...form, repeat: e.currentTarget.value })}
            error={tried && mismatch ? t('account.mismatch') : undefined}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              {t('account.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function Sessions() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: SESSIONS_KEY, queryFn: api.sessions });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
  const endOne = useMutation({ mutationFn: api.endSession, onSettled: refresh });
  const endOthers = useMutation({ mutationFn: api.endOtherSessions, onSettled: refresh });
  const device = (s: SessionInfo) => {
    const { browser, system } = browserName(s.userAgent);
    return [browser ?? t('account.unknownBrowser'), system].filter(Boolean).join(' · ');
  };
  const others = (sessions.data ?? []).filter((s) => !s.current).length;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sessions-heading">
      <Stack>
        <Group justify="space-between">
          <Title order={3} id="sessions-heading">
            {t('account.sessions')}
          </Title>
          <Button
            variant="default"
            disabled={others === 0}
            loading={endOthers.isPending}
            onClick={() => endOthers.mutate()}
          >
            {t('account.endOthers')}
          </Button>
        </Group>
        <Text size="sm">{t('account.sessionsIntro')}</Text>
        {(endOne.error ?? endOthers.error) && (
          <Alert color="red">{errorText.message(endOne.error ?? endOthers.error)}</Alert>
        )}
        {endOthers.isSuccess && (
          <Alert color="green" role="status">
            {t('account.othersEnded', { count: endOthers.data.sessionsEnded })}
          </Alert>
        )}
        {sessions.isPending ? (
          <PageLoader />
        ) : sessions.isError ? (
          <QueryError error={sessions.error} onRetry={() => sessions.refetch()} />
        ) : (
          <SessionList
            sessions={sessions.data}
            device={device}
            ending={endOne.isPending ? endOne.variables : undefined}
            onEnd={(id) => endOne.mutate(id)}
          />
        )}
      </Stack>
    </Paper>
  );
}

interface SessionListProps {
  sessions: SessionInfo[];
  device: (s: SessionInfo) => string;
  /** The session being signed out, if any. */
  ending: string | undefined;
  onEnd: (id: string) => void;
}

/** The sessions as a table, or on a phone one below the other: four columns would scroll sideways there. */
function SessionList({ sessions, device, ending, onEnd }: SessionListProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const narrow = useNarrow();
  const what = (s: SessionInfo) => (
    <>
      {device(s)}
      {s.current && (
        <Badge ml="xs" variant="light">
          {t('account.thisDevice')}
        </Badge>
      )}
      <Text size="xs" c="dimmed">
        {t('account.address', { ip: s.ip || '–' })}
      </Text>
    </>
  );
  const end = (s: SessionInfo) =>
    !s.current && (
      <Button
        size="xs"
        variant="default"
        loading={ending === s.id}
        onClick={() => onEnd(s.id)}
        aria-label={t('account.endOneNamed', { device: device(s), at: format.stamp(s.createdAt) })}
      >
        {t('account.endOne')}
      </Button>
    );
  if (narrow) {
    return (
      <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
        {sessions.map((s) => (
          <Paper component="li" key={s.id} withBorder p="sm" data-testid="session">
            <div>{what(s)}</div>
            <Text size="sm">
              {t('account.signedIn')}: {format.stamp(s.createdAt)}
            </Text>
            <Text size="sm" mb={s.current ? 0 : 'xs'}>
              {t('account.lastSeen')}: {format.stamp(s.lastSeenAt)}
            </Text>
            {end(s)}
          </Paper>
        ))}
      </Stack>
    );
  }
  return (
    <Table>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('account.device')}</Table.Th>
          <Table.Th scope="col">{t('account.signedIn')}</Table.Th>
          <Table.Th scope="col">{t('account.lastSeen')}</Table.Th>
          <Table.Th scope="col">
            <span className="visually-hidden">{t('account.actions')}</span>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sessions.map((s) => (
          <Table.Tr key={s.id} data-testid="session">
            <Table.Td>{what(s)}</Table.Td>
            <Table.Td>{format.stamp(s.createdAt)}</Table.Td>
            <Table.Td>{format.stamp(s.lastSeenAt)}</Table.Td>
            <Table.Td>{end(s)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
