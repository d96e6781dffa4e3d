import type { HocuspocusProvider } from '@hocuspocus/provider';
import { ActionIcon, Group, Paper } from '@mantine/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import './editor.css';

export interface CollaborativeEditorProps {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** The Y.XmlFragment in the document that holds this text. */
  field: string;
  editable: boolean;
  label: string;
  /** Published to the others as this person's caret; `id` keeps their avatar one per person. */
  user: { id: string; name: string; color: string };
}

/** The one rich-text editor of Council: Tiptap bound to a Yjs fragment, with peers' carets. */
export default function CollaborativeEditor({ doc, provider, field, editable, label, user }: CollaborativeEditorProps) {
  const editor = useEditor(
    {
      editable,
      extensions: [
        // Undo and redo come from Collaboration (Yjs's undo manager), which only undoes your own edits.
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ document: doc, field }),
        CollaborationCaret.configure({ provider, user }),
      ],
      editorProps: {
        attributes: {
          'aria-label': label,
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-readonly': String(!editable),
          class: 'council-editor',
        },
      },
    },
    // A change of permission (e.g. minutes approved) is rare: rebuilding the editor is simplest.
    [doc, field, provider, editable],
  );
  // My colour changes when someone arrives who had it first: the caret others see follows.
  const { id, name, color } = user;
  // (Not on an editor being replaced: a destroyed one has no commands.)
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.commands.updateUser({ id, name, color });
  }, [editor, id, name, color]);

  return (
    <Paper withBorder radius="sm">
      {editable && editor && <Toolbar editor={editor} />}
      <EditorContent editor={editor} data-testid="notes-editor" />
    </Paper>
  );
}

function Toolbar({ editor }: { editor: NonNullable<ReturnType<typeof useEditor>> }) {
  const { t } = useTranslation();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
    }),
  });
  const buttons = [
    {
      key: 'bold',
      label: t('editor.bold'),
      text: 'B',
      active: state.bold,
      run: () => editor.chain().focus().toggleBold().run(),
    },
    {
      key: 'italic',
      label: t('editor.italic'),
      text: 'I',
      active: state.italic,
      run: () => editor.chain().focus().toggleItalic().run(),
    },
    {
      key: 'list',
      label: t('editor.bulletList'),
      text: '•',
      active: state.bulletList,
      run: () => editor.chain().focus().toggleBulletList().run(),
    },
    { key: 'undo', label: t('editor.undo'), text: '↶', active: false, run: () => editor.chain().focus().undo().run() },
    { key: 'redo', label: t('editor.redo'), text: '↷', active: false, run: () => editor.chain().focus().redo().run() },
  ];
  return (
    <Group gap={4} p={4} role="toolbar" aria-label={t('editor.toolbar')} className="council-editor-toolbar">
      {buttons.map((b) => (
        <ActionIcon
          key={b.key}
          variant={b.active ? 'filled' : 'subtle'}
          aria-label={b.label}
          aria-pressed={b.key === 'undo' || b.key === 'redo' ? undefined : b.active}
          onClick={b.run}
          title={b.label}
        >
          <span aria-hidden>{b.text}</span>
        </ActionIcon>
      ))}
    </Group>
  );
}
