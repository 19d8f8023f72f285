/**
 * Near-duplicate evidence (shared/dedup/similarity.ts): 4-word windows matching in all positions but one,
 * containment and coverage, numbers and dates compared in context, and the decision at its thresholds.
 *
 * Constructed token lists give exact numbers (n distinct content words make n − 3 windows); the invented
 * articles of test/fixtures/traps.ts and of this file check the decision on the traps it is designed for.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLDS,
  SHORT_TEXT_WORDS,
  WINDOW_WORDS,
  compareTexts,
  decideNear,
  type Comparison,
  type TextProfile,
} from '../../shared/dedup/similarity.ts';
import { headlineWords } from '../../shared/text/headline.ts';
import { tokens } from '../../shared/text/normalise.ts';
import {
  AIRLINE,
  AIRLINE_REWRITE,
  BARE_DIGEST,
  DIGEST,
  DIGEST_STORIES,
  INJURY_NEWS,
  LEDE_ONLY,
  LIVE_TEASER,
  MARKET_DAYS,
  MATCH_REPORT,
  OUTLOOKS,
  RECYCLING_FIRE,
  RECYCLING_FIRE_UPDATE_PARAGRAPH,
  SEWAGE,
  SEWAGE_NEW_LEDE,
  SHORT_LEDE_STORIES,
  marketClose,
  weatherOutlook,
  type Story,
} from '../fixtures/traps.ts';

// ---- helpers -------------------------------------------------------------------------------------

/** `n` distinct content words (`w<prefix><i>`): none a stopword, number, weekday or month. */
const words = (n: number, prefix = 'a', from = 0) => Array.from({ length: n }, (_, i) => `w${prefix}${from + i}`);
const profile = (ws: readonly string[], headline: readonly string[] = []): TextProfile => ({ tokens: ws, headline });
/** A story as the pipeline profiles it: paragraph tokens in order, headline words without decoration. */
const storyProfile = (s: Story): TextProfile => ({ tokens: s.paragraphs.flatMap((p) => tokens(p)), headline: headlineWords(s.title) });
const compare = (a: Story, b: Story) => compareTexts(storyProfile(a), storyProfile(b));
const excerptOf = (s: Story, n = 1): Story => ({ ...s, paragraphs: s.paragraphs.slice(0, n) });
/** `ws` with the words at `positions` replaced by new, distinct words. */
const swapAt = (ws: readonly string[], positions: readonly number[]) => ws.map((w, i) => (positions.includes(i) ? `x${i}` : w));

/** A comparison that passes every threshold; tests override one field at a time. */
const passing: Comparison = {
  shared: 100,
  containment: 1,
  coverage: 1,
  conflicts: 0,
  agreements: 0,
  title: 1,
  smallerWords: 200,
  largerWords: 200,
  titleBothWays: 1,
};

// ---- invented articles ---------------------------------------------------------------------------

const FERRY: Story = {
  slug: 'ferry-strike-off',
  title: 'Ferry strike called off after Skerry Lines offers pay rise',
  paragraphs: [
    "Ferry crews at the port of Kellerby called off a 48-hour strike on Sunday night after the operator Skerry Lines offered a 6% pay rise and promised to hire 40 more deckhands before the summer season, the seafarers' union said. Services to the islands will run normally from Monday morning.",
    'The strike would have stranded about 1,200 passengers a day, many of them island residents who depend on the ferries to reach the hospital, schools and shops on the mainland. Freight operators had warned that supermarket shelves on the larger islands could be empty within three days.',
    'Union negotiator Maren Dahl said the agreement, worth about 5m euros over two years, was a fair settlement that recognised the longer shifts crews had worked since the fleet was cut from nine vessels to seven. Members will vote on the deal in a ballot that closes on 20 November.',
    'Skerry Lines chief executive Tor Aasen said the company regretted the disruption that the dispute had caused to passengers and hauliers. He said the new deckhands would allow the operator to restore the late evening sailings to Norrholm that were dropped last winter because of staff shortages.',
  ],
};

/**
 * The same story as a second desk ran it: about one word in ten swapped for a synonym, every number written
 * out in words ("forty-eight", "six per cent", "one thousand two hundred", "five million"), its own headline.
 */
const FERRY_REWRITE: Story = {
  slug: 'ferry-walkout-averted',
  title: 'Kellerby ferry walkout averted as operator agrees deal',
  paragraphs: [
    "Ferry workers at the port of Kellerby called off a forty-eight-hour strike on Sunday evening after the operator Skerry Lines offered a six per cent pay rise and pledged to hire forty more deckhands before the summer season, the seafarers' union said. Sailings to the islands will run normally from Monday morning.",
    'The walkout would have stranded about one thousand two hundred passengers a day, many of them island residents who rely on the ferries to reach the hospital, schools and shops on the mainland. Haulage firms had cautioned that supermarket shelves on the bigger islands could be empty within three days.',
    'Union negotiator Maren Dahl said the agreement, worth some five million euros over two years, was a reasonable settlement that acknowledged the longer shifts crews had worked since the fleet was reduced from nine vessels to seven. Members will vote on the deal in a ballot that ends on 20 November.',
    'Skerry Lines chief executive Tor Aasen said the company regretted the disruption that the dispute had caused to travellers and hauliers. He said the extra deckhands would enable the operator to restore the late evening sailings to Norrholm that were axed last winter because of staff shortages.',
  ],
};

const DATELINE = 'KELLERBY, Nov 3 (Coastal Wire) \u2014 ';
const UPDATE_NOTE =
  'Update (14:05 GMT): Skerry Lines said at 13:30 that the first sailing to Norrholm had left on time and that all 7 vessels in its fleet were back in service.';
const withDateline = (s: Story): Story => ({ ...s, paragraphs: [DATELINE + s.paragraphs[0]!, ...s.paragraphs.slice(1)] });
const withUpdate = (s: Story): Story => ({ ...s, paragraphs: [...s.paragraphs, UPDATE_NOTE] });

interface PortWeek {
  readonly moves: string;
  readonly more: string;
  readonly boxes: string;
  readonly exports: string;
  readonly tonnes: string;
  readonly calls: string;
  readonly visitors: string;
  readonly pilotages: string;
  readonly tugs: string;
  readonly wait: string;
  readonly lastYear: string;
}

/** A weekly templated report: the same sentences every week, only the figures change. */
const portReport = (w: PortWeek): Story => ({
  slug: `port-traffic-${w.moves}`,
  title: 'Port of Kellerby weekly traffic report',
  paragraphs: [
    `Kellerby harbour handled ${w.moves} vessel movements in the week to Sunday, the port authority said, ${w.more} more than in the previous week. Container traffic came to ${w.boxes} boxes, of which ${w.exports} were loaded for export, and the bulk terminal shipped ${w.tonnes} tonnes of grain and timber.`,
    `Cruise ships made ${w.calls} calls at the passenger quay, bringing ${w.visitors} visitors into the old town. The pilot service completed ${w.pilotages} pilotages and the harbour tugs were called out ${w.tugs} times. Average waiting time at the outer anchorage was ${w.wait} hours, against ${w.lastYear} hours in the same week a year ago.`,
    'The figures are provisional and are compiled every Monday from the harbour master\u2019s logs. Final monthly statistics, including the breakdown by cargo type and flag state, are published on the port authority website at the end of each month.',
  ],
});

const WEEK_41: PortWeek = { moves: '412', more: '37', boxes: '8,120', exports: '5,310', tonnes: '96,400', calls: '3', visitors: '7,800', pilotages: '268', tugs: '141', wait: '14', lastYear: '19' };
const WEEK_42: PortWeek = { moves: '389', more: '12', boxes: '7,905', exports: '5,020', tonnes: '101,250', calls: '2', visitors: '5,150', pilotages: '251', tugs: '133', wait: '11', lastYear: '16' };

// ---- compareTexts: windows -----------------------------------------------------------------------

describe('compareTexts: windows of four words', () => {
  it('gives a text of n distinct content words n − 3 windows, all matching itself', () => {
    expect(WINDOW_WORDS).toBe(4);
    const p = profile(words(20));
    expect(compareTexts(p, p)).toMatchObject({ shared: 17, containment: 1, coverage: 1, conflicts: 0, agreements: 0 });
  });

  it('counts only windows with at least two content words', () => {
    // Content words at every fourth position: each window holds exactly one.
    const sparse = Array.from({ length: 17 }, (_, i) => (i % 4 === 0 ? `wc${i}` : ['the', 'of', 'and'][(i % 4) - 1]!));
    expect(compareTexts(profile(sparse), profile(sparse))).toMatchObject({ shared: 0, containment: 0 });
    // Every third position: windows starting on a content word hold two (0, 3, 6, 9 of 13 tokens).
    const third = Array.from({ length: 13 }, (_, i) => (i % 3 === 0 ? `wc${i}` : i % 3 === 1 ? 'the' : 'of'));
    expect(compareTexts(profile(third), profile(third)).shared).toBe(4);
    // Function words alone make no window.
    const stop = 'it was to be at the of and it was'.split(' ');
    expect(compareTexts(profile(stop), profile(stop))).toMatchObject({ shared: 0, containment: 0, coverage: 0 });
  });

  it('finds no evidence in a run of function words two unrelated texts share', () => {
    const run = ['it', 'was', 'to', 'be', 'at', 'the'];
    const a = profile([...words(10), ...run, ...words(10, 'a', 10)]);
    const b = profile([...words(10, 'b'), ...run, ...words(10, 'b', 10)]);
    expect(compareTexts(a, b)).toMatchObject({ shared: 0, containment: 0, coverage: 0 });
  });

  it('matches a window that differs in one position, not one that differs in two', () => {
    const a = words(30); // 27 windows
    expect(compareTexts(profile(a), profile(swapAt(a, [10]))).containment).toBe(1);
    // Adjacent swaps: the three windows holding both (starting at 8, 9, 10) are lost.
    expect(compareTexts(profile(a), profile(swapAt(a, [10, 11])))).toMatchObject({ shared: 24 });
    // Three apart: only the window starting at 10 holds both.
    expect(compareTexts(profile(a), profile(swapAt(a, [10, 13])))).toMatchObject({ shared: 26 });
  });

  it('keeps every window when one word in four is swapped, loses a third when one in three is', () => {
    const a = words(30);
    const everyFourth = swapAt(a, a.map((_, i) => i).filter((i) => i % 4 === 0));
    expect(compareTexts(profile(a), profile(everyFourth))).toMatchObject({ shared: 27, containment: 1 });
    const everyThird = swapAt(a, a.map((_, i) => i).filter((i) => i % 3 === 0));
    const c = compareTexts(profile(a), profile(everyThird));
    expect(c.shared).toBe(18);
    expect(c.containment).toBeCloseTo(18 / 27, 12);
  });

  it('loses one window of the smaller text per inserted word (the window it splits in the middle)', () => {
    const a = words(30); // 27 windows
    const b = [...a.slice(0, 15), 'winserted', ...a.slice(15)]; // 28 windows
    const c = compareTexts(profile(a), profile(b));
    expect(c).toMatchObject({ shared: 26, smallerWords: 30, largerWords: 31 });
    expect(c.containment).toBeCloseTo(26 / 27, 12);
    expect(c.coverage).toBeCloseTo(26 / 28, 12);
  });

  it('measures containment over the smaller text and coverage over the larger', () => {
    const small = profile(words(20)); // 17 windows
    const large = profile([...words(20), ...words(10, 'b')]); // 27 windows, 17 matched
    const c = compareTexts(small, large);
    expect(c).toMatchObject({ shared: 17, containment: 1, smallerWords: 20, largerWords: 30 });
    expect(c.coverage).toBeCloseTo(17 / 27, 12);
    // Coverage counts the larger text's own matched windows: a text repeated twice is covered by one copy
    // (all windows but the three across the join), although the smaller text matches only 17.
    const twice = compareTexts(small, profile([...words(20), ...words(20)]));
    expect(twice).toMatchObject({ shared: 17, containment: 1 });
    expect(twice.coverage).toBeCloseTo(34 / 37, 12);
  });

  it('is symmetric', () => {
    const a = profile([...words(12), 'rose', '12', 'points', ...words(12, 'b')], ['ferry', 'strike', 'ends']);
    const b = profile([...words(12), 'rose', '13', 'points', ...words(20, 'b'), 'on', 'monday', 'wc1'], ['ferry', 'strike']);
    expect(compareTexts(a, b)).toEqual(compareTexts(b, a));
  });

  it('gives 1 for identical texts and 0 for disjoint ones', () => {
    const a = profile(words(30), ['ferry', 'strike']);
    expect(compareTexts(a, a)).toMatchObject({ shared: 27, containment: 1, coverage: 1, title: 1 });
    expect(compareTexts(a, profile(words(30, 'z')))).toMatchObject({ shared: 0, containment: 0, coverage: 0, title: 0 });
  });

  it('gives an empty text no windows and no containment', () => {
    expect(compareTexts(profile([]), profile(words(20)))).toMatchObject({ shared: 0, containment: 0, smallerWords: 0, largerWords: 20 });
  });

  it('scores headlines by the shorter one\u2019s words found in the other, 0 when either has none', () => {
    const body = words(20);
    expect(compareTexts(profile(body, ['ferry', 'strike', 'called', 'off']), profile(body, ['ferry', 'strike', 'called', 'off', 'talks'])).title).toBe(1);
    expect(compareTexts(profile(body, ['ferry', 'strike', 'called', 'off']), profile(body, ['ferry', 'timetable', 'cut'])).title).toBeCloseTo(1 / 3, 12);
    expect(compareTexts(profile(body, ['ferry', 'strike']), profile(body, [])).title).toBe(0);
  });
});

// ---- compareTexts: numbers and dates in context ------------------------------------------------------

describe('compareTexts: numbers and dates in context', () => {
  const around = (marker: readonly string[], before = 'rose', after = 'points') =>
    profile([...words(10), before, ...marker, after, ...words(10, 'b')]);

  it('counts the same number in the same context as an agreement, another number as a conflict', () => {
    expect(compareTexts(around(['14']), around(['14']))).toMatchObject({ conflicts: 0, agreements: 1 });
    expect(compareTexts(around(['14']), around(['15']))).toMatchObject({ conflicts: 1, agreements: 0 });
  });

  it('takes weekdays and months as markers, and no other word', () => {
    expect(compareTexts(around(['tuesday']), around(['wednesday']))).toMatchObject({ conflicts: 1, agreements: 0 });
    expect(compareTexts(around(['october']), around(['november']))).toMatchObject({ conflicts: 1, agreements: 0 });
    expect(compareTexts(around(['harbour']), around(['airport']))).toMatchObject({ conflicts: 0, agreements: 0 });
  });

  it('ignores a number in a context the other text lacks (a sentence it dropped, a dateline)', () => {
    expect(compareTexts(around(['14'], 'rose'), around(['15'], 'fell'))).toMatchObject({ conflicts: 0, agreements: 0 });
    const dated = profile(['kellerby', 'nov', '3', 'coastal', 'wire', ...words(20)]);
    expect(compareTexts(dated, profile(words(20)))).toMatchObject({ conflicts: 0, agreements: 0, containment: 1 });
  });

  it('compares a number in its context wherever in the text it stands', () => {
    const early = profile(['rose', '14', 'points', ...words(30)]);
    const late = profile([...words(30), 'rose', '15', 'points']);
    expect(compareTexts(early, late)).toMatchObject({ conflicts: 1, agreements: 0 });
  });

  it('compares a run of markers (a date) with what the other text has in its place', () => {
    const date = ['tuesday', '14', 'october', '2026'];
    const same = compareTexts(around(date, 'opens', 'with'), around(date, 'opens', 'with'));
    expect(same.conflicts).toBe(0);
    expect(same.agreements).toBeGreaterThanOrEqual(1);
    const other = compareTexts(around(date, 'opens', 'with'), around(['friday'], 'opens', 'with'));
    expect(other.agreements).toBe(0);
    expect(other.conflicts).toBeGreaterThanOrEqual(1);
  });
});

// ---- decideNear at its thresholds ---------------------------------------------------------------------

describe('decideNear at its thresholds', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ containment: 0.8, containmentWithTitle: 0.7, minShared: 8, coverage: 0.5, title: 0.5, conflictRatio: 0.1 });
    expect(SHORT_TEXT_WORDS).toBe(40);
  });

  it('needs at least minShared matching windows, even between identical texts', () => {
    const eight = profile(words(11), ['ferry', 'strike', 'off']); // 8 windows, 11 words
    const seven = profile(words(10), ['ferry', 'strike', 'off']);
    expect(decideNear(compareTexts(eight, eight))).toEqual({ same: true });
    expect(decideNear(compareTexts(seven, seven))).toEqual({ same: false, reason: 'only 7 matching windows (< 8)' });
  });

  it('accepts containment at the threshold and refuses below it; agreeing headlines lower it to 0.7', () => {
    expect(decideNear({ ...passing, containment: 0.8, title: 0 })).toEqual({ same: true });
    expect(decideNear({ ...passing, containment: 0.79, title: 0.49 })).toEqual({ same: false, reason: 'containment 0.79 < 0.8' });
    expect(decideNear({ ...passing, containment: 0.7, title: 0.5 })).toEqual({ same: true });
    expect(decideNear({ ...passing, containment: 0.69, title: 1 })).toEqual({ same: false, reason: 'containment 0.69 < 0.7' });
  });

  it('decides measured profiles either side of the containment threshold', () => {
    const a = profile(words(60)); // 57 windows; no headlines, so that containment alone decides
    // Each pair of adjacent swaps costs three windows: four pairs leave 45/57 < 0.8, three leave 48/57 > 0.8.
    const four = compareTexts(a, profile(swapAt(words(60), [10, 11, 20, 21, 30, 31, 40, 41])));
    const three = compareTexts(a, profile(swapAt(words(60), [10, 11, 20, 21, 30, 31])));
    expect(four.shared).toBe(45);
    expect(three.shared).toBe(48);
    expect(decideNear(three)).toEqual({ same: true });
    expect(decideNear(four)).toMatchObject({ same: false, reason: 'containment 0.79 < 0.8' });
  });

  it('tolerates one number/date conflict per ten agreements, no more, and none with nothing agreeing', () => {
    expect(decideNear({ ...passing, conflicts: 1, agreements: 10 })).toEqual({ same: true });
    expect(decideNear({ ...passing, conflicts: 1, agreements: 9 })).toEqual({ same: false, reason: '1 numbers/dates differ in the same context (9 agree)' });
    expect(decideNear({ ...passing, conflicts: 2, agreements: 19 })).toMatchObject({ same: false });
    expect(decideNear({ ...passing, conflicts: 1, agreements: 0 })).toMatchObject({ same: false });
    expect(decideNear({ ...passing, conflicts: 0, agreements: 0 })).toEqual({ same: true });
  });

  it('asks the headlines to agree (both ways) only when the smaller text covers less than half of the larger', () => {
    expect(decideNear({ ...passing, coverage: 0.5, title: 0, titleBothWays: 0 })).toEqual({ same: true });
    expect(decideNear({ ...passing, coverage: 0.49, titleBothWays: 0.5 })).toEqual({ same: true });
    // One headline inside the other is not enough: a briefing's headline names the story it quotes.
    expect(decideNear({ ...passing, coverage: 0.49, title: 1, titleBothWays: 0.4 }).same).toBe(false);
    expect(decideNear({ ...passing, coverage: 0.49, title: 0.49, titleBothWays: 0.49 })).toEqual({
      same: false,
      reason: 'partial overlap (coverage 0.49) and headlines disagree (0.49)',
    });
  });

  it('asks a short text (under 40 words) for agreeing headlines, whatever its containment', () => {
    expect(decideNear({ ...passing, smallerWords: 39, titleBothWays: 0.5 })).toEqual({ same: true });
    expect(decideNear({ ...passing, smallerWords: 40, title: 0, titleBothWays: 0 })).toEqual({ same: true });
    expect(decideNear({ ...passing, smallerWords: 39, title: 0.4, titleBothWays: 0.4 })).toEqual({
      same: false,
      reason: 'short text (39 words) and headlines disagree (0.40)',
    });
  });

  it('checks in order — evidence, containment, numbers, coverage, length — and reports the first failure', () => {
    const worst: Comparison = { shared: 3, containment: 0.1, coverage: 0.1, conflicts: 5, agreements: 0, title: 0, titleBothWays: 0, smallerWords: 10, largerWords: 200 };
    expect(decideNear(worst)).toMatchObject({ reason: 'only 3 matching windows (< 8)' });
    expect(decideNear({ ...worst, shared: 8 })).toMatchObject({ reason: 'containment 0.10 < 0.8' });
    expect(decideNear({ ...worst, shared: 8, containment: 0.8 })).toMatchObject({ reason: '5 numbers/dates differ in the same context (0 agree)' });
    expect(decideNear({ ...worst, shared: 8, containment: 0.8, conflicts: 0 })).toMatchObject({ reason: expect.stringMatching(/^partial overlap/) });
    expect(decideNear({ ...worst, shared: 8, containment: 0.8, conflicts: 0, coverage: 1 })).toMatchObject({ reason: expect.stringMatching(/^short text/) });
  });

  it('uses the thresholds it is given', () => {
    const c: Comparison = { ...passing, shared: 12, containment: 0.6, title: 0 };
    expect(decideNear(c).same).toBe(false);
    expect(decideNear(c, { ...DEFAULT_THRESHOLDS, containment: 0.6 })).toEqual({ same: true });
    expect(decideNear(c, { ...DEFAULT_THRESHOLDS, containment: 0.6, minShared: 13 })).toEqual({ same: false, reason: 'only 12 matching windows (< 13)' });
    expect(decideNear({ ...passing, conflicts: 1, agreements: 4 }, { ...DEFAULT_THRESHOLDS, conflictRatio: 0.25 })).toEqual({ same: true });
  });
});

// ---- the traps (invented articles) ---------------------------------------------------------------------

describe('decideNear on the traps', () => {
  it('keeps a story\u2019s lede apart from a briefing quoting it under a headline that names it', () => {
    const lede = 'Skerry Lines and the seafarers\u2019 union agreed a new pay deal late on Sunday, ending the strike that had halted every ferry to the islands for nine days.';
    const story = profile(tokens(lede), headlineWords('Ferry strike called off'));
    const briefing = profile(
      tokens(`Good evening. ${lede} The county council passed its budget with cuts to street lighting. Rail works close the coast line for the weekend. Fog is forecast for the harbour tomorrow morning.`),
      headlineWords('Evening briefing: ferry strike, council budget and weekend rail works'),
    );
    const c = compareTexts(story, briefing);
    expect(c.containment).toBe(1);
    expect(c.title).toBeGreaterThanOrEqual(0.5); // the briefing's headline holds half of the story's
    expect(decideNear(c)).toMatchObject({ same: false });
  });

  it('keeps market closes of one template apart: their sentences match, their numbers conflict', () => {
    const days = MARKET_DAYS.map(marketClose);
    for (let i = 0; i < days.length; i++) {
      for (let j = i + 1; j < days.length; j++) {
        const c = compare(days[i]!, days[j]!);
        // Containment alone would join them: a window tolerates the one number it holds.
        expect(c.containment, `${i}-${j}`).toBeGreaterThan(DEFAULT_THRESHOLDS.containment);
        expect(c.conflicts, `${i}-${j}`).toBeGreaterThan(DEFAULT_THRESHOLDS.conflictRatio * c.agreements);
        expect(decideNear(c), `${i}-${j}`).toMatchObject({ same: false, reason: expect.stringMatching(/numbers\/dates differ/) });
      }
    }
  });

  it('keeps consecutive weather outlooks apart on their numbers and weekdays', () => {
    const c = compare(weatherOutlook(OUTLOOKS[0]!), weatherOutlook(OUTLOOKS[1]!));
    expect(c.containment).toBeGreaterThan(DEFAULT_THRESHOLDS.containment);
    expect(c.conflicts).toBeGreaterThan(c.agreements);
    expect(decideNear(c)).toMatchObject({ same: false, reason: expect.stringMatching(/numbers\/dates differ/) });
  });

  it('keeps two settled-spell outlooks apart (same figures, only the weekdays moved on by one)', () => {
    const c = compare(weatherOutlook(OUTLOOKS[1]!), weatherOutlook(OUTLOOKS[2]!));
    expect(c.containment).toBeGreaterThan(0.95);
    expect(c.title).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.title);
    expect(c.conflicts).toBeGreaterThan(0);
    expect(decideNear(c)).toMatchObject({ same: false, reason: expect.stringMatching(/numbers\/dates differ/) });
  });

  it('joins an excerpt to its full story but not to a digest quoting the same lede', () => {
    for (const story of DIGEST_STORIES) {
      const toFull = compare(excerptOf(story), story);
      expect(toFull, story.slug).toMatchObject({ containment: 1, title: 1, conflicts: 0 });
      expect(toFull.coverage, story.slug).toBeLessThan(DEFAULT_THRESHOLDS.coverage);
      expect(decideNear(toFull), story.slug).toEqual({ same: true });

      for (const digest of [DIGEST, BARE_DIGEST]) {
        const toDigest = compare(excerptOf(story), digest);
        expect(toDigest.containment, story.slug).toBe(1);
        expect(decideNear(toDigest).same, `${story.slug} in ${digest.slug}`).toBe(false);
      }
      expect(decideNear(compare(excerptOf(story), DIGEST))).toMatchObject({ reason: expect.stringMatching(/^partial overlap/) });

      const fullToDigest = compare(story, DIGEST);
      expect(fullToDigest.containment, story.slug).toBeLessThan(0.3);
      expect(decideNear(fullToDigest).same).toBe(false);
    }
  });

  it('joins an excerpt shorter than 40 words to its full story on its agreeing headline', () => {
    for (const story of SHORT_LEDE_STORIES) {
      const c = compare(excerptOf(story), story);
      expect(c.smallerWords, story.slug).toBeLessThan(SHORT_TEXT_WORDS);
      expect(c).toMatchObject({ containment: 1, title: 1 });
      expect(decideNear(c), story.slug).toEqual({ same: true });
      // The same lede under another story's headline is not evidence enough, even word for word.
      const other = { ...excerptOf(story), title: 'Council approves 412 million euro budget' };
      expect(decideNear(compare(other, story)).same, story.slug).toBe(false);
      expect(decideNear(compare(other, excerptOf(story))), story.slug).toMatchObject({ same: false, reason: expect.stringMatching(/^short text/) });
    }
  });

  it('joins a lede-only item carried word for word, but not the same live teaser under two days\u2019 headlines', () => {
    expect(decideNear(compare(LEDE_ONLY, { ...LEDE_ONLY, title: 'UPDATED: Old Harbour bridge closed for urgent repairs' }))).toEqual({ same: true });
    const monday: Story = { slug: 'live-1', title: 'Live: council debates the harbour budget', paragraphs: [LIVE_TEASER] };
    const tuesday: Story = { slug: 'live-2', title: 'Live: councillors vote on tram extension', paragraphs: [LIVE_TEASER] };
    const c = compare(monday, tuesday);
    expect(c.containment).toBe(1);
    expect(decideNear(c)).toMatchObject({ same: false, reason: expect.stringMatching(/^short text/) });
  });

  it('joins rewritten wire copy with a score strictly between 0.8 and 1, whatever its headline', () => {
    const c = compare(AIRLINE, AIRLINE_REWRITE);
    expect(c.containment).toBeGreaterThan(0.8);
    expect(c.containment).toBeLessThan(1);
    expect(c.title).toBeLessThan(DEFAULT_THRESHOLDS.title);
    expect(c.conflicts).toBe(0);
    expect(decideNear(c)).toEqual({ same: true });
  });

  it('joins a copy whose lede was rewritten by another desk (everything after it word for word)', () => {
    const c = compare(SEWAGE, SEWAGE_NEW_LEDE);
    expect(c.containment).toBeGreaterThan(DEFAULT_THRESHOLDS.containment);
    expect(decideNear(c)).toEqual({ same: true });
  });

  it('joins an outlet\u2019s update re-post (one paragraph added) to the original', () => {
    const updated: Story = { ...RECYCLING_FIRE, paragraphs: [...RECYCLING_FIRE.paragraphs, RECYCLING_FIRE_UPDATE_PARAGRAPH] };
    const c = compare(RECYCLING_FIRE, updated);
    expect(c).toMatchObject({ containment: 1, conflicts: 0 });
    expect(decideNear(c)).toEqual({ same: true });
  });

  it('keeps two different stories about the same club apart', () => {
    const c = compare(MATCH_REPORT, INJURY_NEWS);
    expect(c.containment).toBeLessThan(0.3);
    expect(decideNear(c).same).toBe(false);
    expect(decideNear(compare(excerptOf(MATCH_REPORT), excerptOf(INJURY_NEWS))).same).toBe(false);
  });
});

// ---- failure classes (invented articles of this file) -------------------------------------------------

describe('a rewrite swapping about one word in ten, numbers written as words', () => {
  it('is the fixture it claims to be: equal length after number unification, 8–12 % of words swapped', () => {
    const a = storyProfile(FERRY).tokens;
    const b = storyProfile(FERRY_REWRITE).tokens;
    expect(b.length).toBe(a.length);
    const swapped = a.filter((w, i) => w !== b[i]).length / a.length;
    expect(swapped).toBeGreaterThan(0.08);
    expect(swapped).toBeLessThan(0.12);
    // The numbers are the same tokens in both ("5m" and "five million", "6%" and "six per cent").
    expect(a.filter((w) => /^\d/.test(w))).toEqual(b.filter((w) => /^\d/.test(w)));
  });

  it('keeps containment at 0.8 or more, with its numbers agreeing and none conflicting', () => {
    const c = compare(FERRY, FERRY_REWRITE);
    expect(c.containment).toBeGreaterThanOrEqual(0.8);
    expect(c.conflicts).toBe(0);
    expect(c.agreements).toBeGreaterThanOrEqual(5);
    expect(c.title).toBeLessThan(DEFAULT_THRESHOLDS.title); // the text alone decides
    expect(decideNear(c)).toEqual({ same: true });
  });

  it('is refused once the numbers really differ (another deal)', () => {
    const other: Story = {
      ...FERRY_REWRITE,
      paragraphs: FERRY_REWRITE.paragraphs.map((p) =>
        p.replace('six per cent', 'four per cent').replace('forty more', 'twenty more').replace('over two years', 'over three years'),
      ),
    };
    const c = compare(FERRY, other);
    expect(c.containment).toBeGreaterThanOrEqual(0.8);
    expect(c.conflicts).toBe(3);
    expect(decideNear(c)).toMatchObject({ same: false, reason: expect.stringMatching(/^3 numbers\/dates differ/) });
  });
});

describe('a dateline glued to the lede and a timestamped update note', () => {
  it('leave the numbers without conflict and the copies verified', () => {
    const plain = compare(FERRY, FERRY);
    for (const [a, b] of [
      [withDateline(FERRY), FERRY],
      [FERRY, withUpdate(FERRY)],
      [withDateline(FERRY), withUpdate(FERRY)],
    ] as const) {
      const c = compare(a, b);
      expect(c.conflicts).toBe(0);
      // The dateline's "Nov 3" and the note's "14:05", "13:30", "7" stand in contexts the other copy lacks.
      expect(c.agreements).toBe(plain.agreements);
      expect(c.containment).toBeGreaterThanOrEqual(0.95);
      expect(decideNear(c)).toEqual({ same: true });
      expect(compareTexts(storyProfile(b), storyProfile(a))).toEqual(c);
    }
  });

  it('still verify a rewrite carrying the dateline against the original carrying the note', () => {
    const c = compare(withDateline(FERRY_REWRITE), withUpdate(FERRY));
    expect(c.conflicts).toBe(0);
    expect(c.containment).toBeGreaterThanOrEqual(0.8);
    expect(decideNear(c)).toEqual({ same: true });
  });

  it('are tokenised as the test assumes (dateline markers between the place and the agency)', () => {
    expect(tokens(DATELINE + 'The harbour')).toEqual(['kellerby', 'nov', '3', 'coastal', 'wire', 'the', 'harbour']);
    expect(tokens(UPDATE_NOTE).slice(0, 4)).toEqual(['update', '14', '05', 'gmt']);
  });
});

describe('templated reports whose numbers differ in the same sentences', () => {
  it('are refused by conflicts although their windows all but match', () => {
    const c = compare(portReport(WEEK_41), portReport(WEEK_42));
    expect(c.containment).toBeGreaterThan(0.95);
    expect(c.title).toBe(1);
    expect(c.conflicts).toBeGreaterThanOrEqual(10);
    expect(decideNear(c)).toMatchObject({ same: false, reason: expect.stringMatching(/numbers\/dates differ in the same context/) });
  });

  it('are refused when only some of the figures change', () => {
    const c = compare(portReport(WEEK_41), portReport({ ...WEEK_41, tonnes: '94,600', visitors: '7,900' }));
    expect(c).toMatchObject({ conflicts: 2, containment: 1 });
    expect(decideNear(c).same).toBe(false);
  });

  it('but a copy correcting one figure among ten or more that agree is the same report', () => {
    const c = compare(portReport(WEEK_41), portReport({ ...WEEK_41, tonnes: '94,600' }));
    expect(c.conflicts).toBe(1);
    expect(c.agreements).toBeGreaterThanOrEqual(10);
    expect(decideNear(c)).toEqual({ same: true });
  });
});

// ---- numbers in context: decimals and date runs ----------------------------------------------------------

/** A daily currency report: every figure a decimal, the integer parts the same from one day to the next. */
const fxReport = (r: readonly string[]): Story => ({
  slug: `fx-${r[0]}`,
  title: 'Currency markets: euro steady as dealers await central bank',
  paragraphs: [
    `The euro traded at ${r[0]} US dollars in late trading on the currency market, while sterling fetched ${r[1]} euros and the Swiss franc was quoted at ${r[2]} euros as dealers waited for the central bank. The yen stood at ${r[3]} per hundred euros and the Norwegian crown at ${r[4]} cents.`,
    `Gold was quoted at ${r[5]} thousand dollars an ounce in quiet trading, and the dollar index rose to ${r[6]} hundred points by the close of business in the main financial centres across the region today.`,
  ],
});
const FX_MONDAY = ['1.0842', '1.1521', '1.0412', '1.6203', '8.5104', '2.4123', '1.0417'];
const FX_TUESDAY = ['1.0817', '1.1498', '1.0456', '1.6188', '8.5322', '2.4207', '1.0471'];

describe('numbers in context: decimals and date runs', () => {
  it('(precondition) two days\u2019 currency reports differ in every figure and match in every sentence', () => {
    expect(FX_MONDAY.every((x, i) => x !== FX_TUESDAY[i])).toBe(true);
    expect(compare(fxReport(FX_MONDAY), fxReport(FX_TUESDAY)).containment).toBeGreaterThan(0.95);
  });

  // Regression (fixed): a decimal was two tokens ("1.0842" → "1", "0842") and a context agreed when any
  // marker was common, so every rate agreed through its integer part: 0 conflicts, 7 agreements, joined.
  it('keeps two days\u2019 currency reports (decimals differing after the point) apart', () => {
    expect(decideNear(compare(fxReport(FX_MONDAY), fxReport(FX_TUESDAY))).same).toBe(false);
  });

  // Was a bug at f152208 (a run of markers was one context, agreeing on any common marker: "june", "2026").
  it('counts a date run whose day differs as a conflict', () => {
    const on = (date: readonly string[]) => profile([...words(10), 'opens', 'on', ...date, 'in', 'the', ...words(10, 'b')]);
    expect(compareTexts(on(['friday', '12', 'june', '2026']), on(['saturday', '13', 'june', '2026']))).toMatchObject({ conflicts: 1 });
  });
});
