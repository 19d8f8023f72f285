/**
 * The merge decision (shared/dedup/decide.ts), as a pure function: exact owner, verified text, headline
 * evidence for items (or stories) without text, and the absorption of stories that arrived split.
 */
import { describe, expect, it } from 'vitest';
import type { FingerprintBasis, StorySummary } from '../../shared/core/model.ts';
import {
  TITLE_JOIN_AGREEMENT,
  TITLE_JOIN_MIN_WORDS,
  TITLE_WINDOW_MS,
  decide,
  mergeOrder,
  type CandidateStory,
  type ItemEvidence,
} from '../../shared/dedup/decide.ts';
import { DEFAULT_THRESHOLDS, compareTexts, type TextProfile } from '../../shared/dedup/similarity.ts';
import { headlineWords } from '../../shared/text/headline.ts';
import { tokens } from '../../shared/text/normalise.ts';
import {
  AIRLINE,
  AIRLINE_REWRITE,
  BUDGET,
  INJURY_NEWS,
  MARKET_DAYS,
  MATCH_REPORT,
  marketClose,
  type Story,
} from '../fixtures/traps.ts';

// ---- helpers -------------------------------------------------------------------------------------

const T0 = Date.parse('2026-11-03T08:00:00.000Z');
const HOUR = 3600 * 1000;
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();

const storyProfile = (s: Story): TextProfile => ({ tokens: s.paragraphs.flatMap((p) => tokens(p)), headline: headlineWords(s.title) });
const headlineOnly = (title: string): TextProfile => ({ tokens: [], headline: headlineWords(title) });

interface SummaryOptions {
  readonly title: string;
  readonly basis?: FingerprintBasis;
  /** Hours from T0. */
  readonly published?: number;
  /** Hours from T0; defaults to `published`. */
  readonly firstSeen?: number;
}

function summary(storyId: string, o: SummaryOptions): StorySummary {
  const published = o.published ?? 0;
  return {
    storyId,
    published: at(published),
    firstSeen: at(o.firstSeen ?? published),
    words: o.basis === 'item' ? 0 : 200,
    canonicalHash: `hash-${storyId}`,
    headline: headlineWords(o.title),
    basis: o.basis ?? 'body',
  };
}

/** A story with its canonical text (`body`), or a headline-only story (no profile). */
function candidate(storyId: string, o: SummaryOptions & { readonly text?: Story }): CandidateStory {
  const story = summary(storyId, { ...o, basis: o.text ? 'body' : (o.basis ?? 'item') });
  return o.text ? { story, profile: storyProfile(o.text) } : { story };
}

const bodyItem = (s: Story, published = 1): ItemEvidence => ({ profile: storyProfile(s), basis: 'body', published: at(published) });
const titleItem = (title: string, published = 1): ItemEvidence => ({ profile: headlineOnly(title), basis: 'item', published: at(published) });

const excerptOf = (s: Story): Story => ({ ...s, paragraphs: [s.paragraphs[0]!] });
const round3 = (x: number) => Math.round(x * 1000) / 1000;

// ---- invented articles ---------------------------------------------------------------------------

const FERRY_TITLE = 'Ferry strike called off after Skerry Lines offers pay rise';

const FERRY: Story = {
  slug: 'ferry-strike-off',
  title: FERRY_TITLE,
  paragraphs: [
    "Ferry crews at the port of Kellerby called off a 48-hour strike on Sunday night after the operator Skerry Lines offered a 6% pay rise and promised to hire 40 more deckhands before the summer season, the seafarers' union said. Services to the islands will run normally from Monday morning.",
    'The strike would have stranded about 1,200 passengers a day, many of them island residents who depend on the ferries to reach the hospital, schools and shops on the mainland. Freight operators had warned that supermarket shelves on the larger islands could be empty within three days.',
    'Union negotiator Maren Dahl said the agreement, worth about 5m euros over two years, was a fair settlement that recognised the longer shifts crews had worked since the fleet was cut from nine vessels to seven. Members will vote on the deal in a ballot that closes on 20 November.',
  ],
};

/** The same story from another desk: a dateline glued to the lede, words swapped, numbers in words, an update note. */
const FERRY_COPY: Story = {
  slug: 'ferry-walkout-averted',
  title: 'UPDATED: Ferry strike called off after Skerry Lines offers pay rise - Coastal Wire',
  paragraphs: [
    "KELLERBY, Nov 3 (Coastal Wire) \u2014 Ferry workers at the port of Kellerby called off a forty-eight-hour strike on Sunday evening after the operator Skerry Lines offered a six per cent pay rise and pledged to hire forty more deckhands before the summer season, the seafarers' union said. Sailings to the islands will run normally from Monday morning.",
    'The walkout would have stranded about one thousand two hundred passengers a day, many of them island residents who rely on the ferries to reach the hospital, schools and shops on the mainland. Haulage firms had warned that supermarket shelves on the bigger islands could be empty within three days.',
    'Union negotiator Maren Dahl said the agreement, worth some five million euros over two years, was a fair settlement that recognised the longer shifts crews had worked since the fleet was reduced from nine vessels to seven. Members will vote on the deal in a ballot that ends on 20 November.',
    'Update (14:05 GMT): Skerry Lines said at 13:30 that the first sailing to Norrholm had left on time and that all 7 vessels in its fleet were back in service.',
  ],
};

// ---- tests ---------------------------------------------------------------------------------------

describe('decide: constants', () => {
  it('joins on headlines alone at 0.75 agreement, three content words, within 48 hours', () => {
    expect(TITLE_JOIN_AGREEMENT).toBe(0.75);
    expect(TITLE_JOIN_MIN_WORDS).toBe(3);
    expect(TITLE_WINDOW_MS).toBe(48 * HOUR);
  });
});

describe('mergeOrder', () => {
  it('puts the earlier firstSeen first, then the smaller id, whatever the order given', () => {
    const a = { storyId: 'b-story', firstSeen: at(0) };
    const b = { storyId: 'a-story', firstSeen: at(1) };
    const c = { storyId: 'a-story', firstSeen: at(0) };
    expect(mergeOrder(a, b)).toBeLessThan(0);
    expect(mergeOrder(b, a)).toBeGreaterThan(0);
    expect(mergeOrder(c, a)).toBeLessThan(0);
    expect(mergeOrder(a, a)).toBe(0);
    expect([b, a, c].sort(mergeOrder)).toEqual([c, a, b]);
    expect([a, c, b].sort(mergeOrder)).toEqual([c, a, b]);
  });
});

describe('decide: a headline-only item', () => {
  it('joins the one story whose headline agrees within 48 hours, on its headline', () => {
    const item = titleItem('WATCH: Ferry strike called off after Skerry Lines offers pay rise - Harbour Gazette');
    const candidates = [
      candidate('s-ferry', { title: FERRY_TITLE, text: FERRY, published: -5 }),
      candidate('s-budget', { title: BUDGET.title, text: BUDGET, published: -2 }),
    ];
    expect(decide(item, undefined, candidates)).toEqual({
      kind: 'join',
      storyId: 's-ferry',
      match: 'title',
      score: 1,
      evidence: expect.stringMatching(/^headline agrees 1 \(/),
      absorb: [],
    });
  });

  it('joins a story founded by another headline-only copy', () => {
    const item = titleItem('Ferry Strike Called Off After Skerry Lines Offers Pay Rise | News');
    const d = decide(item, undefined, [candidate('s-flash', { title: FERRY_TITLE, basis: 'item', published: -1 })]);
    expect(d).toMatchObject({ kind: 'join', storyId: 's-flash', match: 'title' });
  });

  it('joins at 0.75 agreement with its score, and not below', () => {
    const story = [candidate('s1', { title: 'Ferry strike called early', published: 0 })];
    expect(decide(titleItem('Ferry strike called off'), undefined, story)).toMatchObject({ kind: 'join', match: 'title', score: 0.75 });
    expect(decide(titleItem('Ferry strike talks collapse'), undefined, story)).toMatchObject({ kind: 'first' });
  });

  it('refuses when two stories in the window carry the headline (ambiguous)', () => {
    const d = decide(titleItem(FERRY_TITLE), undefined, [
      candidate('s1', { title: FERRY_TITLE, text: FERRY, published: -3 }),
      candidate('s2', { title: `BREAKING: ${FERRY_TITLE}`, basis: 'item', published: -1 }),
    ]);
    expect(d).toEqual({ kind: 'first', reason: 'headline ambiguous (2 stories)' });
  });

  it('refuses when the agreeing story lies outside 48 hours (a recurring headline), even beside one inside', () => {
    const title = 'Weather warning for northern districts and Brennmoor uplands';
    const old = candidate('s-old', { title, basis: 'item', published: -72 });
    const recent = candidate('s-recent', { title, basis: 'item', published: -2 });
    expect(decide(titleItem(title), undefined, [old])).toEqual({ kind: 'first', reason: 'headline recurs across days' });
    expect(decide(titleItem(title), undefined, [old, recent])).toEqual({ kind: 'first', reason: 'headline recurs across days' });
    expect(decide(titleItem(title), undefined, [recent])).toMatchObject({ kind: 'join', storyId: 's-recent' });
  });

  it('measures the window either side of the item\u2019s publication, 48 hours included', () => {
    const title = FERRY_TITLE;
    const item = titleItem(title, 0);
    const edge = (hours: number) => decide(item, undefined, [candidate('s', { title, basis: 'item', published: hours })]).kind;
    expect(edge(-48)).toBe('join');
    expect(edge(48)).toBe('join');
    expect(edge(-48 - 1 / 60)).toBe('first');
    expect(edge(48 + 1 / 60)).toBe('first');
  });

  it('refuses a headline of fewer than three content words, and a story whose headline has fewer', () => {
    expect(decide(titleItem('Ferry strike'), undefined, [candidate('s', { title: 'Ferry strike', basis: 'item' })])).toMatchObject({
      kind: 'first',
      reason: expect.stringMatching(/^headline too short/),
    });
    // Repeated words count once.
    expect(decide(titleItem('Strike! Strike! Strike!'), undefined, [candidate('s', { title: 'Strike called off tonight', basis: 'item' })])).toMatchObject({
      kind: 'first',
      reason: expect.stringMatching(/^headline too short/),
    });
    // A three-word item against a two-word story headline (agreement 1 from the story's side).
    expect(decide(titleItem('Ferry strike ends'), undefined, [candidate('s', { title: 'Ferry strike', basis: 'item' })]).kind).toBe('first');
  });

  it('founds a story when there is no candidate, saying so', () => {
    expect(decide(titleItem(FERRY_TITLE), undefined, [])).toEqual({ kind: 'first', reason: 'no candidate story' });
  });
});

describe('decide: an item with a body', () => {
  it('joins the story its text verifies against, near, with the containment as score', () => {
    const d = decide(bodyItem(AIRLINE_REWRITE), undefined, [
      candidate('s-budget', { title: BUDGET.title, text: BUDGET }),
      candidate('s-airline', { title: AIRLINE.title, text: AIRLINE }),
    ]);
    const score = round3(compareTexts(storyProfile(AIRLINE_REWRITE), storyProfile(AIRLINE)).containment);
    expect(score).toBeGreaterThan(0.8);
    expect(score).toBeLessThan(1);
    expect(d).toEqual({ kind: 'join', storyId: 's-airline', match: 'near', score, evidence: expect.stringMatching(new RegExp(`^\\d+ four-word passages of \\d+ matched \\(${score} of the shorter text\\)`)), absorb: [] });
  });

  it('verifies a copy with a dateline, swapped words, numbers in words and an update note', () => {
    const d = decide(bodyItem(FERRY_COPY), undefined, [candidate('s-ferry', { title: FERRY_TITLE, text: FERRY })]);
    expect(d).toMatchObject({ kind: 'join', storyId: 's-ferry', match: 'near', absorb: [] });
  });

  it('joins the older of two stories it verifies against and absorbs the other, whatever their order', () => {
    const excerptStory = candidate('s-excerpt', { title: BUDGET.title, text: excerptOf(BUDGET), published: 0, firstSeen: 0 });
    const fullStory = candidate('s-full', { title: BUDGET.title, text: BUDGET, published: 0, firstSeen: 2 });
    for (const candidates of [
      [excerptStory, fullStory],
      [fullStory, excerptStory],
    ]) {
      expect(decide(bodyItem(BUDGET, 3), undefined, candidates)).toEqual({
        kind: 'join',
        storyId: 's-excerpt',
        match: 'near',
        score: 1,
        evidence: expect.stringContaining('(1 of the shorter text)'),
        absorb: ['s-full'],
      });
    }
  });

  it('breaks a firstSeen tie by the smaller story id', () => {
    const d = decide(bodyItem(BUDGET), undefined, [
      candidate('s-zeta', { title: BUDGET.title, text: BUDGET, firstSeen: 0 }),
      candidate('s-alpha', { title: BUDGET.title, text: excerptOf(BUDGET), firstSeen: 0 }),
    ]);
    expect(d).toMatchObject({ kind: 'join', storyId: 's-alpha', absorb: ['s-zeta'] });
  });

  it('absorbs a headline-only story whose headline agrees with its own, and only with it', () => {
    const text = candidate('s-text', { title: FERRY_TITLE, text: FERRY, firstSeen: 0 });
    const flash = candidate('s-flash', { title: 'WATCH: Ferry strike called off after Skerry Lines offers pay rise', basis: 'item', firstSeen: 1 });
    expect(decide(bodyItem(FERRY_COPY, 2), undefined, [text, flash])).toMatchObject({
      kind: 'join',
      storyId: 's-text',
      match: 'near',
      absorb: ['s-flash'],
    });
  });

  it('joins the headline-only story when it is the older one, and merges the verified story into it', () => {
    const text = candidate('s-text', { title: FERRY_TITLE, text: FERRY, firstSeen: 1 });
    const flash = candidate('s-flash', { title: FERRY_TITLE, basis: 'item', firstSeen: 0 });
    const score = round3(compareTexts(storyProfile(FERRY_COPY), storyProfile(FERRY)).containment);
    expect(decide(bodyItem(FERRY_COPY, 2), undefined, [text, flash])).toEqual({
      kind: 'join',
      storyId: 's-flash',
      match: 'near',
      score,
      evidence: 'text matched a story merged into this one',
      absorb: ['s-text'],
    });
  });

  it('absorbs no headline-only story when two carry the headline, or when it recurs', () => {
    const text = candidate('s-text', { title: FERRY_TITLE, text: FERRY, firstSeen: 0 });
    const flash1 = candidate('s-flash1', { title: FERRY_TITLE, basis: 'item', firstSeen: 1 });
    const flash2 = candidate('s-flash2', { title: FERRY_TITLE, basis: 'item', firstSeen: 1 });
    const stale = candidate('s-stale', { title: FERRY_TITLE, basis: 'item', published: -60 });
    expect(decide(bodyItem(FERRY_COPY, 2), undefined, [text, flash1, flash2])).toMatchObject({ kind: 'join', storyId: 's-text', absorb: [] });
    expect(decide(bodyItem(FERRY_COPY, 2), undefined, [text, stale])).toMatchObject({ kind: 'join', storyId: 's-text', absorb: [] });
  });

  it('does not absorb a body story on its agreeing headline (only its text could tell)', () => {
    const text = candidate('s-text', { title: FERRY_TITLE, text: FERRY, firstSeen: 0 });
    const other = candidate('s-other', { title: FERRY_TITLE, text: BUDGET, firstSeen: 1 });
    expect(decide(bodyItem(FERRY_COPY, 2), undefined, [text, other])).toMatchObject({ kind: 'join', storyId: 's-text', absorb: [] });
  });

  it('joins a story founded by a headline-only copy on its headline when no text verifies', () => {
    const d = decide(bodyItem(FERRY), undefined, [candidate('s-flash', { title: `UPDATED: ${FERRY_TITLE}`, basis: 'item', published: 0 })]);
    expect(d).toEqual({ kind: 'join', storyId: 's-flash', match: 'title', score: 1, evidence: expect.stringMatching(/^headline agrees 1 \(/), absorb: [] });
  });

  it('never joins a body story on its headline alone', () => {
    // Another story about the same club, under the very same headline, an hour later.
    const item = bodyItem({ ...INJURY_NEWS, title: MATCH_REPORT.title }, 1);
    const d = decide(item, undefined, [candidate('s-match', { title: MATCH_REPORT.title, text: MATCH_REPORT, published: 0 })]);
    expect(d).toMatchObject({ kind: 'first', reason: expect.stringMatching(/^s-match: containment/) });
    // Nor when the story's text could not be loaded to verify against.
    const unloaded: CandidateStory = { story: summary('s-match', { title: MATCH_REPORT.title, basis: 'body' }) };
    expect(decide(item, undefined, [unloaded]).kind).toBe('first');
  });

  it('keeps a templated report apart from the day before, headline or not', () => {
    const monday = marketClose(MARKET_DAYS[0]!);
    const tuesday = marketClose(MARKET_DAYS[1]!);
    const d = decide(bodyItem(tuesday, 24), undefined, [candidate('s-monday', { title: monday.title, text: monday, published: 0 })]);
    expect(d).toMatchObject({ kind: 'first', reason: expect.stringMatching(/^s-monday: \d+ numbers\/dates differ/) });
  });

  it('lists why each candidate was refused', () => {
    const d = decide(bodyItem(AIRLINE), undefined, [
      candidate('s-budget', { title: BUDGET.title, text: BUDGET }),
      candidate('s-match', { title: MATCH_REPORT.title, text: MATCH_REPORT }),
    ]);
    expect(d.kind).toBe('first');
    if (d.kind !== 'first') return;
    expect(d.reason.split('; ').map((r) => r.split(':')[0])).toEqual(['s-budget', 's-match']);
  });

  it('uses the thresholds it is given', () => {
    const candidates = [candidate('s-airline', { title: AIRLINE.title, text: AIRLINE })];
    expect(decide(bodyItem(AIRLINE_REWRITE), undefined, candidates, DEFAULT_THRESHOLDS).kind).toBe('join');
    expect(decide(bodyItem(AIRLINE_REWRITE), undefined, candidates, { ...DEFAULT_THRESHOLDS, containment: 0.99 })).toMatchObject({
      kind: 'first',
      reason: expect.stringMatching(/^s-airline: containment/),
    });
  });
});

describe('decide: an exact owner', () => {
  const owner = summary('s-owner', { title: FERRY_TITLE, firstSeen: 0 });

  it('wins with match exact, without verifying its text', () => {
    // The owner's canonical text is another story's: an exact hash is evidence enough.
    const d = decide(bodyItem(FERRY, 1), owner, [{ story: owner, profile: storyProfile(BUDGET) }]);
    expect(d).toEqual({ kind: 'join', storyId: 's-owner', match: 'exact', score: 1, evidence: 'same text once boilerplate and typography are removed (content hash)', absorb: [] });
    expect(decide(bodyItem(FERRY, 1), owner, [])).toMatchObject({ kind: 'join', storyId: 's-owner', match: 'exact' });
  });

  it('absorbs a newer story the text verifies against, and a headline-only story that agrees', () => {
    const newer = candidate('s-newer', { title: FERRY_TITLE, text: FERRY_COPY, firstSeen: 2 });
    const flash = candidate('s-flash', { title: FERRY_TITLE, basis: 'item', firstSeen: 1 });
    const d = decide(bodyItem(FERRY, 3), owner, [{ story: owner, profile: storyProfile(FERRY) }, newer, flash]);
    expect(d).toMatchObject({ kind: 'join', storyId: 's-owner', match: 'exact', score: 1 });
    if (d.kind !== 'join') return;
    expect([...d.absorb].sort()).toEqual(['s-flash', 's-newer']);
  });

  it('is merged into an older story the text verifies against (split stories merge into the oldest)', () => {
    const newOwner = summary('s-owner', { title: FERRY_TITLE, firstSeen: 5 });
    const older = candidate('s-older', { title: FERRY_TITLE, text: FERRY_COPY, firstSeen: 0 });
    expect(decide(bodyItem(FERRY, 6), newOwner, [older])).toMatchObject({ kind: 'join', storyId: 's-older', match: 'near', absorb: ['s-owner'] });
  });

  it('wins for a headline-only item too', () => {
    const flashOwner = summary('s-flash', { title: FERRY_TITLE, basis: 'item', firstSeen: 0 });
    const d = decide(titleItem(FERRY_TITLE), flashOwner, [{ story: flashOwner }]);
    expect(d).toEqual({ kind: 'join', storyId: 's-flash', match: 'exact', score: 1, evidence: 'same text once boilerplate and typography are removed (content hash)', absorb: [] });
  });
});
