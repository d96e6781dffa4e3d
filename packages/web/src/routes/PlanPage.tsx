import { Card, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { useFormat } from '../i18n/format.ts';
import { EmptyState, PageLoader, QueryError } from './states.tsx';

export function PlanPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const plans = useQuery({ queryKey: ['plans'], queryFn: api.plans });
  if (plans.isPending) return <PageLoader />;
  if (plans.isError) return <QueryError error={plans.error} onRetry={() => plans.refetch()} />;
  return (
    <Stack>
      <Title order={2}>{t('plan.title')}</Title>
      {plans.data.length === 0 && <EmptyState>{t('plan.empty')}</EmptyState>}
      {plans.data.map((p) => (
        <Card key={p.id} withBorder component="article">
          <Title order={3} size="h4">
            {p.title}
          </Title>
          <Text size="sm" c="dimmed">
            {t('plan.period')}: {format.date(p.periodStart)} – {format.date(p.periodEnd)} ·{' '}
            {t('plan.initiatives', { count: p.initiativeCount })}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
