import type { Me } from '@council/shared';
import { lazy, Suspense } from 'react';
import { PageLoader } from '../../routes/states.tsx';
import { CollabStatus } from './CollabStatus.tsx';
import type { CollabDocument } from './useCollabDocument.ts';

// The editor (Tiptap, ProseMirror) loads only where rich text is shown.
const CollaborativeEditor = lazy(() => import('../../editor/CollaborativeEditor.tsx'));

/** A rich-text field of a live document, with who is here and whether it is saved. */
export function LiveRichText({
  collab,
  field,
  editable,
  label,
  me,
}: {
  collab: CollabDocument;
  field: string;
  editable: boolean;
  label: string;
  me: Me;
}) {
  return (
    <>
      <CollabStatus collab={collab} />
      <Suspense fallback={<PageLoader />}>
        <CollaborativeEditor
          key={`${field}-${collab.doc.guid}`}
          doc={collab.doc}
          provider={collab.provider}
          field={field}
          editable={editable}
          label={label}
          user={{ id: me.id, name: me.name, color: collab.color }}
        />
      </Suspense>
    </>
  );
}
