import { Anchor, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { useFormat } from '../i18n/format.ts';
import { EmptyState, PageLoader, QueryError } from './states.tsx';

/** For admins: the mail Council has sent, or (without COUNCIL_SMTP_URL) keeps as .eml files to read. */
export function OutgoingMailPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const mail = useQuery({ queryKey: ['outgoingMail'], queryFn: api.outgoingMail });
  if (mail.isPending) return <PageLoader />;
  if (mail.isError) return <QueryError error={mail.error} onRetry={() => mail.refetch()} />;
  const { transport, mails } = mail.data;
  return (
    <Stack>
      <Title order={2}>{t('notifications.outgoing.title')}</Title>
      <Text size="sm">
        {transport === 'files' ? t('notifications.outgoing.intro') : t('notifications.outgoing.introSmtp')}
      </Text>
      {mails.length === 0 ? (
        <EmptyState>{t('notifications.outgoing.empty')}</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('notifications.outgoing.to')}</Table.Th>
                <Table.Th>{t('notifications.outgoing.subject')}</Table.Th>
                <Table.Th>{t('notifications.outgoing.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mails.map((m) => (
                <Table.Tr key={m.id} data-testid="outgoing-mail">
                  <Table.Td>
                    {m.recipient}
                    <Text size="xs" c="dimmed">
                      {m.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {m.subject ?? '–'}
                    {transport === 'files' && m.status === 'sent' && m.subject && (
                      <Text size="xs">
                        <Anchor href={`/api/admin/mail/${m.id}.eml`} download underline="always">
                          {t('notifications.outgoing.download')}
                        </Anchor>
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={m.status === 'sent' ? 'green.9' : 'orange.9'} variant="light">
                      {t(`notifications.outgoing.${m.status === 'sent' && transport === 'files' ? 'kept' : m.status}`)}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {format.dateTime(m.sentAt ?? m.createdAt)}
                      {m.attempts > 1 && ` · ${t('notifications.outgoing.attempts', { count: m.attempts })}`}
                    </Text>
                    {m.status === 'pending' && m.lastError && (
                      <Text size="xs" c="red.9">
                        {m.lastError}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
