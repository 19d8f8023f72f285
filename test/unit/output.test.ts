import { describe, expect, it } from 'vitest';
import { storiesCsv } from '../../cli/output.ts';
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
