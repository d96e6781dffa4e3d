import type { Meeting } from '@council/shared';
import { Alert, Badge, Button, Group, List, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useFormat } from '../../i18n/format.ts';
import { useMe } from '../auth/useMe.ts';
import { useErrorText } from '../forms/errors.tsx';

/**
 * The sign-off of draft minutes: everyone present, who has signed and when, and one click to sign
 * (or withdraw) for an attendee. A change to the minutes clears signatures; the change feed brings
 * that here for everyone who has the meeting open.
 */
export function SignaturesPanel({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const me = useMe().data;
  const client = useQueryClient();
  const key = ['meetings', meeting.id, 'signatures'];
  const signatures = useQuery({ queryKey: key, queryFn: () => api.signatures(meeting.id) });
  const done = (data: Awaited<ReturnType<typeof api.signatures>>) => {
    client.setQueryData(key, data);
    void client.invalidateQueries({ queryKey: ['meetings', meeting.id, 'approval'] });
  };
  const sign = useMutation({ mutationFn: () => api.sign(meeting.id), onSuccess: done });
  const withdraw = useMutation({ mutationFn: () => api.withdrawSignature(meeting.id), onSuccess: done });
  if (!signatures.data) return null;
  const { signers, rule, satisfied } = signatures.data;
  const mine = signers.find((s) => s.personId === me?.id);
  const draft = meeting.status === 'minutes-draft';
  const error = sign.error ?? withdraw.error;
  return (
    <Stack gap="sm" data-testid="signatures">
      <Text size="sm">{t(`meetings.signatures.rule.${rule}`)}</Text>
      {signers.length === 0 ? (
        <Text c="dimmed">{t('meetings.signatures.nobodyPresent')}</Text>
      ) : (
        <List listStyleType="none" spacing={4} p={0}>
          {signers.map((s) => (
            <List.Item key={s.personId} data-testid="signer">
              <Group gap="xs">
                <Text>{s.name}</Text>
                {s.signedAt ? (
                  <Badge color="green.9" variant="light">
                    {t('meetings.signatures.signedAt', { when: format.dateTime(s.signedAt) })}
                  </Badge>
                ) : (
                  <Badge color="gray" variant="light">
                    {t('meetings.signatures.notSigned')}
                  </Badge>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {draft && rule !== 'none' && (
        <Text size="sm" c={satisfied ? 'green.9' : 'orange.9'} role="status">
          {satisfied ? t('meetings.signatures.enough') : t('meetings.signatures.notEnough')}
        </Text>
      )}
      {draft && mine && (
        <Group>
          {mine.signedAt ? (
            <Button variant="default" loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
              {t('meetings.signatures.withdraw')}
            </Button>
          ) : (
            <Button loading={sign.isPending} onClick={() => sign.mutate()}>
              {t('meetings.signatures.sign')}
            </Button>
          )}
        </Group>
      )}
      {error && (
        <Alert color="red" role="alert">
          {errorText.message(error)}
        </Alert>
      )}
    </Stack>
  );
}
