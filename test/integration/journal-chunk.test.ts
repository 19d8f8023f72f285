/**
 * A chunk's journal record is stamped when written; one that takes so long to land that the next publish
 * could read past it fails the chunk, so that the retry journals it again with a fresh stamp. Against the
 * embedded DynamoDB: the clock is what says how long the write took.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNAL_OVERLAP_MS } from '../../shared/analytics/export.ts';
import { journalChunk } from '../../shared/fetch/process-outlet.ts';
import { runtime, startHarness, type Harness } from './harness.ts';

const T0 = Date.UTC(2026, 11, 1, 9);
/** A clock that reads `T0` when the record is stamped and `T0 + tookMs` once it is written. */
const clockTaking = (tookMs: number) => {
  let reads = 0;
  return () => new Date(T0 + (reads++ === 0 ? 0 : tookMs));
};

describe('journalChunk', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());
  const change = { copies: [], stories: ['s1'] };
  const journalOf = (outletId: string) =>
    runtime()
      .table.readJournal(new Date(T0 - 1).toISOString(), new Date(T0 + 1).toISOString())
      .then((entries) => entries.filter((e) => e.outletId === outletId).map((e) => [e.recordedAt, e.stories]));

  it('stamps the record with the time it is written', async () => {
    await journalChunk(runtime().table, 'cove', change, clockTaking(200));
    expect(await journalOf('cove')).toEqual([['2026-12-01T09:00:00.000Z', ['s1']]]);
  });

  it('fails the chunk when the write took more than half the overlap publish re-reads', async () => {
    await expect(journalChunk(runtime().table, 'bay', change, clockTaking(JOURNAL_OVERLAP_MS / 2 + 1))).rejects.toThrow(/journal write took 30001 ms .*the chunk is redone/);
    // Written all the same: the retry's record, freshly stamped, counts once with it.
    expect(await journalOf('bay')).toHaveLength(1);
  });
});
