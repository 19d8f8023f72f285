/**
 * A chunk's journal record is stamped when written; one that takes so long to land that the next publish
 * could read past it fails the chunk, so that the retry journals it again with a fresh stamp.
 */
import { describe, expect, it } from 'vitest';
import type { JournalEntry, JournalStore } from '../../shared/analytics/export.ts';
import { JOURNAL_OVERLAP_MS } from '../../shared/analytics/export.ts';
import { journalChunk } from '../../shared/fetch/process-outlet.ts';

function store(delayMs: number, clock: { now: number }): JournalStore & { written: JournalEntry[] } {
  const written: JournalEntry[] = [];
  return {
    written,
    async appendJournal(entry) {
      clock.now += delayMs;
      written.push(entry);
    },
    async readJournal() {
      return written;
    },
  };
}

describe('journalChunk', () => {
  const change = { copies: [], stories: ['s1'] };

  it('stamps the record with the time it is written', async () => {
    const clock = { now: Date.UTC(2026, 11, 1, 9) };
    const journal = store(200, clock);
    await journalChunk(journal, 'cove', change, () => new Date(clock.now));
    expect(journal.written.map((e) => [e.outletId, e.recordedAt, e.stories])).toEqual([['cove', '2026-12-01T09:00:00.000Z', ['s1']]]);
  });

  it('fails the chunk when the write took more than half the overlap publish re-reads', async () => {
    const clock = { now: Date.UTC(2026, 11, 1, 9) };
    const journal = store(JOURNAL_OVERLAP_MS / 2 + 1, clock);
    await expect(journalChunk(journal, 'cove', change, () => new Date(clock.now))).rejects.toThrow(/journal write took 30001 ms .*the chunk is redone/);
  });
});
