import { docNames, fragmentText, PLAN_FIELDS, readInitiatives } from '@council/shared';
import type * as Y from 'yjs';
import type { Db } from '../../db/connection.ts';
import type { FlaggedEntry } from '../projections.ts';
import { replaceSource } from '../search/indexer.ts';

/** `plan:<id>` → the `initiatives` read model and the plan's search rows. */
export function projectPlan(db: Db, planId: string, doc: Y.Doc): FlaggedEntry[] {
  const initiatives = readInitiatives(doc);
  const insert = db.prepare(
    `INSERT INTO initiatives (id, plan_id, title, theme, status, owner_group_id, start_date, end_date, indicator_count, decision_numbers)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    db.prepare('DELETE FROM initiatives WHERE plan_id = ?').run(planId);
    for (const i of initiatives) {
      insert.run(
        i.id,
        planId,
        i.title,
        i.theme,
        i.status,
        i.ownerGroupId ?? null,
        i.startDate ?? null,
        i.endDate ?? null,
        i.indicators.length,
        JSON.stringify(i.decisionNumbers ?? []),
      );
    }
  })();
  replaceSource(
    db,
    docNames.plan(planId),
    initiatives.map((i) => ({
      type: 'initiative',
      ref: `${planId}:${i.id}`,
      title: i.title,
      body: [
        i.theme,
        fragmentText(doc.getXmlFragment(PLAN_FIELDS.description(i.id))),
        ...i.benefits.map((b) => b.description),
      ].join('\n'),
      url: `/plan/${planId}/initiatives/${i.id}`,
      visibility: 'all',
    })),
  );
  return initiatives.flatMap((i) =>
    [
      { entry: `initiative ${i.id}`, issues: i.issues },
      ...i.benefits.map((b) => ({ entry: `benefit ${i.id}/${b.id}`, issues: b.issues })),
      ...i.indicators.map((ind) => ({ entry: `indicator ${i.id}/${ind.id}`, issues: ind.issues })),
    ].filter((f) => f.issues.length > 0),
  );
}
