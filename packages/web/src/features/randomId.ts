/**
 * A random hex id of `bytes` bytes. Not crypto.randomUUID: browsers offer that only in secure
 * contexts, and Council served over plain http (a test install on a LAN address) threw on the first
 * agenda item added. crypto.getRandomValues works everywhere.
 */
export function randomId(bytes = 4): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}
