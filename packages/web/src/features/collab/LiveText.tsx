import { replaceText } from '@council/shared';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { Textarea, TextInput } from '@mantine/core';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';

type Delta = { retain?: number; insert?: unknown; delete?: number }[];

/** Where an index of the old text is in the new one after a change made by someone else. */
export function shiftIndex(index: number, delta: Delta): number {
  let position = 0; // in the old text
  let shift = 0;
  for (const op of delta) {
    if (position > index) break;
    if (op.retain) position += op.retain;
    else if (typeof op.insert === 'string') {
      // Text inserted before the caret pushes it on; text inserted at the caret goes after it.
      if (position < index) shift += op.insert.length;
    } else if (op.delete) {
      shift -= Math.min(op.delete, Math.max(0, index - position));
      position += op.delete;
    }
  }
  return Math.max(0, index + shift);
}

/** Others whose caret is in this field now, from Yjs awareness. */
function usePeersInField(provider: HocuspocusProvider | undefined, fieldId: string): string[] {
  const [peers, setPeers] = useState<string[]>([]);
  useEffect(() => {
    const awareness = provider?.awareness;
    if (!awareness) return;
    const read = () => {
      const names = new Set<string>();
      for (const [clientId, state] of awareness.getStates()) {
        const { user, field } = state as { user?: { name?: string }; field?: string };
        if (clientId !== awareness.clientID && field === fieldId && user?.name) names.add(user.name);
      }
      setPeers([...names]);
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [provider, fieldId]);
  return peers;
}

export interface LiveTextProps {
  /** The collaborative text this field edits; null while it does not exist (nothing to edit). */
  text: Y.Text | null;
  label: string;
  /** Names the field in awareness, so that others see who is typing here. */
  fieldId: string;
  provider?: HocuspocusProvider;
  editable: boolean;
  multiline?: boolean;
  maxLength: number;
  /** Says so beside the field while it is empty. */
  required?: boolean;
  autoFocus?: boolean;
  /** Takes the free width of the row it is in. */
  grow?: boolean;
  /** Told when the person starts editing here (the list the field is in may want to know). */
  onFocus?: () => void;
}

/**
 * A text field bound to a Y.Text: every keystroke is the smallest edit of the shared text, so two
 * people typing in the same field at once both keep what they typed, and a change from someone
 * else moves one's caret with the text around it. Undo (Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y) undoes
 * only one's own edits.
 */
export function LiveText({
  text,
  label,
  fieldId,
  provider,
  editable,
  multiline,
  maxLength,
  required,
  autoFocus,
  grow,
  onFocus,
}: LiveTextProps) {
  const { t } = useTranslation();
  const [value, setValue] = useState(() => text?.toString() ?? '');
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  // Transactions from this field carry this origin: the undo manager tracks them and nothing else.
  const origin = useMemo(() => ({ field: fieldId }), [fieldId]);
  const undo = useMemo(
    () => (text ? new Y.UndoManager(text, { trackedOrigins: new Set([origin]), captureTimeout: 600 }) : null),
    [text, origin],
  );
  useEffect(() => () => undo?.destroy(), [undo]);
  const peers = usePeersInField(provider, fieldId);

  useEffect(() => {
    if (!text) return;
    setValue(text.toString());
    const onChange = (event: Y.YTextEvent) => {
      const next = text.toString();
      const input = ref.current;
      // The field shows the change at once, not at React's next render: a keystroke made before
      // that render would otherwise be diffed against text without the change, and undo it.
      if (input && input.value !== next) {
        const focused = document.activeElement === input;
        const [start, end] = [input.selectionStart ?? 0, input.selectionEnd ?? 0];
        input.value = next;
        if (focused) {
          const delta = event.delta as Delta;
          input.setSelectionRange(shiftIndex(start, delta), shiftIndex(end, delta));
        }
      }
      setValue(next);
    };
    text.observe(onChange);
    return () => text.unobserve(onChange);
  }, [text]);

  const onChange = (event: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
    const next = event.currentTarget.value;
    if (!text?.doc) return;
    text.doc.transact(() => replaceText(text, next, event.currentTarget.selectionEnd ?? undefined), origin);
    setValue(next);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || !undo) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) undo.undo();
    else if ((key === 'z' && event.shiftKey) || key === 'y') undo.redo();
    else return;
    event.preventDefault();
  };

  const focus = (field: string | null) => provider?.setAwarenessField('field', field);
  const props = {
    ref,
    label,
    value,
    onChange,
    onKeyDown,
    onFocus: () => {
      focus(fieldId);
      onFocus?.();
    },
    onBlur: () => focus(null),
    readOnly: !editable || !text,
    maxLength,
    required,
    autoFocus,
    'data-autofocus': autoFocus || undefined,
    error: required && editable && text && !value.trim() ? t('errors.fields.required') : undefined,
    style: grow ? { flex: 1 } : undefined,
    description: peers.length > 0 ? t('editor.typingHere', { names: peers.join(', ') }) : undefined,
    'data-field': fieldId,
  };
  return multiline ? <Textarea autosize minRows={2} {...props} /> : <TextInput {...props} />;
}
