import {
  ATTENDANCE_VALUES,
  ATTENDEE_ROLES,
  type Attendance,
  MEETING_FIELDS,
  type Person,
  type Rsvp,
  readAttendance,
  setAttendance,
} from '@council/shared';
import { Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { useYjs } from './useYjs.ts';

/** Roll call of the council and its secretary, with the replies to the invitation: who comes, and why not. */
export function AttendancePanel({
  doc,
  people,
  editable,
  replies = [],
}: {
  doc: Y.Doc;
  people: Person[];
  editable: boolean;
  replies?: Rsvp[];
}) {
  const { t } = useTranslation();
  const attendance = doc.getMap(MEETING_FIELDS.attendance);
  const values = useYjs(attendance, () => Object.fromEntries(readAttendance(doc)), {} as Record<string, Attendance>);
  const council = people.filter((p) => ATTENDEE_ROLES.includes(p.role));
  const replyOf = (personId: string) => replies.find((r) => r.personId === personId);
  if (council.length === 0) return <Text c="dimmed">{t('meetings.attendance.empty')}</Text>;
  const options = ATTENDANCE_VALUES.map((v) => ({
    value: v,
    label: t(`meetings.attendance.${v}`),
  }));

  return (
    <Table>
      <Table.Tbody>
        {council.map((person) => (
          <Table.Tr key={person.id}>
            <Table.Th scope="row">
              <Stack gap={0}>
                <span>{person.name}</span>
                <Text size="xs" c="dimmed">
                  {person.organisation}
                </Text>
                {values[person.id] === 'apologies' && replyOf(person.id)?.reason && (
                  <Text size="xs" data-testid="apology-reason" style={{ overflowWrap: 'anywhere' }}>
                    {t('meetings.rsvp.reasonOf', { reason: replyOf(person.id)?.reason })}
                  </Text>
                )}
                {!values[person.id] && replyOf(person.id)?.response === 'accepted' && (
                  <Text size="xs" data-testid="rsvp-accepted">
                    {t('meetings.rsvp.comes')}
                  </Text>
                )}
              </Stack>
            </Table.Th>
            <Table.Td>
              {editable ? (
                <SegmentedControl
                  size="xs"
                  aria-label={person.name}
                  value={values[person.id] ?? ''}
                  onChange={(v) => setAttendance(doc, person.id, v as Attendance)}
                  data={options}
                />
              ) : (
                <Group>{values[person.id] ? t(`meetings.attendance.${values[person.id]}`) : '—'}</Group>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
