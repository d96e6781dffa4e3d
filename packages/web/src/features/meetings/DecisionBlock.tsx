import {
  DECISION_STATUSES,
  type DecisionDraft,
  DecisionDraft as DecisionSchema,
  fields,
  setDecision,
} from '@council/shared';
import { Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { useYjs } from './useYjs.ts';

const EMPTY: DecisionDraft = { title: '', text: '', status: 'proposed', supersedes: [], tags: [] };
const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The decision drafted for a decision item, edited live like the notes. */
export function DecisionBlock({ doc, itemId, editable }: { doc: Y.Doc; itemId: string; editable: boolean }) {
  const { t } = useTranslation();
  const map = doc.getMap<unknown>(fields.decision(itemId));
  const decision = useYjs(
    map,
    () => ({ ...EMPTY, ...(DecisionSchema.partial().safeParse(map.toJSON()).data ?? {}) }),
    EMPTY,
  );
  const change = (patch: Partial<DecisionDraft>) => setDecision(doc, itemId, patch);

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={`decision-${itemId}`}>
      <Title order={4} size="h5" id={`decision-${itemId}`} mb="xs">
        {t('meetings.decision.title')}
      </Title>
      {editable ? (
        <Stack gap="xs">
          <TextInput
            label={t('meetings.decision.heading')}
            value={decision.title}
            onChange={(e) => change({ title: e.currentTarget.value })}
          />
          <Textarea
            label={t('meetings.decision.wording')}
            autosize
            minRows={2}
            value={decision.text}
            onChange={(e) => change({ text: e.currentTarget.value })}
          />
          <Select
            label={t('meetings.decision.status')}
            value={decision.status}
            allowDeselect={false}
            onChange={(v) => v && change({ status: v as DecisionDraft['status'] })}
            data={DECISION_STATUSES.map((s) => ({ value: s, label: t(`meetings.decision.statuses.${s}`) }))}
          />
          <TextInput
            label={t('meetings.decision.supersedes')}
            defaultValue={decision.supersedes.join(', ')}
            onBlur={(e) => change({ supersedes: list(e.currentTarget.value).filter((n) => /^\d{4}-\d{3,}$/.test(n)) })}
          />
          <TextInput
            label={t('meetings.decision.tags')}
            defaultValue={decision.tags.join(', ')}
            onBlur={(e) => change({ tags: list(e.currentTarget.value) })}
          />
        </Stack>
      ) : (
        <Stack gap={4}>
          <Text fw={600}>
            {decision.title} · {t(`meetings.decision.statuses.${decision.status}`)}
          </Text>
          <Text>{decision.text}</Text>
        </Stack>
      )}
    </Paper>
  );
}
