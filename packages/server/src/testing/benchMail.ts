import { randomUUID } from 'node:crypto';
import type { CouncilServer } from '../app.ts';

/**
 * For bench/notify: `count` mails to send at once, as a burst of task assignments to as many people
 * would write them (one notification and one mail row each, in one transaction), then the sender
 * is woken. The people are made here, so the recipients are real rows with addresses.
 */
export function queueBenchMail(council: CouncilServer, count: number): void {
  const insert = council.db.prepare(
    `INSERT INTO people (id, email, name, role, organisation, title, competencies, locale, password_hash, created_at)
     VALUES (?, ?, ?, 'group_member', 'Benchkommune', 'Arkitekt', '[]', 'da', 'x', ?)`,
  );
  const notifier = council.notifications.notifier;
  council.db.transaction(() => {
    const batch = randomUUID().slice(0, 8);
    for (let i = 0; i < count; i++) {
      const id = `bench-${batch}-${i}`;
      insert.run(id, `${id}@bench.example`, `Bench ${i}`, new Date().toISOString());
      notifier.notify({
        kind: 'taskAssigned',
        recipients: [id],
        actorId: null,
        dedupeKey: `bench:${batch}:${i}`,
        values: { task: `Opgave ${i}`, group: 'Benchgruppe' },
        url: '/tasks',
      });
    }
  })();
  notifier.afterCommit();
}
