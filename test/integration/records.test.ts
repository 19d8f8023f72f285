/**
 * Record semantics over real dynalite + s3rver: backlogs, edits, headline-only items, races.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outlet } from '../../shared/core/model.ts';
import { fetchJobs } from '../../functions/fetch/handler.ts';
import { storyJson } from '../../cli/output.ts';
import { ARTICLES, LATE, OUTLETS, SOLO, renderFeed, type Article } from '../fixtures/feeds.ts';
import { startHarness, type Harness, runtime } from './harness.ts';
import { itemOf, world } from './world.ts';
import { BUDGET, HOSPITAL } from '../fixtures/traps.ts';
import type { FetchJob, FetchReport } from '../../shared/core/model.ts';

/** The handlers, given the harness's runtime. */
const fetchHandler = (job: FetchJob): Promise<FetchReport> => fetchJobs(runtime(), job);

const at = (day: number, hour = 12) => new Date(Date.UTC(2026, 9, day, hour));

describe('story records', () => {
  let h: Harness;
  const outlet = (i: number): Outlet => ({ id: OUTLETS[i]!.id, name: OUTLETS[i]!.name, url: `${h.baseUrl}${OUTLETS[i]!.id}.xml` });
  const serve = (i: number, items: Array<{ article: Article; published: Date }>) =>
    h.routes.set(`/${OUTLETS[i]!.id}.xml`, { kind: 'feed', body: renderFeed(OUTLETS[i]!, items) });
  const storyOf = async (slug: string) => {
    const all = (await runtime().table.listStories()).map(storyJson);
    return all.filter((s) => s.copies.some((c) => c.url.includes(slug)));
  };

  beforeAll(async () => {
    h = await startHarness();
    await h.registerOutlets([0, 1, 2].map(outlet));
  });
  afterAll(async () => h?.close());

  it('ingests a month-old backlog and credits a copy published earlier even when it arrives later', async () => {
    const article = ARTICLES[0]!;
    serve(0, [{ article, published: at(10) }]);
    expect(await fetchHandler({ outlet: outlet(0) })).toMatchObject({ status: 'fetched', newStories: 1 });
    serve(1, [{ article, published: at(5) }]);
    expect(await fetchHandler({ outlet: outlet(1) })).toMatchObject({ status: 'fetched', merged: 1 });

    const [story, ...rest] = await storyOf(article.slug);
    expect(rest).toHaveLength(0);
    expect(story!.outlet).toBe(OUTLETS[1]!.id);
    expect(story!.published).toBe(at(5).toISOString());
    expect(story!.title).toBe(OUTLETS[1]!.headline(article.title));
    expect(story!.copies.find((c) => c.outlet === OUTLETS[0]!.id)!.match).toBe('first');
    // Time ranges follow the story's earliest date: found from day 4 on (once), not from day 7 on —
    // although the index still holds the founder's date, day 10.
    const from = async (day: number) => (await runtime().table.listStories({ since: at(day).toISOString() })).filter((s) => s.story.storyId === story!.id);
    expect(await from(4)).toHaveLength(1);
    expect(await from(7)).toHaveLength(0);
  });

  it('credits the same outlet with a story published by two at the same minute, whichever arrives first', async () => {
    const tied = (slug: string, place: string): Article => ({
      slug,
      title: `${place} council votes to keep the old market hall`,
      paragraphs: [
        `The ${place} council voted by nine to four on Tuesday to keep the old market hall open, reversing a plan to sell the building to a hotel group.`,
        'Traders had collected more than two thousand signatures against the sale and filled the public gallery for the vote, which took four hours.',
        'The council will now look for money to repair the roof, which has leaked since the storms of last winter, and expects to report in spring.',
      ],
    });
    // 'north-star#' sorts before 'river-times#': north-star is the origin both times.
    const orders: Array<[number, number, Article]> = [
      [1, 0, tied('market-hall-a', 'Easton')],
      [0, 1, tied('market-hall-b', 'Weston')],
    ];
    for (const [firstIn, secondIn, article] of orders) {
      serve(firstIn, [{ article, published: at(20, 9) }]);
      await fetchHandler({ outlet: outlet(firstIn) });
      serve(secondIn, [{ article, published: at(20, 9) }]);
      expect(await fetchHandler({ outlet: outlet(secondIn) })).toMatchObject({ merged: 1 });
      const [story, ...rest] = await storyOf(article.slug);
      expect(rest).toHaveLength(0);
      expect(story!.outlet).toBe(OUTLETS[0]!.id);
      expect(story!.title).toBe(OUTLETS[0]!.headline(article.title));
    }
  });

  it('keeps an edited item in its story, and lets copies of the edited text join it', async () => {
    const article = ARTICLES[1]!;
    serve(0, [{ article, published: at(12) }]);
    await fetchHandler({ outlet: outlet(0) });
    const [before] = await storyOf(article.slug);

    const edited: Article = { ...article, paragraphs: [...article.paragraphs, 'The union will publish a full damage report in June.'] };
    serve(0, [{ article: edited, published: at(12) }]);
    expect(await fetchHandler({ outlet: outlet(0) })).toMatchObject({ status: 'fetched', updated: 1, newStories: 0, merged: 0 });
    serve(2, [{ article: edited, published: at(13) }]);
    expect(await fetchHandler({ outlet: outlet(2) })).toMatchObject({ merged: 1, newStories: 0 });

    const after = await storyOf(article.slug);
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(before!.id);
    expect(after[0]!.copies.map((c) => c.outlet).sort()).toEqual([OUTLETS[0]!.id, OUTLETS[2]!.id].sort());
    expect(after[0]!.copies.find((c) => c.outlet === OUTLETS[0]!.id)!.match).toBe('first');
  });

  it('carries an outlet\u2019s correction of its origin copy (headline) and canonical text into the story', async () => {
    const article: Article = {
      slug: 'night-buses',
      title: 'Night buses return to three routes',
      paragraphs: [
        'Night buses will run again on routes 4, 11 and 19 from Friday, the transport authority said, two years after they were cut to save money.',
        'The buses will leave the central station every 40 minutes between midnight and five in the morning, seven days a week.',
      ],
    };
    serve(1, [{ article, published: at(15) }]);
    await fetchHandler({ outlet: outlet(1) });
    const [before] = await storyOf(article.slug);
    const corrected: Article = {
      ...article,
      title: 'City libraries to open on Sunday afternoons',
      paragraphs: [...article.paragraphs.slice(0, -1), `${article.paragraphs.at(-1)!} The first Sunday opening is on 6 December.`],
    };
    serve(1, [{ article: corrected, published: at(15) }]);
    expect(await fetchHandler({ outlet: outlet(1) })).toMatchObject({ updated: 1, newStories: 0 });
    const after = await runtime().table.getStory(before!.id);
    expect(after!.story.title).toBe(OUTLETS[1]!.headline(corrected.title));
    expect(after!.story.published).toBe(before!.published);
    const text = await runtime().bucket.getCanonical(after!.story.canonicalHash);
    expect(text!.paragraphs.join(' ')).toContain('The first Sunday opening is on 6 December.');
  });

  it('merges headline-only items of two outlets on their agreeing headlines, recorded as `title`', async () => {
    const bare: Article = { slug: 'flash', title: 'Power cut hits the east of the city', paragraphs: [] };
    serve(0, [{ article: bare, published: at(14) }]);
    serve(2, [{ article: { ...bare, title: 'WATCH: Power Cut Hits East Of The City' }, published: at(15) }]);
    await fetchHandler({ outlet: outlet(0) });
    await fetchHandler({ outlet: outlet(2) });
    const stories = await storyOf('flash');
    expect(stories).toHaveLength(1);
    expect(stories[0]!.copies.map((c) => c.match)).toEqual(['first', 'title']);
  });

  it('learns an outlet\u2019s recurring boilerplate and applies it to a later feed where it no longer recurs', async () => {
    const promo = 'Get the Harbour Bulletin in your inbox every weekday morning, free';
    const withPromo = (a: Article): Article => ({ ...a, paragraphs: [a.paragraphs[0]!, promo, ...a.paragraphs.slice(1)] });
    const learner: Outlet = { id: 'learner', name: 'Learner', url: `${h.baseUrl}learner.xml` };
    const serveLearner = (items: Array<{ article: Article; published: Date }>) =>
      h.routes.set('/learner.xml', { kind: 'feed', body: renderFeed({ ...OUTLETS[0]!, id: 'learner', name: 'Learner' }, items) });
    // Three items carry the promo: it recurs in the document, so it is boilerplate, and remembered.
    const depot: Article = {
      slug: 'tram-depot',
      title: 'Tram depot to become a covered market',
      paragraphs: [
        'The disused tram depot on Foundry Road will reopen in 2028 as a covered market with 60 stalls, the city said on Tuesday.',
        'Architects will keep the cast-iron roof and the rails set into the floor, which will mark out the aisles between the stalls.',
      ],
    };
    serveLearner([ARTICLES[0]!, ARTICLES[1]!, depot].map((article, i) => ({ article: withPromo(article), published: at(25, i) })));
    await fetchHandler({ outlet: learner });
    expect((await runtime().table.getBoilerplate('learner')).size).toBeGreaterThan(0);
    // Later the feed holds one new item: the promo no longer recurs in the document, yet it is removed,
    // so the item hashes like the same article published without it elsewhere.
    const fresh: Article = { slug: 'quay-lights', title: 'New lights for the old quay', paragraphs: LATE.paragraphs.map((x) => x.replace('footbridge', 'quay')) };
    serve(2, [{ article: fresh, published: at(26, 8) }]);
    await fetchHandler({ outlet: outlet(2) });
    serveLearner([{ article: withPromo(fresh), published: at(26, 9) }]);
    expect(await fetchHandler({ outlet: learner })).toMatchObject({ merged: 1, nearMerged: 0, newStories: 0 });
  });

  it('the same fetch job delivered twice at once (SQS is at-least-once) records each item once, as founder', async () => {
    const dup: Outlet = { id: 'twice', name: 'Twice', url: `${h.baseUrl}twice.xml` };
    const articles: Article[] = [1, 2, 3].map((n) => ({
      slug: `council-notice-${n}`,
      title: `Council notice number ${n} on the harbour works`,
      paragraphs: [`Notice ${n}: the harbour works of phase ${n} start on ${n + 3} March and close the east quay to traffic for ${n * 2} weeks, the council said.`, `Residents of ${['Mill Lane', 'Quay Street', 'Ropewalk'][n - 1]} will receive letters explaining the diversions and the ${n * 15} temporary parking places.`],
    }));
    h.routes.set('/twice.xml', { kind: 'feed', body: renderFeed({ ...OUTLETS[2]!, id: 'twice', name: 'Twice' }, articles.map((article, n) => ({ article, published: at(27, n) }))) });
    const reports = await Promise.all([fetchHandler({ outlet: dup }), fetchHandler({ outlet: dup })]);
    expect(reports.every((r) => r.status === 'fetched')).toBe(true);
    for (const article of articles) {
      const stories = await storyOf(article.slug);
      expect(stories).toHaveLength(1);
      expect(stories[0]!.copies.map((c) => [c.outlet, c.match])).toEqual([['twice', 'first']]);
    }
  });

  it('two fetchers ingesting copies of the same stories at once make exactly one story each', async () => {
    const articles = [ARTICLES[2]!, SOLO];
    serve(1, articles.map((article) => ({ article, published: at(20) })));
    serve(2, articles.map((article) => ({ article, published: at(20) })));
    const reports = await Promise.all([fetchHandler({ outlet: outlet(1) }), fetchHandler({ outlet: outlet(2) })]);
    expect(reports.reduce((n, r) => n + r.newStories, 0)).toBe(2);
    expect(reports.reduce((n, r) => n + r.merged, 0)).toBe(2);
    for (const article of articles) {
      const stories = await storyOf(article.slug);
      expect(stories).toHaveLength(1);
      expect(stories[0]!.copies).toHaveLength(2);
      expect(stories[0]!.copies.filter((c) => c.match === 'first')).toHaveLength(1);
    }
  });
});

describe('a GUID shared by two different items (a broken feed)', () => {
  const w = world();
  const day = new Date(Date.UTC(2026, 9, 20, 8));
  const budget = { ...itemOf('metro', BUDGET, day), guid: 'shared-guid' };
  const hospital = { ...itemOf('metro', HOSPITAL, day), guid: 'shared-guid' };

  it('keeps two stories with one copy each across cycles: reordered, one missing, both back', async () => {
    expect(await w.publish('metro', [budget, hospital])).toMatchObject({ items: 2, newStories: 2 });
    expect(await w.publish('metro', [hospital])).toMatchObject({ items: 1, unchanged: 1, newStories: 0, merged: 0 });
    expect(await w.publish('metro', [hospital, budget])).toMatchObject({ items: 2, unchanged: 2, newStories: 0, merged: 0 });
    const stories = await w.stories();
    expect(stories).toHaveLength(2);
    for (const story of stories) expect(story.copies).toHaveLength(1);
    expect(new Set(stories.flatMap((s) => s.copies.map((c) => c.url)))).toEqual(new Set([budget.link, hospital.link]));
  });
});
