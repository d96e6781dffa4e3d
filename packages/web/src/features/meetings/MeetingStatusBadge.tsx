import type { MeetingStatus } from '@council/shared';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLOR: Record<MeetingStatus, string> = {
  draft: 'gray',
  published: 'blue',
  'in-session': 'orange',
  'minutes-draft': 'yellow',
  approved: 'green',
  cancelled: 'red',
};

export function MeetingStatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOR[status]} variant="dot" data-testid="meeting-status">
      {t(`meetings.status.${status}`)}
    </Badge>
  );
}
