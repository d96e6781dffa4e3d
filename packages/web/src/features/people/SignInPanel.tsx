import { Alert, Paper, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useErrorText } from '../forms/errors.tsx';

export const SIGN_IN_SETTINGS_KEY = ['admin', 'signIn'] as const;

/** For admins: password sign-in for everyone, which can be turned off once single sign-on is set up. */
export function SignInPanel() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: SIGN_IN_SETTINGS_KEY, queryFn: api.signInSettings });
  const set = useMutation({
    mutationFn: api.setPasswordSignInForAll,
    onSuccess: (next) => queryClient.setQueryData(SIGN_IN_SETTINGS_KEY, next),
  });
  if (!settings.data) return null;
  const { passwordSignIn, singleSignOn } = settings.data;
  return (
    <Paper withBorder p="sm" component="section" aria-label={t('identity.signIn.heading')}>
      <Stack gap={4}>
        <Switch
          label={t('identity.signIn.password')}
          description={singleSignOn ? t('identity.signIn.passwordHint') : t('identity.signIn.needsSso')}
          checked={passwordSignIn}
          // Off is possible only with single sign-on; on again always.
          disabled={set.isPending || (passwordSignIn && !singleSignOn)}
          onChange={(e) => set.mutate(e.currentTarget.checked)}
        />
        {set.error && (
          <Alert color="red" role="alert">
            <Text size="sm">{errorText.message(set.error)}</Text>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
