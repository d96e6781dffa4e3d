import type { Site } from '@council/shared';
import { Anchor, Group } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';

export const SITE_KEY = ['site'] as const;

/** What this installation says of itself; it changes only with a restart. */
export function useSite() {
  return useQuery<Site>({ queryKey: SITE_KEY, queryFn: api.site, staleTime: Number.POSITIVE_INFINITY });
}

/**
 * The footer of every page: the accessibility statement the law asks public bodies to link from
 * each page (the operator's, or the built-in page until they set one).
 */
export function SiteFooter() {
  const { t } = useTranslation();
  const site = useSite();
  const external = site.data?.accessibilityStatementUrl;
  return (
    <Group component="footer" justify="center" py="md" data-testid="site-footer">
      {external ? (
        <Anchor href={external} size="sm" target="_blank" rel="noopener noreferrer">
          {t('accessibility.footer')}
        </Anchor>
      ) : (
        <Anchor component={Link} to="/accessibility" size="sm">
          {t('accessibility.footer')}
        </Anchor>
      )}
    </Group>
  );
}
