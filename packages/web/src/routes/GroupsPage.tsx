import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { useCan, useMe } from '../features/auth/useMe.ts';
import { OpenCalls } from '../features/groups/Calls.tsx';
import { CreateGroupButton } from '../features/groups/CreateGroupButton.tsx';
import { EmptyState, PageLoader, QueryError } from './states.tsx';

export function GroupsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { data: me } = useMe();
  const groups = useQuery({ queryKey: ['groups'], queryFn: api.groups });
  if (groups.isPending) return <PageLoader />;
  if (groups.isError) return <QueryError error={groups.error} onRetry={() => groups.refetch()} />;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('groups.title')}</Title>
        {can('create', { type: 'groups' }) && <CreateGroupButton />}
      </Group>
      <OpenCalls memberOf={new Set(Object.keys(me?.groups ?? {}))} />
      {groups.data.length === 0 && <EmptyState>{t('groups.empty')}</EmptyState>}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {groups.data.map((g) => {
          const leads = g.members.filter((m) => m.role === 'lead').map((m) => m.name);
          return (
            <Card key={g.id} withBorder component="article" aria-labelledby={`group-${g.id}`}>
              <Group justify="space-between" mb="xs">
                <Title order={3} size="h4" id={`group-${g.id}`}>
                  <Anchor component={Link} to={`/groups/${g.id}`} inherit>
                    {g.name}
                  </Anchor>
                </Title>
                <Group gap={4}>
                  {g.visibility === 'closed' && (
                    <Badge color="grape" variant="light">
                      {t('groups.closed')}
                    </Badge>
                  )}
                  <Badge variant="light">{t(`groups.status.${g.status}`)}</Badge>
                </Group>
              </Group>
              <Text size="sm">{g.purpose}</Text>
              <Text size="sm" c="dimmed" mt="xs">
                {t('groups.lead')}: {leads.join(', ') || '—'} · {t('groups.members', { count: g.members.length })}
              </Text>
            </Card>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
