/**
 * Candidate keys: how an item finds the stories worth verifying, through DynamoDB, without scanning.
 *
 * Two kinds of feature. A *pair* is two consecutive content words (function words skipped: "the body that
 * represents" gives "body represents"): specific, kept by an excerpt's lede, moved by nothing a dateline or
 * a kicker adds. A *word* is one content word of four letters or more: a desk that swaps one word in ten
 * breaks two pairs with each swap but leaves the words around it. Keys are content-defined (the features
 * with the smallest hashes, a bottom-k sample), never positional, so that nothing at the start of a text
 * decides which stories it can find.
 *
 * Writing and reading are asymmetric, because DynamoDB bills a write per key and a read is cheap and
 * batched: a story *writes* a few keys (`BODY_KEYS` from its lede and whole text, `TITLE_KEYS` from its
 * headline); an item *reads* many more (the running minima of its lede from several starts, a larger
 * bottom sample of its whole text, every pair of a short text, every pair of its headline). A stored key of
 * the story that survived in the item is among the item's smallest features, so it is among the keys read.
 *
 * Each key holds a small set of story ids. A key that fills up (`KEY_STORY_CAP` stories) is generic — a
 * stock phrase, a common word, a recurring note — and is neither read as evidence nor chosen as a story's
 * key: over time the words a story writes are the rarer ones.
 */
import { base36, fnv1a, SEED_A, SEED_B } from '../core/hash.ts';
import { functionWordsOf, isMarker } from '../text/stopwords.ts';
import { KEY_STORY_CAP } from '../core/schema.ts';

export { KEY_STORY_CAP };

/** Keys a story writes from its text and from its headline (each one a DynamoDB write). */
export const BODY_KEYS = 4;
export const TITLE_KEYS = 2;
/**
 * The lede, in two nested spans: where an excerpt, a summary or a first-sentence feed overlaps the full
 * text. A story writes the smallest feature of each: any copy holding the first `LEDE_SPANS[0]` words
 * holds the first key.
 */
export const LEDE_SPANS = [20, 40] as const;
/**
 * What an item reads of its lede: the running minima of its features from each start in the first
 * `LOOKUP_SHIFTS` words (a dateline or a kicker glued before the lede shifts it), over `LOOKUP_LEDE_TOKENS`.
 * The smallest feature of a story's lede span is a running minimum of the item's features from where that
 * lede starts in the item.
 */
const LOOKUP_SHIFTS = 12;
const LOOKUP_LEDE_TOKENS = 60;
const LOOKUP_GLOBAL_KEYS = 10;
/** Of the body keys, those from single words (`w…`): the smallest content words of the whole text. */
export const WORD_KEYS = 1;
const LOOKUP_WORD_KEYS = 10;
const MAX_LOOKUP_WORD_KEYS = 16;
/** Shorter words are too common to identify anything. */
const MIN_KEY_WORD_CHARS = 4;
/** A text this short is read whole: every feature is a key to look up. */
const LOOKUP_ALL_BELOW_TOKENS = 80;
const MAX_LOOKUP_BODY_KEYS = 48;

/** Headline words used for keys: a hostile thousand-character title must not cost a thousand reads. */
const MAX_HEADLINE_WORDS = 16;

/**
 * Pairs of consecutive content words, hashed to 53 bits (each word hashed once, the pair mixed from the
 * two), in text order, with the index of the token each starts at. Typed arrays: a long text's features
 * are numbers in one block, not one heap object each.
 */
function features(tokens: readonly string[]): { hashes: Float64Array; startsAt: Int32Array; words: Float64Array } {
  const { hashes, startsAt, words } = scratch(tokens.length);
  let n = 0;
  let w = 0;
  let prevA = 0;
  let prevB = 0;
  let prevAt = -1;
  const functionWords = functionWordsOf(tokens);
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]!;
    if (functionWords.has(word)) continue;
    const a = fnvBoth(word);
    const b = secondHash;
    if (word.length >= MIN_KEY_WORD_CHARS && !isMarker(word)) words[w++] = a * 0x200000 + (b & 0x1fffff);
    if (prevAt >= 0) {
      hashes[n] = pairHash(prevA, prevB, a, b);
      startsAt[n++] = prevAt;
    }
    prevA = a;
    prevB = b;
    prevAt = i;
  }
  return { hashes: hashes.subarray(0, n), startsAt: startsAt.subarray(0, n), words: words.subarray(0, w) };
}

/**
 * Buffers reused from one text to the next (keysOf is synchronous: one text at a time), so that an item
 * does not allocate and zero three arrays of its length. A hostile text's are not kept.
 */
const SCRATCH_KEPT = 1 << 16;
const buffersOf = (size: number) => ({
  hashes: new Float64Array(size),
  startsAt: new Int32Array(size),
  words: new Float64Array(size),
  below: new Float64Array(size),
  sorted: new Float64Array(size),
  starts: new Int32Array(size + 1),
});
let buffers = buffersOf(1024);

function scratch(n: number): typeof buffers {
  if (n <= buffers.hashes.length) return buffers;
  const fresh = buffersOf(2 ** Math.ceil(Math.log2(n)));
  if (fresh.hashes.length <= SCRATCH_KEPT) buffers = fresh;
  return fresh;
}

/** The second hash of the last `fnvBoth` call (a module variable: no pair object per word). */
let secondHash = 0;

/** `fnv1a(text, SEED_A)`, returned, and `fnv1a(text, SEED_B)`, left in `secondHash`: one pass over the text. */
function fnvBoth(text: string): number {
  let a = SEED_A >>> 0;
  let b = SEED_B >>> 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  secondHash = b >>> 0;
  return a >>> 0;
}

function pairHash(a1: number, b1: number, a2: number, b2: number): number {
  const h1 = Math.imul(a1 ^ Math.imul(a2, 0x01000193), 0x01000193) >>> 0;
  const h2 = Math.imul(b1 ^ Math.imul(b2 ^ 0x5bd1e995, 0x01000193), 0x01000193) >>> 0;
  return h1 * 0x200000 + (h2 & 0x1fffff);
}

function wordPairHash(a: string, b: string): number {
  return pairHash(fnv1a(a, SEED_A), fnv1a(a, SEED_B), fnv1a(b, SEED_A), fnv1a(b, SEED_B));
}

/** The `k` smallest of `sorted` (ascending, distinct) that pass `keep`. */
function smallest(sorted: readonly number[], k: number, keep: (h: number) => boolean): number[] {
  const out: number[] = [];
  for (const h of sorted) {
    if (out.length >= k) break;
    if (keep(h)) out.push(h);
  }
  return out;
}

/** Feature hashes are spread evenly over [0, 2^53). */
const HASH_RANGE = 2 ** 53;
/** How many candidates per value wanted are sorted: room for the spread of a bottom sample, and repeats. */
const SELECT_MARGIN = 3;
/** Evenly spread values move a place or two each in the insertion sort; far more means they are not. */
const SPREAD_MOVES_PER_VALUE = 8;

/**
 * The `k` smallest distinct values, ascending. Only the smallest features of a text are ever keys, so a
 * long text's are not sorted whole: hashes being spread evenly, the `k` smallest lie below about
 * `SELECT_MARGIN * k / n` of the range; only those are sorted. A text that repeats itself has fewer
 * distinct values than `n` says: while fewer than `k` distinct lie below the bound, it widens (at the full
 * range, every value is below it: the result is exact either way).
 */
export function lowestDistinct(values: Float64Array, k: number): number[] {
  const n = values.length;
  const below = scratch(n).below;
  let bound = HASH_RANGE * Math.min(1, (SELECT_MARGIN * k) / n);
  for (;;) {
    let m = 0;
    for (let i = 0; i < n; i++) if (values[i]! < bound) below[m++] = values[i]!;
    const out = firstDistinct(sortSpread(below, m, bound), k);
    if (out.length === k || bound >= HASH_RANGE) return out;
    bound = Math.min(HASH_RANGE, bound * Math.max(2, (2 * k) / Math.max(1, out.length)));
  }
}

/**
 * `values[0..m)`, all in [0, bound) and spread evenly, sorted in linear time: counted into `m` buckets by
 * value, then an insertion sort of what is then nearly in order. Three times quicker than the typed
 * array's own sort on these sizes (a few hundred). Values that are not spread (words crafted to hash low)
 * would make the insertion sort quadratic: past a linear number of moves, the typed array's sort finishes.
 */
function sortSpread(values: Float64Array, m: number, bound: number): Float64Array {
  const { starts, sorted } = scratch(m);
  starts.fill(0, 0, m + 1);
  const scale = m / bound;
  const bucketOf = (v: number) => Math.min(m - 1, Math.floor(v * scale));
  for (let i = 0; i < m; i++) starts[bucketOf(values[i]!) + 1]!++;
  for (let b = 1; b <= m; b++) starts[b]! += starts[b - 1]!;
  for (let i = 0; i < m; i++) sorted[starts[bucketOf(values[i]!)]!++] = values[i]!;
  let moves = 0;
  for (let i = 1; i < m; i++) {
    const v = sorted[i]!;
    let j = i - 1;
    while (j >= 0 && sorted[j]! > v) {
      sorted[j + 1] = sorted[j]!;
      j--;
    }
    sorted[j + 1] = v;
    moves += i - 1 - j;
    if (moves > SPREAD_MOVES_PER_VALUE * m) return sorted.subarray(0, m).sort();
  }
  return sorted.subarray(0, m);
}

/** The first `k` distinct values of an ascending array. */
function firstDistinct(sorted: Float64Array, k: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < sorted.length && out.length < k; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) out.push(sorted[i]!);
  return out;
}

/** Candidates beyond the keys read, for the keys written when the smallest are generic (full). */
const SPARE_FEATURES = 16;

/** Ascending, each once. A typed array sorts numbers natively: no comparator call per comparison. */
function sortedDistinct(hashes: ArrayLike<number>): number[] {
  return firstDistinct(Float64Array.from(hashes).sort(), Infinity);
}

const bodyKey = (h: number) => `b${base36(h)}`;
const wordKey = (h: number) => `w${base36(h)}`;
const titleKey = (h: number) => `t${base36(h)}`;

function titleFeatures(headline: readonly string[]): number[] {
  const words = headline.slice(0, MAX_HEADLINE_WORDS);
  if (words.length === 1) return [wordPairHash(words[0]!, '')];
  const out: number[] = [];
  for (let i = 0; i + 1 < words.length; i++) out.push(wordPairHash(words[i]!, words[i + 1]!));
  return out;
}

export interface TextKeys {
  /** Keys the item reads to find candidate stories. */
  readonly lookup: string[];
  /** Keys a story founded (or given its canonical text) by this item writes, in order of preference. */
  readonly body: string[];
  readonly title: string[];
}

/**
 * The keys of a text. `tokens` is empty for an item without a body (a headline-only item): it has
 * title keys only. `isGeneric` says which keys the store found full: they are not chosen to be written.
 */
export function keysOf(tokens: readonly string[], headline: readonly string[], isGeneric: (key: string) => boolean = () => false): TextKeys {
  const { hashes, startsAt, words } = features(tokens);
  const bodyWanted = MAX_LOOKUP_BODY_KEYS + SPARE_FEATURES;
  const wordsWanted = MAX_LOOKUP_WORD_KEYS + SPARE_FEATURES;
  let all = lowestDistinct(hashes, bodyWanted);
  let allWords = lowestDistinct(words, wordsWanted);
  const usable = (h: number) => !isGeneric(bodyKey(h));
  // Write: the smallest usable feature of each lede span (the next smallest when two spans agree), then the
  // smallest of the whole text.
  const writeLede: number[] = [];
  for (const span of LEDE_SPANS) {
    // Features are in text order: those of the span are a prefix.
    let end = 0;
    while (end < startsAt.length && startsAt[end]! < span) end++;
    // The smallest of the span that may be written: one pass, no sort.
    let h = Infinity;
    for (let i = 0; i < end; i++) {
      const x = hashes[i]!;
      if (x < h && !writeLede.includes(x) && usable(x)) h = x;
    }
    if (h !== Infinity) writeLede.push(h);
  }
  const globalWanted = BODY_KEYS - WORD_KEYS - writeLede.length;
  const pickGlobal = () => smallest(all, globalWanted, (h) => !writeLede.includes(h) && usable(h));
  let writeGlobal = pickGlobal();
  // So many of the smallest were generic that the spares ran out: the whole text, sorted.
  if (writeGlobal.length < globalWanted && all.length === bodyWanted) {
    all = sortedDistinct(hashes);
    writeGlobal = pickGlobal();
  }
  // A word survives a swap next to it: a rewrite that breaks most pairs keeps most words. A common word
  // fills its key and is generic from then on, so the words chosen are, over time, the rarer ones.
  const pickWords = () => smallest(allWords, WORD_KEYS, (h) => !isGeneric(wordKey(h)));
  let writeWords = pickWords();
  if (writeWords.length < WORD_KEYS && allWords.length === wordsWanted) {
    allWords = sortedDistinct(words);
    writeWords = pickWords();
  }
  // Read: every running minimum of the lede from each plausible start, and the smallest of the whole text.
  const lookupLede = new Set<number>();
  for (let shift = 0; shift < LOOKUP_SHIFTS; shift++) {
    let min = Infinity;
    for (let i = 0; i < hashes.length; i++) {
      const at = startsAt[i]!;
      if (at < shift) continue;
      if (at >= shift + LOOKUP_LEDE_TOKENS) break;
      if (hashes[i]! < min) lookupLede.add((min = hashes[i]!));
    }
  }
  const short = tokens.length <= LOOKUP_ALL_BELOW_TOKENS;
  const lookupBody = short ? all.slice(0, MAX_LOOKUP_BODY_KEYS) : [...new Set([...lookupLede, ...all.slice(0, LOOKUP_GLOBAL_KEYS)])];
  const lookupWords = allWords.slice(0, short ? MAX_LOOKUP_WORD_KEYS : LOOKUP_WORD_KEYS);
  const titles = sortedDistinct(titleFeatures(headline));
  const writeTitle = smallest(titles, TITLE_KEYS, (h) => !isGeneric(titleKey(h)));
  return {
    lookup: [...lookupBody.slice(0, MAX_LOOKUP_BODY_KEYS).map(bodyKey), ...lookupWords.map(wordKey), ...titles.map(titleKey)],
    body: [...[...writeLede, ...writeGlobal].map(bodyKey), ...writeWords.map(wordKey)],
    title: writeTitle.map(titleKey),
  };
}

export function isTitleKey(key: string): boolean {
  return key.startsWith('t');
}
