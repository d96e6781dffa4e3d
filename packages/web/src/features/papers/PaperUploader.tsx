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
  onDone,
}: {
  meetingId: string;
  target: UploadTarget;
  /** What the button says: "Tilføj bilag", or "Erstat med ny version". */
  label: string;
  multiple?: boolean;
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

  const send = (files: File[]) => {
    for (const file of multiple ? files : files.slice(0, 1)) {
      const upload: Upload = {
        id: randomId(),
        name: file.name,
        progress: 0,
        error: null,
        abort: new AbortController(),
      };
      setUploads((all) => [...all, upload]);
      uploadPaper(target, file, (progress) => change(upload.id, { progress }), upload.abort.signal)
        .then(() => {
          setUploads((all) => all.filter((u) => u.id !== upload.id));
          setAnnouncement(t('papers.uploaded', { name: file.name }));
          void queryClient.invalidateQueries({ queryKey: ['papers', meetingId] });
          onDone?.();
        })
        .catch((error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError')
            setUploads((all) => all.filter((u) => u.id !== upload.id));
          else change(upload.id, { error: errorText(error) });
        });
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    send([...event.dataTransfer.files]);
  };

  return (
    <Stack gap="xs">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop zone is for the mouse; its button is the keyboard's way */}
      <div
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
              {!u.error && ` · ${format.percent(Math.round(u.progress * 100))} %`}
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
