import {
  type AgendaItem,
  agendaItemTitle,
  MEETING_FIELDS,
  type Me,
  type Meeting,
  type MeetingDocs,
  type Person,
  removeAgendaItem,
  restoreAgendaItem,
  TEXT_LIMITS,
  updateAgendaItem,
} from '@council/shared';
import { Alert, Button, Checkbox, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../routes/states.tsx';
import { LiveRichText } from '../collab/LiveRichText.tsx';
import { LiveText } from '../collab/LiveText.tsx';
import type { CollabDocument } from '../collab/useCollabDocument.ts';
import { ItemPapers } from '../papers/ItemPapers.tsx';
import { DecisionBlock } from './DecisionBlock.tsx';
import { ProceedingsPanel } from './ProceedingsPanel.tsx';

interface Props {
  meeting: Meeting;
  item: AgendaItem;
  docs: MeetingDocs;
  /** The live document that holds this item's notes and decision. */
  collab: CollabDocument | null;
  editable: boolean;
  people: Person[];
  me: Me;
  /** Whether the reader may open the closed document that holds confidential items. */
  mayReadConfidential: boolean;
  /** The decision's number, once the minutes are approved. */
  number?: string;
}

/** One agenda item: its fields, its minutes in the shared editor and, for decision items, the decision. */
export function ItemPanel({ meeting, item, docs, collab, editable, people, me, mayReadConfidential, number }: Props) {
  const { t } = useTranslation();
  const [confirmRemove, removeModal] = useDisclosure();
  if (item.confidential && !mayReadConfidential) {
    return (
      <Alert color="grape" title={item.title}>
        {t('meetings.confidentialHidden')}
      </Alert>
    );
  }
  if (!collab || collab.loading) return <PageLoader />;
  if (collab.state === 'denied') return <Alert color="red">{t('editor.denied')}</Alert>;
  const update = (patch: Partial<Omit<AgendaItem, 'id' | 'removedAt' | 'removedBy'>>) =>
    updateAgendaItem(docs, item.id, patch);
  const remover = people.find((p) => p.id === item.removedBy)?.name ?? t('editor.someone');
  const removedNotice =
    item.removedBy === me.id
      ? t('meetings.item.removedByYou', { title: item.title })
      : t('meetings.item.removedBy', { name: remover.charAt(0).toUpperCase() + remover.slice(1), title: item.title });

  return (
    <Stack gap="sm">
      <Title order={3} size="h4" style={{ overflowWrap: 'anywhere' }}>
        {t('meetings.notesFor', { title: item.title })}
      </Title>
      {item.removedAt && (
        <Alert color="orange" role="alert" data-testid="item-removed">
          <Stack gap="xs" align="flex-start">
            {removedNotice}
            {editable && (
              <Button size="xs" variant="white" onClick={() => restoreAgendaItem(docs, item.id)}>
                {t('meetings.item.restore')}
              </Button>
            )}
          </Stack>
        </Alert>
      )}
      {editable && !item.removedAt && (
        <fieldset className="plain-fieldset">
          <legend className="visually-hidden">{t('meetings.item.details')}</legend>
          <Stack gap="xs">
            <LiveText
              text={agendaItemTitle(docs.open, item.id)}
              label={t('meetings.item.title')}
              fieldId={`agenda:${item.id}:title`}
              provider={collab.provider}
              editable
              required
              maxLength={TEXT_LIMITS.agendaTitle}
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label={t('meetings.item.kind')}
                value={item.kind}
                allowDeselect={false}
                onChange={(v) => v && update({ kind: v as AgendaItem['kind'] })}
                data={(['information', 'discussion', 'decision'] as const).map((k) => ({
                  value: k,
                  label: t(`meetings.kind.${k}`),
                }))}
              />
              <NumberInput
                label={t('meetings.item.duration')}
                min={0}
                max={600}
                value={item.durationMinutes}
                onChange={(v) => update({ durationMinutes: Math.max(0, Math.min(600, Number(v) || 0)) })}
              />
              <Select
                label={t('meetings.item.presenter')}
                value={item.presenterId ?? null}
                clearable
                searchable
                placeholder={t('meetings.item.noPresenter')}
                onChange={(v) => update({ presenterId: v ?? undefined })}
                data={people.map((p) => ({ value: p.id, label: `${p.name} (${p.organisation})` }))}
              />
            </SimpleGrid>
            <Group justify="space-between">
              <Checkbox
                label={t('meetings.item.confidential')}
                checked={item.confidential}
                disabled={!docs.closed}
                onChange={(e) => update({ confidential: e.currentTarget.checked })}
              />
              <Button variant="subtle" color="red" size="xs" onClick={removeModal.open}>
                {t('meetings.item.remove')}
              </Button>
            </Group>
          </Stack>
        </fieldset>
      )}
      <LiveRichText
        collab={collab}
        field={MEETING_FIELDS.notes(item.id)}
        editable={editable}
        label={t('meetings.notesFor', { title: item.title })}
        me={me}
      />
      {item.kind === 'decision' && (
        <DecisionBlock
          doc={collab.doc}
          provider={collab.provider}
          itemId={item.id}
          editable={editable}
          number={number}
        />
      )}
      {!item.removedAt && <ItemPapers meeting={meeting} item={item} me={me} />}
      {!item.removedAt && <ProceedingsPanel meeting={meeting} item={item} doc={docs.open} people={people} />}
      <Modal opened={confirmRemove} onClose={removeModal.close} title={t('meetings.item.remove')}>
        <Stack>
          {t('meetings.item.removeConfirm', { title: item.title })}
          <Group justify="flex-end">
            <Button variant="default" onClick={removeModal.close}>
              {t('meetings.transition.cancel')}
            </Button>
            <Button
              color="red"
              onClick={() => {
                removeAgendaItem(docs, item.id, me.id);
                removeModal.close();
              }}
            >
              {t('meetings.item.remove')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
