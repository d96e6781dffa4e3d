import { PAPER_ACCEPT } from '@council/shared';
import { Button, CloseButton, Group, Progress, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type DragEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format.ts';
import { randomId } from '../randomId.ts';
import { usePaperErrorText } from './paperErrors.ts';
import classes from './papers.module.css';
import { type UploadTarget, uploadPaper } from './uploadPaper.ts';
import { usePapers } from './usePapers.ts';

interface Upload {
  id: string;
  name: string;
  progress: number;
  /** Queued behind another file. */
  waiting: boolean;
  error: string | null;
  abort: AbortController;
}

/**
 * Adds papers: dropped on the zone or chosen with the button (the keyboard's way), several at once,
 * each with its own progress bar and a cancel button. A refused file says why, in the person's
 * language, and stays listed until dismissed; an accepted one appears in the list for everyone.
 */
export function PaperUploader({
  meetingId,
  target,
  label,
  multiple = true,
  accepting = true,
  onDone,
}: {
  meetingId: string;
  target: UploadTarget;
  /** What the button says: "Tilføj bilag", or "Erstat med ny version". */
  label: string;
  multiple?: boolean;
  /**
   * Whether files may be added now. When the meeting is frozen (approved by someone else, say)
   * while files are on their way, the zone goes but their outcome stays: a refusal says why.
   */
  accepting?: boolean;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = usePaperErrorText();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const change = (id: string, patch: Partial<Upload>) =>
    setUploads((all) => all.map((u) => (u.id === id ? { ...u, ...patch } : u)));

  const limits = usePapers(meetingId).data;
  /** What the server would refuse by size alone, said before a byte is sent (it checks again). */
  const refusedBySize = (file: File): string | null => {
    if (file.size === 0) return t('errors.rules.empty_file');
    if (!limits) return null;
    const megabytes = (bytes: number) => Math.floor(bytes / (1024 * 1024));
    if (file.size > limits.fileLimitBytes)
      return t('errors.rules.file_too_large', { megabytes: megabytes(limits.fileLimitBytes) });
    const left = Math.max(0, limits.limitBytes - limits.usedBytes);
    if (file.size > left) return t('errors.rules.meeting_papers_full', { megabytes: megabytes(left) });
    return null;
  };

  // One file at a time, in the order chosen: the papers land in that order, and a slow line is
  // not split between them.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const upload = (entry: Upload, file: File) =>
    uploadPaper(target, file, (progress) => change(entry.id, { progress, waiting: false }), entry.abort.signal)
      .then(() => {
        setUploads((all) => all.filter((u) => u.id !== entry.id));
        setAnnouncement(t('papers.uploaded', { name: file.name }));
        void queryClient.invalidateQueries({ queryKey: ['papers', meetingId] });
        onDone?.();
      })
      .catch((error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError')
          setUploads((all) => all.filter((u) => u.id !== entry.id));
        else change(entry.id, { error: errorText(error), waiting: false });
      });

  const send = (files: File[]) => {
    for (const file of multiple ? files : files.slice(0, 1)) {
      const refused = refusedBySize(file);
      const entry: Upload = {
        id: randomId(),
        name: file.name,
        progress: 0,
        waiting: !refused,
        error: refused,
        abort: new AbortController(),
      };
      setUploads((all) => [...all, entry]);
      if (!refused)
        queue.current = queue.current.then(() => (entry.abort.signal.aborted ? undefined : upload(entry, file)));
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    send([...event.dataTransfer.files]);
  };

  if (!accepting && uploads.length === 0) return null;
  return (
    <Stack gap="xs">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop zone is for the mouse; its button is the keyboard's way */}
      <div
        hidden={!accepting}
        className={classes.dropZone}
        data-dragging={dragging || undefined}
        data-testid="paper-drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <Group gap="sm" justify="center" wrap="wrap">
          <Text size="sm" c="dimmed">
            {multiple ? t('papers.dropHere') : t('papers.dropOneHere')}
          </Text>
          <Button size="xs" variant="light" onClick={() => input.current?.click()}>
            {label}
          </Button>
        </Group>
        <VisuallyHidden>
          <input
            ref={input}
            type="file"
            multiple={multiple}
            accept={PAPER_ACCEPT}
            tabIndex={-1}
            aria-hidden
            onChange={(e) => {
              send([...(e.currentTarget.files ?? [])]);
              e.currentTarget.value = '';
            }}
          />
        </VisuallyHidden>
      </div>
      {uploads.map((u) => (
        <div key={u.id} data-testid="paper-upload">
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {u.name}
              {!u.error &&
                (u.waiting ? ` · ${t('papers.waiting')}` : ` · ${format.percent(Math.round(u.progress * 100))} %`)}
            </Text>
            <CloseButton
              size="sm"
              aria-label={u.error ? t('papers.dismiss', { name: u.name }) : t('papers.cancelUpload', { name: u.name })}
              onClick={() => {
                u.abort.abort();
                setUploads((all) => all.filter((x) => x.id !== u.id));
              }}
            />
          </Group>
          {u.error ? (
            <Text size="sm" c="red" role="alert">
              {u.error}
            </Text>
          ) : (
            <Progress value={u.progress * 100} size="sm" aria-label={t('papers.progress', { name: u.name })} />
          )}
        </div>
      ))}
      <VisuallyHidden role="status">{announcement}</VisuallyHidden>
    </Stack>
  );
}
