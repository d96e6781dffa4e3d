import { LIMITS } from '@council/shared';
import { Alert, Anchor, Button, Loader, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api } from '../api/client.ts';
import { AuthCard } from '../features/auth/AuthCard.tsx';
import { announced, useErrorText } from '../features/forms/errors.tsx';

/**
 * The page an invitation or a reset link opens. The token is in the address's fragment (after
 * `#`), which browsers never send, so it is in no server's log; the page sends it in a body.
 */
export function SetPasswordPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [token] = useState(() => window.location.hash.slice(1));
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [tried, setTried] = useState(false);
  const link = useQuery({ queryKey: ['accountLink', token], queryFn: () => api.accountLink(token), retry: false });
  const save = useMutation({ mutationFn: (chosen: string) => api.setPasswordWithLink(token, chosen) });
  const invite = link.data?.purpose === 'invite';
  const title = invite ? t('identity.setPassword.titleInvite') : t('identity.setPassword.titleReset');
  // Said once the repeat is as long as the password, or at an attempt to save: not at each key.
  const mismatch = repeat !== password && (tried || repeat.length >= password.length) && repeat.length > 0;
  const tooShort = password.length < LIMITS.passwordMinLength;

  if (link.isPending) {
    return (
      <AuthCard title={t('identity.setPassword.titleReset')}>
        <Text role="status" size="sm">
          <Loader size="xs" mr="xs" />
          {t('identity.setPassword.checking')}
        </Text>
      </AuthCard>
    );
  }
  const spent = save.error instanceof ApiError && save.error.status === 410;
  if (link.error || spent) {
    const expired = spent || (link.error instanceof ApiError && link.error.status === 410);
    return (
      <AuthCard title={t('identity.setPassword.titleReset')}>
        <Alert color="red" role="alert">
          {expired ? t('identity.setPassword.expired') : t('identity.setPassword.invalid')}
        </Alert>
        <Anchor component={Link} to="/forgot-password">
          {t('identity.setPassword.askAgain')}
        </Anchor>
      </AuthCard>
    );
  }
  if (save.isSuccess) {
    return (
      <AuthCard title={title}>
        <Alert color="green" role="status">
          {t('identity.setPassword.done')}
        </Alert>
        <Button component={Link} to="/login">
          {t('login.submit')}
        </Button>
      </AuthCard>
    );
  }
  // A refusal belongs to the password it was about, not to the one typed since.
  const fieldError = save.variables === password ? errorText.fields(save.error).password : undefined;
  return (
    <AuthCard title={title}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          if (!tooShort && password === repeat) save.mutate(password);
        }}
      >
        <Stack>
          <Text size="sm">
            {invite
              ? t('identity.setPassword.introInvite', { email: link.data?.email })
              : t('identity.setPassword.introReset', { email: link.data?.email })}
          </Text>
          {save.error && save.variables === password && !fieldError && (
            <Alert color="red" role="alert">
              {errorText.message(save.error)}
            </Alert>
          )}
          {/* The address, for password managers to file the new password under. */}
          <input type="hidden" autoComplete="username" value={link.data?.email ?? ''} readOnly />
          <PasswordInput
            label={t('identity.setPassword.password')}
            description={t('identity.setPassword.policy', { min: LIMITS.passwordMinLength })}
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={announced(
              fieldError || (tried && tooShort && t('errors.fields.tooSmall', { minimum: LIMITS.passwordMinLength })),
            )}
          />
          <PasswordInput
            label={t('identity.setPassword.repeat')}
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={announced(mismatch && t('account.mismatch'))}
          />
          <Button type="submit" loading={save.isPending}>
            {t('identity.setPassword.submit')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
