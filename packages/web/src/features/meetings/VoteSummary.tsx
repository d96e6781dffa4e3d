import { VOTE_CHOICES, type VoteTally } from '@council/shared';
import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A vote as the minutes give it: the counts, then, for a named vote, who voted how. */
export function VoteSummary({ vote }: { vote: VoteTally }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} data-testid="vote">
      <Text>{t('meetings.proceedings.counts', vote)}</Text>
      {VOTE_CHOICES.map((choice) => {
        const names = vote.ballots.filter((b) => b.choice === choice).map((b) => b.name);
        return names.length > 0 ? (
          <Text key={choice} size="sm">
            {t(`meetings.proceedings.${choice}Names`, { names: names.join(', ') })}
          </Text>
        ) : null;
      })}
    </Stack>
  );
}
