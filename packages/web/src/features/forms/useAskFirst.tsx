import { Alert, Button, Group, List } from '@mantine/core';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Asks before saving something that is allowed but unusual (a due date already past, a measurement
 * outside its period): `ask(reasons, save)` saves at once when there are no reasons, and otherwise
 * shows `prompt`, which lists them with "Gem alligevel" and "Ret" (focused: the safe choice).
 */
export function useAskFirst(): { ask: (reasons: string[], save: () => void) => void; prompt: ReactNode } {
  const { t } = useTranslation();
  const [pending, setPending] = useState<{ reasons: string[]; save: () => void } | null>(null);
  const fix = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (pending) fix.current?.focus();
  }, [pending]);
  const ask = (reasons: string[], save: () => void) => {
    if (reasons.length === 0) {
      setPending(null);
      save();
    } else setPending({ reasons, save });
  };
  const prompt = pending && (
    <Alert color="orange" role="alertdialog" aria-label={t('forms.askFirst.title')} mt="xs" data-testid="ask-first">
      <List size="sm">
        {pending.reasons.map((reason) => (
          <List.Item key={reason}>{reason}</List.Item>
        ))}
      </List>
      <Group mt="xs">
        <Button
          size="xs"
          color="orange"
          variant="light"
          onClick={() => {
            setPending(null);
            pending.save();
          }}
        >
          {t('forms.askFirst.save')}
        </Button>
        <Button size="xs" variant="default" ref={fix} onClick={() => setPending(null)}>
          {t('forms.askFirst.fix')}
        </Button>
      </Group>
    </Alert>
  );
  return { ask, prompt };
}
