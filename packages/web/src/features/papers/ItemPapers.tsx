import { type AgendaItem, can, type Me, type Meeting, type Paper } from '@council/shared';
import { Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { actorOf } from '../auth/useMe.ts';
import { RemovedList } from '../collab/RemovedList.tsx';
import { focusAfterMove } from '../keyboard/focusAfterMove.ts';
import { PaperList } from './PaperList.tsx';
import { PaperUploader } from './PaperUploader.tsx';
import { usePapers } from './usePapers.ts';

/** The papers of one agenda item, under its notes: read them, and (the council, until approval) add to them. */
export function ItemPapers({ meeting, item, me }: { meeting: Meeting; item: AgendaItem; me: Me }) {
  const { t } = useTranslation();
  const papers = usePapers(meeting.id);
  const editable = can(actorOf(me), 'edit', {
    type: 'papers',
    status: meeting.status,
    confidential: item.confidential,
  });
  const mine = papers.data?.papers.filter((p) => p.itemId === item.id) ?? [];
  const removed = papers.data?.removed.filter((p) => p.itemId === item.id) ?? [];
  if (!papers.data) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby={`papers-${item.id}`} data-testid="item-papers">
      <Title order={4} size="h5" id={`papers-${item.id}`}>
        {t('papers.heading', { count: mine.length })}
      </Title>
      {mine.length === 0 && !editable && (
        <Text size="sm" c="dimmed">
          {t('papers.none')}
        </Text>
      )}
      <PaperList papers={mine} editable={editable} />
      <PaperUploader
        meetingId={meeting.id}
        target={{ meetingId: meeting.id, itemId: item.id }}
        label={t('papers.add')}
        accepting={editable}
      />
      <RemovedPapers papers={removed} editable={editable} meetingId={meeting.id} />
    </Stack>
  );
}

/** Removed papers, folded away, each with who removed it and a restore button. */
export function RemovedPapers({
  papers,
  editable,
  meetingId,
}: {
  papers: Paper[];
  editable: boolean;
  meetingId: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const names = new Map(papers.flatMap((p) => (p.removedBy ? [[p.removedBy.id, p.removedBy.name] as const] : [])));
  return (
    <RemovedList
      label={t('papers.removed')}
      entries={papers.map((p) => ({ id: p.id, title: p.title, removedBy: p.removedBy?.id }))}
      nameOf={(id) => (id ? names.get(id) : undefined)}
      onRestore={(entry) =>
        void api
          .restorePaper(entry.id)
          .then(() => queryClient.invalidateQueries({ queryKey: ['papers', meetingId] }))
          // The restore button has gone with the entry: the keyboard goes to the paper, back in its list.
          .then(() => focusAfterMove(entry.id, 'up'))
      }
      editable={editable}
      testId="removed-papers"
    />
  );
}
