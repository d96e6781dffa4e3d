import {
  type MeetingSeries,
  type MeetingTemplate,
  SERIES_LIMITS,
  SERIES_UNITS,
  type SeriesUnit,
  TEMPLATE_LIMITS,
} from '@council/shared';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  List,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useCan } from '../auth/useMe.ts';
import { useErrorText } from '../forms/errors.tsx';
import { GuardedModal } from '../forms/GuardedModal.tsx';
import { useCreate } from '../forms/useCreate.ts';

/** "Mødeserier": meetings at a cadence, made ahead as drafts from a template. */
export function SeriesSection({ templates }: { templates: MeetingTemplate[] }) {
  const { t } = useTranslation();
  const can = useCan();
  const series = useQuery({ queryKey: ['meeting-series'], queryFn: api.series });
  const [creating, setCreating] = useState(false);
  const [stopping, setStopping] = useState<MeetingSeries | null>(null);
  return (
    <Stack component="section" aria-labelledby="series-heading" mt="lg">
      <Group justify="space-between">
        <Title order={2} size="h3" id="series-heading">
          {t('series.title')}
        </Title>
        {can('create', { type: 'meetingSeries' }) && (
          <Button variant="light" onClick={() => setCreating(true)} disabled={templates.length === 0}>
            {t('series.new')}
          </Button>
        )}
      </Group>
      <Text>{t('series.intro')}</Text>
      {series.isError && (
        <Alert color="red" role="alert">
          {t('series.loadFailed')}
        </Alert>
      )}
      {series.data?.length === 0 && (
        <Text c="dimmed">{templates.length === 0 ? t('series.needsTemplate') : t('series.empty')}</Text>
      )}
      <Stack gap="sm">
        {series.data?.map((s) => (
          <SeriesCard key={s.id} series={s} onStop={() => setStopping(s)} />
        ))}
      </Stack>
      {creating && <SeriesForm templates={templates} onClose={() => setCreating(false)} />}
      <StopSeriesDialog series={stopping} onClose={() => setStopping(null)} />
    </Stack>
  );
}

function SeriesCard({ series, onStop }: { series: MeetingSeries; onStop: () => void }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const upcoming = series.meetings.filter((m) => m.title !== null);
  return (
    <Card withBorder padding="sm" data-testid="series-card">
      <Title order={3} size="h4">
        {series.name}
      </Title>
      <Text size="sm">
        {t('series.cadence', {
          unit: series.unit,
          every: series.every,
          // Danish writes 09.00, as the app's times do elsewhere; the series keeps a wall-clock 09:00.
          time: i18n.language === 'da' ? series.startTime.replace(':', '.') : series.startTime,
          minutes: series.durationMinutes,
        })}
        {series.location && ` · ${series.location}`}
      </Text>
      <Text size="sm" c="dimmed">
        {t('series.fromTemplate', { name: series.templateName ?? '–', count: series.horizon })}
      </Text>
      {upcoming.length > 0 && (
        <List size="sm" mt="xs" spacing={2}>
          {upcoming.map((m) => (
            <List.Item key={m.meetingId}>
              <Anchor component={Link} to={`/meetings/${m.meetingId}`} underline="always">
                {m.title}
              </Anchor>{' '}
              {/* The title names the date already (records.seriesMeetingTitle). */}
              {m.status && (
                <Text span size="sm" c="dimmed">
                  · {t(`meetings.status.${m.status as 'draft'}`)}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      )}
      {can('delete', { type: 'meetingSeries' }) && (
        <Group mt="sm">
          <Button
            size="xs"
            variant="default"
            color="red"
            onClick={onStop}
            aria-label={t('series.stopNamed', { name: series.name })}
          >
            {t('series.stop.action')}
          </Button>
        </Group>
      )}
    </Card>
  );
}

const EMPTY = {
  name: '',
  templateId: '',
  unit: 'months' as SeriesUnit,
  every: 3 as number | string,
  firstDate: '',
  startTime: '09:00',
  durationMinutes: 180 as number | string,
  location: '',
  horizon: 2 as number | string,
};

function SeriesForm({ templates, onClose }: { templates: MeetingTemplate[]; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [form, setForm] = useState({ ...EMPTY, templateId: templates[0]?.id ?? '' });
  const number = (v: number | string) => (typeof v === 'number' ? v : Number.NaN);
  const create = useCreate(
    (key) =>
      api.createSeries(
        {
          ...form,
          every: number(form.every),
          durationMinutes: number(form.durationMinutes),
          horizon: number(form.horizon),
        },
        key,
      ),
    {
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: ['meeting-series'] });
        void queryClient.invalidateQueries({ queryKey: ['meetings'] });
        onClose();
      },
    },
  );
  const errors = errorText.fields(create.error);
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.submit();
  };
  return (
    <GuardedModal
      opened
      onClose={onClose}
      dirty={form.name !== '' || form.firstDate !== ''}
      title={t('series.form.title')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {create.error && (
            <Alert color="red" role="alert">
              {errorText.message(create.error)}
            </Alert>
          )}
          <TextInput
            label={t('series.form.name')}
            description={t('series.form.nameHint')}
            required
            data-autofocus
            maxLength={TEMPLATE_LIMITS.name}
            value={form.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={errors.name}
          />
          <Select
            label={t('series.form.template')}
            required
            allowDeselect={false}
            value={form.templateId}
            onChange={(v) => set({ templateId: v ?? '' })}
            data={templates.map((tpl) => ({ value: tpl.id, label: tpl.name }))}
            error={errors.templateId}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <NumberInput
              label={t('series.form.every')}
              required
              min={1}
              max={SERIES_LIMITS.every}
              allowDecimal={false}
              value={form.every}
              onChange={(v) => set({ every: v })}
              error={errors.every}
            />
            <Select
              label={t('series.form.unit')}
              allowDeselect={false}
              value={form.unit}
              onChange={(v) => v && set({ unit: v as SeriesUnit })}
              data={SERIES_UNITS.map((u) => ({ value: u, label: t(`series.units.${u}`) }))}
              error={errors.unit}
            />
            <TextInput
              label={t('series.form.firstDate')}
              type="date"
              required
              value={form.firstDate}
              onChange={(e) => set({ firstDate: e.currentTarget.value })}
              error={errors.firstDate}
            />
            <TextInput
              label={t('series.form.startTime')}
              type="time"
              required
              value={form.startTime}
              onChange={(e) => set({ startTime: e.currentTarget.value })}
              error={errors.startTime}
            />
            <NumberInput
              label={t('series.form.duration')}
              required
              min={15}
              max={SERIES_LIMITS.durationMinutes}
              step={15}
              allowDecimal={false}
              value={form.durationMinutes}
              onChange={(v) => set({ durationMinutes: v })}
              error={errors.durationMinutes}
            />
            <NumberInput
              label={t('series.form.horizon')}
              required
              min={1}
              max={SERIES_LIMITS.horizon}
              allowDecimal={false}
              value={form.horizon}
              onChange={(v) => set({ horizon: v })}
              error={errors.horizon}
            />
          </SimpleGrid>
          <TextInput
            label={t('meetings.create.place')}
            maxLength={300}
            value={form.location}
            onChange={(e) => set({ location: e.currentTarget.value })}
            error={errors.location}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('templates.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!form.name.trim() || !form.firstDate}>
              {t('series.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </GuardedModal>
  );
}

function StopSeriesDialog({ series, onClose }: { series: MeetingSeries | null; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const stop = useMutation({
    mutationFn: (id: string) => api.stopSeries(id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['meeting-series'] });
      close();
    },
  });
  const close = () => {
    stop.reset();
    onClose();
  };
  return (
    <Modal opened={series !== null} onClose={close} title={t('series.stop.title')}>
      <Stack>
        <Text>{t('series.stop.explain', { name: series?.name ?? '' })}</Text>
        {stop.error && (
          <Alert color="red" role="alert">
            {errorText.message(stop.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-autofocus>
            {t('templates.cancel')}
          </Button>
          <Button color="red" loading={stop.isPending} onClick={() => series && stop.mutate(series.id)}>
            {t('series.stop.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
