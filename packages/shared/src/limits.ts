/** Limits shared by server and web, so that forms reject what the server would refuse. */
export const LIMITS = {
  /** Largest JSON body the REST API accepts. */
  jsonBodyBytes: 256 * 1024,
  /** Largest single WebSocket message on /collab; a larger one closes that connection. */
  collabMessageBytes: 2 * 1024 * 1024,
  /** How long a sign-in session lasts without being used. */
  sessionIdleMs: 12 * 60 * 60 * 1000,
  /** Hard upper bound on a session's life, used or not. */
  sessionMaxMs: 14 * 24 * 60 * 60 * 1000,
  /**
   * Failed sign-ins allowed per window before 429: per account from one address, so that someone
   * guessing from elsewhere cannot lock the owner out; per address over all accounts; and per
   * account over all addresses, high enough that it takes many addresses to reach.
   */
  loginFailuresPerAccount: 5,
  loginFailuresPerIp: 20,
  loginFailuresPerAccountAnywhere: 100,
  loginWindowMs: 15 * 60 * 1000,
  /** Update-log rows per document before it is compacted on the spot. */
  updateLogCompactAt: 500,
  passwordMinLength: 10,
} as const;

/**
 * Lengths of the fields inside documents, in characters. REST validates against them, the web's
 * inputs stop at them, and document readers flag a longer value and cut it in read models, so a
 * value written over /collab is held to the same limit as one sent over REST.
 */
export const TEXT_LIMITS = {
  agendaTitle: 300,
  decisionTitle: 500,
  decisionText: 20_000,
  tag: 80,
  tags: 30,
  actionTitle: 500,
  taskTitle: 300,
  taskDescription: 5_000,
  initiativeTitle: 300,
  initiativeTheme: 200,
  benefitDescription: 1_000,
  indicatorName: 200,
  indicatorUnit: 40,
  /** A member's view minuted on a decision ("ønsker sin stemme ført til protokol"). */
  dissent: 1_000,
  conflictReason: 500,
} as const;
