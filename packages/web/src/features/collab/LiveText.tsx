import { replaceText } from '@council/shared';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { Textarea, TextInput } from '@mantine/core';
import { type KeyboardEvent, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { caretPosition } from './caretPosition.ts';
import classes from './liveText.module.css';

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

interface Peer {
  name: string;
  color: string;
  /** Where their caret is, as a position in the text that moves with edits; absent before they move it. */
  caret?: unknown;
}

/** Others whose caret is in this field now, from Yjs awareness. */
function usePeersInField(provider: HocuspocusProvider | undefined, fieldId: string): Peer[] {
  const [peers, setPeers] = useState<Peer[]>([]);
  useEffect(() => {
    const awareness = provider?.awareness;
    if (!awareness) return;
    const read = () => {
      const found = new Map<string, Peer>();
      for (const [clientId, state] of awareness.getStates()) {
        const { user, field, caret } = state as {
          user?: { name?: string; color?: string; id?: string };
          field?: string;
          caret?: unknown;
        };
        if (clientId === awareness.clientID || field !== fieldId || !user?.name) continue;
        found.set(user.id ?? String(clientId), { name: user.name, color: user.color ?? '#555', caret });
      }
      setPeers([...found.values()]);
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [provider, fieldId]);
  return peers;
}

/** Where a peer's caret is in the text now, or null when it is not in this text. */
function caretIndex(text: Y.Text, caret: unknown): number | null {
  if (!caret || !text.doc) return null;
  try {
    const position = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(caret), text.doc);
    return position && position.type === text ? position.index : null;
  } catch {
    return null; // a malformed position from a peer: no caret drawn
  }
}

interface DrawnCaret {
  name: string;
  color: string;
  left: number;
  top: number;
  height: number;
}

/** From this share of its limit, a field says how much of it is used. */
const LIMIT_SHOWN_FROM = 0.9;

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
    shareCaret();
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
  // Where one's caret is, as a position that moves with others' edits, for their screens to draw.
  const shareCaret = () => {
    const input = ref.current;
    if (!provider || !text || !input) return;
    const at = Math.min(input.selectionEnd ?? 0, text.length);
    provider.setAwarenessField('caret', Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, at)));
  };

  // Peers' carets, measured after each render, and again when the field scrolls or resizes.
  const [carets, setCarets] = useState<DrawnCaret[]>([]);
  const container = useRef<HTMLDivElement>(null);
  const measure = useCallback(() => {
    const input = ref.current;
    const box = container.current;
    if (!input || !box || !text) return;
    const inputBox = input.getBoundingClientRect();
    const outerBox = box.getBoundingClientRect();
    const next: DrawnCaret[] = [];
    for (const peer of peers) {
      const index = caretIndex(text, peer.caret);
      if (index === null) continue;
      const at = caretPosition(input, Math.min(index, input.value.length));
      if (at.left < 0 || at.left > input.clientWidth || at.top < 0 || at.top > input.clientHeight) continue;
      next.push({
        name: peer.name,
        color: peer.color,
        ...at,
        // Not past the field's edge: a single line is shorter than its line height.
        height: Math.min(at.height, input.clientHeight - at.top),
        left: at.left + inputBox.left - outerBox.left,
        top: at.top + inputBox.top - outerBox.top,
      });
    }
    setCarets((current) => (JSON.stringify(current) === JSON.stringify(next) ? current : next));
  }, [peers, text]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: value is a trigger: the text moved
  useLayoutEffect(measure, [measure, value]);
  useEffect(() => {
    const input = ref.current;
    if (!input) return;
    const observer = new ResizeObserver(() => measure());
    observer.observe(input);
    input.addEventListener('scroll', measure);
    return () => {
      observer.disconnect();
      input.removeEventListener('scroll', measure);
    };
  }, [measure]);
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
    // Browsers do not report every caret move as a selection: typing, keys and clicks share it too.
    onSelect: shareCaret,
    onKeyUp: shareCaret,
    onClick: shareCaret,
    onBlur: () => focus(null),
    readOnly: !editable || !text,
    maxLength,
    required,
    autoFocus,
    'data-autofocus': autoFocus || undefined,
    error: required && editable && text && !value.trim() ? t('errors.fields.required') : undefined,
    description:
      [
        peers.length > 0 ? t('editor.typingHere', { names: peers.map((p) => p.name).join(', ') }) : '',
        // The limit is said once it is near, so that a paste cut at it is not cut silently.
        editable && value.length >= maxLength * LIMIT_SHOWN_FROM
          ? t('forms.limit', { count: value.length, max: maxLength })
          : '',
      ]
        .filter(Boolean)
        .join(' · ') || undefined,
    'data-field': fieldId,
  };
  return (
    <div ref={container} className={classes.field} style={grow ? { flex: 1 } : undefined}>
      {multiline ? <Textarea autosize minRows={2} {...props} /> : <TextInput {...props} />}
      {carets.map((caret) => (
        <span
          key={caret.name}
          aria-hidden
          data-caret-of={caret.name}
          className={classes.caret}
          style={{ left: caret.left, top: caret.top, height: caret.height, borderColor: caret.color }}
        >
          <span className={classes.caretLabel} style={{ background: caret.color }}>
            {caret.name}
          </span>
        </span>
      ))}
    </div>
  );
}
