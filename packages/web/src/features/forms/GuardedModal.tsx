import { Alert, Button, Group, Modal, type ModalProps, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A dialog with a form in it that asks before it throws away what was typed: Escape, a click outside
 * and the close button all ask while the form is `dirty`; the form's own Cancel button closes at once,
 * which is a choice made on purpose.
 */
export function GuardedModal({ dirty, onClose, children, ...props }: ModalProps & { dirty: boolean }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  // Read when asked to close, not when the handler was made: Mantine may hold on to an early one.
  const isDirty = useRef(dirty);
  isDirty.current = dirty;
  useEffect(() => {
    if (!props.opened) setAsking(false);
  }, [props.opened]);
  useEffect(() => {
    if (asking) keep.current?.focus();
  }, [asking]);
  return (
    <Modal {...props} onClose={() => (isDirty.current ? setAsking(true) : onClose())}>
      {asking && (
        <Alert color="orange" role="alertdialog" aria-labelledby="discard-title" mb="md" data-testid="discard-changes">
          <Text fw={600} id="discard-title">
            {t('forms.discard.title')}
          </Text>
          <Group mt="sm">
            <Button
              color="red"
              variant="light"
              onClick={() => {
                setAsking(false);
                onClose();
              }}
            >
              {t('forms.discard.confirm')}
            </Button>
            <Button ref={keep} variant="default" onClick={() => setAsking(false)}>
              {t('forms.discard.keep')}
            </Button>
          </Group>
        </Alert>
      )}
      {children}
    </Modal>
  );
}
