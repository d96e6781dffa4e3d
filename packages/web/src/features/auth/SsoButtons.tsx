import { type AuthProviders, SSO_ERRORS, type SsoErrorCode } from '@council/shared';
import { Alert, Button, Divider, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';

const PROVIDERS_KEY = ['authProviders'] as const;

/**
 * Single sign-on on the sign-in page: a button per configured OpenID provider, and why the last
 * attempt failed when the server sent the browser back with `?sso_error=<code>`. The buttons are
 * plain links: the server's start route answers with a redirect to the provider, which needs a
 * top-level navigation, not a fetch.
 */
export function SsoButtons({ next }: { next: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const providers = useQuery<AuthProviders>({
    queryKey: PROVIDERS_KEY,
    queryFn: api.authProviders,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const code = params.get('sso_error');
  const error = code && (SSO_ERRORS as readonly string[]).includes(code) ? (code as SsoErrorCode) : null;
  const list = providers.data?.providers ?? [];
  if (list.length === 0 && !error) return null;
  return (
    <Stack gap="xs" data-testid="sso">
      {error && (
        <Alert color="red" role="alert" data-testid="sso-error">
          {t(`sso.errors.${error}`)}
        </Alert>
      )}
      {list.length > 0 && <Divider label={t('sso.heading')} labelPosition="center" />}
      {list.map((p) => (
        <Button key={p.id} component="a" variant="default" href={`${p.start}?next=${encodeURIComponent(next)}`}>
          {t('sso.button', { name: p.name })}
        </Button>
      ))}
    </Stack>
  );
}
