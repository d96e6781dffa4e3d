import { Button, Group, Stack, Text } from '@mantine/core';

/**
 * Entries removed from a live document (agenda items, action points, tasks), folded away under a
 * summary, each with a restore button for those who may edit.
 */
export function RemovedList<T extends { id: string }>({
  label,
  entries,
  describe,
  restoreLabel,
  onRestore,
  editable,
  testId,
}: {
  label: string;
  entries: T[];
  describe: (entry: T) => string;
  restoreLabel: (entry: T) => string;
  onRestore: (entry: T) => void;
  editable: boolean;
  testId: string;
}) {
  if (entries.length === 0) return null;
  return (
    <details className="print-hide" data-testid={testId}>
      <summary>
        {label} ({entries.length})
      </summary>
      <Stack gap={4} mt="xs">
        {entries.map((entry) => (
          <Group key={entry.id} justify="space-between" wrap="nowrap" gap="xs">
            <Text size="sm">{describe(entry)}</Text>
            {editable && (
              <Button size="compact-xs" variant="light" onClick={() => onRestore(entry)}>
                {restoreLabel(entry)}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </details>
  );
}
