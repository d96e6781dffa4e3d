import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Entries removed from a live document (agenda items, action points, tasks), folded away under a
 * summary, each with who removed it and a restore button for those who may edit.
 */
export function RemovedList<T extends { id: string; title: string; removedBy?: string }>({
  label,
  entries,
  nameOf,
  onRestore,
  editable,
  testId,
}: {
  label: string;
  entries: T[];
  nameOf: (personId: string | undefined) => string | undefined;
  onRestore: (entry: T) => void;
  editable: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  if (entries.length === 0) return null;
  return (
    <details className="print-hide" data-testid={testId}>
      <summary>
        {label} ({entries.length})
      </summary>
      <Stack gap={4} mt="xs">
        {entries.map((entry) => {
          const title = entry.title || t('editor.untitled');
          return (
            <Group key={entry.id} justify="space-between" gap="xs">
              <Text size="sm">
                {t('editor.removedEntry', { title, name: nameOf(entry.removedBy) ?? t('editor.someone') })}
              </Text>
              {editable && (
                <Button
                  size="compact-sm"
                  variant="light"
                  aria-label={t('editor.restoreEntry', { title })}
                  onClick={() => onRestore(entry)}
                >
                  {t('editor.restore')}
                </Button>
              )}
            </Group>
          );
        })}
      </Stack>
    </details>
  );
}
