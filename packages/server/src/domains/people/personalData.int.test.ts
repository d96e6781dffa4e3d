import { ROLES } from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRetention } from '../../ops/retention.ts';
import { DEMO_PASSWORD, seedDemoIfEmpty, startTestServer, type TestServer } from '../../testing/server.ts';
import { NOT_PERSONAL_DATA, PERSONAL_DATA } from './personalData.ts';

/**
 * A person's data (issue 20, GDPR): "download my data" and erasure by an admin, on the demo
 * data (people with memberships, tasks, papers, votes and history), and retention of the log.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedDemoIfEmpty(server.council);
});
afterAll(() => server.stop());

const db = () => server.council.db;
const signIn = async (email: string) =>
  (await server.api('POST', '/api/auth/login', { body: { email, password: DEMO_PASSWORD } })).body.token as string;
const download = async (token: string) => {
  const res = await fetch(`${server.url}/api/me/data`, { headers: { authorization: `Bearer ${token}` } });
  return {
    res,
    body: (await res.json()) as {
      profile: Record<string, unknown>;
      data: { table: string; column: string; rows: unknown[] }[];
      audit: { action: string }[];
    },
  };
};
const rowsOf = (body: Awaited<ReturnType<typeof download>>['body'], table: string, column: string) =>
  body.data.find((d) => d.table === table && d.column === column)?.rows ?? [];

/** A demo person with a working-group task and membership: someone whose data is spread about. */
function demoPersonWithTasks(): { id: string; email: string; name: string } {
  return db()
    .prepare(
      `SELECT p.id, p.email, p.name FROM people p WHERE p.role = 'group_member'
         AND EXISTS (SELECT 1 FROM tasks t WHERE t.assignee_id = p.id)
         AND EXISTS (SELECT 1 FROM group_members m WHERE m.person_id = p.id) ORDER BY p.id LIMIT 1`,
    )
    .get() as { id: string; email: string; name: string };
}

describe('what Council holds about a person', () => {
  it('is listed for every column of the schema that names a person', () => {
    const covered = new Set([...PERSONAL_DATA.map((p) => `${p.table}.${p.column}`), ...NOT_PERSONAL_DATA]);
    const tables = db()
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search%' AND name NOT LIKE 'sqlite%'",
      )
      .all() as { name: string }[];
    const naming: string[] = [];
    for (const { name } of tables) {
      for (const fk of db().prepare('SELECT "from", "table" FROM pragma_foreign_key_list(?)').all(name) as {
        from: string;
        table: string;
      }[])
        if (fk.table === 'people') naming.push(`${name}.${fk.from}`);
      // Columns that name a person without a foreign key (read models, the audit log).
      for (const col of db().prepare('SELECT name FROM pragma_table_info(?)').all(name) as { name: string }[])
        if (/(^|_)(assignee|actor|person|recipient)_id$|_by$/.test(col.name)) naming.push(`${name}.${col.name}`);
    }
    expect(naming.length).toBeGreaterThan(20);
    expect([...new Set(naming)].filter((c) => !covered.has(c))).toEqual([]);
  });

  it('downloads as JSON for the person themselves: profile, memberships, tasks, sign-ins and audit, never secrets', async () => {
    const person = demoPersonWithTasks();
    const token = await signIn(person.email);
    const { res, body } = await download(token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename="?council-mine-data-\d{4}-\d{2}-\d{2}\.json"?$/,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(body.profile).toMatchObject({ id: person.id, email: person.email, name: person.name });
    expect(rowsOf(body, 'group_members', 'person_id').length).toBeGreaterThan(0);
    expect(rowsOf(body, 'tasks', 'assignee_id').length).toBeGreaterThan(0);
    expect(rowsOf(body, 'sessions', 'person_id')).toEqual([expect.objectContaining({ person_id: person.id })]);
    expect(body.audit.map((a) => a.action)).toContain('auth.login');
    const text = JSON.stringify(body);
    for (const secret of ['password_hash', 'token_hash', 'totp_secret', 'scrypt$']) expect(text).not.toContain(secret);
    // Only their own: nobody else's tasks.
    for (const task of rowsOf(body, 'tasks', 'assignee_id') as { assignee_id: string }[])
      expect(task.assignee_id).toBe(person.id);
    expect((await server.api('GET', '/api/me/data')).status).toBe(401);
  });

  it('the secretary’s download holds the papers she uploaded', async () => {
    const { body } = await download(await signIn('sekretaer@council.example'));
    expect(rowsOf(body, 'paper_versions', 'uploaded_by').length).toBeGreaterThan(0);
  });
});

describe('erasing a person', () => {
  it('is for admins only, role by role, and never oneself', async () => {
    const target = await server.factory.person({ role: 'observer' });
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const { token } = await server.signIn(role);
      expect((await server.api('POST', `/api/people/${target.id}/erase`, { token })).status, role).toBe(403);
    }
    const admin = await server.signIn('admin');
    expect((await server.api('POST', `/api/people/${admin.personId}/erase`, { token: admin.token })).status).toBe(409);
    expect((await server.api('POST', '/api/people/nobody/erase', { token: admin.token })).status).toBe(404);
  });

  it('removes the profile and signs them out; their name becomes a stable pseudonym everywhere but the approved records', async () => {
    const person = demoPersonWithTasks();
    const theirToken = await signIn(person.email);
    const admin = await signIn('admin@council.example');
    // Their name is in the audit log of an earlier change, and in an approved minutes' attendance.
    await server.api('PATCH', '/api/me/profile', { token: theirToken, body: { title: 'Informationsarkitekt' } });
    const res = await server.api('POST', `/api/people/${person.id}/erase`, { token: admin });
    expect(res.status).toBe(200);
    const pseudonym = res.body.pseudonym as string;
    expect(pseudonym).toMatch(/^Person [0-9A-F]{6}$/);

    expect((await server.api('GET', '/api/me', { token: theirToken })).status).toBe(401);
    expect(
      (await server.api('POST', '/api/auth/login', { body: { email: person.email, password: DEMO_PASSWORD } })).status,
    ).toBe(401);
    const people = await server.api('GET', '/api/people', { token: admin });
    expect(JSON.stringify(people.body)).not.toContain(person.name);
    expect(JSON.stringify(people.body)).not.toContain(person.email);
    expect(people.body.find((p: { id: string }) => p.id === person.id)).toMatchObject({
      name: pseudonym,
      erasedAt: expect.any(String),
      organisation: '',
      competencies: [],
    });
    const audit = await server.api('GET', '/api/audit?limit=200', { token: admin });
    expect(JSON.stringify(audit.body)).not.toContain(person.name);
    expect(JSON.stringify(audit.body)).not.toContain(person.email);
    const search = await server.api('GET', `/api/search?q=${encodeURIComponent(person.name)}&type=person`, {
      token: admin,
    });
    expect(search.body.hits).toEqual([]);
    // Their tasks stay on the board, under the pseudonym.
    const tasks = await server.api('GET', `/api/tasks?assignee=${person.id}`, { token: admin });
    expect(tasks.body.length).toBeGreaterThan(0);
    // Deleted outright: sessions, memberships, notifications.
    for (const table of ['sessions', 'group_members', 'notification_preferences']) {
      expect(db().prepare(`SELECT count(*) AS n FROM ${table} WHERE person_id = ?`).get(person.id), table).toEqual({
        n: 0,
      });
    }
    // Not undone by the account's other doors.
    expect((await server.api('POST', `/api/people/${person.id}/reactivate`, { token: admin })).status).toBe(409);
    expect(
      (
        await server.api('POST', `/api/people/${person.id}/password`, {
          token: admin,
          body: { password: 'tre blå heste ved åen' },
        })
      ).status,
    ).toBe(409);
    expect((await server.api('POST', `/api/people/${person.id}/erase`, { token: admin })).status).toBe(409);
    expect((await server.api('POST', '/api/auth/password-reset', { body: { email: person.email } })).status).toBe(202);
    expect(db().prepare('SELECT count(*) AS n FROM account_tokens WHERE person_id = ?').get(person.id)).toEqual({
      n: 0,
    });
  });

  it('leaves approved minutes as they were approved, with the names they record', async () => {
    const admin = await signIn('admin@council.example');
    const attendee = db()
      .prepare(
        `SELECT p.id, p.name FROM people p WHERE p.role = 'council_member' AND p.erased_at IS NULL
           AND EXISTS (SELECT 1 FROM minutes m WHERE instr(m.html, p.name) > 0) LIMIT 1`,
      )
      .get() as { id: string; name: string };
    const before = db().prepare('SELECT count(*) AS n FROM minutes WHERE instr(html, ?) > 0').get(attendee.name);
    expect((await server.api('POST', `/api/people/${attendee.id}/erase`, { token: admin })).status).toBe(200);
    expect(db().prepare('SELECT count(*) AS n FROM minutes WHERE instr(html, ?) > 0').get(attendee.name)).toEqual(
      before,
    );
  });
});

describe('retention of the audit log', () => {
  it('deletes sign-in records after their days and the rest after the log’s, and 0 keeps for ever', () => {
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();
    const insert = db().prepare(
      "INSERT INTO audit (at, actor_id, action, resource, details) VALUES (?, NULL, ?, 'retention-test', '{}')",
    );
    insert.run(at(100), 'auth.login');
    insert.run(at(10), 'auth.login');
    insert.run(at(100), 'meeting.approve');
    insert.run(at(2000), 'meeting.approve');
    const left = () =>
      (
        db().prepare("SELECT action FROM audit WHERE resource = 'retention-test' ORDER BY at").all() as {
          action: string;
        }[]
      ).map((r) => r.action);
    expect(applyRetention(db(), { auditDays: 0, signInDays: 0 })).toEqual({ audit: 0, signIns: 0 });
    expect(left()).toHaveLength(4);
    applyRetention(db(), { auditDays: 1825, signInDays: 90 });
    expect(left()).toEqual(['meeting.approve', 'auth.login']);
  });
});
