import type { Meeting } from '@council/shared';
import { Alert, Button, Group, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { api } from '../../api/client.ts';
import { useCan } from '../auth/useMe.ts';
import { RemovedList } from '../collab/RemovedList.tsx';
import { useErrorText } from '../forms/errors.tsx';

/** What `DeleteMeetingButton` passes to the meetings list, so that the deletion can be undone at once. */
export interface JustDeleted {
  deleted: { id: string; title: string };
}

/**
 * For those who may delete meetings: "deleted" with an undo right after a deletion, and the deleted
 * drafts folded away under the list, each with a restore button. Nothing deleted is lost for good.
 */
export function DeletedMeetings() {
  const { t } = useTranslation();
  const can = useCan();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const justDeleted = (useLocation().state as JustDeleted | null)?.deleted;
  const [restored, setRestored] = useState<Meeting | null>(null);
  const may = can('delete', { type: 'meeting', status: 'draft' });
  const deleted = useQuery({ queryKey: ['meetings', 'deleted'], queryFn: api.deletedMeetings, enabled: may });
  const restore = useMutation({
    mutationFn: (id: string) => api.restoreMeeting(id),
    onSuccess: (meeting) => {
      setRestored(meeting);
      void queryClient.invalidateQueries({ queryKey: ['meetings'] });
      void queryClient.invalidateQueries({ queryKey: ['home'] });
    },
  });
  if (!may) return null;
  const stillDeleted = deleted.data ?? [];
  const undoable = justDeleted && stillDeleted.some((m) => m.id === justDeleted.id) ? justDeleted : undefined;
  return (
    <>
      <div role="status">
        {undoable && restored?.id !== undoable.id && (
          <Alert color="gray" data-testid="meeting-deleted">
            <Group justify="space-between" gap="xs">
              <Text size="sm">{t('meetings.deleted.justDeleted', { title: undoable.title })}</Text>
              <Button
                size="compact-sm"
                variant="light"
                loading={restore.isPending}
                onClick={() => restore.mutate(undoable.id)}
              >
                {t('meetings.deleted.undo')}
              </Button>
            </Group>
          </Alert>
        )}
        {restored && (
          <Alert color="green" data-testid="meeting-restored">
            {t('meetings.deleted.restored', { title: restored.title })}
          </Alert>
        )}
      </div>
      {restore.error && (
        <Alert color="red" role="alert">
          {errorText.message(restore.error)}
        </Alert>
      )}
      <RemovedList
        label={t('meetings.deleted.list')}
        entries={stillDeleted.map((m) => ({ id: m.id, title: m.title, removedBy: m.deletedBy ?? undefined }))}
        nameOf={(name) => name}
        onRestore={(entry) => restore.mutate(entry.id)}
        editable
        testId="deleted-meetings"
      />
    </>
  );
}
