import { Alert, Button, Group, Modal, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { RecoveryCodes } from '../auth/RecoveryCodes.tsx';
import { TwoFactorSecret } from '../auth/TwoFactorSecret.tsx';
import { announced, useErrorText } from '../forms/errors.tsx';

const TWO_FACTOR_KEY = ['me', 'twoFactor'] as const;

/**
 * Two-factor sign-in on the account page: turn it on (scan, then confirm with a first code, then
 * keep the recovery codes), new recovery codes, and off (with the password; not where the role
 * requires it).
 */
export function TwoFactorSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: TWO_FACTOR_KEY, queryFn: api.twoFactor });
  const [codes, setCodes] = useState<string[] | null>(null);
  const [asking, setAsking] = useState<'disable' | 'newCodes' | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: TWO_FACTOR_KEY });
  const m = 'identity.twoFactor.account';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="two-factor-heading">
      <Stack>
        <Group justify="space-between">
          <Title order={3} id="two-factor-heading">
            {t(`${m}.heading`)}
          </Title>
        </Group>
        {codes ? (
          <RecoveryCodes
            codes={codes}
            onDone={() => {
              setCodes(null);
              refresh();
            }}
          />
        ) : status.data?.enabled ? (
          <>
            <Text size="sm">{t(`${m}.on`, { count: status.data.recoveryCodesLeft })}</Text>
            {status.data.required && <Text size="sm">{t(`${m}.required`)}</Text>}
            <Group>
              <Button variant="default" onClick={() => setAsking('newCodes')}>
                {t(`${m}.newCodes`)}
              </Button>
              {!status.data.required && (
                <Button variant="light" color="red" onClick={() => setAsking('disable')}>
                  {t(`${m}.disable`)}
                </Button>
              )}
            </Group>
          </>
        ) : status.data ? (
          <Enrol onEnabled={setCodes} />
        ) : null}
      </Stack>
      <PasswordDialog
        kind={asking}
        onClose={() => setAsking(null)}
        onDone={(newCodes) => {
          setAsking(null);
          if (newCodes) setCodes(newCodes);
          refresh();
        }}
      />
    </Paper>
  );
}

function Enrol({ onEnabled }: { onEnabled: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [code, setCode] = useState('');
  const codeField = useRef<HTMLInputElement>(null);
  const begin = useMutation({
    mutationFn: api.beginTwoFactor,
    onSuccess: () => requestAnimationFrame(() => codeField.current?.focus()),
  });
  const confirm = useMutation({
    mutationFn: () => api.confirmTwoFactor(code),
    onSuccess: ({ recoveryCodes }) => onEnabled(recoveryCodes),
    onError: () => codeField.current?.focus(),
  });
  const m = 'identity.twoFactor.account';
  if (!begin.data) {
    return (
      <>
        <Text size="sm">{t(`${m}.off`)}</Text>
        {begin.error && <Alert color="red">{errorText.message(begin.error)}</Alert>}
        <Group>
          <Button onClick={() => begin.mutate()} loading={begin.isPending}>
            {t(`${m}.enable`)}
          </Button>
        </Group>
      </>
    );
  }
  const wrong = errorText.fields(confirm.error).code;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (code.trim()) confirm.mutate();
      }}
    >
      <Stack>
        <TwoFactorSecret setup={begin.data} />
        {confirm.error && !wrong && <Alert color="red">{errorText.message(confirm.error)}</Alert>}
        <TextInput
          label={t('identity.twoFactor.code')}
          autoComplete="one-time-code"
          inputMode="numeric"
          required
          maw={220}
          // The secret has just appeared: the code from it is what to give now.
          ref={codeField}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={announced(wrong)}
        />
        <Group>
          <Button type="submit" loading={confirm.isPending}>
            {t('identity.twoFactor.verify')}
          </Button>
          <Button variant="default" onClick={() => begin.reset()}>
            {t(`${m}.cancel`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Turning it off, or new recovery codes: each asks for the password, so a browser left open cannot. */
function PasswordDialog({
  kind,
  onClose,
  onDone,
}: {
  kind: 'disable' | 'newCodes' | null;
  onClose: () => void;
  onDone: (codes?: string[]) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [password, setPassword] = useState('');
  const act = useMutation({
    mutationFn: async (): Promise<string[] | undefined> => {
      if (kind === 'newCodes') return (await api.newRecoveryCodes(password)).recoveryCodes;
      await api.disableTwoFactor(password);
      return undefined;
    },
    onSuccess: (codes) => {
      setPassword('');
      onDone(codes);
    },
  });
  const close = () => {
    setPassword('');
    act.reset();
    onClose();
  };
  const m = 'identity.twoFactor.account';
  return (
    <Modal
      opened={kind !== null}
      onClose={close}
      title={kind === 'newCodes' ? t(`${m}.newCodes`) : t(`${m}.disableTitle`)}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (password) act.mutate();
        }}
      >
        <Stack>
          {kind === 'newCodes' && <Text size="sm">{t(`${m}.newCodesHint`)}</Text>}
          {act.error && <Alert color="red">{errorText.message(act.error)}</Alert>}
          <PasswordInput
            label={t(`${m}.confirmPassword`)}
            autoComplete="current-password"
            required
            data-autofocus
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t(`${m}.cancel`)}
            </Button>
            <Button type="submit" color={kind === 'disable' ? 'red' : undefined} loading={act.isPending}>
              {kind === 'newCodes' ? t(`${m}.newCodes`) : t(`${m}.disable`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
