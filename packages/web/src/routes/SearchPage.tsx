import { SEARCH_TYPES, type SearchHit } from '@council/shared';
import { Anchor, Badge, Chip, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { useUrlFilters } from '../features/forms/useUrlFilters.ts';
import { PageLoader, QueryError } from './states.tsx';

/** Matches arrive between \u0002 and \u0003; they become <mark>, everything else stays text. */
export function Highlighted({ text }: { text: string }) {
  return (
    <>
      {text.split('\u0002').map((part, i) => {
        const [match, rest] = i === 0 ? ['', part] : part.split('\u0003');
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one snippet never reorder
          <Fragment key={i}>
            {match && <mark>{match}</mark>}
            {rest}
          </Fragment>
        );
      })}
    </>
  );
}

export function SearchPage() {
  const { t } = useTranslation();
  const { params, set } = useUrlFilters();
  const text = params.get('q') ?? '';
  const type = params.get('type') ?? '';
  const [q] = useDebouncedValue(text.trim(), 250);
  const results = useQuery({
    queryKey: ['search', q, type],
    queryFn: () => api.search({ q, type: type || undefined }),
    enabled: q.length > 0,
  });
  const correction = results.data?.correction;
  /** This page's query string with another query, the type filter kept. */
  const withQuery = (query: string) => {
    const next = new URLSearchParams(params);
    next.set('q', query);
    return `?${next}`;
  };

  return (
    <Stack maw={900}>
      <Title order={2}>{t('search.title')}</Title>
      <TextInput
        label={t('search.label')}
        description={t('search.hint')}
        type="search"
        value={text}
        onChange={(e) => set('q', e.currentTarget.value)}
        data-autofocus
        autoFocus
      />
      <Chip.Group value={type} onChange={(v) => set('type', v as string)}>
        <Group gap={6} role="radiogroup" aria-label={t('search.anyType')}>
          <Chip value="" size="xs">
            {t('search.anyType')}
          </Chip>
          {SEARCH_TYPES.map((st) => (
            <Chip key={st} value={st} size="xs">
              {t(`search.types.${st}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {q && results.isPending && <PageLoader />}
      {results.isError && <QueryError error={results.error} />}
      {results.data && (
        <>
          {correction && (
            // The hits below are already the corrected query's; the link makes it the query typed.
            <Text size="sm" data-testid="search-correction">
              {t('search.didYouMean')}{' '}
              <Anchor component={Link} to={{ search: withQuery(correction.query) }} fw={600}>
                {correction.query}
              </Anchor>
            </Text>
          )}
          <Text size="sm" role="status" aria-live="polite">
            {correction && `${t('search.showingFor', { typed: q, query: correction.query })} `}
            {t('search.results', { count: results.data.hits.length })}
          </Text>
          <Stack gap="xs" component="ol" p={0} style={{ listStyle: 'none' }} data-testid="search-results">
            {results.data.hits.map((hit) => (
              <Paper key={`${hit.type}-${hit.ref}`} withBorder p="sm" component="li">
                <Group gap="xs">
                  <Badge size="xs" variant="light">
                    {t(`search.types.${hit.type}`)}
                  </Badge>
                  <Anchor component={Link} to={hitLink(hit, correction?.query ?? q)} fw={600}>
                    {hit.type === 'paper'
                      ? t('search.paperHit', { title: hit.title, page: pageOf(hit.url) })
                      : hit.title}
                  </Anchor>
                </Group>
                <Text size="sm" mt={4}>
                  <Highlighted text={hit.snippet} />
                </Text>
              </Paper>
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}

/** The page a paper's hit is on, from its link (`…/papers/p-1?page=3`). */
const pageOf = (url: string) => new URL(url, 'http://x').searchParams.get('page') ?? '1';

/** A paper's hit opens the viewer at its page with the words searched for found again there. */
const hitLink = (hit: SearchHit, query: string) =>
  hit.type === 'paper' ? `${hit.url}&q=${encodeURIComponent(query)}` : hit.url;
