import { ATTENDEE_ROLES, COUNCIL_ROLES, type Meeting, type Person, reviewStageOf } from '@council/shared';
import { Alert, Badge, Button, Group, List, MultiSelect, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useFormat } from '../../i18n/format.ts';
import { useCan, useMe } from '../auth/useMe.ts';
import { useErrorText } from '../forms/errors.tsx';
import { copenhagenIso } from './copenhagenTime.ts';

const reviewKey = (meetingId: string) => ['meetings', meetingId, 'review'];
/** A badge with a date in it wraps on a phone rather than being cut. */
const WRAP = { height: 'auto', whiteSpace: 'normal' } as const;

/** The review of the draft the meeting's state has under review, for everyone who may see it. */
export function useReview(meeting: Meeting) {
  return useQuery({
    queryKey: reviewKey(meeting.id),
    queryFn: () => api.review(meeting.id),
    enabled: reviewStageOf(meeting.status) !== null,
  });
}

/**
 * Those asked to review see, on every tab, what they are asked and by when, and say when they have
 * read it. The draft itself is the page below (read-only for those outside the council).
 */
export function ReviewRequestBanner({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const me = useMe().data;
  const client = useQueryClient();
  const review = useReview(meeting).data?.review;
  const markDone = useMutation({
    mutationFn: () => api.markReviewed(meeting.id),
    onSuccess: (data) => client.setQueryData(reviewKey(meeting.id), data),
  });
  const mine = review?.reviewers.find((r) => r.personId === me?.id);
  if (!review || !mine) return null;
  return (
    <Alert color={mine.reviewedAt ? 'green' : 'blue'} data-testid="review-request">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          {t('meetings.review.askedYou', { stage: review.stage, when: format.dateTime(review.deadline) })}
        </Text>
        {mine.reviewedAt ? (
          <Text size="sm" fw={600}>
            {t('meetings.review.youDone', { when: format.dateTime(mine.reviewedAt) })}
          </Text>
        ) : (
          <Button size="xs" loading={markDone.isPending} onClick={() => markDone.mutate()}>
            {t('meetings.review.markDone')}
          </Button>
        )}
        {markDone.error && (
          <Text size="sm" c="red.8" role="alert">
            {Object.values(errorText.fields(markDone.error))[0] ?? errorText.message(markDone.error)}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

/** The secretary's view: who is asked, who has reviewed, and the form to send the draft (again). */
export function ReviewPanel({
  meeting,
  people,
  presenterIds,
}: {
  meeting: Meeting;
  people: Person[];
  presenterIds: string[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const can = useCan();
  const me = useMe().data;
  const client = useQueryClient();
  const review = useReview(meeting).data?.review ?? null;
  const [reviewerIds, setReviewerIds] = useState<string[]>([]);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('12:00');
  const send = useMutation({
    mutationFn: () =>
      api.requestReview(meeting.id, { reviewerIds, deadline: date && time ? copenhagenIso(date, time) : '' }),
    onSuccess: (data) => {
      client.setQueryData(reviewKey(meeting.id), data);
      setReviewerIds([]);
    },
  });
  const fields = errorText.fields(send.error);
  const mayRequest = can('requestReview', { type: 'meeting', status: meeting.status });
  const asked = new Set(review?.reviewers.map((r) => r.personId));
  // The council first (its members who attend, then admins), then those who present an item.
  const candidates = people
    .filter((p) => !p.deactivatedAt && !asked.has(p.id) && p.id !== me?.id)
    .filter((p) => COUNCIL_ROLES.includes(p.role) || presenterIds.includes(p.id))
    .sort((a, b) => Number(!ATTENDEE_ROLES.includes(a.role)) - Number(!ATTENDEE_ROLES.includes(b.role)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  const done = review?.reviewers.filter((r) => r.reviewedAt).length ?? 0;
  return (
    <Stack gap="md" maw={720} data-testid="review-panel">
      <Text size="sm">{t('meetings.review.intro')}</Text>
      {review ? (
        <Paper withBorder p="sm">
          <Stack gap="xs">
            <Text fw={600}>
              {t('meetings.review.stage', { stage: review.stage, when: format.dateTime(review.deadline) })}
            </Text>
            <Text size="sm" role="status">
              {t('meetings.review.progress', { done, total: review.reviewers.length })}
            </Text>
            <List listStyleType="none" p={0} spacing={4}>
              {review.reviewers.map((r) => (
                <List.Item key={r.personId} data-testid="reviewer">
                  <Group gap="xs">
                    <Text size="sm">{r.name}</Text>
                    {r.reviewedAt ? (
                      <Badge color="green.9" variant="light" style={WRAP}>
                        {t('meetings.review.reviewedAt', { when: format.dateTime(r.reviewedAt) })}
                      </Badge>
                    ) : (
                      <Badge color="gray" variant="light">
                        {t('meetings.review.notYet')}
                      </Badge>
                    )}
                  </Group>
                </List.Item>
              ))}
            </List>
          </Stack>
        </Paper>
      ) : (
        <Text c="dimmed">{t('meetings.review.none')}</Text>
      )}
      {mayRequest && (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <MultiSelect
              label={t('meetings.review.reviewers')}
              description={t('meetings.review.reviewersHint')}
              data={candidates.map((p) => ({ value: p.id, label: `${p.name} (${p.organisation})` }))}
              value={reviewerIds}
              onChange={setReviewerIds}
              searchable
              required
              error={fields.reviewerIds}
            />
            <Group grow align="flex-start">
              <TextInput
                label={t('meetings.review.deadlineDate')}
                type="date"
                required
                value={date}
                onChange={(e) => setDate(e.currentTarget.value)}
                error={fields.deadline}
              />
              <TextInput
                label={t('meetings.review.deadlineTime')}
                type="time"
                required
                value={time}
                onChange={(e) => setTime(e.currentTarget.value)}
              />
            </Group>
            {send.error && !fields.reviewerIds && !fields.deadline && (
              <Alert color="red" role="alert">
                {errorText.message(send.error)}
              </Alert>
            )}
            <Group>
              {/* Never disabled: what is missing is said by the field (nobody chosen, no date). Under
                  way, the deadline can be moved without asking anyone new. */}
              <Button type="submit" loading={send.isPending}>
                {review ? t('meetings.review.sendMore') : t('meetings.review.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
