import {
  DECISION_STATUSES,
  type Decision,
  decisionList,
  decisionText,
  ensureDecision,
  MEETING_FIELDS,
  readDecision,
  replaceList,
  setDecision,
  TEXT_LIMITS,
} from '@council/shared';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { Anchor, Badge, Paper, Select, Stack, TagsInput, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type * as Y from 'yjs';
import { LiveText } from '../collab/LiveText.tsx';
import { useYjs } from './useYjs.ts';

const DECISION_NUMBER = /^\d{4}-\d{3,}$/;
const EMPTY: Decision = { title: '', text: '', status: 'proposed', supersedes: [], tags: [] };

/**
 * The decision drafted for a decision item, edited live like the notes: heading and wording are
 * collaborative text, tags and superseded decisions live lists changed entry by entry. Once the
 * minutes are approved it shows the decision's number, linked to the register.
 */
export function DecisionBlock({
  doc,
  provider,
  itemId,
  editable,
  number,
}: {
  doc: Y.Doc;
  provider?: HocuspocusProvider;
  itemId: string;
  editable: boolean;
  number?: string;
}) {
  const { t } = useTranslation();
  const map = doc.getMap<unknown>(MEETING_FIELDS.decision(itemId));
  const decision = useYjs(map, () => readDecision(doc, itemId) ?? { ...EMPTY, issues: [] }, { ...EMPTY, issues: [] });
  // An item made a decision item before decisions were created with it gets its fields on first sight.
  useEffect(() => {
    if (editable && map.size === 0) doc.transact(() => ensureDecision(doc, itemId));
  }, [doc, itemId, editable, map]);
  const list = (field: 'tags' | 'supersedes', values: string[]) => {
    const live = decisionList(doc, itemId, field);
    if (live) replaceList(live, values);
  };
  const field = (name: string) => `decision:${itemId}:${name}`;
  const [wrongNumbers, setWrongNumbers] = useState<string[]>([]);

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={`decision-${itemId}`}>
      <Title order={4} size="h5" id={`decision-${itemId}`} mb="xs">
        {t('meetings.decision.title')}
        {number && (
          <Anchor component={Link} to={`/decisions/${number}`} ml="xs" data-testid="decision-number">
            <Badge variant="light">{number}</Badge>
          </Anchor>
        )}
      </Title>
      {editable ? (
        <Stack gap="xs">
          <LiveText
            text={decisionText(doc, itemId, 'title')}
            label={t('meetings.decision.heading')}
            fieldId={field('title')}
            provider={provider}
            editable
            maxLength={TEXT_LIMITS.decisionTitle}
          />
          <LiveText
            text={decisionText(doc, itemId, 'text')}
            label={t('meetings.decision.wording')}
            fieldId={field('text')}
            provider={provider}
            editable
            multiline
            maxLength={TEXT_LIMITS.decisionText}
          />
          <Select
            label={t('meetings.decision.status')}
            value={decision.status}
            allowDeselect={false}
            onChange={(v) => v && setDecision(doc, itemId, { status: v as Decision['status'] })}
            data={DECISION_STATUSES.map((s) => ({ value: s, label: t(`meetings.decision.statuses.${s}`) }))}
          />
          <TagsInput
            label={t('meetings.decision.supersedes')}
            description={t('meetings.decision.listHint')}
            value={decision.supersedes}
            onChange={(values) => {
              const numbers = values.map((n) => n.trim());
              setWrongNumbers(numbers.filter((n) => !DECISION_NUMBER.test(n)));
              list(
                'supersedes',
                numbers.filter((n) => DECISION_NUMBER.test(n)),
              );
            }}
            error={
              wrongNumbers.length > 0
                ? t('meetings.decision.notANumber', { values: wrongNumbers.join(', ') })
                : undefined
            }
            maxTags={TEXT_LIMITS.tags}
          />
          <TagsInput
            label={t('meetings.decision.tags')}
            description={t('meetings.decision.listHint')}
            value={decision.tags}
            onChange={(values) => list('tags', values.map((v) => v.trim().slice(0, TEXT_LIMITS.tag)).filter(Boolean))}
            maxTags={TEXT_LIMITS.tags}
          />
        </Stack>
      ) : (
        <Stack gap={4}>
          <Text fw={600}>
            {decision.title} · {t(`meetings.decision.statuses.${decision.status}`)}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{decision.text}</Text>
          {decision.supersedes.length > 0 && (
            <Text size="sm">
              {t('meetings.decision.supersedesShort')}: {decision.supersedes.join(', ')}
            </Text>
          )}
          {decision.tags.length > 0 && (
            <Text size="sm">
              {t('meetings.decision.tags')}: {decision.tags.join(', ')}
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}
