import { describe, expect, it } from 'vitest';
import { storiesCsv, storiesTable } from '../../cli/output.ts';
import type { CopyRecord, StoryRecord } from '../../shared/core/model.ts';

describe('storiesCsv', () => {
  it('quotes fields and neutralises text that a spreadsheet would run as a formula', () => {
    const story = {
      storyId: 's1', title: '=HYPERLINK("http://evil.example")', url: 'https://a.example/1', outletId: 'a', outletName: 'A',
      published: '2026-11-20T08:00:00.000Z', originCopy: 'a#k', firstSeen: '2026-11-20T08:05:00.000Z', canonicalCopy: 'a#k',
      canonicalHash: 'h', words: 100, summary: '', headline: 'rates held',
    } satisfies StoryRecord;
    const copy = {
      storyId: 's1', outletId: 'a', outletName: 'A', itemKey: 'k', url: 'https://a.example/1', guid: 'g', title: 'Rates, "held"',
      published: story.published, firstSeen: story.firstSeen, match: 'first', score: 1, contentHash: 'h',
    } satisfies CopyRecord;
    const [, row] = storiesCsv([{ story, copies: [copy] }]).split('\r\n');
    expect(row).toBe(`s1,"'=HYPERLINK(""http://evil.example"")",a,2026-11-20T08:00:00.000Z,2026-11-20T08:05:00.000Z,a,https://a.example/1,g,"Rates, ""held""",2026-11-20T08:00:00.000Z,first,1`);
  });
});

describe('storiesTable', () => {
  const story = {
    storyId: 'a'.repeat(24), title: 'Rates held', url: 'https://b.example/1', outletId: 'b', outletName: 'B',
    published: '2026-11-20T07:00:00.000Z', originCopy: 'b#k2', firstSeen: '2026-11-20T08:05:00.000Z', canonicalCopy: 'a#k1',
    canonicalHash: 'h', words: 100, summary: '', headline: 'rates held',
  } satisfies StoryRecord;
  const copy = (outletId: string, itemKey: string, published: string, match: CopyRecord['match']): CopyRecord => ({
    storyId: story.storyId, outletId, outletName: outletId.toUpperCase(), itemKey, url: `https://${outletId}.example/1`, guid: itemKey, title: 'Rates held',
    published, firstSeen: story.firstSeen, match, score: 1, contentHash: 'h',
  });

  it('has a header, marks the earliest copy and the founding copy apart, and counts in the right plural', () => {
    // b's backlog copy, published an hour before the founder a, came in later and was merged.
    const copies = [copy('b', 'k2', '2026-11-20T07:00:00.000Z', 'exact'), copy('a', 'k1', '2026-11-20T08:00:00.000Z', 'first')];
    expect(storiesTable([{ story, copies }]).split('\n')).toEqual([
      'published         story                     title',
      '    earliest  match    score  outlet                published         url',
      `2026-11-20 07:00  ${'a'.repeat(24)}  Rates held`,
      '    *         exact    1.00   b                     2026-11-20 07:00  https://b.example/1',
      '              founded  1.00   a                     2026-11-20 08:00  https://a.example/1',
      '1 story, 2 copies',
      '',
    ]);
    expect(storiesTable([]).split('\n').at(-2)).toBe('0 stories, 0 copies');
    expect(storiesTable([{ story: { ...story, originCopy: 'a#k1' }, copies: [copies[1]!] }]).split('\n').at(-2)).toBe('1 story, 1 copy');
  });

  it('marks the earliest listed copy when the record names no listed origin', () => {
    const copies = [copy('b', 'k9', '2026-11-20T07:00:00.000Z', 'exact'), copy('a', 'k1', '2026-11-20T08:00:00.000Z', 'first')];
    const lines = storiesTable([{ story: { ...story, originCopy: 'gone#x' }, copies }]).split('\n');
    expect(lines[3]).toMatch(/^ {4}\* {9}exact/);
    expect(lines[4]).toMatch(/^ {14}founded/);
  });
});
