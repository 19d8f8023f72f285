import { describe, expect, it } from 'vitest';
import type { CopyRecord, StoryRecord } from '../../shared/core/model.ts';
import {
  copyLogRow,
  exportJournal,
  exportReadsFrom,
  journalEntry,
  JOURNAL_OVERLAP_MS,
  rebuildRows,
  sqlTimestamp,
  storyLogRow,
  type JournalEntry,
} from '../../shared/analytics/export.ts';
import { ANALYTICS } from '../../shared/core/schema.ts';
import { runSql } from '../../cli/sql.ts';

const A = 'a'.repeat(24);
const B = 'b'.repeat(24);
const C = 'c'.repeat(24);

const story = (storyId: string, published: string, extra: Partial<StoryRecord> = {}): StoryRecord =>
  ({
    storyId,
    title: `Story ${storyId[0]}`,
    url: `https://alpha.example/${storyId[0]}`,
    outletId: 'alpha',
    outletName: 'Alpha',
    published,
    firstSeen: '2026-11-03T10:00:00.000Z',
    words: 120,
    ...extra,
  }) as StoryRecord;
const copy = (storyId: string, outletId: string, published: string, match: CopyRecord['match']): CopyRecord =>
  ({ storyId, outletId, outletName: outletId.toUpperCase(), itemKey: `${outletId}-1`, url: `https://${outletId}.example/x`, guid: '', title: 'Ferry', published, firstSeen: published, match, score: 1, contentHash: 'h' }) as CopyRecord;

/** A journal and stories held in memory, and the objects written. */
function world(stories: StoryRecord[], entries: JournalEntry[]) {
  const objects = new Map<string, string>();
  const reads: string[][] = [];
  const deps = {
    journal: {
      appendJournal: async (e: JournalEntry) => void entries.push(e),
      readJournal: async (from: string | undefined, to: string) => entries.filter((e) => (!from || e.recordedAt >= from) && e.recordedAt <= to),
    },
    stories: {
      getStories: async (ids: readonly string[]) => {
        reads.push([...ids]);
        return new Map(stories.filter((s) => ids.includes(s.storyId)).map((s) => [s.storyId, s]));
      },
    },
    sink: { putAnalytics: async (key: string, body: string) => void objects.set(key, body) },
  };
  const source = { listKeys: async (prefix: string) => [...objects.keys()].filter((k) => k.startsWith(prefix)), getText: async (k: string) => objects.get(k) };
  /** An export as publish runs it: the journal read from a minute before the previous end. */
  const exportRange = async (range: { from?: string; to: string; tail?: number }) =>
    exportJournal(range, await deps.journal.readJournal(exportReadsFrom(range.from), range.to), deps);
  return { deps, objects, reads, source, exportRange };
}

describe('analytics rows', () => {
  it('have the columns of their log, timestamps in the form Athena and DuckDB read, and epoch milliseconds', () => {
    const row = copyLogRow(copy(A, 'beta', '2026-11-02T08:30:00Z', 'near'), '2026-11-03T10:00:00Z');
    expect(Object.keys(row)).toEqual(ANALYTICS.logs.copy_log.columns.map((c) => c.name));
    expect(row).toMatchObject({ published: '2026-11-02 08:30:00.000', published_ms: Date.parse('2026-11-02T08:30:00Z'), recorded_at: '2026-11-03 10:00:00.000' });
    const merged = storyLogRow(story(B, '2026-11-02T07:00:00Z'), '2026-11-03T10:00:00Z', A);
    expect(Object.keys(merged)).toEqual(ANALYTICS.logs.story_log.columns.map((c) => c.name));
    expect(merged).toMatchObject({ story_id: B, merged_into: A, title: '', first_outlet: '' });
    expect(sqlTimestamp('garbage')).toBe('garbage');
  });

  it('journal a chunk as its copies and the stories it wrote to', () => {
    const entry = journalEntry('beta', { copies: [copy(A, 'beta', '2026-11-02T08:30:00Z', 'exact')], stories: [A, B] }, '2026-11-03T10:00:00.000Z');
    expect(entry).toMatchObject({ outletId: 'beta', recordedAt: '2026-11-03T10:00:00.000Z', stories: [A, B] });
    expect(entry.copies.map((c) => [c.story_id, c.outlet])).toEqual([[A, 'beta']]);
  });
});

describe('exportJournal', () => {
  it('writes one object per log for the whole range, every story merged away pointing at its survivor', async () => {
    // B was merged into A, then A into C: the journal names only A.
    const stories = [story(A, '2026-11-02T08:00:00Z', { mergedInto: C, absorbed: [B] }), story(B, '2026-11-02T09:00:00Z', { mergedInto: A }), story(C, '2026-11-02T07:00:00Z', { absorbed: [A] })];
    const entries = [journalEntry('beta', { copies: [copy(A, 'beta', '2026-11-02T08:30:00Z', 'exact')], stories: [A] }, '2026-11-03T10:00:00.000Z')];
    const w = world(stories, entries);
    const report = await w.exportRange({ to: '2026-11-03T10:15:00.000Z' });
    expect(report.keys).toEqual(['analytics/story_log/dt=2026-11-03/export-2026-11-03T10-15-00-000Z.json', 'analytics/copy_log/dt=2026-11-03/export-2026-11-03T10-15-00-000Z.json']);
    const rows = w.objects.get(report.keys.find((k) => k.includes('story_log'))!)!.trim().split('\n').map((l) => JSON.parse(l) as { story_id: string; merged_into: string });
    expect(rows.map((r) => [r.story_id, r.merged_into])).toEqual([[A, C], [B, C], [C, '']]);
    expect(report).toMatchObject({ copies: 1, stories: 3 });
  });

  it('reads again from a little before the previous end, and writes nothing for an empty journal', async () => {
    expect(exportReadsFrom('2026-11-03T10:00:00.000Z')).toBe(new Date(Date.parse('2026-11-03T10:00:00.000Z') - JOURNAL_OVERLAP_MS).toISOString());
    expect(exportReadsFrom(undefined)).toBeUndefined();
    const w = world([], []);
    const report = await w.exportRange({ from: '2026-11-03T10:00:00.000Z', to: '2026-11-03T10:15:00.000Z' });
    expect(report).toEqual({ copies: 0, stories: 0, keys: [], tail: 0 });
    expect(w.objects.size).toBe(0);
  });

  it('writes a large journal out a slice at a time, every copy once', async () => {
    const entries = Array.from({ length: 450 }, (_, i) =>
      journalEntry(`o${i}`, { copies: [{ ...copy(A, `o${i}`, '2026-11-02T08:00:00Z', 'exact') }], stories: [A] }, `2026-11-03T10:00:${String(i % 60).padStart(2, '0')}.000Z`),
    );
    const w = world([story(A, '2026-11-02T08:00:00Z')], entries);
    const report = await w.exportRange({ to: '2026-11-03T10:15:00.000Z' });
    expect(report.keys).toEqual([
      'analytics/story_log/dt=2026-11-03/export-2026-11-03T10-15-00-000Z-0.json',
      'analytics/copy_log/dt=2026-11-03/export-2026-11-03T10-15-00-000Z-0.json',
      'analytics/story_log/dt=2026-11-03/export-2026-11-03T10-15-00-000Z-1.json',
      'analytics/copy_log/dt=2026-11-03/export-2026-11-03T10-15-00-000Z-1.json',
    ]);
    expect(report.copies).toBe(450);
    expect((await runSql('SELECT count(*) AS n FROM copies', w.source)).rows).toEqual([{ n: 450 }]);
  });

  it('writes nothing when the re-read minute holds only what the previous export saw, and all of it when a record came late', async () => {
    const entries = [journalEntry('alpha', { copies: [copy(A, 'alpha', '2026-11-02T08:00:00Z', 'first')], stories: [] }, '2026-11-03T10:00:30.000Z')];
    const w = world([], entries);
    const first = await w.exportRange({ to: '2026-11-03T10:01:00.000Z' });
    expect(first).toMatchObject({ copies: 1, tail: 1 });
    const again = await w.exportRange({ from: '2026-11-03T10:01:00.000Z', to: '2026-11-03T10:16:00.000Z', tail: first.tail });
    expect(again).toMatchObject({ copies: 0, keys: [] });
    // A record stamped before the first export's end, visible only now.
    entries.push(journalEntry('beta', { copies: [copy(A, 'beta', '2026-11-02T08:30:00Z', 'exact')], stories: [] }, '2026-11-03T10:00:50.000Z'));
    const late = await w.exportRange({ from: '2026-11-03T10:01:00.000Z', to: '2026-11-03T10:16:00.000Z', tail: first.tail });
    expect(late).toMatchObject({ copies: 2 });
  });
});

describe('the views over the logs (DuckDB, the SQL Athena runs)', () => {
  it('count each copy once, follow merges, keep each row\u2019s latest state, and compute lags', async () => {
    // Cycle 1: A founded by alpha, copied by beta; B founded by gamma (later found to be the same story).
    const a = story(A, '2026-11-02T08:00:00Z');
    const b = story(B, '2026-11-02T08:45:00Z', { outletId: 'gamma', outletName: 'GAMMA' });
    const stories = [a, b];
    const entries: JournalEntry[] = [];
    const w = world(stories, entries);
    const t1 = '2026-11-03T10:00:00.000Z';
    entries.push(journalEntry('alpha', { copies: [copy(A, 'alpha', '2026-11-02T08:00:00Z', 'first')], stories: [A] }, t1));
    entries.push(journalEntry('beta', { copies: [copy(A, 'beta', '2026-11-02T08:30:00Z', 'near')], stories: [A] }, t1));
    entries.push(journalEntry('gamma', { copies: [copy(B, 'gamma', '2026-11-02T08:45:00Z', 'first')], stories: [B] }, t1));
    await w.exportRange({ to: '2026-11-03T10:01:00.000Z' });
    // Cycle 2: B merged into A; beta's item recorded again (an edit). The export overlaps the first.
    stories[0] = { ...a, absorbed: [B] };
    stories[1] = { ...b, mergedInto: A };
    const t2 = '2026-11-03T10:15:00.000Z';
    entries.push(journalEntry('beta', { copies: [copy(A, 'beta', '2026-11-02T08:31:00Z', 'exact')], stories: [A, B] }, t2));
    await w.exportRange({ from: '2026-11-03T10:01:00.000Z', to: '2026-11-03T10:16:00.000Z' });

    const sql = async (q: string) => (await runSql(q, w.source)).rows;
    expect(await sql('SELECT story_id, first_outlet, copies, outlets, CAST(dt AS VARCHAR) AS dt FROM stories')).toEqual([{ story_id: A, first_outlet: 'alpha', copies: 3, outlets: 3, dt: '2026-11-03' }]);
    expect(await sql('SELECT outlet, lag_minutes, match_kind FROM copies ORDER BY outlet')).toEqual([
      { outlet: 'alpha', lag_minutes: 0, match_kind: 'first' },
      { outlet: 'beta', lag_minutes: 31, match_kind: 'exact' },
      { outlet: 'gamma', lag_minutes: 45, match_kind: 'merged' },
    ]);
  });

  it('a rebuild replaces what the logs held, and an empty analytics copy has the columns and no rows', async () => {
    const w = world([], []);
    expect((await runSql('SELECT * FROM copies', w.source)).columns).toEqual(ANALYTICS.tables.copies.columns.map((c) => c.name));
    const a = story(A, '2026-11-02T08:00:00Z', { title: 'Rebuilt' });
    const rows = rebuildRows([{ story: a, copies: [copy(A, 'alpha', '2026-11-02T08:00:00Z', 'first')] }], '2026-11-04T00:00:00.000Z');
    for (const log of ['story_log', 'copy_log'] as const) {
      w.objects.set(`analytics/${log}/dt=2026-11-04/rebuild.json`, rows[log].map((r) => `${JSON.stringify(r)}\n`).join(''));
    }
    w.objects.set('analytics/story_log/dt=2026-11-03/old.json', `${JSON.stringify(storyLogRow({ ...a, title: 'Old' }, '2026-11-03T00:00:00.000Z'))}\n`);
    expect((await runSql('SELECT title, copies FROM stories', w.source)).rows).toEqual([{ title: 'Rebuilt', copies: 1 }]);
  });
});
