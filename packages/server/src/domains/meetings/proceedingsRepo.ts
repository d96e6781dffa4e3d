import { type ItemProceedings, VoteChoice, type VoteInput } from '@council/shared';
import type { Db } from '../../db/connection.ts';

interface VoteRow {
  itemId: string;
  mode: 'counts' | 'named';
  for: number;
  against: number;
  abstain: number;
  ballots: string;
}

/** Ballots as stored; an entry that is not a choice is left out, never shown as a vote. */
function readBallots(json: string): [string, VoteChoice][] {
  try {
    const value: unknown = JSON.parse(json);
    if (!value || typeof value !== 'object') return [];
    return Object.entries(value).flatMap(([personId, choice]) => {
      const parsed = VoteChoice.safeParse(choice);
      return parsed.success ? [[personId, parsed.data] as [string, VoteChoice]] : [];
    });
  } catch {
    return [];
  }
}

/** Votes, minuted views and conflicts of interest of a meeting's items (migration 18). */
export class ProceedingsRepo {
  constructor(private readonly db: Db) {}

  /** Every item with something recorded, by item id; names come from `names`. */
  forMeeting(meetingId: string, names: Map<string, string>): Map<string, ItemProceedings> {
    const result = new Map<string, ItemProceedings>();
    const entry = (itemId: string) => {
      let found = result.get(itemId);
      if (!found) {
        found = { itemId, vote: null, dissents: [], conflicts: [] };
        result.set(itemId, found);
      }
      return found;
    };
    const nameOf = (id: string) => names.get(id) ?? id;
    for (const row of this.db
      .prepare<[string], VoteRow>(
        `SELECT item_id AS itemId, mode, votes_for AS "for", votes_against AS against, votes_abstain AS abstain, ballots
         FROM item_votes WHERE meeting_id = ?`,
      )
      .all(meetingId)) {
      entry(row.itemId).vote = {
        mode: row.mode,
        for: row.for,
        against: row.against,
        abstain: row.abstain,
        ballots: readBallots(row.ballots)
          .map(([personId, choice]) => ({ personId, name: nameOf(personId), choice }))
          .sort((a, b) => a.name.localeCompare(b.name, 'da')),
      };
    }
    for (const row of this.db
      .prepare<[string], { itemId: string; personId: string; text: string }>(
        `SELECT item_id AS itemId, person_id AS personId, text FROM item_dissents WHERE meeting_id = ? ORDER BY recorded_at`,
      )
      .all(meetingId)) {
      entry(row.itemId).dissents.push({ personId: row.personId, name: nameOf(row.personId), text: row.text });
    }
    for (const row of this.db
      .prepare<[string], { itemId: string; personId: string; reason: string | null }>(
        `SELECT item_id AS itemId, person_id AS personId, reason FROM item_conflicts WHERE meeting_id = ? ORDER BY declared_at`,
      )
      .all(meetingId)) {
      entry(row.itemId).conflicts.push({
        personId: row.personId,
        name: nameOf(row.personId),
        ...(row.reason ? { reason: row.reason } : {}),
      });
    }
    return result;
  }

  /** Records (or replaces) an item's vote; counts of a named vote are counted here. */
  saveVote(meetingId: string, itemId: string, input: VoteInput, by: string, now: string): void {
    const ballots = input.mode === 'named' ? input.ballots : {};
    const count = (choice: VoteChoice) =>
      input.mode === 'named' ? Object.values(ballots).filter((c) => c === choice).length : input[choice];
    this.db
      .prepare(
        `INSERT INTO item_votes (meeting_id, item_id, mode, votes_for, votes_against, votes_abstain, ballots, recorded_by, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (meeting_id, item_id) DO UPDATE SET mode = excluded.mode, votes_for = excluded.votes_for,
           votes_against = excluded.votes_against, votes_abstain = excluded.votes_abstain, ballots = excluded.ballots,
           recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
      )
      .run(
        meetingId,
        itemId,
        input.mode,
        count('for'),
        count('against'),
        count('abstain'),
        JSON.stringify(ballots),
        by,
        now,
      );
  }

  removeVote(meetingId: string, itemId: string): boolean {
    return (
      this.db.prepare('DELETE FROM item_votes WHERE meeting_id = ? AND item_id = ?').run(meetingId, itemId).changes ===
      1
    );
  }

  saveDissent(meetingId: string, itemId: string, personId: string, text: string, by: string, now: string): void {
    this.db
      .prepare(
        `INSERT INTO item_dissents (meeting_id, item_id, person_id, text, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (meeting_id, item_id, person_id) DO UPDATE SET text = excluded.text,
           recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
      )
      .run(meetingId, itemId, personId, text, by, now);
  }

  removeDissent(meetingId: string, itemId: string, personId: string): boolean {
    return (
      this.db
        .prepare('DELETE FROM item_dissents WHERE meeting_id = ? AND item_id = ? AND person_id = ?')
        .run(meetingId, itemId, personId).changes === 1
    );
  }

  /** False if the person had declared a conflict on the item already. */
  declareConflict(
    meetingId: string,
    itemId: string,
    personId: string,
    reason: string | undefined,
    by: string,
    now: string,
  ): boolean {
    return (
      this.db
        .prepare(
          `INSERT OR IGNORE INTO item_conflicts (meeting_id, item_id, person_id, reason, declared_by, declared_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(meetingId, itemId, personId, reason ?? null, by, now).changes === 1
    );
  }

  withdrawConflict(meetingId: string, itemId: string, personId: string): boolean {
    return (
      this.db
        .prepare('DELETE FROM item_conflicts WHERE meeting_id = ? AND item_id = ? AND person_id = ?')
        .run(meetingId, itemId, personId).changes === 1
    );
  }
}
