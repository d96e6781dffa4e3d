import type { TwoFactorChallenge, TwoFactorSignIn } from '@council/shared';
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../api/client.ts';
import { AuthCard } from '../features/auth/AuthCard.tsx';
import { RecoveryCodes } from '../features/auth/RecoveryCodes.tsx';
import { SsoButtons } from '../features/auth/SsoButtons.tsx';
import { TwoFactorSecret } from '../features/auth/TwoFactorSecret.tsx';
import { SIGNED_OUT_KEY, signedIn, useLogin, useMe } from '../features/auth/useMe.ts';
import { announced, useErrorText } from '../features/forms/errors.tsx';

export function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // After a right password: the second step it asked for, then the recovery codes if it was set up now.
  const [challenge, setChallenge] = useState<TwoFactorChallenge | null>(null);
  const [expired, setExpired] = useState(false);
  const { data: signedOut } = useQuery<boolean>({
    queryKey: SIGNED_OUT_KEY,
    queryFn: () => false,
    staleTime: Infinity,
  });
  const next = params.get('next')?.startsWith('/') ? (params.get('next') as string) : '/';

  if (me.data) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setExpired(false);
    login.mutate(
      { email, password },
      {
        onSuccess: (answer) => {
          if ('token' in answer) navigate(next, { replace: true });
          else setChallenge(answer);
        },
      },
    );
  };
  const backToPassword = (timedOut: boolean) => {
    setChallenge(null);
    setExpired(timedOut);
    setPassword('');
    login.reset();
  };

  if (challenge) {
    return (
      <SecondStep challenge={challenge} onSignedIn={() => navigate(next, { replace: true })} onBack={backToPassword} />
    );
  }

  const error =
    login.error instanceof ApiError && login.error.status === 429
      ? t('login.rateLimited')
      : login.error instanceof ApiError &&
          (login.error.code === 'account_deactivated' || login.error.code === 'password_sign_in_off')
        ? t(`errors.codes.${login.error.code}`)
        : login.error
          ? t('login.failed')
          : expired
            ? t('identity.twoFactor.expired')
            : null;

  return (
    <AuthCard title={t('login.title')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {signedOut && !error && (
            <Alert color="blue" role="status" data-testid="signed-out-elsewhere">
              {t('login.signedOut')}
            </Alert>
          )}
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput
            label={t('login.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <PasswordInput
            label={t('login.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" loading={login.isPending}>
            {t('login.submit')}
          </Button>
          <SsoButtons next={next} />
          <Anchor component={Link} to="/forgot-password" size="sm">
            {t('identity.forgot.link')}
          </Anchor>
        </Stack>
      </form>
    </AuthCard>
  );
}

/**
 * The second step of a sign-in: a code from the authenticator app (or a recovery code), or, where
 * the role requires two-factor sign-in and the person has none, setting it up with its first code.
 */
function SecondStep({
  challenge,
  onSignedIn,
  onBack,
}: {
  challenge: TwoFactorChallenge;
  onSignedIn: () => void;
  onBack: (expired: boolean) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [code, setCode] = useState('');
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState<TwoFactorSignIn | null>(null);
  // Back to the field after a refusal: the button it was on is disabled while the answer comes.
  const codeField = useRef<HTMLInputElement>(null);
  const verify = useMutation({
    mutationFn: () => api.loginSecondStep({ challenge: challenge.challenge, code }),
    onSuccess: (result) => {
      // Recovery codes first: signing in leaves this page.
      if (result.recoveryCodes) setDone(result);
      else {
        signedIn(client, result);
        onSignedIn();
      }
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401) onBack(true);
      else codeField.current?.focus();
    },
  });
  if (done?.recoveryCodes) {
    return (
      <AuthCard title={t('identity.twoFactor.title')}>
        <Alert color="green" role="status">
          {t('identity.twoFactor.account.enabled')}
        </Alert>
        <RecoveryCodes
          codes={done.recoveryCodes}
          onDone={() => {
            signedIn(client, done);
            onSignedIn();
          }}
        />
      </AuthCard>
    );
  }
  const setup = challenge.twoFactor === 'setup' ? challenge.setup : undefined;
  const wrong = errorText.fields(verify.error).code;
  return (
    <AuthCard title={setup ? t('identity.twoFactor.setupTitle') : t('identity.twoFactor.title')}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          if (code.trim()) verify.mutate();
          else codeField.current?.focus();
        }}
      >
        <Stack>
          {verify.error && !wrong && (
            <Alert color="red" role="alert">
              {verify.error instanceof ApiError && verify.error.status === 429
                ? t('login.rateLimited')
                : errorText.message(verify.error)}
            </Alert>
          )}
          {setup ? (
            <>
              <Alert color="blue">{t('identity.twoFactor.setupRequired')}</Alert>
              <TwoFactorSecret setup={setup} />
            </>
          ) : (
            <Text size="sm">{t('identity.twoFactor.codeIntro')}</Text>
          )}
          <TextInput
            label={t('identity.twoFactor.code')}
            autoComplete="one-time-code"
            inputMode={setup ? 'numeric' : 'text'}
            required
            // Focus follows the step: the password form is gone, this is what to do now.
            data-autofocus
            autoFocus
            ref={codeField}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={announced(wrong || (tried && !code.trim() && t('errors.fields.required')))}
          />
          <Button type="submit" loading={verify.isPending}>
            {t('identity.twoFactor.verify')}
          </Button>
          <Anchor component="button" type="button" size="sm" onClick={() => onBack(false)}>
            {t('identity.twoFactor.back')}
          </Anchor>
        </Stack>
      </form>
    </AuthCard>
  );
}
