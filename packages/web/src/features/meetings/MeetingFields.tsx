import { Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** What `bindText` gives each field. */
type Field = { value: string; onChange: (e: { currentTarget: { value: string } }) => void; error?: string };
export interface MeetingForm {
  title: string;
  date: string;
  start: string;
  end: string;
  location: string;
}

/** A meeting's own fields, as creating and changing a meeting ask for them. */
export function MeetingFields({ field }: { field: (key: keyof MeetingForm) => Field }) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput label={t('meetings.create.name')} required data-autofocus maxLength={200} {...field('title')} />
      <TextInput label={t('meetings.create.date')} type="date" required {...field('date')} />
      <Group grow align="flex-start">
        <TextInput label={t('meetings.create.start')} type="time" required {...field('start')} />
        <TextInput label={t('meetings.create.end')} type="time" required {...field('end')} />
      </Group>
      <TextInput label={t('meetings.create.place')} {...field('location')} />
    </>
  );
}
