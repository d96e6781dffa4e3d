import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/** Re-reads a value whenever a Yjs type (or anything inside it) changes. */
// biome-ignore lint/suspicious/noExplicitAny: any Yjs shared type will do
export function useYjs<T>(type: Y.AbstractType<any> | undefined, read: () => T, fallback: T): T {
  const [value, setValue] = useState<T>(() => (type ? read() : fallback));
  // biome-ignore lint/correctness/useExhaustiveDependencies: `read` is a fresh closure each render; the type decides when to re-subscribe
  useEffect(() => {
    if (!type) return;
    const update = () => setValue(read());
    update();
    type.observeDeep(update);
    return () => type.unobserveDeep(update);
  }, [type]);
  return value;
}
