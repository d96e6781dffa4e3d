import { AUDIT_AREAS, type AuditEntry } from '@council/shared';
import { Anchor, Button, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { useFormat } from '../i18n/format.ts';
import { EmptyState, PageLoader, QueryError } from './states.tsx';

type Area = (typeof AUDIT_AREAS)[number];

/** Names for the ids the log refers to, from lists the app loads anyway. */
function useNames() {
  const people = useQuery({ queryKey: ['people'], queryFn: () => api.people() });
  const meetings = useQuery({ queryKey: ['meetings'], queryFn: api.meetings });
  const groups = useQuery({ queryKey: ['groups'], queryFn: api.groups });
  const plans = useQuery({ queryKey: ['plans'], queryFn: api.plans });
  const byId = (list: { id: string; name?: string; title?: string }[] | undefined) =>
    new Map((list ?? []).map((x) => [x.id, x.name ?? x.title ?? x.id]));
  return {
    person: byId(people.data),
    meeting: byId(meetings.data),
    group: byId(groups.data),
    plan: byId(plans.data),
  } as Record<string, Map<string, string>>;
}

const LINKS: Record<string, (id: string) => string> = {
  meeting: (id) => `/meetings/${id}`,
  group: (id) => `/groups/${id}`,
  plan: (id) => `/plan/${id}`,
};

/** Who changed what, newest first: for the chair, the secretary and admins. */
export function AuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useNames();
  const [area, setArea] = useState<Area | null>(null);
  const log = useInfiniteQuery({
    queryKey: ['audit', area],
    queryFn: ({ pageParam }) => api.audit({ area: area ?? undefined, before: pageParam }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  });

  const about = (resource: string) => {
    const [type = '', id = ''] = resource.split(':');
    const name = names[type]?.get(id) ?? id;
    const to = LINKS[type]?.(id);
    return to ? (
      <Anchor component={Link} to={to}>
        {name}
      </Anchor>
    ) : (
      name
    );
  };
  /** Details in words: a change of role or status as "from → to", ids as names, the rest as key: value. */
  const details = (entry: AuditEntry) => {
    const { from, to, ...rest } = entry.details;
    const text = (value: unknown) =>
      typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : JSON.stringify(value);
    const label = (value: unknown) =>
      typeof value !== 'string'
        ? text(value)
        : entry.action === 'person.role'
          ? t(`roles.${value}`, { defaultValue: value })
          : entry.action === 'group.visibility'
            ? t(`groups.visibilities.${value}`, { defaultValue: value })
            : t(`meetings.status.${value}`, { defaultValue: value });
    const parts = from !== undefined && to !== undefined ? [`${label(from)} → ${label(to)}`] : [];
    for (const [key, value] of Object.entries(rest)) {
      const shown =
        key === 'personId' && typeof value === 'string'
          ? (names.person?.get(value) ?? value)
          : key === 'confirmed' && Array.isArray(value)
            ? value.map((c) => t(`audit.confirmations.${c}`, { defaultValue: String(c) }))
            : value;
      parts.push(`${t(`audit.keys.${key}`, { defaultValue: key })}: ${text(shown)}`);
    }
    return parts.join(' · ');
  };

  return (
    <Stack>
      <Title order={2}>{t('audit.title')}</Title>
      <Text c="dimmed" maw={720}>
        {t('audit.intro')}
      </Text>
      <Select
        label={t('audit.area')}
        placeholder={t('audit.allAreas')}
        clearable
        maw={280}
        value={area}
        onChange={(value) => setArea(value as Area | null)}
        data={AUDIT_AREAS.map((value) => ({ value, label: t(`audit.areas.${value}`) }))}
      />
      {log.isPending ? (
        <PageLoader />
      ) : log.isError ? (
        <QueryError error={log.error} onRetry={() => log.refetch()} />
      ) : log.data.pages[0]?.entries.length === 0 ? (
        <EmptyState>{t('audit.empty')}</EmptyState>
      ) : (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table striped aria-label={t('audit.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audit.when')}</Table.Th>
                  <Table.Th>{t('audit.who')}</Table.Th>
                  <Table.Th>{t('audit.what')}</Table.Th>
                  <Table.Th>{t('audit.about')}</Table.Th>
                  <Table.Th>{t('audit.details')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {log.data.pages
                  .flatMap((page) => page.entries)
                  .map((entry) => (
                    <Table.Tr key={entry.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.stamp(entry.at)}</Table.Td>
                      <Table.Td>{entry.actorName ?? t('audit.system')}</Table.Td>
                      <Table.Td>
                        {t(`audit.actions.${entry.action.replaceAll('.', '_')}`, { defaultValue: entry.action })}
                      </Table.Td>
                      <Table.Td>{about(entry.resource)}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{details(entry)}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {log.hasNextPage && (
            <Button variant="default" onClick={() => log.fetchNextPage()} loading={log.isFetchingNextPage}>
              {t('audit.loadMore')}
            </Button>
          )}
        </>
      )}
    </Stack>
  );
}
