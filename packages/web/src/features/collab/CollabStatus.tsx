import { Avatar, Badge, Group, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type CollabDocument, usePresence } from './useCollabDocument.ts';

/** Who is here, and whether what you typed is on the server's disk yet. */
export function CollabStatus({ collab }: { collab: CollabDocument }) {
  const { t } = useTranslation();
  const present = usePresence(collab.provider);
  let label: string;
  let color: string;
  // Before connecting/offline: while the server cannot store, the provider keeps reconnecting.
  if (collab.storeFailing) [label, color] = [t('editor.notStored'), 'red'];
  else if (collab.refusedTooLarge) [label, color] = [t('editor.tooLarge'), 'red'];
  else if (collab.state === 'connecting') [label, color] = [t('editor.connecting'), 'gray'];
  else if (collab.state === 'offline') [label, color] = [t('editor.offline'), 'orange'];
  else if (collab.unsynced > 0) [label, color] = [t('editor.saving'), 'blue'];
  else [label, color] = [t('editor.saved'), 'green'];

  return (
    <Group justify="space-between" wrap="nowrap">
      <Tooltip.Group>
        <Avatar.Group aria-label={t('editor.present')} role="list">
          {present.map((user) => (
            <Tooltip key={user.clientId} label={user.name} withArrow>
              <Avatar
                role="listitem"
                variant="filled"
                color={user.color}
                size="sm"
                name={user.name}
                aria-label={user.name}
              />
            </Tooltip>
          ))}
        </Avatar.Group>
      </Tooltip.Group>
      <Group gap="xs">
        {collab.readOnly && (
          <Badge
            color="gray"
            variant="outline"
            data-testid="read-only"
            // A long sentence in a badge: it wraps on a phone rather than being cut off.
            styles={{ root: { height: 'auto', whiteSpace: 'normal' }, label: { whiteSpace: 'normal' } }}
          >
            {t('editor.readOnly')}
          </Badge>
        )}
        <Badge color={color} variant="light" role="status" aria-live="polite" data-testid="save-state">
          {label}
        </Badge>
      </Group>
    </Group>
  );
}
