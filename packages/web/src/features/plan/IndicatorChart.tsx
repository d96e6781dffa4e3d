import '@mantine/charts/styles.css';
import type { IndicatorData } from '@council/shared';
import { LineChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format.ts';
import { niceTicks } from './niceTicks.ts';

const DAY_MS = 86_400_000;

/**
 * Measurements over time against the baseline and the target line: round ticks in the reader's
 * number format, and a time axis, so that two measurements a week apart sit a week apart.
 */
export default function IndicatorChart({ indicator }: { indicator: IndicatorData }) {
  const { t } = useTranslation();
  const format = useFormat();
  const y = niceTicks([indicator.baseline, indicator.target, ...indicator.measurements.map((m) => m.value)]);
  const points = indicator.measurements.map((m) => ({ at: Date.parse(m.date), value: m.value }));
  const first = points[0]?.at ?? Date.now();
  const last = points.at(-1)?.at ?? first;
  // One point alone still gets a span of time around it.
  const xDomain = first === last ? [first - 30 * DAY_MS, last + 30 * DAY_MS] : [first, last];
  // The chart is one image to assistive technology; the measurements table below carries the values.
  return (
    <div
      role="img"
      aria-label={`${indicator.name}: ${indicator.measurements
        .map((m) => `${format.date(m.date)} ${format.number(m.value)}`)
        .join(', ')}`}
    >
      <LineChart
        h={220}
        data={points}
        dataKey="at"
        series={[{ name: 'value', label: `${indicator.name} (${indicator.unit})`, color: 'civic.7' }]}
        xAxisProps={{
          type: 'number',
          scale: 'time',
          domain: xDomain,
          tickFormatter: (at: number) => format.shortDate(new Date(at).toISOString()),
        }}
        yAxisProps={{ domain: y.domain, ticks: y.ticks }}
        valueFormatter={format.number}
        referenceLines={[
          {
            y: indicator.baseline,
            label: `${t('plan.baseline')} ${format.number(indicator.baseline)}`,
            color: 'gray.7',
          },
          { y: indicator.target, label: `${t('plan.target')} ${format.number(indicator.target)}`, color: 'green.8' },
        ]}
        curveType="linear"
        withDots
      />
    </div>
  );
}
