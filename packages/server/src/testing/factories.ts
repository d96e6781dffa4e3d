import { randomUUID } from 'node:crypto';
import type { MeetingStatus, Role } from '@council/shared';
import { buildMeetingDocs, buildPlanDoc, docNames, type InitiativeSeed, type MeetingSeed } from '@council/shared';
import * as Y from 'yjs';
import { SqliteDocumentStore } from '../collab/DocumentStore.ts';
import type { Db } from '../db/connection.ts';
import { hashPassword } from '../domains/auth/passwords.ts';
import { projectDocument } from '../domains/projections.ts';
import { createRepos } from '../domains/repos.ts';

export const TEST_PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | undefined;

/** Builds test data straight into the database, creating missing parents. */
export class Factory {
  private readonly repos;
  private readonly store;

  constructor(private readonly db: Db) {
    this.repos = createRepos(db);
    this.store = new SqliteDocumentStore(db);
  }

  async person(
    overrides: { role?: Role; name?: string; email?: string; competencies?: string[]; locale?: 'da' | 'en' } = {},
  ) {
    const id = randomUUID();
    const person = {
      id,
      email: overrides.email ?? `${id}@test.example`,
      name: overrides.name ?? `Testperson ${id.slice(0, 4)}`,
      role: overrides.role ?? 'network_architect',
      organisation: 'Testkommune',
      title: 'It-arkitekt',
      competencies: overrides.competencies ?? [],
      locale: overrides.locale ?? ('da' as const),
    };
    passwordHash ??= hashPassword(TEST_PASSWORD);
    await this.repos.people.create(person, await passwordHash);
    return { ...person, password: TEST_PASSWORD };
  }

  async meeting(
    overrides: {
      status?: MeetingStatus;
      title?: string;
      content?: MeetingSeed;
      startsAt?: string;
      endsAt?: string;
    } = {},
  ) {
    const id = `m-${randomUUID().slice(0, 8)}`;
    const meeting = {
      id,
      title: overrides.title ?? 'Rådsmøde',
      startsAt: overrides.startsAt ?? '2026-12-10T09:00:00+01:00',
      endsAt: overrides.endsAt ?? '2026-12-10T12:00:00+01:00',
      location: 'København',
      status: overrides.status ?? 'in-session',
    };
    await this.repos.meetings.create(meeting);
    const content = overrides.content ?? {
      agenda: [{ id: 'i1', title: 'Punkt 1', kind: 'discussion', durationMinutes: 30, confidential: false }],
    };
    const { open, closed } = buildMeetingDocs(content);
    await this.saveDoc(docNames.meeting(id), open);
    await this.saveDoc(docNames.meetingClosed(id), closed);
    return meeting;
  }

  /** Stores a document and projects it, as the server does after a change. */
  private async saveDoc(name: string, doc: Y.Doc): Promise<void> {
    await this.store.compact(name, Y.encodeStateAsUpdate(doc), 0);
    projectDocument(this.db, name, doc);
  }

  async plan(initiatives: InitiativeSeed[]) {
    const id = `p-${randomUUID().slice(0, 8)}`;
    await this.repos.plans.create({
      id,
      title: 'Digitaliseringsstrategi 2026–2029',
      periodStart: '2026-01-01',
      periodEnd: '2029-12-31',
    });
    await this.saveDoc(docNames.plan(id), buildPlanDoc(initiatives));
    return { id };
  }

  async group(
    overrides: { visibility?: 'open' | 'closed'; members?: { personId: string; role: 'lead' | 'member' }[] } = {},
  ) {
    const id = `g-${randomUUID().slice(0, 8)}`;
    await this.repos.groups.create({
      id,
      name: 'Testgruppe',
      purpose: '',
      status: 'active',
      visibility: overrides.visibility ?? 'open',
    });
    for (const m of overrides.members ?? []) await this.repos.groups.addMember(id, m.personId, m.role);
    return { id };
  }
}
