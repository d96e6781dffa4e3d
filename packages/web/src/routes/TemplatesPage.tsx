import type { MeetingTemplate } from '@council/shared';
import { Alert, Anchor, Badge, Button, Card, Group, List, Modal, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api } from '../api/client.ts';
import { useCan } from '../features/auth/useMe.ts';
import { useErrorText } from '../features/forms/errors.tsx';
import { SeriesSection } from '../features/templates/SeriesSection.tsx';
import { TemplateForm } from '../features/templates/TemplateForm.tsx';
import { EmptyState, PageLoader, QueryError } from './states.tsx';

/** "Skabeloner": the standard agendas the secretary keeps, under the meetings. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const templates = useQuery({ queryKey: ['meeting-templates'], queryFn: api.templates });
  // null: closed; 'new': a new template; otherwise the template being changed.
  const [editing, setEditing] = useState<MeetingTemplate | 'new' | null>(null);
  const [deleting, setDeleting] = useState<MeetingTemplate | null>(null);
  if (templates.isPending) return <PageLoader />;
  if (templates.isError) return <QueryError error={templates.error} onRetry={() => templates.refetch()} />;
  const manages = can('edit', { type: 'meetingTemplates' });

  return (
    <Stack>
      <Anchor component={Link} to="/meetings" size="sm">
        {t('templates.back')}
      </Anchor>
      <Group justify="space-between">
        <Title order={2}>{t('templates.title')}</Title>
        {can('create', { type: 'meetingTemplates' }) && (
          <Button onClick={() => setEditing('new')}>{t('templates.new')}</Button>
        )}
      </Group>
      <Text>{t('templates.intro')}</Text>
      {templates.data.length === 0 && <EmptyState>{t('templates.empty')}</EmptyState>}
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('templates.title')}>
        {templates.data.map((template) => (
          <li key={template.id}>
            <TemplateCard
              template={template}
              manages={manages}
              onEdit={() => setEditing(template)}
              onDelete={() => setDeleting(template)}
            />
          </li>
        ))}
      </Stack>
      {editing && (
        <TemplateForm
          // A fresh form for each template, so that nothing typed for one shows in another.
          key={editing === 'new' ? 'new' : editing.id}
          template={editing === 'new' ? null : editing}
          opened
          onClose={() => setEditing(null)}
        />
      )}
      <DeleteTemplateDialog template={deleting} onClose={() => setDeleting(null)} />
      <SeriesSection templates={templates.data} />
    </Stack>
  );
}

function TemplateCard({
  template,
  manages,
  onEdit,
  onDelete,
}: {
  template: MeetingTemplate;
  manages: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const total = template.items.reduce((sum, item) => sum + item.durationMinutes, 0);
  const headingId = `template-${template.id}`;
  return (
    <Card withBorder padding="sm" aria-labelledby={headingId} component="section" data-testid="template-card">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={3} size="h4" id={headingId}>
            {template.name}
          </Title>
          {template.description && (
            <Text size="sm" c="dimmed">
              {template.description}
            </Text>
          )}
        </div>
        <Badge variant="light">{t('templates.totalMinutes', { count: total })}</Badge>
      </Group>
      {template.items.length === 0 ? (
        <Text size="sm" c="dimmed" mt="xs">
          {t('templates.noItems')}
        </Text>
      ) : (
        <List type="ordered" size="sm" mt="xs" spacing={2}>
          {template.items.map((item, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: items have no id of their own; the list is read-only here
            <List.Item key={index}>
              {item.title}{' '}
              <Text span c="dimmed" size="sm">
                · {t(`meetings.kind.${item.kind}`)} · {t('meetings.minutes', { count: item.durationMinutes })}
                {item.presenterRole && ` · ${t(`roles.${item.presenterRole}`)}`}
                {item.confidential && ` · ${t('meetings.confidential')}`}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      {manages && (
        <Group gap="xs" mt="sm">
          <Button
            size="xs"
            variant="default"
            onClick={onEdit}
            aria-label={t('templates.editNamed', { name: template.name })}
          >
            {t('templates.edit')}
          </Button>
          <Button
            size="xs"
            variant="default"
            color="red"
            onClick={onDelete}
            aria-label={t('templates.deleteNamed', { name: template.name })}
          >
            {t('templates.delete.action')}
          </Button>
        </Group>
      )}
    </Card>
  );
}

function DeleteTemplateDialog({ template, onClose }: { template: MeetingTemplate | null; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: string) => api.deleteTemplate(id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['meeting-templates'] });
      close();
    },
  });
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <Modal opened={template !== null} onClose={close} title={t('templates.delete.title')}>
      <Stack>
        <Text>{t('templates.delete.explain', { name: template?.name ?? '' })}</Text>
        {remove.error && (
          <Alert color="red" role="alert">
            {remove.error instanceof ApiError && remove.error.status === 409
              ? t('templates.delete.inUse')
              : errorText.message(remove.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-autofocus>
            {t('templates.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => template && remove.mutate(template.id)}>
            {t('templates.delete.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
