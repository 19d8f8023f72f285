/**
 * The S3 adapter against the embedded S3 (s3rver, real HTTP): writes and reads of one key at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanonicalContent } from '../../shared/core/model.ts';
import { startHarness, type Harness, runtime } from './harness.ts';

describe('S3 adapter: one key written and read at once', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  // Regression (fixed): s3rver writes a file in place, so two outlets founding the same text at once
  // (one content hash, two bodies of different lengths) could leave one JSON followed by the other's tail,
  // and publish then failed on "Unexpected non-whitespace character after JSON".
  it('never leaves or returns a mix of two bodies', async () => {
    const { bucket } = runtime();
    const content = (i: number): CanonicalContent =>
      ({ contentHash: 'f'.repeat(64), basis: 'body', paragraphs: ['x'.repeat(10 + i * 997)], removed: [], title: `t${i}`, url: `https://o${i}.example/`, outletId: `o${i}`, headline: '' }) as unknown as CanonicalContent;
    const reads: Array<Promise<CanonicalContent | undefined>> = [];
    const writes = Array.from({ length: 12 }, (_, i) => {
      reads.push(bucket.getCanonical('f'.repeat(64)));
      return bucket.putCanonical(content(i));
    });
    await Promise.all(writes);
    for (const read of await Promise.all(reads)) if (read) expect(read.paragraphs[0]).toMatch(/^x+$/);
    const final = await bucket.getCanonical('f'.repeat(64));
    // The last write wins, whole.
    expect(final!.title).toBe('t11');
    expect(final!.paragraphs[0]).toHaveLength(10 + 11 * 997);
  });
});
