import { type Me, type Meeting, mayReadConfidential } from '@council/shared';
import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { actorOf } from '../auth/useMe.ts';

/**
 * The approved meeting's archival export, one PDF and one ZIP, for the archive and for requests for
 * access to documents: the council gets its own variant and the public one (to hand out), everyone
 * else the public one.
 */
export function ArchiveLinks({ meeting, me }: { meeting: Meeting; me: Me }) {
  const { t } = useTranslation();
  if (meeting.status !== 'approved') return null;
  const variants = mayReadConfidential(actorOf(me)) ? (['council', 'public'] as const) : (['public'] as const);
  const href = (format: 'pdf' | 'zip', variant: string) =>
    `/api/meetings/${encodeURIComponent(meeting.id)}/archive.${format}?variant=${variant}`;
  return (
    <Stack gap={4} component="section" aria-labelledby="archive-heading" data-testid="archive-links">
      <Title order={3} size="h5" id="archive-heading">
        {t('papers.archive.heading')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('papers.archive.help')}
      </Text>
      {variants.map((variant) => (
        <Group key={variant} gap="md">
          <Text size="sm">{t(`papers.archive.${variant}`)}:</Text>
          {/* Each link says which variant it is: a screen reader's list of links shows no row. */}
          <Anchor
            size="sm"
            href={href('pdf', variant)}
            download
            aria-label={`${t('papers.archive.pdf')}, ${t(`papers.archive.${variant}`)}`}
          >
            {t('papers.archive.pdf')}
          </Anchor>
          <Anchor
            size="sm"
            href={href('zip', variant)}
            download
            aria-label={`${t('papers.archive.zip')}, ${t(`papers.archive.${variant}`)}`}
          >
            {t('papers.archive.zip')}
          </Anchor>
        </Group>
      ))}
    </Stack>
  );
}
