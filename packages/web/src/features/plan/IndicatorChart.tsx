import '@mantine/charts/styles.css';
import type { IndicatorData } from '@council/shared';
import { LineChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';

/** Measurements over time against the baseline and the target line. */
export default function IndicatorChart({ indicator }: { indicator: IndicatorData }) {
  const { t } = useTranslation();
  const values = [indicator.baseline, indicator.target, ...indicator.measurements.map((m) => m.value)];
  const pad = (Math.max(...values) - Math.min(...values)) * 0.1 || 1;
  // The chart is one image to assistive technology; the measurements table below carries the values.
  return (
    <div
      role="img"
      aria-label={`${indicator.name}: ${indicator.measurements.map((m) => `${m.date} ${m.value}`).join(', ')}`}
    >
      <LineChart
        h={220}
        data={indicator.measurements.map((m) => ({ date: m.date, value: m.value }))}
        dataKey="date"
        series={[{ name: 'value', label: `${indicator.name} (${indicator.unit})`, color: 'civic.7' }]}
        yAxisProps={{ domain: [Math.min(...values) - pad, Math.max(...values) + pad] }}
        referenceLines={[
          { y: indicator.baseline, label: `${t('plan.baseline')} ${indicator.baseline}`, color: 'gray.7' },
          { y: indicator.target, label: `${t('plan.target')} ${indicator.target}`, color: 'green.8' },
        ]}
        curveType="linear"
        withDots
      />
    </div>
  );
}
