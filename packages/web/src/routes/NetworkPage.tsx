import { Badge, Group, Stack, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { EmptyState, PageLoader, QueryError } from './states.tsx';

export function NetworkPage() {
  const { t } = useTranslation();
  const people = useQuery({ queryKey: ['people'], queryFn: api.people });
  if (people.isPending) return <PageLoader />;
  if (people.isError) return <QueryError error={people.error} onRetry={() => people.refetch()} />;
  return (
    <Stack>
      <Title order={2}>{t('network.title')}</Title>
      {people.data.length === 0 ? (
        <EmptyState>{t('network.empty')}</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('network.name')}</Table.Th>
                <Table.Th scope="col">{t('network.organisation')}</Table.Th>
                <Table.Th scope="col">{t('network.role')}</Table.Th>
                <Table.Th scope="col">{t('network.competencies')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {people.data.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    {p.name}
                    <br />
                    <small>{p.title}</small>
                  </Table.Td>
                  <Table.Td>{p.organisation}</Table.Td>
                  <Table.Td>{t(`roles.${p.role}`)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {p.competencies.map((c) => (
                        <Badge key={c} variant="outline" size="sm">
                          {c}
                        </Badge>
                      ))}
                    </Group>
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
