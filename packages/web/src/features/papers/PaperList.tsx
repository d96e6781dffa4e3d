import type { Paper } from '@council/shared';
import { ActionIcon, Anchor, Badge, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useFormat } from '../../i18n/format.ts';
import { useErrorText } from '../forms/errors.tsx';
import { focusAfterMove } from '../keyboard/focusAfterMove.ts';
import { PaperUploader } from './PaperUploader.tsx';
import classes from './papers.module.css';
import { fileUrl, paperHref } from './usePapers.ts';

/** An item's papers in their order: read or download each; the council renames, moves, replaces and removes. */
export function PaperList({ papers, editable }: { papers: Paper[]; editable: boolean }) {
  return (
    <ul className="plain-list" data-testid="paper-list">
      {papers.map((paper, index) => (
        <PaperRow
          key={paper.id}
          paper={paper}
          index={index}
          count={papers.length}
          editable={editable}
          // Where the keyboard goes when this paper is removed: a neighbour, or the list's own section.
          neighbour={papers[index + 1]?.id ?? papers[index - 1]?.id}
        />
      ))}
    </ul>
  );
}

function PaperRow({
  paper,
  index,
  count,
  editable,
  neighbour,
}: {
  paper: Paper;
  index: number;
  count: number;
  editable: boolean;
  neighbour?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const errors = useErrorText();
  const queryClient = useQueryClient();
  const [renaming, rename] = useDisclosure();
  const [replacing, replace] = useDisclosure();
  // After the list is fetched again, the keyboard stays with the paper (or goes to a neighbour):
  // the browser drops focus from a button that became disabled or left the page.
  const change = useMutation({
    mutationFn: ({ step }: { step: () => Promise<Paper>; focus?: [key: string, control: string] }) => step(),
    onSuccess: async (_paper, { focus }) => {
      await queryClient.invalidateQueries({ queryKey: ['papers', paper.meetingId] });
      if (focus) focusAfterMove(...focus);
    },
  });
  const { current } = paper;
  const href = paperHref(paper);
  const viewed = href.startsWith('/meetings/');
  const older = paper.versions.slice(1);
  return (
    <li className={classes.paper} data-testid="paper" data-paper-id={paper.id} data-focus-key={paper.id}>
      <Group justify="space-between" wrap="wrap" align="flex-start" gap="xs">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 14rem' }}>
          {viewed ? (
            <Anchor component={Link} to={href} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
              {paper.title}
            </Anchor>
          ) : (
            <Anchor href={href} download fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
              {paper.title}
            </Anchor>
          )}
          <Text size="xs" c="dimmed">
            {t('papers.meta', {
              kind: current.kind.toUpperCase(),
              size: format.bytes(current.size),
              version: current.version,
              name: current.uploadedBy.name,
              when: format.stamp(current.uploadedAt),
            })}
          </Text>
          {current.extraction === 'failed' && (
            <Badge size="xs" color="orange" variant="light" data-testid="paper-unreadable">
              {t('papers.unreadable')}
            </Badge>
          )}
          {current.extraction === 'pending' && (
            <Text size="xs" c="dimmed">
              {t('papers.reading')}
            </Text>
          )}
          {older.length > 0 && (
            <details>
              <summary>
                <Text span size="xs">
                  {t('papers.olderVersions', { count: older.length })}
                </Text>
              </summary>
              <ul className="plain-list">
                {older.map((v) => (
                  <li key={v.version}>
                    <Anchor size="xs" href={fileUrl(paper.id, v.version, true)} download>
                      {t('papers.version', { version: v.version, name: v.fileName, when: format.stamp(v.uploadedAt) })}
                    </Anchor>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </Stack>
        {editable && (
          <Group gap={2} wrap="nowrap" className="print-hide">
            <ActionIcon
              variant="subtle"
              size="sm"
              disabled={index === 0}
              data-move="up"
              aria-label={t('papers.moveUp', { title: paper.title })}
              onClick={() =>
                change.mutate({
                  step: () => api.updatePaper(paper.id, { position: index - 1 }),
                  focus: [paper.id, 'up'],
                })
              }
            >
              ↑
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              size="sm"
              disabled={index === count - 1}
              data-move="down"
              aria-label={t('papers.moveDown', { title: paper.title })}
              onClick={() =>
                change.mutate({
                  step: () => api.updatePaper(paper.id, { position: index + 1 }),
                  focus: [paper.id, 'down'],
                })
              }
            >
              ↓
            </ActionIcon>
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={rename.open}
              aria-label={t('papers.renameOf', { title: paper.title })}
            >
              {t('papers.rename')}
            </Button>
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={replace.open}
              aria-label={t('papers.replaceOf', { title: paper.title })}
            >
              {t('papers.replace')}
            </Button>
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              aria-label={t('papers.removeOf', { title: paper.title })}
              onClick={() =>
                change.mutate({
                  step: () => api.removePaper(paper.id),
                  focus: neighbour ? [neighbour, 'remove'] : undefined,
                })
              }
            >
              {t('papers.remove')}
            </Button>
          </Group>
        )}
      </Group>
      {change.isError && (
        <Text size="sm" c="red" role="alert">
          {errors.message(change.error)}
        </Text>
      )}
      <Modal opened={renaming} onClose={rename.close} title={t('papers.renameOf', { title: paper.title })}>
        <RenameForm
          title={paper.title}
          onSave={(title) =>
            change.mutateAsync({ step: () => api.updatePaper(paper.id, { title }) }).then(rename.close)
          }
          onCancel={rename.close}
        />
      </Modal>
      <Modal opened={replacing} onClose={replace.close} title={t('papers.replaceOf', { title: paper.title })}>
        <Stack>
          <Text size="sm">{t('papers.replaceHelp')}</Text>
          <PaperUploader
            meetingId={paper.meetingId}
            target={{ paperId: paper.id }}
            label={t('papers.chooseFile')}
            multiple={false}
            onDone={replace.close}
          />
        </Stack>
      </Modal>
    </li>
  );
}

function RenameForm({
  title,
  onSave,
  onCancel,
}: {
  title: string;
  onSave: (title: string) => Promise<unknown>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(title);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!value.trim()) {
      setError(t('errors.fields.required'));
      return;
    }
    onSave(value.trim()).catch(() => setError(t('errors.codes.internal')));
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput
          label={t('papers.title')}
          value={value}
          maxLength={200}
          data-autofocus
          error={error}
          onChange={(e) => setValue(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('meetings.transition.cancel')}
          </Button>
          <Button type="submit">{t('papers.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
