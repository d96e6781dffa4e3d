import {
  addBenefit,
  addIndicator,
  benefitText,
  can,
  docNames,
  type IndicatorData,
  indicatorName,
  indicatorProgress,
  initiativeTitle,
  type Me,
  PLAN_FIELDS,
  removeBenefit,
  TEXT_LIMITS,
  updateInitiative,
} from '@council/shared';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type * as Y from 'yjs';
import { api } from '../api/client.ts';
import { actorOf, useMe } from '../features/auth/useMe.ts';
import { LiveRichText } from '../features/collab/LiveRichText.tsx';
import { LiveText } from '../features/collab/LiveText.tsx';
import { useCollabDocument } from '../features/collab/useCollabDocument.ts';
import { useErrorText } from '../features/forms/errors.tsx';
import { useAskFirst } from '../features/forms/useAskFirst.tsx';
import { useCreate } from '../features/forms/useCreate.ts';
import { type Initiative, useInitiatives } from '../features/plan/usePlan.ts';
import { randomId } from '../features/randomId.ts';
import { useFormat } from '../i18n/format.ts';
import { TRACK_COLOR } from './PlanPage.tsx';
import { NotFound, PageLoader } from './states.tsx';

const IndicatorChart = lazy(() => import('../features/plan/IndicatorChart.tsx'));
const BENEFIT_KINDS = ['economic', 'quality', 'time', 'citizen'] as const;

export default function InitiativePage() {
  const { data: me } = useMe();
  return me ? <InitiativeView me={me} /> : <PageLoader />;
}

function InitiativeView({ me }: { me: Me }) {
  const { planId = '', id = '' } = useParams();
  const { t } = useTranslation();
  const collab = useCollabDocument(docNames.plan(planId), me);
  const initiatives = useInitiatives(collab?.doc);
  const groups = useQuery({ queryKey: ['groups'], queryFn: api.groups });
  // Everyone may read every plan: a plan the document server refuses is one that does not exist.
  const plans = useQuery({ queryKey: ['plans'], queryFn: api.plans });
  if (plans.data && !plans.data.some((p) => p.id === planId)) return <NotFound>{t('plan.planNotFound')}</NotFound>;
  if (!collab || collab.loading) return <PageLoader />;
  if (collab.state === 'denied') return <Alert color="red">{t('editor.denied')}</Alert>;
  const initiative = initiatives.find((i) => i.id === id);
  if (!initiative) return <NotFound>{t('plan.notFound')}</NotFound>;
  const actor = actorOf(me);
  const editable = can(actor, 'edit', { type: 'plan' });
  const mayMeasure = can(actor, 'addMeasurement', {
    type: 'plan',
    ownerGroupIds: initiative.ownerGroupId ? [initiative.ownerGroupId] : [],
  });
  const update = (patch: Parameters<typeof updateInitiative>[2]) => updateInitiative(collab.doc, initiative.id, patch);

  return (
    <Stack>
      <Anchor component={Link} to={`/plan/${planId}`} size="sm">
        ← {t('plan.title')}
      </Anchor>
      <Title order={2}>{initiative.title}</Title>
      {editable ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          <LiveText
            text={initiativeTitle(collab.doc, initiative.id)}
            label={t('plan.initiative')}
            fieldId={`initiative:${initiative.id}:title`}
            provider={collab.provider}
            editable
            maxLength={TEXT_LIMITS.initiativeTitle}
          />
          <TextInput
            label={t('plan.theme')}
            value={initiative.theme}
            onChange={(e) => update({ theme: e.currentTarget.value })}
          />
          <Select
            label={t('plan.status')}
            value={initiative.status}
            allowDeselect={false}
            onChange={(v) => v && update({ status: v as Initiative['status'] })}
            data={(['planned', 'active', 'paused', 'done'] as const).map((s) => ({
              value: s,
              label: t(`plan.statuses.${s}`),
            }))}
          />
          <Select
            label={t('plan.owner')}
            clearable
            value={initiative.ownerGroupId ?? null}
            onChange={(v) => update({ ownerGroupId: v ?? undefined })}
            data={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
          />
          <TextInput
            type="date"
            label={t('plan.start')}
            value={initiative.startDate ?? ''}
            onChange={(e) => update({ startDate: e.currentTarget.value })}
          />
          <TextInput
            type="date"
            label={t('plan.end')}
            value={initiative.endDate ?? ''}
            onChange={(e) => update({ endDate: e.currentTarget.value })}
            error={
              initiative.startDate && initiative.endDate && initiative.endDate < initiative.startDate
                ? t('errors.rules.ends_before_start')
                : undefined
            }
          />
        </SimpleGrid>
      ) : (
        <Text c="dimmed">
          {initiative.theme} · {t(`plan.statuses.${initiative.status}`)} · {initiative.startDate ?? '—'} –{' '}
          {initiative.endDate ?? '—'}
        </Text>
      )}
      <Group gap="xs" align="flex-end">
        {editable && (
          <TagsInput
            label={t('plan.decisions')}
            placeholder="2026-014"
            value={initiative.decisionNumbers ?? []}
            onChange={(numbers) => update({ decisionNumbers: numbers.filter((n) => /^\d{4}-\d{3,}$/.test(n)) })}
            w={320}
          />
        )}
        {(initiative.decisionNumbers ?? []).length > 0 && (
          <Group gap="xs">
            {!editable && <Text size="sm">{t('plan.decisions')}:</Text>}
            {(initiative.decisionNumbers ?? []).map((n) => (
              <Anchor key={n} component={Link} to={`/decisions/${n}`} size="sm">
                {n}
              </Anchor>
            ))}
          </Group>
        )}
      </Group>
      <section aria-labelledby="initiative-description">
        <Title order={3} size="h4" id="initiative-description" mb="xs">
          {t('plan.description')}
        </Title>
        <LiveRichText
          collab={collab}
          field={PLAN_FIELDS.description(initiative.id)}
          editable={editable}
          label={t('plan.description')}
          me={me}
        />
      </section>
      <Benefits doc={collab.doc} provider={collab.provider} initiative={initiative} editable={editable} />
      <section aria-labelledby="initiative-indicators">
        <Title order={3} size="h4" id="initiative-indicators" mb="xs">
          {t('plan.indicators')}
        </Title>
        <Stack>
          {initiative.indicators.map((indicator) => (
            <IndicatorPanel
              key={indicator.id}
              doc={collab.doc}
              provider={collab.provider}
              editable={editable}
              planId={planId}
              initiative={initiative}
              indicator={indicator}
              mayMeasure={mayMeasure}
            />
          ))}
          {editable && <AddIndicator doc={collab.doc} initiativeId={initiative.id} />}
        </Stack>
      </section>
    </Stack>
  );
}

function Benefits({
  doc,
  provider,
  initiative,
  editable,
}: {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  initiative: Initiative;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ description: '', kind: 'economic' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.description.trim()) return;
    addBenefit(doc, initiative.id, {
      id: randomId(),
      description: form.description.trim(),
      kind: form.kind,
    });
    setForm({ ...form, description: '' });
  };
  return (
    <section aria-labelledby="initiative-benefits">
      <Title order={3} size="h4" id="initiative-benefits" mb="xs">
        {t('plan.benefits')}
      </Title>
      <Stack gap={4}>
        {initiative.benefits.map((b) => (
          <Group key={b.id} gap="xs" wrap="nowrap" align="flex-end">
            <Badge variant="light">{t(`plan.benefitKinds.${b.kind as 'economic'}`, { defaultValue: b.kind })}</Badge>
            {editable ? (
              <LiveText
                text={benefitText(doc, initiative.id, b.id)}
                label={t('plan.benefitText')}
                fieldId={`benefit:${initiative.id}:${b.id}`}
                provider={provider}
                grow
                editable
                maxLength={TEXT_LIMITS.benefitDescription}
              />
            ) : (
              <Text size="sm">{b.description}</Text>
            )}
            {editable && (
              <ActionIcon
                size="sm"
                variant="subtle"
                color="red"
                aria-label={t('plan.removeBenefit', { text: b.description })}
                onClick={() => removeBenefit(doc, initiative.id, b.id)}
              >
                <span aria-hidden>✕</span>
              </ActionIcon>
            )}
          </Group>
        ))}
      </Stack>
      {editable && (
        <form onSubmit={submit} aria-label={t('plan.addBenefit')}>
          <Group align="flex-end" mt="xs">
            <TextInput
              label={t('plan.benefitText')}
              value={form.description}
              onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
              w={360}
            />
            <Select
              label={t('plan.benefitKind')}
              value={form.kind}
              allowDeselect={false}
              onChange={(v) => v && setForm({ ...form, kind: v })}
              data={BENEFIT_KINDS.map((k) => ({ value: k, label: t(`plan.benefitKinds.${k}`) }))}
            />
            <Button type="submit" variant="light" disabled={!form.description.trim()}>
              {t('plan.addBenefit')}
            </Button>
          </Group>
        </form>
      )}
    </section>
  );
}

function IndicatorPanel({
  doc,
  provider,
  editable,
  planId,
  initiative,
  indicator,
  mayMeasure,
}: {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  editable: boolean;
  planId: string;
  initiative: Initiative;
  indicator: IndicatorData;
  mayMeasure: boolean;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const format = useFormat();
  const progress = indicatorProgress(indicator, initiative, new Date().toISOString().slice(0, 10));
  const [form, setForm] = useState<{ date: string; value: number | string }>({
    date: new Date().toISOString().slice(0, 10),
    value: '',
  });
  // Measurements go through the REST endpoint for everyone, so that the owning group's lead (who
  // only reads the plan document) can add them too; the point then arrives live like any edit.
  const add = useCreate(
    (key) =>
      api.addMeasurement(planId, initiative.id, indicator.id, { date: form.date, value: Number(form.value) }, key),
    { onSuccess: () => setForm({ ...form, value: '' }) },
  );
  const askFirst = useAskFirst();
  /** What is allowed but unusual about this measurement, and asked about first. */
  const unusual = () => {
    const reasons: string[] = [];
    const { startDate: start, endDate: end } = initiative;
    if ((start && form.date < start) || (end && form.date > end)) {
      reasons.push(
        t('forms.askFirst.outsidePeriod', {
          start: start ? format.date(start) : '—',
          end: end ? format.date(end) : '—',
        }),
      );
    }
    if (indicator.target !== 0 && Math.abs(Number(form.value)) > 10 * Math.abs(indicator.target)) {
      reasons.push(t('forms.askFirst.farAboveTarget', { target: format.number(indicator.target) }));
    }
    return reasons;
  };
  return (
    <Paper withBorder p="md" data-testid={`indicator-${indicator.id}`}>
      <Group justify="space-between">
        {editable ? (
          <LiveText
            text={indicatorName(doc, initiative.id, indicator.id)}
            label={`${t('plan.name')} (${indicator.unit})`}
            fieldId={`indicator:${initiative.id}:${indicator.id}:name`}
            provider={provider}
            editable
            required
            grow
            maxLength={TEXT_LIMITS.indicatorName}
          />
        ) : (
          <Title order={4} size="h5">
            {indicator.name} ({indicator.unit})
          </Title>
        )}
        <Badge color={TRACK_COLOR[progress.status]} variant="light">
          {t(`plan.track.${progress.status}`)}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed">
        {t('plan.baseline')} {format.number(indicator.baseline)} · {t('plan.target')} {format.number(indicator.target)}
        {progress.progress !== null &&
          progress.expected !== null &&
          ` · ${t('plan.progress', { progress: format.percent(progress.progress), expected: format.percent(progress.expected) })}`}
      </Text>
      {indicator.measurements.length === 0 ? (
        <Text size="sm" mt="xs">
          {t('plan.noMeasurements')}
        </Text>
      ) : (
        <Suspense fallback={<PageLoader />}>
          <IndicatorChart indicator={indicator} />
        </Suspense>
      )}
      <Table mt="xs" data-testid="measurements">
        <Table.Caption>{t('plan.measurements')}</Table.Caption>
        <Table.Tbody>
          {indicator.measurements.map((m) => (
            <Table.Tr key={`${m.date}-${m.value}`}>
              <Table.Td>{format.date(m.date)}</Table.Td>
              <Table.Td>{format.number(m.value)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {mayMeasure && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            askFirst.ask(unusual(), add.submit);
          }}
          aria-label={`${t('plan.addMeasurement')}: ${indicator.name}`}
        >
          <Group align="flex-end" mt="xs">
            <TextInput
              type="date"
              label={t('plan.date')}
              required
              value={form.date}
              onChange={(e) => setForm({ ...form, date: e.currentTarget.value })}
            />
            <NumberInput
              label={t('plan.value')}
              required
              value={form.value}
              onChange={(value) => setForm({ ...form, value })}
              decimalSeparator=","
              allowDecimal
            />
            <Button type="submit" variant="light" loading={add.isPending} disabled={form.value === '' || !form.date}>
              {t('plan.addMeasurement')}
            </Button>
          </Group>
          {askFirst.prompt}
          {add.error && (
            <Text c="red" size="sm" role="alert">
              {errorText.message(add.error)}
            </Text>
          )}
        </form>
      )}
    </Paper>
  );
}

function AddIndicator({ doc, initiativeId }: { doc: Y.Doc; initiativeId: string }) {
  const { t } = useTranslation();
  const empty = { name: '', unit: '', baseline: 0 as number | string, target: 100 as number | string };
  const [form, setForm] = useState(empty);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.name.trim()) return;
    addIndicator(doc, initiativeId, {
      id: randomId(),
      name: form.name.trim(),
      unit: form.unit.trim(),
      baseline: Number(form.baseline),
      target: Number(form.target),
    });
    setForm(empty);
  };
  return (
    <form onSubmit={submit} aria-label={t('plan.addIndicator')}>
      <Group align="flex-end">
        <TextInput
          label={t('plan.name')}
          required
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
        />
        <TextInput
          label={t('plan.unit')}
          value={form.unit}
          onChange={(e) => setForm({ ...form, unit: e.currentTarget.value })}
          w={120}
        />
        <NumberInput
          label={t('plan.baseline')}
          value={form.baseline}
          onChange={(baseline) => setForm({ ...form, baseline })}
          w={120}
        />
        <NumberInput
          label={t('plan.target')}
          value={form.target}
          onChange={(target) => setForm({ ...form, target })}
          w={120}
        />
        <Button type="submit" variant="light" disabled={!form.name.trim()}>
          {t('plan.addIndicator')}
        </Button>
      </Group>
    </form>
  );
}
