/** Every role a person can hold. A person has one global role; group leadership is per group. */
export const ROLES = [
  'admin',
  'chair',
  'secretary',
  'council_member',
  'group_lead',
  'group_member',
  'network_architect',
  'observer',
] as const;
export type Role = (typeof ROLES)[number];

/** The council proper: the people who prepare agendas, take minutes and see confidential items. */
export const COUNCIL_ROLES: readonly Role[] = ['admin', 'chair', 'secretary', 'council_member'];

/** Who attends a council meeting, and whose attendance the minutes record: the council without admins. */
export const ATTENDEE_ROLES: readonly Role[] = ['chair', 'secretary', 'council_member'];

export const GROUP_ROLES = ['lead', 'member'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];
