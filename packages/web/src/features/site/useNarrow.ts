import { useMantineTheme } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

/**
 * Whether the screen is narrower than Mantine's `sm` breakpoint, where the app shell folds its menu
 * away (a phone). Tables of many columns show as stacked lists there, so that the page never scrolls
 * sideways (WCAG 1.4.10). Read during the first render, so that a phone never draws the table first.
 */
export function useNarrow(): boolean {
  const theme = useMantineTheme();
  return !useMediaQuery(`(min-width: ${theme.breakpoints.sm})`, true, { getInitialValueInEffect: false });
}
