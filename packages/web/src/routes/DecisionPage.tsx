import type { ItemRecordOfVote } from '@council/shared';
import { Anchor, Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.ts';
import { VoteSummary } from '../features/meetings/VoteSummary.tsx';
import { useFormat } from '../i18n/format.ts';
import { DecisionStatusBadge } from './DecisionsPage.tsx';
import { isNotFound, NotFound, PageLoader, QueryError } from './states.tsx';

/** A decision's permanent page, `/decisions/2026-014`. */
export function DecisionPage() {
  const { number = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const decision = useQuery({
    queryKey: ['decisions', 'one', number],
    queryFn: () => api.decision(number),
    retry: false,
  });
  if (decision.isPending) return <PageLoader />;
  if (isNotFound(decision.error)) return <NotFound>{t('decisions.notFound')}</NotFound>;
  if (decision.isError) return <QueryError error={decision.error} onRetry={() => decision.refetch()} />;
  const d = decision.data;

  return (
    <Stack maw={820}>
      <div>
        <Text c="dimmed" fw={600}>
          {d.number}
        </Text>
        <Group gap="sm">
          <Title order={2}>{d.title}</Title>
          <DecisionStatusBadge status={d.status} />
          {d.revised && <Badge variant="outline">{t('decisions.revised')}</Badge>}
          {d.confidential && <Badge color="grape">{t('decisions.confidential')}</Badge>}
        </Group>
        <Text c="dimmed">
          {t('decisions.decidedOn')} {format.date(d.decidedOn)} ·{' '}
          <Anchor component={Link} to={`/meetings/${d.meetingId}?tab=agenda&item=${d.itemId}`} underline="always">
            {d.meetingTitle}
          </Anchor>
        </Text>
      </div>
      <Paper withBorder p="md">
        <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="decision-text">
          {d.text}
        </Text>
        {d.tags.length > 0 && (
          <Group gap={4} mt="sm">
            {d.tags.map((tag) => (
              <Badge
                key={tag}
                variant="outline"
                component={Link}
                to={`/decisions?tag=${encodeURIComponent(tag)}`}
                style={{ cursor: 'pointer' }}
              >
                {tag}
              </Badge>
            ))}
          </Group>
        )}
      </Paper>
      {d.proceedings && <Proceedings record={d.proceedings} />}
      <Chain title={t('decisions.supersedes')} items={d.supersedesDecisions} />
      <Chain title={t('decisions.supersededBy')} items={d.supersededBy}>
        {d.supersededByConfidential > 0 && (
          <List.Item>{t('decisions.supersededByConfidential', { count: d.supersededByConfidential })}</List.Item>
        )}
      </Chain>
      <section aria-labelledby="decision-links">
        <Title order={3} size="h5" id="decision-links">
          {t('decisions.links')}
        </Title>
        {d.groups.length === 0 && d.initiatives.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('decisions.noLinks')}
          </Text>
        ) : (
          <List>
            {d.groups.map((g) => (
              <List.Item key={g.id}>
                <Anchor component={Link} to={`/groups/${g.id}`}>
                  {g.name}
                </Anchor>
              </List.Item>
            ))}
            {d.initiatives.map((i) => (
              <List.Item key={`${i.planId}-${i.id}`}>
                <Anchor component={Link} to={`/plan/${i.planId}/initiatives/${i.id}`}>
                  {i.title}
                </Anchor>
              </List.Item>
            ))}
          </List>
        )}
      </section>
    </Stack>
  );
}

function Chain({
  title,
  items,
  children,
}: {
  title: string;
  items: { number: string; title: string }[];
  /** Further entries that are not links (what the reader may not see). */
  children?: ReactNode;
}) {
  if (items.length === 0 && !children) return null;
  return (
    <section aria-label={title}>
      <Title order={3} size="h5">
        {title}
      </Title>
      <List>
        {items.map((i) => (
          <List.Item key={i.number}>
            {/* Underlined: beside the title's text, colour alone would not tell the link apart (WCAG 1.4.1). */}
            <Anchor component={Link} to={`/decisions/${i.number}`} underline="always">
              {i.number}
            </Anchor>{' '}
            {i.title}
          </List.Item>
        ))}
        {children}
      </List>
    </section>
  );
}

/** The vote, the views minuted and the conflicts of interest, in the minutes' own words (past tense). */
function Proceedings({ record }: { record: ItemRecordOfVote }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="decision-vote">
      <Title order={3} size="h5" id="decision-vote">
        {t('meetings.proceedings.voteHeading')}
      </Title>
      <Stack gap="xs">
        {record.vote ? (
          <VoteSummary vote={record.vote} />
        ) : (
          <Text c="dimmed" size="sm">
            {t('meetings.proceedings.noVote')}
          </Text>
        )}
        {record.dissents.map((d) => (
          <Text key={d.personId} size="sm" data-testid="dissent" style={{ whiteSpace: 'pre-wrap' }}>
            {t('records.dissent', { name: d.name, text: d.text })}
          </Text>
        ))}
        {record.conflicts.map((c) => (
          <Text key={c.personId} size="sm" data-testid="conflict">
            {t(c.reason ? 'records.conflictReason' : 'records.conflict', { name: c.name, reason: c.reason })}
          </Text>
        ))}
      </Stack>
    </section>
  );
}
