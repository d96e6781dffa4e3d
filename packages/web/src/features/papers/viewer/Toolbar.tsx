import { ActionIcon, Group, NumberInput, Text, TextInput } from '@mantine/core';
import { type KeyboardEvent, type RefObject, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconDown, IconFitWidth, IconMinus, IconPlus, IconSidebar, IconUp } from './icons.tsx';
import classes from './pdfViewer.module.css';
import type { SearchState } from './useDocumentSearch.ts';

interface PageNavProps {
  page: number;
  pages: number;
  onPage: (page: number) => void;
}

/** "Side [3] af 12" with the page's number to type, and the steps to the previous and next page. */
export function PageNav({ page, pages, onPage }: PageNavProps) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<string | number>(page);
  const [editing, setEditing] = useState(false);
  // Follows the page as the reader scrolls, except while they are typing a number.
  useEffect(() => {
    if (!editing) setDraft(page);
  }, [page, editing]);
  const commit = () => {
    const wanted = Number(draft);
    if (Number.isInteger(wanted) && wanted >= 1 && wanted <= pages) onPage(wanted);
    else setDraft(page);
  };
  return (
    <Group gap={4} wrap="nowrap">
      <ActionIcon
        variant="subtle"
        aria-label={t('pdfViewer.previousPage')}
        title={t('pdfViewer.previousPage')}
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        <IconUp />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        aria-label={t('pdfViewer.nextPage')}
        title={t('pdfViewer.nextPage')}
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        <IconDown />
      </ActionIcon>
      <Text component="label" htmlFor={id} size="sm">
        {t('pdfViewer.page')}
      </Text>
      <NumberInput
        id={id}
        className={classes.pageInput}
        size="xs"
        value={draft}
        min={1}
        max={pages}
        allowDecimal={false}
        allowNegative={false}
        hideControls
        aria-describedby={`${id}-of`}
        onChange={setDraft}
        onFocus={(e) => {
          setEditing(true);
          e.currentTarget.select();
        }}
        onBlur={() => {
          setEditing(false);
          commit();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(page);
        }}
      />
      <Text id={`${id}-of`} size="sm" style={{ whiteSpace: 'nowrap' }}>
        {t('pdfViewer.ofPages', { pages })}
      </Text>
    </Group>
  );
}

interface ZoomControlsProps {
  zoom: number;
  fitting: boolean;
  onZoomIn: () => void;
  onZoomOut: () => void;
  onFit: () => void;
}

export function ZoomControls({ zoom, fitting, onZoomIn, onZoomOut, onFit }: ZoomControlsProps) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <ActionIcon
        variant="subtle"
        aria-label={t('pdfViewer.zoomOut')}
        title={t('pdfViewer.zoomOut')}
        onClick={onZoomOut}
      >
        <IconMinus />
      </ActionIcon>
      <Text size="sm" className={classes.zoomLevel} data-testid="pdf-zoom">
        {t('pdfViewer.zoomLevel', { zoom })}
      </Text>
      <ActionIcon variant="subtle" aria-label={t('pdfViewer.zoomIn')} title={t('pdfViewer.zoomIn')} onClick={onZoomIn}>
        <IconPlus />
      </ActionIcon>
      <ActionIcon
        variant={fitting ? 'light' : 'subtle'}
        aria-label={t('pdfViewer.fitWidth')}
        title={t('pdfViewer.fitWidth')}
        aria-pressed={fitting}
        onClick={onFit}
      >
        <IconFitWidth />
      </ActionIcon>
    </Group>
  );
}

interface SearchControlsProps {
  inputRef: RefObject<HTMLInputElement | null>;
  query: string;
  search: SearchState;
  onQuery: (query: string) => void;
  onSubmit: (backwards: boolean) => void;
  onStep: (by: 1 | -1) => void;
  onLeave: () => void;
}

/** The search field, the steps between matches and the result, read out as it changes. */
export function SearchControls({ inputRef, query, search, onQuery, onSubmit, onStep, onLeave }: SearchControlsProps) {
  const { t } = useTranslation();
  const found = search.status === 'done' && search.matches.length > 0;
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onSubmit(e.shiftKey);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onLeave();
    }
  };
  let status = '';
  if (search.status === 'searching') status = t('pdfViewer.searching');
  else if (search.status === 'done' && !search.hasText) status = t('pdfViewer.noText');
  else if (search.status === 'done' && found)
    status = t('pdfViewer.matchOf', { current: search.current + 1, total: search.matches.length });
  else if (search.status === 'done') status = t('pdfViewer.noMatches');
  return (
    <Group gap={4} className={classes.search}>
      <TextInput
        ref={inputRef}
        type="search"
        size="xs"
        className={classes.searchInput}
        aria-label={t('pdfViewer.search')}
        placeholder={t('pdfViewer.searchPlaceholder')}
        value={query}
        onChange={(e) => onQuery(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        enterKeyHint="search"
      />
      <ActionIcon
        variant="subtle"
        aria-label={t('pdfViewer.previousMatch')}
        title={t('pdfViewer.previousMatch')}
        disabled={!found}
        onClick={() => onStep(-1)}
      >
        <IconUp />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        aria-label={t('pdfViewer.nextMatch')}
        title={t('pdfViewer.nextMatch')}
        disabled={!found}
        onClick={() => onStep(1)}
      >
        <IconDown />
      </ActionIcon>
      <Text size="sm" role="status" aria-live="polite" aria-atomic="true" data-testid="pdf-search-status">
        {status}
      </Text>
    </Group>
  );
}

interface ThumbnailsToggleProps {
  open: boolean;
  controls: string;
  onToggle: () => void;
}

export function ThumbnailsToggle({ open, controls, onToggle }: ThumbnailsToggleProps) {
  const { t } = useTranslation();
  // One name whatever the state: aria-expanded says whether the strip is shown.
  const label = t('pdfViewer.thumbnails');
  return (
    <ActionIcon
      variant={open ? 'light' : 'subtle'}
      aria-label={label}
      title={label}
      aria-expanded={open}
      aria-controls={open ? controls : undefined}
      onClick={onToggle}
    >
      <IconSidebar />
    </ActionIcon>
  );
}
