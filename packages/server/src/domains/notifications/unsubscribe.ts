import { createHmac, timingSafeEqual } from 'node:crypto';
import { NotificationKind } from '@council/shared';

/** What an unsubscribe link turns off: one kind of event, or the daily digest as a whole. */
export type UnsubscribeTarget = NotificationKind | 'digest';

/**
 * Signed one-click unsubscribe links (RFC 8058): `p` the person, `k` the kind, `s` an HMAC of both,
 * so that a link turns off that one thing for that one person, and nobody can make one for another.
 */
export class UnsubscribeLinks {
  constructor(
    private readonly key: Buffer,
    private readonly base: () => string,
  ) {}

  private sign(personId: string, target: string): string {
    return createHmac('sha256', this.key).update(`${personId}\n${target}`).digest('base64url');
  }

  url(personId: string, target: UnsubscribeTarget): string {
    const q = new URLSearchParams({ p: personId, k: target, s: this.sign(personId, target) });
    return `${this.base()}/api/notifications/unsubscribe?${q}`;
  }

  /** The person and target a link names, if its signature holds; null otherwise. */
  verify(query: { p?: unknown; k?: unknown; s?: unknown }): { personId: string; target: UnsubscribeTarget } | null {
    const { p, k, s } = query;
    if (typeof p !== 'string' || typeof k !== 'string' || typeof s !== 'string') return null;
    if (k !== 'digest' && !NotificationKind.safeParse(k).success) return null;
    const expected = Buffer.from(this.sign(p, k));
    const given = Buffer.from(s);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return { personId: p, target: k as UnsubscribeTarget };
  }
}
