import { describe, expect, it } from 'vitest';
import { type Actor, can, type Resource } from './policy.ts';
import { ROLES, type Role } from './roles.ts';

const actor = (role: Role, groups: Actor['groups'] = {}): Actor => ({ id: `p-${role}`, role, groups });
const whoCan = (action: Parameters<typeof can>[1], resource: Resource) =>
  ROLES.filter((r) => can(actor(r), action, resource));

describe('can', () => {
  it('refuses everything to nobody', () => {
    expect(can(null, 'read', { type: 'decisions' })).toBe(false);
  });

  it('shows a draft agenda only to the council', () => {
    expect(whoCan('read', { type: 'meeting', status: 'draft' })).toEqual([
      'admin',
      'chair',
      'secretary',
      'council_member',
    ]);
    expect(whoCan('read', { type: 'meeting', status: 'published' })).toEqual([...ROLES]);
  });

  it('lets the council edit a meeting until it is approved, and nobody after', () => {
    expect(whoCan('edit', { type: 'meeting', status: 'in-session' })).toEqual([
      'admin',
      'chair',
      'secretary',
      'council_member',
    ]);
    expect(whoCan('edit', { type: 'meeting', status: 'approved' })).toEqual([]);
    expect(whoCan('edit', { type: 'meetingClosed', status: 'approved' })).toEqual([]);
  });

  it('lets the chair and the secretary record votes in the meeting and its draft minutes, and members speak for themselves', () => {
    for (const status of ['in-session', 'minutes-draft'] as const) {
      expect(whoCan('vote', { type: 'meeting', status })).toEqual(['admin', 'chair', 'secretary']);
      expect(whoCan('dissent', { type: 'meeting', status })).toEqual(['admin', 'chair', 'secretary', 'council_member']);
    }
    expect(whoCan('declare', { type: 'meeting', status: 'published' })).toEqual([
      'admin',
      'chair',
      'secretary',
      'council_member',
    ]);
    for (const status of ['draft', 'published', 'approved', 'cancelled'] as const) {
      expect(whoCan('vote', { type: 'meeting', status })).toEqual([]);
      expect(whoCan('dissent', { type: 'meeting', status })).toEqual([]);
    }
    expect(whoCan('declare', { type: 'meeting', status: 'approved' })).toEqual([]);
  });

  it('keeps confidential items to the council whatever the state', () => {
    for (const status of ['draft', 'published', 'approved'] as const) {
      expect(whoCan('read', { type: 'meetingClosed', status })).toEqual([
        'admin',
        'chair',
        'secretary',
        'council_member',
      ]);
    }
  });

  it('lets the chair and secretary approve only minutes awaiting approval, and the chair or an admin reopen', () => {
    expect(whoCan('approve', { type: 'meeting', status: 'minutes-draft' })).toEqual(['chair', 'secretary']);
    expect(whoCan('approve', { type: 'meeting', status: 'in-session' })).toEqual([]);
    expect(whoCan('reopen', { type: 'meeting', status: 'approved' })).toEqual(['admin', 'chair']);
  });

  it('lets the council, and the person an action point names, mark a council action done', () => {
    const action: Resource = { type: 'councilAction', assigneeId: 'p-network_architect' };
    expect(whoCan('complete', action)).toEqual(['admin', 'chair', 'secretary', 'council_member', 'network_architect']);
    expect(whoCan('complete', { ...action, assigneeId: null })).toEqual([
      'admin',
      'chair',
      'secretary',
      'council_member',
    ]);
    expect(whoCan('read', { type: 'councilActions' })).toEqual([...ROLES]);
  });

  it('opens a group board to its members for editing and to others only when the group is open', () => {
    const closed: Resource = { type: 'group', id: 'g1', visibility: 'closed' };
    expect(can(actor('network_architect', { g1: 'member' }), 'edit', closed)).toBe(true);
    expect(can(actor('network_architect'), 'read', closed)).toBe(false);
    expect(can(actor('network_architect'), 'read', { ...closed, visibility: 'open' })).toBe(true);
    expect(can(actor('network_architect'), 'edit', { ...closed, visibility: 'open' })).toBe(false);
    expect(can(actor('council_member'), 'read', closed)).toBe(true);
    expect(can(actor('council_member'), 'edit', closed)).toBe(false);
    expect(can(actor('group_member', { g1: 'member' }), 'manage', closed)).toBe(false);
    expect(can(actor('group_lead', { g1: 'lead' }), 'manage', closed)).toBe(true);
  });

  it('lets leads of an owning group add measurements but not edit the plan', () => {
    const plan: Resource = { type: 'plan', ownerGroupIds: ['g1'] };
    expect(can(actor('group_lead', { g1: 'lead' }), 'addMeasurement', plan)).toBe(true);
    expect(can(actor('group_lead', { g2: 'lead' }), 'addMeasurement', plan)).toBe(false);
    expect(can(actor('group_lead', { g1: 'lead' }), 'edit', plan)).toBe(false);
  });

  it('answers no for an action a resource does not have', () => {
    expect(can(actor('admin'), 'approve', { type: 'people' })).toBe(false);
  });
});
