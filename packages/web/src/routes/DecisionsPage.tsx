import { Anchor, Badge, Stack, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { useFormat } from '../i18n/format.ts';
import { EmptyState, PageLoader, QueryError } from './states.tsx';

export function DecisionsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const decisions = useQuery({ queryKey: ['decisions'], queryFn: api.decisions });
  if (decisions.isPending) return <PageLoader />;
  if (decisions.isError) return <QueryError error={decisions.error} onRetry={() => decisions.refetch()} />;
  return (
    <Stack>
      <Title order={2}>{t('decisions.title')}</Title>
      {decisions.data.length === 0 ? (
        <EmptyState>{t('decisions.empty')}</EmptyState>
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('decisions.number')}</Table.Th>
              <Table.Th scope="col">{t('decisions.title')}</Table.Th>
              <Table.Th scope="col">{t('decisions.decidedOn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {decisions.data.map((d) => (
              <Table.Tr key={d.number} id={`decision-${d.number}`}>
                <Table.Td>{d.number}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/meetings/${d.meetingId}?item=${d.itemId}`}>
                    {d.title}
                  </Anchor>{' '}
                  {d.status === 'superseded' && (
                    <Badge color="gray" size="xs">
                      {t('decisions.superseded')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{format.date(d.decidedOn)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
