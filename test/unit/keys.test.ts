/**
 * Candidate keys (shared/dedup/keys.ts): what a story writes (a few body keys, two title keys) and what an
 * item reads to find it. The properties that matter: an excerpt, a rewrite, a dateline-prefixed copy read at
 * least one key its story wrote; decorated headlines share title keys; generic keys are not written.
 */
import { describe, expect, it } from 'vitest';
import { BODY_KEYS, WORD_KEYS, TITLE_KEYS, isTitleKey, keysOf, lowestDistinct } from '../../shared/dedup/keys.ts';
import { headlineWords } from '../../shared/text/headline.ts';
import { tokens } from '../../shared/text/normalise.ts';
import { isStopword } from '../../shared/text/stopwords.ts';
import {
  AIRLINE,
  AIRLINE_REWRITE,
  DIGEST_STORIES,
  INJURY_NEWS,
  MARKET_DAYS,
  MATCH_REPORT,
  OUTLOOKS,
  RECYCLING_FIRE,
  SEWAGE,
  SEWAGE_NEW_LEDE,
  SHORT_LEDE_STORIES,
  marketClose,
  weatherOutlook,
  type Story,
} from '../fixtures/traps.ts';

// ---- invented articles ---------------------------------------------------------------------------

const LIGHTHOUSE: Story = {
  slug: 'skarv-lighthouse',
  title: 'Skarv lighthouse to be restored as a museum and guest house',
  paragraphs: [
    'The disused lighthouse on the island of Skarv will be restored and turned into a small maritime museum with four guest rooms for overnight visitors, the island trust announced on Wednesday after securing 2.4m euros from the national heritage fund and a group of private donors.',
    'The 32-metre tower, built in 1871, guided fishing boats into the Kell estuary until the light was automated and moved to a steel mast on the breakwater in 1989. Since then salt spray and winter storms have badly damaged its lantern room, its iron staircase and the keepers\u2019 cottages beside it.',
    'Trust chairwoman Ingrid Moe said the restoration would start in April and take about eighteen months. Local craftsmen will repair the cast iron lantern using original drawings found in the archives of the coastal administration, and the cottages will get new roofs, windows and a heat pump.',
    'The museum will tell the story of the keepers who lived on the island with their families, some of them for more than thirty years, and of the shipwrecks that led to the lighthouse being built. Visitors will be able to climb the tower on guided tours between May and September.',
    'The ferry operator serving Skarv said it would add a Saturday afternoon sailing during the summer season if demand rose as expected. About 90 people live on the island all year round, and many of them depend on tourism for part of their income.',
  ],
};

/** The same story as another desk ran it: about one word in ten swapped, numbers written as words. */
const LIGHTHOUSE_REWRITE: Story = {
  slug: 'skarv-lighthouse-rewrite',
  title: 'Historic Skarv lighthouse gets new life as museum',
  paragraphs: [
    'The abandoned lighthouse on the island of Skarv will be renovated and turned into a small maritime museum with four guest rooms for overnight guests, the island trust said on Wednesday after obtaining 2.4 million euros from the national heritage fund and a group of private benefactors.',
    'The thirty-two-metre tower, built in 1871, guided fishing vessels into the Kell estuary until the light was automated and moved to a steel mast on the breakwater in 1989. Since then salt spray and winter gales have severely damaged its lantern room, its iron staircase and the keepers\u2019 cottages alongside it.',
    'Trust chair Ingrid Moe said the restoration would begin in April and take roughly eighteen months. Local craftsmen will mend the cast iron lantern using original plans found in the archives of the coastal administration, and the cottages will get new roofs, windows and a heat pump.',
    'The museum will tell the story of the keepers who lived on the island with their families, some of them for well over thirty years, and of the shipwrecks that led to the lighthouse being constructed. Visitors will be able to climb the tower on guided tours between May and September.',
    'The ferry company serving Skarv said it would add a Saturday afternoon sailing during the summer season if demand grew as expected. About ninety people live on the island all year round, and many of them rely on tourism for part of their income.',
  ],
};

// ---- helpers -------------------------------------------------------------------------------------

const toks = (s: Story, paragraphs = s.paragraphs.length) => s.paragraphs.slice(0, paragraphs).flatMap((p) => tokens(p));
const keysOfStory = (s: Story, paragraphs = s.paragraphs.length, isGeneric?: (key: string) => boolean) =>
  keysOf(toks(s, paragraphs), headlineWords(s.title), isGeneric);
/** Keys of `written` that `reader` reads. */
const found = (reader: { lookup: readonly string[] }, written: readonly string[]) => written.filter((k) => reader.lookup.includes(k));

/** Tokens of a lede: an excerpt at least this long holds the part of the text a story's lede keys come from. */
const LEDE_TOKENS = 40;

const LONG: readonly Story[] = [
  LIGHTHOUSE,
  ...DIGEST_STORIES,
  RECYCLING_FIRE,
  AIRLINE,
  SEWAGE,
  MATCH_REPORT,
  INJURY_NEWS,
  marketClose(MARKET_DAYS[0]!),
  weatherOutlook(OUTLOOKS[0]!),
];

// ---- tests ---------------------------------------------------------------------------------------

describe('keysOf: what a story writes', () => {
  it('writes at most four body keys and two title keys, distinct and prefixed', () => {
    expect(BODY_KEYS).toBe(4);
    expect(TITLE_KEYS).toBe(2);
    for (const story of [...LONG, ...SHORT_LEDE_STORIES]) {
      const k = keysOfStory(story);
      // Every fixture has far more than four pairs of content words: all slots are used.
      expect(k.body.length, story.slug).toBe(BODY_KEYS);
      expect(k.title.length, story.slug).toBe(TITLE_KEYS);
      expect(new Set(k.body).size).toBe(k.body.length);
      expect(new Set(k.title).size).toBe(k.title.length);
      // Pairs of words first, then WORD_KEYS single words.
      expect(k.body.filter((key) => /^w[0-9a-z]+$/.test(key)), story.slug).toHaveLength(WORD_KEYS);
      for (const key of k.body.slice(0, BODY_KEYS - WORD_KEYS)) expect(key).toMatch(/^b[0-9a-z]+$/);
      for (const key of k.body) expect(isTitleKey(key)).toBe(false);
      for (const key of k.title) {
        expect(key).toMatch(/^t[0-9a-z]+$/);
        expect(isTitleKey(key)).toBe(true);
      }
    }
  });

  it('writes fewer keys when the text has fewer pairs of content words', () => {
    // Two pairs and one word (of three words of four letters or more).
    expect(keysOf(tokens('Harbour bridge closed'), []).body).toHaveLength(3);
    // One word and no pair: the word alone.
    expect(keysOf(tokens('Harbour'), []).body).toHaveLength(1);
    expect(keysOf(tokens('Harbour'), []).body[0]).toMatch(/^w/);
    expect(keysOf(tokens('it was to be and so it is for all of them'), [])).toEqual({ lookup: [], body: [], title: [] });
  });

  it('skips function words: a pair is two consecutive content words', () => {
    expect(keysOf(tokens('the body that represents'), []).lookup).toEqual(keysOf(['body', 'represents'], []).lookup);
    // One pair, two words.
    expect(keysOf(tokens('the body that represents'), []).lookup.filter((k) => k.startsWith('b'))).toHaveLength(1);
    expect(keysOf(tokens('the body that represents'), []).lookup.filter((k) => k.startsWith('w'))).toHaveLength(2);
    expect(keysOf(tokens('body represents'), []).lookup).not.toEqual(keysOf(tokens('represents body'), []).lookup);
  });

  it('are the same for the same text, whatever its typography, case or paragraph breaks', () => {
    const k = keysOfStory(SEWAGE);
    const retyped = tokens(SEWAGE.paragraphs.join('  ').toUpperCase().replace(/'/g, '\u2019').replace(/ - /g, ' \u2014 '));
    expect(keysOf(retyped, headlineWords(SEWAGE.title))).toEqual(k);
    expect(keysOfStory(SEWAGE)).toEqual(k);
  });

  it('writes no body key for a headline-only item, and reads only its title keys', () => {
    const k = keysOf([], headlineWords('Ferry strike called off'));
    expect(k.body).toEqual([]);
    expect(k.title).toHaveLength(2);
    expect(k.lookup.every(isTitleKey)).toBe(true);
    expect(k.lookup).toHaveLength(3); // ferry strike, strike called, called off
    expect(k.lookup).toEqual(expect.arrayContaining(k.title));
  });

  it('gives a one-word headline one title key and an empty headline none', () => {
    expect(keysOf([], ['ferry']).title).toHaveLength(1);
    expect(keysOf([], ['ferry']).title).not.toEqual(keysOf([], ['harbour']).title);
    expect(keysOf([], []).title).toEqual([]);
  });
});

describe('keysOf: generic keys', () => {
  it('does not write a key the store found generic, and takes the next one instead', () => {
    const plain = keysOfStory(LIGHTHOUSE);
    const generic = new Set([plain.body[0]!, plain.body[2]!, plain.title[0]!]);
    const k = keysOfStory(LIGHTHOUSE, undefined, (key) => generic.has(key));
    expect(k.body).toHaveLength(BODY_KEYS);
    expect(k.title).toHaveLength(TITLE_KEYS);
    for (const key of generic) {
      expect(k.body).not.toContain(key);
      expect(k.title).not.toContain(key);
    }
    expect(k.body).toContain(plain.body[1]);
    expect(k.body).toContain(plain.body[3]);
    expect(k.title).toContain(plain.title[1]);
    // Reading is not affected: the filter applies to what is written.
    expect(k.lookup).toEqual(plain.lookup);
  });

  it('asks about body keys with their body prefix and title keys with their title prefix', () => {
    const asked: string[] = [];
    keysOfStory(LIGHTHOUSE, undefined, (key) => {
      asked.push(key);
      return false;
    });
    const plain = keysOfStory(LIGHTHOUSE);
    expect(asked).toEqual(expect.arrayContaining([...plain.body, ...plain.title]));
    expect(asked.every((key) => /^[bwt][0-9a-z]+$/.test(key))).toBe(true);
  });

  it('writes nothing when every key is generic', () => {
    const k = keysOfStory(LIGHTHOUSE, undefined, () => true);
    expect(k.body).toEqual([]);
    expect(k.title).toEqual([]);
    expect(k.lookup.length).toBeGreaterThan(0);
  });
});

describe('keysOf: what an item reads', () => {
  it('reads every pair of a short text, and a bounded sample of a long one', () => {
    const excerpt = toks(LIGHTHOUSE, 1);
    expect(excerpt.length).toBeLessThanOrEqual(80);
    const content = excerpt.filter((w) => !isStopword(w));
    const pairs = new Set(content.slice(1).map((w, i) => `${content[i]} ${w}`));
    const k = keysOf(excerpt, []);
    expect(k.lookup.filter((key) => key.startsWith('b'))).toHaveLength(pairs.size);
    const long = keysOfStory(LIGHTHOUSE);
    const longContent = toks(LIGHTHOUSE).filter((w) => !isStopword(w));
    const longPairs = new Set(longContent.slice(1).map((w, i) => `${longContent[i]} ${w}`));
    const bodyRead = long.lookup.filter((key) => key.startsWith('b'));
    expect(bodyRead.length).toBeGreaterThanOrEqual(BODY_KEYS);
    expect(bodyRead.length).toBeLessThan(longPairs.size / 2);
    // A story reads the keys it writes.
    expect(long.lookup).toEqual(expect.arrayContaining([...long.body, ...long.title]));
  });

  it('lets an excerpt (first paragraph, first two paragraphs) find the full text\u2019s written body keys', () => {
    for (const story of LONG) {
      expect(toks(story, 1).length, story.slug).toBeGreaterThanOrEqual(LEDE_TOKENS);
      const full = keysOfStory(story);
      for (const n of [1, 2]) {
        expect(found(keysOfStory(story, n), full.body).length, `${story.slug} (${n})`).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('lets the full text find the body keys an excerpt wrote (the excerpt came first)', () => {
    for (const story of LONG) {
      for (const n of [1, 2]) {
        expect(found(keysOfStory(story), keysOfStory(story, n).body).length, `${story.slug} (${n})`).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('lets a copy with a dateline glued to its lede find the story, and the other way round', () => {
    const dated: Story = { ...LIGHTHOUSE, paragraphs: ['SKARV, Oct 14 (Coastal Wire) \u2014 ' + LIGHTHOUSE.paragraphs[0]!, ...LIGHTHOUSE.paragraphs.slice(1)] };
    expect(found(keysOfStory(dated), keysOfStory(LIGHTHOUSE).body).length).toBeGreaterThanOrEqual(1);
    expect(found(keysOfStory(LIGHTHOUSE), keysOfStory(dated).body).length).toBeGreaterThanOrEqual(1);
    expect(found(keysOfStory(dated, 1), keysOfStory(LIGHTHOUSE).body).length).toBeGreaterThanOrEqual(1);
  });

  it('lets a rewrite with swapped words find the original\u2019s body keys, and the other way round', () => {
    // Precondition: the rewrite swaps 8–12 % of the words (same length once numbers are unified).
    const a = toks(LIGHTHOUSE);
    const b = toks(LIGHTHOUSE_REWRITE);
    expect(b.length).toBe(a.length);
    const swapped = a.filter((w, i) => w !== b[i]).length / a.length;
    expect(swapped).toBeGreaterThan(0.08);
    expect(swapped).toBeLessThan(0.12);
    for (const [original, rewrite] of [
      [LIGHTHOUSE, LIGHTHOUSE_REWRITE],
      [AIRLINE, AIRLINE_REWRITE],
      [SEWAGE, SEWAGE_NEW_LEDE],
    ] as const) {
      expect(found(keysOfStory(rewrite), keysOfStory(original).body).length, rewrite.slug).toBeGreaterThanOrEqual(1);
      expect(found(keysOfStory(original), keysOfStory(rewrite).body).length, original.slug).toBeGreaterThanOrEqual(1);
    }
    // An excerpt of the rewrite finds the original too.
    expect(found(keysOfStory(LIGHTHOUSE_REWRITE, 1), keysOfStory(LIGHTHOUSE).body).length).toBeGreaterThanOrEqual(1);
  });

  it('lets a short excerpt (under 40 tokens) find its full text through body or title keys', () => {
    for (const story of SHORT_LEDE_STORIES) {
      expect(toks(story, 1).length, story.slug).toBeLessThan(LEDE_TOKENS);
      const full = keysOfStory(story);
      expect(found(keysOfStory(story, 1), [...full.body, ...full.title]).length, story.slug).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('keysOf: title keys', () => {
  it('are the same for decorated and undecorated copies of a headline', () => {
    const plain = keysOf([], headlineWords('Ferry strike called off'));
    for (const title of ['WATCH: Ferry strike called off - Harbour Gazette', 'Ferry Strike Called Off | Culture', 'UPDATED: ferry strike called off']) {
      const k = keysOf([], headlineWords(title));
      expect(k.title, title).toEqual(plain.title);
      expect(k.lookup, title).toEqual(plain.lookup);
    }
  });

  it('are read by a copy whose headline shares a pair of words, and not by an unrelated headline', () => {
    const story = keysOf(toks(LIGHTHOUSE), headlineWords(LIGHTHOUSE.title));
    const sameBodyOtherTitle = keysOf(toks(LIGHTHOUSE), headlineWords('Ferry strike called off'));
    expect(sameBodyOtherTitle.body).toEqual(story.body);
    expect(found(sameBodyOtherTitle, story.title)).toEqual([]);
    const longer = keysOf([], headlineWords('Skarv lighthouse to be restored as a museum and guest house, trust says'));
    expect(found(longer, story.title).length).toBeGreaterThanOrEqual(1);
  });

  it('do not depend on the body, nor body keys on the headline', () => {
    const a = keysOf(toks(LIGHTHOUSE), headlineWords(LIGHTHOUSE.title));
    const b = keysOf(toks(SEWAGE), headlineWords(LIGHTHOUSE.title));
    expect(a.title).toEqual(b.title);
    expect(a.body).not.toEqual(b.body);
    expect(keysOf(toks(LIGHTHOUSE), []).body).toEqual(a.body);
  });
});

describe('lowestDistinct: the bottom sample keys are drawn from', () => {
  /** A seeded generator of 53-bit values, as feature hashes are. */
  const values = (seed: number, n: number, distinct: number) => {
    let s = seed;
    const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const pool = Array.from({ length: distinct }, () => Math.floor(next() * 2 ** 32) * 2 ** 21 + Math.floor(next() * 2 ** 21));
    return Float64Array.from({ length: n }, () => pool[Math.floor(next() * distinct)]!);
  };
  const naive = (xs: Float64Array, k: number) => [...new Set(xs)].sort((a, b) => a - b).slice(0, k);

  it('is the k smallest distinct values, ascending, for texts that repeat themselves or not', () => {
    const cases: Array<[n: number, distinct: number, k: number]> = [
      [0, 1, 10], [1, 1, 10], [5, 5, 10], [700, 700, 64], [700, 40, 64], [700, 70, 26], [300, 3, 26], [5000, 5000, 26], [64, 64, 64],
    ];
    for (const [i, [n, distinct, k]] of cases.entries()) {
      const xs = values(i + 1, n, distinct);
      expect(lowestDistinct(xs, k)).toEqual(naive(xs, k));
    }
  });

  it('is exact for values bunched at the low end of the range, where the even-spread bound misleads', () => {
    const xs = Float64Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    expect(lowestDistinct(xs, 64)).toEqual(naive(xs, 64));
    const top = Float64Array.from({ length: 1000 }, (_, i) => 2 ** 53 - 1 - ((i * 7919) % 500));
    expect(lowestDistinct(top, 64)).toEqual(naive(top, 64));
    // Many values in one bucket (words crafted to hash low): still exact, and sorted natively, not quadratically.
    const crafted = Float64Array.from({ length: 50_000 }, (_, i) => (i * 104_729) % 49_999);
    expect(lowestDistinct(crafted, 64)).toEqual(naive(crafted, 64));
  });
});
