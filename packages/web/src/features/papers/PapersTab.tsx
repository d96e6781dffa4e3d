import type { AgendaItem, Me, Meeting } from '@council/shared';
import { can } from '@council/shared';
import { Badge, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format.ts';
import { EmptyState, PageLoader, QueryError } from '../../routes/states.tsx';
import { actorOf } from '../auth/useMe.ts';
import { ArchiveLinks } from './ArchiveLinks.tsx';
import { RemovedPapers } from './ItemPapers.tsx';
import { PaperList } from './PaperList.tsx';
import { papersByItem, usePapers } from './usePapers.ts';

/** Every paper of the meeting in agenda order, under each item's number and title. */
export function PapersTab({ meeting, agenda, me }: { meeting: Meeting; agenda: AgendaItem[]; me: Me }) {
  const { t } = useTranslation();
  const format = useFormat();
  const papers = usePapers(meeting.id);
  if (papers.isPending) return <PageLoader />;
  if (papers.isError) return <QueryError error={papers.error} onRetry={() => papers.refetch()} />;
  const byItem = papersByItem(papers.data.papers);
  const actor = actorOf(me);
  const editable = (item: AgendaItem) =>
    can(actor, 'edit', { type: 'papers', status: meeting.status, confidential: item.confidential });
  return (
    <Stack data-testid="papers-tab">
      <ArchiveLinks meeting={meeting} me={me} />
      {papers.data.papers.length === 0 && <EmptyState>{t('papers.noneInMeeting')}</EmptyState>}
      {agenda.map((item, index) => {
        const mine = byItem.get(item.id);
        if (!mine) return null;
        return (
          <section key={item.id} aria-labelledby={`tab-papers-${item.id}`}>
            <Title order={3} size="h5" id={`tab-papers-${item.id}`} style={{ overflowWrap: 'anywhere' }}>
              {index + 1}. {item.title}{' '}
              {item.confidential && (
                <Badge size="xs" color="grape" variant="light">
                  {t('meetings.confidential')}
                </Badge>
              )}
            </Title>
            <PaperList papers={mine} editable={editable(item)} />
          </section>
        );
      })}
      {papers.data.usedBytes > 0 && (
        <Text size="xs" c="dimmed">
          {t('papers.used', { used: format.bytes(papers.data.usedBytes), limit: format.bytes(papers.data.limitBytes) })}
        </Text>
      )}
      <RemovedPapers
        papers={papers.data.removed}
        editable={can(actor, 'edit', { type: 'papers', status: meeting.status, confidential: false })}
        meetingId={meeting.id}
      />
    </Stack>
  );
}
