import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './rateLimit.ts';

describe('FailureLimiter', () => {
  it('blocks a key after max failures until the window passes', () => {
    let now = 0;
    const limiter = new FailureLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter('k')).toBe(0);
      limiter.fail('k');
    }
    expect(limiter.retryAfter('k')).toBe(60);
    expect(limiter.retryAfter('other')).toBe(0);
    now = 30_000;
    expect(limiter.retryAfter('k')).toBe(30);
    now = 60_000;
    expect(limiter.retryAfter('k')).toBe(0);
  });

  it('forgets a key on reset', () => {
    const limiter = new FailureLimiter(1, 60_000, () => 0);
    limiter.fail('k');
    limiter.reset('k');
    expect(limiter.retryAfter('k')).toBe(0);
  });
});
