/**
 * The world the end-to-end dedup tests run in (traps.test.ts, generalise.test.ts): five invented outlets,
 * fresh stores and an outlet server per `describe`, items made from invented stories, and the records
 * read back as the CLI prints them.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { FetchReport, Outlet } from '../../shared/core/model.ts';
import { tokens } from '../../shared/text/normalise.ts';
import { fetchJobs } from '../../functions/fetch/handler.ts';
import { storyJson } from '../../cli/output.ts';
import { html, rss, type Story, type TrapItem } from '../fixtures/traps.ts';
import { startHarness, type Harness, runtime } from './harness.ts';
import type { FetchJob } from '../../shared/core/model.ts';

/** The handlers, given the harness's runtime. */
const fetchHandler = (job: FetchJob): Promise<FetchReport> => fetchJobs(runtime(), job);

export const OUTLET_NAMES = {
  metro: 'Metro Wire',
  harbour: 'Harbour Gazette',
  valley: 'Valley Voice',
  north: 'North Star',
  roundup: 'News Roundup',
} as const;
export type OutletKey = keyof typeof OUTLET_NAMES;
export const outletId = (key: OutletKey) => OUTLET_NAMES[key].toLowerCase().replace(/\W+/g, '-');

export type StoryJson = ReturnType<typeof storyJson>;
export type World = ReturnType<typeof world>;

export const wordCount = (paragraphs: readonly string[]) => paragraphs.reduce((n, p) => n + tokens(p).length, 0);
export const excerptOf = (story: Story): Story => ({ ...story, slug: `${story.slug}-excerpt`, paragraphs: [story.paragraphs[0]!] });

/** One item of `key`'s feed carrying `story`: link and GUID derived from the outlet and the story's slug. */
export function itemOf(key: OutletKey, story: Story, published: Date, body?: string): TrapItem {
  return {
    guid: `${outletId(key)}:${story.slug}`,
    link: `https://${outletId(key)}.example/news/${story.slug}`,
    title: story.title,
    published,
    html: body ?? html(story.paragraphs),
  };
}

/** Fresh stores and outlet server for one `describe`, with the helpers every test uses. */
export function world() {
  let h: Harness | undefined;
  const outlet = (key: OutletKey): Outlet => ({ id: outletId(key), name: OUTLET_NAMES[key], url: `${h!.baseUrl}${outletId(key)}.xml` });
  beforeAll(async () => {
    h = await startHarness();
    await h.registerOutlets((Object.keys(OUTLET_NAMES) as OutletKey[]).map(outlet));
  });
  afterAll(async () => h?.close());

  const w = {
    get h(): Harness {
      return h!;
    },
    serve(key: OutletKey, items: readonly TrapItem[]) {
      h!.routes.set(`/${outletId(key)}.xml`, { kind: 'feed', body: rss(OUTLET_NAMES[key], items) });
    },
    fetch: (key: OutletKey): Promise<FetchReport> => fetchHandler({ outlet: outlet(key) }),
    async publish(key: OutletKey, items: readonly TrapItem[]): Promise<FetchReport> {
      w.serve(key, items);
      const report = await w.fetch(key);
      expect(report.status).toBe('fetched');
      return report;
    },
    stories: async (): Promise<StoryJson[]> => (await runtime().table.listStories()).map(storyJson),
    /** The stories holding a copy with this URL (one, if every item is in exactly one story). */
    async storiesWith(url: string): Promise<StoryJson[]> {
      return (await w.stories()).filter((s) => s.copies.some((c) => c.url === url));
    },
    async storyWith(url: string): Promise<StoryJson> {
      const found = await w.storiesWith(url);
      expect(found, `stories holding ${url}`).toHaveLength(1);
      return found[0]!;
    },
    /** The STORY record and every copy, read by id (a merged story's id leads to its survivor). */
    async record(storyId: string) {
      const record = await runtime().table.getStory(storyId);
      expect(record, `story ${storyId}`).toBeDefined();
      return record!;
    },
  };
  return w;
}
