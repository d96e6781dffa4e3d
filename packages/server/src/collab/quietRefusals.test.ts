import { describe, expect, it, vi } from 'vitest';
import { quietRefusals, refusal } from './quietRefusals.ts';

describe('quietRefusals', () => {
  it("drops a console line that carries a refusal (Hocuspocus's stack of it) and prints every other", () => {
    const printed = vi.fn();
    const target = { error: printed };
    quietRefusals(target);
    quietRefusals(target); // once per target, not wrapped twice
    const refused = refusal({ code: 4413, reason: 'too large' });
    target.error('closing connection x (while handling meeting:m1) because of exception', refused);
    expect(printed).not.toHaveBeenCalled();
    const other = new Error('a real fault');
    target.error('closing connection x (while handling meeting:m1) because of exception', other);
    target.error('something else');
    expect(printed.mock.calls).toEqual([
      ['closing connection x (while handling meeting:m1) because of exception', other],
      ['something else'],
    ]);
    expect(refused).toMatchObject({ code: 4413, reason: 'too large', message: 'too large' });
  });
});
