import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { SsoButtons } from '../features/auth/SsoButtons.tsx';
import { SIGNED_OUT_KEY, useLogin, useMe } from '../features/auth/useMe.ts';
import { SiteFooter } from '../features/site/SiteFooter.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { data: signedOut } = useQuery<boolean>({
    queryKey: SIGNED_OUT_KEY,
    queryFn: () => false,
    staleTime: Infinity,
  });
  const next = params.get('next')?.startsWith('/') ? (params.get('next') as string) : '/';

  if (me.data) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email, password }, { onSuccess: () => navigate(next, { replace: true }) });
  };
  const error =
    login.error instanceof ApiError && login.error.status === 429
      ? t('login.rateLimited')
      : login.error instanceof ApiError && login.error.code === 'account_deactivated'
        ? t('errors.codes.account_deactivated')
        : login.error
          ? t('login.failed')
          : null;

  return (
    <Center mih="100vh" bg="gray.0" p="md" style={{ flexDirection: 'column' }}>
      <Paper component="main" withBorder shadow="sm" p="xl" w={380} maw="100%" radius="md">
        <form onSubmit={submit} noValidate>
          <Stack>
            <div>
              <Title order={1} size="h2">
                {t('app.name')}
              </Title>
              <Text c="dimmed" size="sm">
                {t('app.tagline')}
              </Text>
            </div>
            <Title order={2} size="h4">
              {t('login.title')}
            </Title>
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
            <LanguageSwitch />
          </Stack>
        </form>
      </Paper>
      <SiteFooter />
    </Center>
  );
}
