import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { AuthCard } from '../features/auth/AuthCard.tsx';
import { announced, useErrorText } from '../features/forms/errors.tsx';

/** Asks for a link to choose a new password; says the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [email, setEmail] = useState('');
  const [tried, setTried] = useState(false);
  const send = useMutation({ mutationFn: () => api.requestPasswordReset(email.trim()) });
  return (
    <AuthCard title={t('identity.forgot.title')}>
      {send.isSuccess ? (
        <Alert color="green" role="status">
          {t('identity.forgot.sent', { email: email.trim() })}
        </Alert>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setTried(true);
            if (email.trim()) send.mutate();
          }}
        >
          <Stack>
            <Text size="sm">{t('identity.forgot.intro')}</Text>
            {send.error && !errorText.fields(send.error).email && (
              <Alert color="red" role="alert">
                {errorText.message(send.error)}
              </Alert>
            )}
            <TextInput
              label={t('login.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={announced(
                errorText.fields(send.error).email || (tried && !email.trim() && t('errors.fields.required')),
              )}
            />
            <Button type="submit" loading={send.isPending}>
              {t('identity.forgot.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/login" size="sm">
        {t('identity.forgot.back')}
      </Anchor>
    </AuthCard>
  );
}
