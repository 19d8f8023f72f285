import { describe, expect, it } from 'vitest';
import { base36, hash53 } from '../../shared/core/hash.ts';

describe('base36', () => {
  it('writes what Number#toString(36) writes, for every safe integer shape', () => {
    const values = [0, 1, 35, 36, 37, 1295, 1296, 46655, 46656, 1679615, 1679616, 2 ** 32, 2 ** 53 - 1, ...Array.from({ length: 2000 }, (_, i) => hash53(`sample ${i}`))];
    for (const n of values) expect(base36(n)).toBe(n.toString(36));
  });
});
