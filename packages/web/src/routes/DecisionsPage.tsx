import { DECISION_RECORD_STATUSES, type DecisionRecord } from '@council/shared';
import { Anchor, Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { useUrlFilters } from '../features/forms/useUrlFilters.ts';
import { useNarrow } from '../features/site/useNarrow.ts';
import { useFormat } from '../i18n/format.ts';
import { EmptyState, PageLoader, QueryError } from './states.tsx';

const STATUS_COLOR = { adopted: 'green', superseded: 'gray', rejected: 'red', postponed: 'yellow' } as const;

export function DecisionStatusBadge({ status }: { status: DecisionRecord['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" size="sm">
      {t(`decisions.statuses.${status}`)}
    </Badge>
  );
}

/** The register: filters live in the URL, so a filtered view can be bookmarked and shared. */
export function DecisionsPage() {
  const { t } = useTranslation();
  const { params, set } = useUrlFilters();
  const filter = {
    status: params.get('status') ?? undefined,
    tag: params.get('tag') ?? undefined,
    year: params.get('year') ?? undefined,
    sort: params.get('sort') ?? 'newest',
  };
  const text = params.get('q') ?? '';
  const [q] = useDebouncedValue(text, 300);
  const years = useQuery({ queryKey: ['decisions', 'years'], queryFn: api.decisionYears });
  const pages = useInfiniteQuery({
    queryKey: ['decisions', 'register', filter, q],
    queryFn: ({ pageParam }) => api.decisions({ ...filter, q: q || undefined, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('decisions.title')}</Title>
        <Group gap="sm">
          <Text size="sm">{t('decisions.export')}:</Text>
          <Anchor size="sm" href="/api/decisions.csv" download>
            CSV
          </Anchor>
          <Anchor size="sm" href="/api/decisions.csv?format=excel-da" download>
            {t('decisions.exportExcelDa')}
          </Anchor>
          <Anchor size="sm" href="/api/decisions.json" download>
            JSON
          </Anchor>
        </Group>
      </Group>
      {years.data && years.data.length > 0 && (
        <nav aria-label={t('decisions.timeline')}>
          <Group gap={6}>
            {years.data.map((y) => (
              <Button
                key={y.year}
                size="compact-sm"
                variant={filter.year === String(y.year) ? 'filled' : 'default'}
                aria-pressed={filter.year === String(y.year)}
                onClick={() => set('year', filter.year === String(y.year) ? null : String(y.year))}
                aria-label={t('decisions.timelineYear', { year: y.year, count: y.count })}
              >
                {y.year}{' '}
                <Text span size="xs" ml={4} c="dimmed">
                  ({y.count})
                </Text>
              </Button>
            ))}
          </Group>
        </nav>
      )}
      <Group align="flex-end" role="search" aria-label={t('decisions.filters')}>
        <TextInput label={t('decisions.text')} value={text} onChange={(e) => set('q', e.currentTarget.value)} w={240} />
        <Select
          label={t('decisions.status')}
          value={filter.status ?? null}
          placeholder={t('decisions.anyStatus')}
          clearable
          onChange={(v) => set('status', v)}
          data={DECISION_RECORD_STATUSES.map((s) => ({ value: s, label: t(`decisions.statuses.${s}`) }))}
          w={160}
        />
        <TextInput
          label={t('decisions.tag')}
          value={filter.tag ?? ''}
          onChange={(e) => set('tag', e.currentTarget.value)}
          w={160}
        />
        <Select
          label={t('decisions.year')}
          value={filter.year ?? null}
          placeholder={t('decisions.anyYear')}
          clearable
          onChange={(v) => set('year', v)}
          data={(years.data ?? []).map((y) => String(y.year))}
          w={120}
        />
        <Select
          label="↕"
          aria-label={t('decisions.sort.newest')}
          value={filter.sort}
          allowDeselect={false}
          onChange={(v) => set('sort', v === 'newest' ? null : v)}
          data={(['newest', 'oldest'] as const).map((s) => ({ value: s, label: t(`decisions.sort.${s}`) }))}
          w={150}
        />
      </Group>
      {pages.isPending ? (
        <PageLoader />
      ) : pages.isError ? (
        <QueryError error={pages.error} onRetry={() => pages.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState>{t('decisions.empty')}</EmptyState>
      ) : (
        <Register items={items} />
      )}
      {pages.hasNextPage && (
        <Button variant="default" onClick={() => pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
          {t('decisions.more')}
        </Button>
      )}
    </Stack>
  );
}

/** Where a register entry leads: its permanent page, or the agenda item while it has no number. */
const entryLink = (d: DecisionRecord) =>
  d.number ? `/decisions/${d.number}` : `/meetings/${d.meetingId}?tab=agenda&item=${d.itemId}`;

/** The register as a table, or on a phone as a list of entries, whose four columns would not fit. */
function Register({ items }: { items: DecisionRecord[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const narrow = useNarrow();
  if (narrow) {
    return (
      <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} data-testid="register-list">
        {items.map((d) => (
          <Paper component="li" key={d.id} withBorder p="sm">
            <Anchor component={Link} to={entryLink(d)} display="block" fw={600}>
              {d.title}
            </Anchor>
            <Group gap="xs" my={4}>
              <Text size="sm">
                {d.number ?? '—'} · {format.date(d.decidedOn)}
              </Text>
              <DecisionStatusBadge status={d.status} />
            </Group>
            <Text size="xs" c="dimmed">
              {d.meetingTitle}
              {d.tags.length > 0 && ` · ${d.tags.join(', ')}`}
            </Text>
          </Paper>
        ))}
      </Stack>
    );
  }
  return (
    <Table striped highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('decisions.number')}</Table.Th>
          <Table.Th scope="col">{t('decisions.title')}</Table.Th>
          <Table.Th scope="col">{t('decisions.status')}</Table.Th>
          <Table.Th scope="col">{t('decisions.decidedOn')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((d) => (
          <Table.Tr key={d.id}>
            <Table.Td>{d.number ?? '—'}</Table.Td>
            <Table.Td>
              <Anchor component={Link} to={entryLink(d)}>
                {d.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                {d.meetingTitle}
                {d.tags.length > 0 && ` · ${d.tags.join(', ')}`}
              </Text>
            </Table.Td>
            <Table.Td>
              <DecisionStatusBadge status={d.status} />
            </Table.Td>
            <Table.Td>{format.date(d.decidedOn)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
