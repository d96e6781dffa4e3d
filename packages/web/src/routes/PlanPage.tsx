import {
  addInitiative,
  can,
  docNames,
  indicatorProgress,
  type Me,
  type Plan,
  TRACK_THRESHOLDS,
  type TrackStatus,
} from '@council/shared';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type * as Y from 'yjs';
import { api } from '../api/client.ts';
import { actorOf, useMe } from '../features/auth/useMe.ts';
import { useCollabDocument } from '../features/collab/useCollabDocument.ts';
import { bindText } from '../features/forms/bindText.ts';
import { useErrorText } from '../features/forms/errors.tsx';
import { useCreate } from '../features/forms/useCreate.ts';
import { type Initiative, useInitiatives } from '../features/plan/usePlan.ts';
import { randomId } from '../features/randomId.ts';
import { useNarrow } from '../features/site/useNarrow.ts';
import { useFormat } from '../i18n/format.ts';
import { EmptyState, NotFound, PageLoader, QueryError } from './states.tsx';

export const TRACK_COLOR: Record<TrackStatus, string> = {
  'on-track': 'green',
  'at-risk': 'yellow',
  'off-track': 'red',
  'no-data': 'gray',
};
const today = () => new Date().toISOString().slice(0, 10);

/** Worst status of an initiative's indicators, for the overview. */
export function initiativeTrack(initiative: Initiative): TrackStatus[] {
  return initiative.indicators.map((i) => indicatorProgress(i, initiative, today()).status);
}

export function PlanPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id } = useParams();
  const plans = useQuery({ queryKey: ['plans'], queryFn: api.plans });
  const { data: me } = useMe();
  if (plans.isPending || !me) return <PageLoader />;
  if (plans.isError) return <QueryError error={plans.error} onRetry={() => plans.refetch()} />;
  // The plan, when the address names one; without a name, the only plan if there is just one.
  const plan = plans.data.find((p) => p.id === id) ?? (!id && plans.data.length === 1 ? plans.data[0] : undefined);
  if (plan) return <PlanView plan={plan} me={me} />;
  if (id) return <NotFound>{t('plan.planNotFound')}</NotFound>;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('plan.title')}</Title>
        {can(actorOf(me), 'create', { type: 'plans' }) && <CreatePlan />}
      </Group>
      {plans.data.length === 0 && <EmptyState>{t('plan.empty')}</EmptyState>}
      {plans.data.map((p) => (
        <Card key={p.id} withBorder component="article">
          <Anchor component={Link} to={`/plan/${p.id}`} fw={600}>
            {p.title}
          </Anchor>
          <Text size="sm" c="dimmed">
            {t('plan.period')}: {format.date(p.periodStart)} – {format.date(p.periodEnd)} ·{' '}
            {t('plan.initiatives', { count: p.initiativeCount })}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}

function PlanView({ plan, me }: { plan: Plan; me: Me }) {
  const { t } = useTranslation();
  const format = useFormat();
  const collab = useCollabDocument(docNames.plan(plan.id), me);
  const initiatives = useInitiatives(collab?.doc);
  const groups = useQuery({ queryKey: ['groups'], queryFn: api.groups });
  const editable = can(actorOf(me), 'edit', { type: 'plan' });
  const groupName = (id?: string) => groups.data?.find((g) => g.id === id)?.name ?? t('plan.noOwner');
  if (!collab || collab.loading) return <PageLoader />;

  const counts: Record<TrackStatus, number> = { 'on-track': 0, 'at-risk': 0, 'off-track': 0, 'no-data': 0 };
  for (const i of initiatives) for (const s of initiativeTrack(i)) counts[s] += 1;

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{plan.title}</Title>
          <Text c="dimmed">
            {t('plan.period')}: {format.date(plan.periodStart)} – {format.date(plan.periodEnd)}
          </Text>
        </div>
        <Group gap="md">
          <Anchor href={`/api/plans/${plan.id}/export.csv`} download>
            {t('plan.export')}
          </Anchor>
          <Anchor href={`/api/plans/${plan.id}/export.csv?format=excel-da`} download>
            {t('plan.exportExcelDa')}
          </Anchor>
        </Group>
      </Group>
      <section aria-labelledby="plan-dashboard">
        <Title order={3} size="h4" id="plan-dashboard" mb="xs">
          {t('plan.dashboard')}
        </Title>
        <SimpleGrid cols={{ base: 2, md: 4 }} data-testid="plan-dashboard">
          {(Object.keys(counts) as TrackStatus[]).map((s) => (
            <Paper key={s} withBorder p="sm">
              <Text size="xl" fw={700} c={`${TRACK_COLOR[s]}.9`} data-testid={`track-${s}`}>
                {counts[s]}
              </Text>
              <Text size="sm">{t(`plan.track.${s}`)}</Text>
            </Paper>
          ))}
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt="xs">
          {t('plan.thresholds', { onTrack: TRACK_THRESHOLDS.onTrackWithin, atRisk: TRACK_THRESHOLDS.atRiskWithin })}
        </Text>
      </section>
      <Overview planId={plan.id} initiatives={initiatives} groupName={groupName} />
      <Timeline plan={plan} initiatives={initiatives} />
      {editable && <AddInitiative doc={collab.doc} groups={groups.data ?? []} />}
    </Stack>
  );
}

type SortKey = 'title' | 'theme' | 'status' | 'owner' | 'startDate';

interface OverviewProps {
  planId: string;
  /** The initiatives in sections (one, named '', when not grouped), each sorted. */
  sections: [string, Initiative[]][];
  grouped: boolean;
  groupName: (id?: string) => string;
}

function Overview({
  planId,
  initiatives,
  groupName,
}: {
  planId: string;
  initiatives: Initiative[];
  groupName: (id?: string) => string;
}) {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const [sort, setSort] = useState<SortKey>('startDate');
  const [groupBy, setGroupBy] = useState<'none' | 'theme' | 'status' | 'owner'>('none');
  const value = (i: Initiative, key: SortKey | 'none') =>
    key === 'owner'
      ? groupName(i.ownerGroupId)
      : key === 'status'
        ? t(`plan.statuses.${i.status}`)
        : key === 'none'
          ? ''
          : String(i[key] ?? '');
  const sorted = [...initiatives].sort((a, b) => value(a, sort).localeCompare(value(b, sort), 'da'));
  const sections = new Map<string, Initiative[]>();
  for (const i of sorted) sections.set(value(i, groupBy), [...(sections.get(value(i, groupBy)) ?? []), i]);
  const columns: [SortKey, string][] = [
    ['title', t('plan.initiative')],
    ['theme', t('plan.theme')],
    ['status', t('plan.status')],
    ['owner', t('plan.owner')],
    ['startDate', t('plan.period')],
  ];
  const props: OverviewProps = { planId, sections: [...sections], grouped: groupBy !== 'none', groupName };
  return (
    <section aria-labelledby="plan-overview">
      <Group justify="space-between" align="flex-end" mb="xs">
        <Title order={3} size="h4" id="plan-overview">
          {t('plan.overview')}
        </Title>
        <Group gap="sm">
          {/* The list on a phone has no column headings to sort by. */}
          {narrow && (
            <Select
              size="xs"
              label={t('plan.sort')}
              value={sort}
              allowDeselect={false}
              onChange={(v) => v && setSort(v as SortKey)}
              data={columns.map(([key, label]) => ({ value: key, label }))}
              w={150}
            />
          )}
          <Select
            size="xs"
            label={t('plan.groupBy')}
            value={groupBy}
            allowDeselect={false}
            onChange={(v) => v && setGroupBy(v as typeof groupBy)}
            data={[
              { value: 'none', label: t('plan.none') },
              { value: 'theme', label: t('plan.theme') },
              { value: 'status', label: t('plan.status') },
              { value: 'owner', label: t('plan.owner') },
            ]}
            w={narrow ? 150 : undefined}
          />
        </Group>
      </Group>
      {narrow ? (
        <OverviewList {...props} />
      ) : (
        <OverviewTable {...props} columns={columns} sort={sort} onSort={setSort} />
      )}
    </section>
  );
}

function OverviewTable({
  planId,
  sections,
  grouped,
  groupName,
  columns,
  sort,
  onSort,
}: OverviewProps & { columns: [SortKey, string][]; sort: SortKey; onSort: (key: SortKey) => void }) {
  const { t } = useTranslation();
  return (
    <Table striped>
      <Table.Thead>
        <Table.Tr>
          {columns.map(([key, label]) => (
            <Table.Th key={key} scope="col" aria-sort={sort === key ? 'ascending' : undefined}>
              <UnstyledButton onClick={() => onSort(key)} aria-label={t('plan.sortBy', { column: label })} fw={700}>
                {label} {sort === key ? '▲' : ''}
              </UnstyledButton>
            </Table.Th>
          ))}
          <Table.Th scope="col">{t('plan.indicators')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      {sections.map(([section, list]) => (
        <Table.Tbody key={section || 'all'}>
          {grouped && (
            <Table.Tr>
              <Table.Th colSpan={6} scope="colgroup">
                {section}
              </Table.Th>
            </Table.Tr>
          )}
          {list.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td>
                <Anchor component={Link} to={`/plan/${planId}/initiatives/${i.id}`}>
                  {i.title}
                </Anchor>
              </Table.Td>
              <Table.Td>{i.theme}</Table.Td>
              <Table.Td>{t(`plan.statuses.${i.status}`)}</Table.Td>
              <Table.Td>{groupName(i.ownerGroupId)}</Table.Td>
              <Table.Td>
                {i.startDate ?? '—'} – {i.endDate ?? '—'}
              </Table.Td>
              <Table.Td>
                <TrackBadges initiative={i} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      ))}
    </Table>
  );
}

/** The overview on a phone: each initiative a card with what the table's columns say, in sections when grouped. */
function OverviewList({ planId, sections, grouped, groupName }: OverviewProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid="plan-list">
      {sections.map(([section, list]) => (
        <div key={section || 'all'}>
          {grouped && (
            <Title order={4} size="h5" mb={4}>
              {section}
            </Title>
          )}
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
            {list.map((i) => (
              <Paper component="li" key={i.id} withBorder p="sm">
                <Anchor component={Link} to={`/plan/${planId}/initiatives/${i.id}`} display="block" fw={600}>
                  {i.title}
                </Anchor>
                <Text size="sm">{[i.theme, t(`plan.statuses.${i.status}`)].filter(Boolean).join(' · ')}</Text>
                <Text size="sm" c="dimmed">
                  {t('plan.owner')}: {groupName(i.ownerGroupId)}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('plan.period')}: {i.startDate ?? '—'} – {i.endDate ?? '—'}
                </Text>
                <TrackBadges initiative={i} mt={4} />
              </Paper>
            ))}
          </Stack>
        </div>
      ))}
    </Stack>
  );
}

/** How each of an initiative's indicators is doing. */
function TrackBadges({ initiative, mt }: { initiative: Initiative; mt?: number }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} mt={mt}>
      {initiativeTrack(initiative).map((s, n) => (
        <Badge key={`${initiative.indicators[n]?.id}`} color={TRACK_COLOR[s]} size="xs" variant="light">
          {t(`plan.track.${s}`)}
        </Badge>
      ))}
    </Group>
  );
}

/** Initiatives as bars across the strategy period. */
function Timeline({ plan, initiatives }: { plan: Plan; initiatives: Initiative[] }) {
  const { t } = useTranslation();
  const start = Date.parse(plan.periodStart);
  const span = Date.parse(plan.periodEnd) - start || 1;
  const pct = (date: string | undefined, fallback: number) =>
    date ? Math.max(0, Math.min(100, ((Date.parse(date) - start) / span) * 100)) : fallback;
  const years: number[] = [];
  for (let y = new Date(start).getUTCFullYear(); y <= new Date(plan.periodEnd).getUTCFullYear(); y++) years.push(y);
  return (
    <section aria-labelledby="plan-timeline">
      <Title order={3} size="h4" id="plan-timeline" mb="xs">
        {t('plan.timeline')}
      </Title>
      {/* Each year's label where its 1 January falls on the same scale as the bars. */}
      <div style={{ position: 'relative', height: 18, marginBottom: 4 }}>
        {years.map((y) => (
          <Text
            key={y}
            size="xs"
            c="dimmed"
            style={{ position: 'absolute', left: `${pct(`${y}-01-01`, 0)}%`, top: 0, whiteSpace: 'nowrap' }}
          >
            {y}
          </Text>
        ))}
      </div>
      <Stack gap={6}>
        {initiatives.map((i) => {
          const left = pct(i.startDate, 0);
          const right = pct(i.endDate, 100);
          return (
            <div
              key={i.id}
              style={{ position: 'relative', height: 26, background: 'var(--mantine-color-gray-1)', borderRadius: 4 }}
            >
              <div
                title={`${i.title}: ${i.startDate ?? '?'} – ${i.endDate ?? '?'}`}
                style={{
                  position: 'absolute',
                  left: `${left}%`,
                  width: `${Math.max(2, right - left)}%`,
                  top: 0,
                  bottom: 0,
                  background: 'var(--mantine-color-civic-2)',
                  borderRadius: 4,
                  padding: '2px 6px',
                  overflow: 'hidden',
                  whiteSpace: 'nowrap',
                  fontSize: 12,
                }}
              >
                {i.title}
              </div>
            </div>
          );
        })}
      </Stack>
    </section>
  );
}

function AddInitiative({ doc, groups }: { doc: Y.Doc; groups: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const empty = { title: '', theme: '', ownerGroupId: '', startDate: '', endDate: '' };
  const [form, setForm] = useState(empty);
  const reversed = Boolean(form.startDate && form.endDate && form.endDate < form.startDate);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.title.trim() || reversed) return;
    addInitiative(doc, randomId(), {
      title: form.title.trim(),
      theme: form.theme.trim(),
      status: 'planned',
      ownerGroupId: form.ownerGroupId || undefined,
      startDate: form.startDate || undefined,
      endDate: form.endDate || undefined,
    });
    setForm(empty);
  };
  const text = bindText(form, setForm, reversed ? { endDate: t('errors.rules.ends_before_start') } : {});
  return (
    <form onSubmit={submit} aria-label={t('plan.add')}>
      {/* One row on a wide screen; on a phone six fields side by side would each be a sliver. */}
      <SimpleGrid cols={{ base: 1, sm: 3, lg: 6 }}>
        <TextInput label={t('plan.initiative')} required {...text('title')} />
        <TextInput label={t('plan.theme')} {...text('theme')} />
        <Select
          label={t('plan.owner')}
          clearable
          value={form.ownerGroupId || null}
          onChange={(v) => setForm({ ...form, ownerGroupId: v ?? '' })}
          data={groups.map((g) => ({ value: g.id, label: g.name }))}
        />
        <TextInput type="date" label={t('plan.start')} {...text('startDate')} />
        <TextInput type="date" label={t('plan.end')} {...text('endDate')} />
        <Button type="submit" variant="light" disabled={!form.title.trim() || reversed} style={{ alignSelf: 'end' }}>
          {t('plan.add')}
        </Button>
      </SimpleGrid>
    </form>
  );
}

function CreatePlan() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ title: '', periodStart: '', periodEnd: '' });
  const create = useCreate((key) => api.createPlan(form, key), {
    onSuccess: () => {
      setForm({ title: '', periodStart: '', periodEnd: '' });
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
    },
  });
  const text = bindText(form, setForm, errorText.fields(create.error));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        create.submit();
      }}
      aria-label={t('plan.create')}
    >
      <Group align="flex-end">
        <TextInput label={t('plan.title')} required {...text('title')} />
        <TextInput type="date" label={t('plan.start')} required {...text('periodStart')} />
        <TextInput
          type="date"
          label={t('plan.end')}
          required
          {...text('periodEnd')}
          error={text('periodEnd').error ?? (create.error ? errorText.message(create.error) : undefined)}
        />
        <Button type="submit" loading={create.isPending} disabled={!form.title || !form.periodStart || !form.periodEnd}>
          {t('plan.create')}
        </Button>
      </Group>
    </form>
  );
}
