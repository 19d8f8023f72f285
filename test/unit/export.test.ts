import { describe, expect, it } from 'vitest';
import type { CopyRecord, StoryRecord, StoryWithCopies } from '../../shared/core/model.ts';
import { analyticsObjects, exportStories, sqlTimestamp } from '../../shared/analytics/export.ts';
import { ANALYTICS } from '../../shared/core/schema.ts';

const story = {
  storyId: 'a'.repeat(24),
  title: 'Ferry returns',
  url: 'https://alpha.example/ferry',
  outletId: 'alpha',
  outletName: 'Alpha',
  published: '2026-11-02T08:00:00.000Z',
  firstSeen: '2026-11-03T10:00:00.000Z',
  words: 120,
} as StoryRecord;
const copy = (outletId: string, published: string, match: CopyRecord['match']) =>
  ({ storyId: story.storyId, outletId, outletName: outletId.toUpperCase(), itemKey: outletId, url: `https://${outletId}.example/ferry`, guid: '', title: 'Ferry', published, firstSeen: published, match, score: 1, contentHash: 'h' }) as CopyRecord;
const ferry: StoryWithCopies = {
  story,
  copies: [copy('alpha', '2026-11-02T08:00:00.000Z', 'first'), copy('beta', '2026-11-02T08:30:00.000Z', 'exact')],
  absorbed: [{ storyId: 'b'.repeat(24), firstSeen: '2026-11-01T00:00:00.000Z' }],
};

describe('analytics rows', () => {
  it('writes a story row and a row per copy under the day the story was first seen, with the schema\u2019s columns', () => {
    const [stories, copies, ...emptied] = analyticsObjects(ferry);
    expect(stories!.key).toBe(`analytics/stories/dt=2026-11-03/${story.storyId}.json`);
    expect(copies!.key).toBe(`analytics/copies/dt=2026-11-03/${story.storyId}.json`);
    const storyRow = JSON.parse(stories!.body.trim());
    expect(Object.keys(storyRow)).toEqual(ANALYTICS.tables.stories.columns.map((c) => c.name));
    expect(storyRow).toMatchObject({ first_outlet: 'alpha', published: '2026-11-02 08:00:00.000', copies: 2, outlets: 2 });
    const copyRows = copies!.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(Object.keys(copyRows[0])).toEqual(ANALYTICS.tables.copies.columns.map((c) => c.name));
    expect(copyRows.map((r) => [r.outlet, r.lag_minutes, r.match_kind])).toEqual([['alpha', 0, 'first'], ['beta', 30, 'exact']]);
    // The story it absorbed: emptied, its copies are among these.
    expect(emptied).toEqual([
      { key: `analytics/stories/dt=2026-11-01/${'b'.repeat(24)}.json`, body: '' },
      { key: `analytics/copies/dt=2026-11-01/${'b'.repeat(24)}.json`, body: '' },
    ]);
  });

  it('writes timestamps in the form Athena and DuckDB read, and leaves what is not a date alone', () => {
    expect(sqlTimestamp('2026-11-02T08:00:00Z')).toBe('2026-11-02 08:00:00.000');
    expect(sqlTimestamp('garbage')).toBe('garbage');
  });

  it('exports each survivor once, whatever ids lead to it, and nothing for a story without copies', async () => {
    const puts: string[] = [];
    const shell: StoryWithCopies = { story: { ...story, storyId: 'c'.repeat(24) }, copies: [] };
    const reader = { getStory: async (id: string) => (id === 'c'.repeat(24) ? shell : id === 'missing' ? undefined : ferry) };
    await exportStories([story.storyId, 'b'.repeat(24), story.storyId, 'c'.repeat(24), 'missing'], { reader, sink: { putAnalytics: async (key) => void puts.push(key) } });
    expect(puts).toEqual(analyticsObjects(ferry).map((o) => o.key));
  });
});
