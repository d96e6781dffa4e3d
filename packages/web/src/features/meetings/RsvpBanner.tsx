import type { Meeting } from '@council/shared';
import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useCan, useMe } from '../auth/useMe.ts';
import { useErrorText } from '../forms/errors.tsx';

export const rsvpsKey = (meetingId: string) => ['meetings', meetingId, 'rsvps'];

/** The replies to a published meeting's invitation: every one for the council, one's own for others. */
export function useRsvps(meeting: Meeting) {
  return useQuery({
    queryKey: rsvpsKey(meeting.id),
    queryFn: () => api.rsvps(meeting.id),
    enabled: meeting.status === 'published',
  });
}

/**
 * The invited answer the invitation before the meeting: "I will come", or apologies with an
 * optional reason, which the attendance records as "Afbud" for everyone with the meeting open.
 */
export function RsvpBanner({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const can = useCan();
  const me = useMe().data;
  const errorText = useErrorText();
  const client = useQueryClient();
  const rsvps = useRsvps(meeting);
  const [declining, setDeclining] = useState(false);
  const [changing, setChanging] = useState(false);
  const [reason, setReason] = useState('');
  // Keyboard focus follows the banner as it changes: to the answer once given, to the choices when
  // changing it, to the reason when sending apologies (WCAG 2.4.3).
  const focusAnswer = useRef(false);
  const [asked, setAsked] = useState(false);
  const reply = useMutation({
    mutationFn: (response: 'accepted' | 'declined') =>
      api.rsvp(meeting.id, { response, ...(response === 'declined' && reason.trim() ? { reason } : {}) }),
    onSuccess: (data) => {
      client.setQueryData(rsvpsKey(meeting.id), data);
      setDeclining(false);
      setChanging(false);
      focusAnswer.current = true;
    },
  });
  if (!can('rsvp', { type: 'meeting', status: meeting.status }) || !rsvps.data || !me) return null;
  const mine = rsvps.data.replies.find((r) => r.personId === me.id);
  const error = reply.error && (Object.values(errorText.fields(reply.error))[0] ?? errorText.message(reply.error));
  return (
    <Alert color={mine?.response === 'declined' ? 'orange' : 'blue'} data-testid="rsvp">
      <Stack gap="xs" align="flex-start">
        {mine && !changing ? (
          <Group gap="sm">
            <Text
              size="sm"
              fw={600}
              tabIndex={-1}
              // Focused as it appears after a reply, whenever React draws it.
              ref={(element: HTMLParagraphElement | null) => {
                if (element && focusAnswer.current) {
                  focusAnswer.current = false;
                  element.focus();
                }
              }}
            >
              {t(mine.response === 'accepted' ? 'meetings.rsvp.accepted' : 'meetings.rsvp.declined')}
            </Text>
            <Button
              size="compact-sm"
              variant="subtle"
              onClick={() => {
                setChanging(true);
                setAsked(true);
              }}
            >
              {t('meetings.rsvp.change')}
            </Button>
          </Group>
        ) : declining ? (
          <form
            style={{ width: '100%' }}
            onSubmit={(event) => {
              event.preventDefault();
              reply.mutate('declined');
            }}
          >
            <Stack gap="xs">
              <Textarea
                label={t('meetings.rsvp.reason')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                maxLength={500}
                autosize
                minRows={2}
                autoFocus
              />
              <Group gap="xs">
                <Button type="submit" size="xs" color="orange" loading={reply.isPending}>
                  {t('meetings.rsvp.send')}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => {
                    setDeclining(false);
                    setAsked(true);
                  }}
                >
                  {t('meetings.rsvp.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <>
            <Text size="sm">{t('meetings.rsvp.question')}</Text>
            <Group gap="xs">
              <Button size="xs" loading={reply.isPending} autoFocus={asked} onClick={() => reply.mutate('accepted')}>
                {t('meetings.rsvp.accept')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setDeclining(true)}>
                {t('meetings.rsvp.decline')}
              </Button>
            </Group>
          </>
        )}
        {error && (
          <Text size="sm" c="red.8" role="alert">
            {error}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
