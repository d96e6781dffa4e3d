import { can, docNames, GROUP_FIELDS, type Me, type Group as WorkingGroup } from '@council/shared';
import { Alert, Badge, Grid, Group, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../api/client.ts';
import { actorOf, useMe } from '../features/auth/useMe.ts';
import { LiveRichText } from '../features/collab/LiveRichText.tsx';
import { useCollabDocument } from '../features/collab/useCollabDocument.ts';
import { GroupCalls } from '../features/groups/Calls.tsx';
import { GroupFacts } from '../features/groups/GroupFacts.tsx';
import { TaskBoard } from '../features/groups/TaskBoard.tsx';
import { isNotFound, NotFound, PageLoader, QueryError } from './states.tsx';

export default function GroupPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { data: me } = useMe();
  const group = useQuery({ queryKey: ['groups', id], queryFn: () => api.group(id) });
  if (group.isPending || !me) return <PageLoader />;
  if (isNotFound(group.error)) return <NotFound>{t('groups.notFound')}</NotFound>;
  if (group.isError) return <QueryError error={group.error} onRetry={() => group.refetch()} />;
  return <GroupWorkspace group={group.data} me={me} />;
}

function GroupWorkspace({ group, me }: { group: WorkingGroup; me: Me }) {
  const { t } = useTranslation();
  const collab = useCollabDocument(docNames.group(group.id), me);
  const resource = { type: 'group', id: group.id, visibility: group.visibility } as const;
  const editable = can(actorOf(me), 'edit', resource);
  const canManage = can(actorOf(me), 'manage', resource);

  return (
    <Stack>
      <div>
        <Group gap="sm">
          <Title order={2}>{group.name}</Title>
          <Badge variant="light">{t(`groups.status.${group.status}`)}</Badge>
          {group.visibility === 'closed' && <Badge color="grape">{t('groups.closed')}</Badge>}
        </Group>
        <Text c="dimmed">{group.purpose}</Text>
        <GroupFacts group={group} canManage={canManage} />
      </div>
      {collab?.state === 'denied' && <Alert color="red">{t('editor.denied')}</Alert>}
      {!collab || collab.loading ? (
        <PageLoader />
      ) : (
        <>
          <Grid>
            <Grid.Col span={{ base: 12, md: 8 }}>
              <Title order={3} size="h4" mb="xs">
                {t('groups.mandate')}
              </Title>
              <LiveRichText
                collab={collab}
                field={GROUP_FIELDS.mandate}
                editable={editable}
                label={t('groups.mandate')}
                me={me}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Title order={3} size="h4" mb="xs">
                {t('groups.memberList')}
              </Title>
              <List listStyleType="none" spacing={4}>
                {group.members.map((m) => (
                  <List.Item key={m.personId}>
                    {m.name}{' '}
                    {m.role === 'lead' && (
                      <Badge size="xs" variant="outline">
                        {t('groups.lead')}
                      </Badge>
                    )}
                  </List.Item>
                ))}
              </List>
            </Grid.Col>
          </Grid>
          <TaskBoard doc={collab.doc} provider={collab.provider} meId={me.id} group={group} editable={editable} />
          <GroupCalls groupId={group.id} canManage={canManage} isMember={group.id in me.groups} />
        </>
      )}
    </Stack>
  );
}
