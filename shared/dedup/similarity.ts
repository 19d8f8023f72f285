/**
 * Near-duplicate evidence: word shingles, candidate keys and the merge decision.
 *
 * - Shingles: every run of `SHINGLE_WORDS` consecutive comparison tokens (normalise.ts), hashed to a
 *   53-bit integer. Two texts' shared shingles measure how much text they share, in order.
 * - Candidate keys (at most five per story, stored as DynamoDB keys): the opening shingle, the smallest
 *   shingle hash of the lede (the first `LEDE_WORDS` words — an excerpt or a trimmed copy keeps its
 *   lede) and the smallest of the whole text (a copy whose lede was rewritten still shares most of its
 *   shingles). Shingles made only of
 *   stopwords are never keys: "said in a statement on" would collide across unrelated stories.
 * - Decision (`compareTexts` + `decideNear`): containment — shared shingles over the smaller text's
 *   shingles — catches excerpts (Jaccard would not: an excerpt is a fifth of the full text). It must
 *   be high; the smaller text's numbers and dates must appear in the larger (templated reports share
 *   their sentences but not their numbers); and when the smaller text covers less than half of the
 *   larger, the titles must agree too (a digest quoting one story's lede is not that story).
 */
import { tokens } from '../text/normalise.ts';
import { SEED_A, SEED_B, fnv1a } from '../core/hash.ts';

export const SHINGLE_WORDS = 5;
export const LEDE_WORDS = 30;
export const LEDE_KEYS = 1;
export const GLOBAL_KEYS = 3;

export interface NearThresholds {
  /** Minimum share of the smaller text's shingles found in the other text. */
  readonly containment: number;
  /** Minimum number of shared shingles: less text than this is no evidence. */
  readonly minShared: number;
  /** Below this share of the larger text covered, the titles must agree as well. */
  readonly coverage: number;
  /** Minimum title agreement (shared title words over the shorter title's words) when it is needed. */
  readonly title: number;
  /** Maximum share of the smaller text's numbers and dates absent from the larger text. */
  readonly numbersMissing: number;
}

/**
 * Defaults, from measurements of real syndicated copies (design notes): copies with boilerplate left in
 * have containment ≥ 0.93 and excerpts 1.0, while different stories of the same topic stay ≤ 0.6.
 * 0.8 sits between the two with margin on both sides.
 */
export const DEFAULT_THRESHOLDS: NearThresholds = { containment: 0.8, minShared: 10, coverage: 0.5, title: 0.5, numbersMissing: 0.05 };

/** A text shorter than this (a lede, a teaser) is weak evidence alone: the titles must agree too. */
export const SHORT_TEXT_WORDS = 40;
/** The words of the lede that derive a story's proposed id (see ingest.ts): short enough for any body. */
export const LEDE_ID_WORDS = 15;

export interface TextProfile {
  /** Shingle hashes, in text order (with repeats); `compareTexts` sorts them when it needs to. */
  readonly shingles: Float64Array;
  /** The text's comparison tokens: numbers and dates are taken from them when a comparison needs them. */
  readonly tokens: readonly string[];
  readonly titleWords: readonly string[];
}

const STOPWORDS = new Set(
  ('a about after all also an and are as at be been but by can could did do does for from had has have he her his ' +
    'i if in into is it its more most no not of on one or our out over said says she so some than that the their them ' +
    'then there these they this to up was we were what when which while who will with would you').split(' '),
);
const STOPWORD_HASHES = new Set([...STOPWORDS].map((w) => fnv1a(w, SEED_A)));
const MONTHS_AND_DAYS = new Set(
  ('january february march april may june july august september october november december jan feb mar apr jun jul aug ' +
    'sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday').split(' '),
);
const NUMBER = /^\p{N}+$/u;

function isMarker(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c >= 48 && c <= 57) return true; // tokens are runs of letters and digits: a leading digit is a number
  if (c > 127) return NUMBER.test(word);
  return word.length >= 3 && word.length <= 9 && MONTHS_AND_DAYS.has(word);
}

/**
 * The shingle hashes of a token sequence: each word is hashed once (two 32-bit FNV-1a seeds), and each
 * run of `SHINGLE_WORDS` word hashes is mixed, in order, into 53 bits — no strings are built per shingle.
 */
function wordHashes(words: readonly string[]): Uint32Array {
  const a = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) a[i] = fnv1a(words[i]!, SEED_A);
  return a;
}

function shingleHashes(words: readonly string[], a: Uint32Array = wordHashes(words)): Float64Array {
  const n = words.length;
  const b = new Uint32Array(n);
  for (let i = 0; i < n; i++) b[i] = fmix32(a[i]! ^ SEED_B); // a second stream without a second pass over the word
  const span = Math.min(SHINGLE_WORDS, n);
  const out = new Float64Array(span > 0 ? n - span + 1 : 0);
  for (let i = 0; i < out.length; i++) {
    let h1 = 0x9e3779b9;
    let h2 = 0x85ebca6b;
    for (let j = i; j < i + span; j++) {
      h1 = Math.imul(h1 ^ a[j]!, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ b[j]!, 0x01000193) >>> 0;
    }
    out[i] = h1 * 0x200000 + (h2 & 0x1fffff);
  }
  return out;
}

/** MurmurHash3's 32-bit finaliser. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Sorted, distinct. */
function sortedUnique(values: Float64Array): Float64Array {
  const sorted = values.slice().sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  return sorted.subarray(0, n);
}

export function profileText(paragraphs: readonly string[], title: string): TextProfile {
  return profileWords(paragraphs.flatMap((p) => tokens(p)), title);
}

/** `profileText` of a text's comparison tokens (`hashes`: its shingle hashes, if already computed). */
export function profileWords(words: readonly string[], title: string, hashes: Float64Array = shingleHashes(words)): TextProfile {
  return {
    shingles: hashes,
    tokens: words,
    titleWords: [...new Set(tokens(title).filter((w) => !STOPWORDS.has(w)))].sort(),
  };
}

/** The candidate keys of a text: a few content-defined shingles of its lede and of its whole. */
export function candidateKeys(paragraphs: readonly string[]): string[] {
  return candidateKeysOf(paragraphs.flatMap((p) => tokens(p)));
}

/** A text's profile and candidate keys, sharing one pass of shingle hashing. */
export function similarityOf(words: readonly string[], title: string): { profile: TextProfile; keys: string[] } {
  const perWord = wordHashes(words);
  const hashes = shingleHashes(words, perWord);
  return { profile: profileWords(words, title, hashes), keys: candidateKeysOf(words, hashes, perWord) };
}

/** `candidateKeys` of a text's comparison tokens. */
export function candidateKeysOf(
  words: readonly string[],
  hashes: Float64Array = shingleHashes(words),
  perWord: Uint32Array = wordHashes(words),
): string[] {
  if (words.length < SHINGLE_WORDS) return [];
  // Index of the last content word at or before each position: a shingle is eligible if it holds one.
  const lastContent = new Int32Array(words.length);
  for (let i = 0, last = -1; i < words.length; i++) lastContent[i] = last = STOPWORD_HASHES.has(perWord[i]!) ? last : i;
  const eligible = (start: number) => lastContent[start + SHINGLE_WORDS - 1]! >= start;
  const smallest = (end: number, count: number): number[] => {
    const picked: number[] = []; // ascending, distinct, at most `count`
    for (let i = 0; i + SHINGLE_WORDS <= end; i++) {
      const h = hashes[i]!;
      if ((picked.length === count && h >= picked[count - 1]!) || !eligible(i) || picked.includes(h)) continue;
      picked.push(h);
      picked.sort((x, y) => x - y);
      if (picked.length > count) picked.pop();
    }
    return picked;
  };
  // The opening shingle anchors excerpts too short for their lede's smallest shingles to agree with the full text's.
  const opening = eligible(0) ? [hashes[0]!] : [];
  const keys = [...opening, ...smallest(Math.min(words.length, LEDE_WORDS), LEDE_KEYS), ...smallest(words.length, GLOBAL_KEYS)];
  return [...new Set(keys)].map((k) => k.toString(36));
}

export interface Comparison {
  readonly shared: number;
  /** shared / smaller text's shingles */
  readonly containment: number;
  /** shared / larger text's shingles */
  readonly coverage: number;
  readonly jaccard: number;
  /** Share of the smaller text's markers (numbers, dates) missing from the larger. */
  readonly numbersMissing: number;
  /** Shared title words over the shorter title's words (0 when either title is empty). */
  readonly title: number;
  /** Words of the smaller text. */
  readonly smallerWords: number;
}

function intersectSorted(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      n++;
      i++;
      j++;
    }
  }
  return n;
}

/** Most profiles are never compared (no candidate): sorting is deferred to the first comparison. */
const sortedShingles = new WeakMap<TextProfile, Float64Array>();

function distinctShingles(p: TextProfile): Float64Array {
  let sorted = sortedShingles.get(p);
  if (!sorted) sortedShingles.set(p, (sorted = sortedUnique(p.shingles)));
  return sorted;
}

export function compareTexts(a: TextProfile, b: TextProfile): Comparison {
  const sa = distinctShingles(a);
  const sb = distinctShingles(b);
  const shared = intersectSorted(sa, sb);
  const [small, large] = sa.length <= sb.length ? [a, b] : [b, a];
  const [smallN, largeN] = sa.length <= sb.length ? [sa.length, sb.length] : [sb.length, sa.length];
  const smallMarkers = new Set(small.tokens.filter(isMarker));
  const largeMarkers = new Set(large.tokens.filter(isMarker));
  const missing = [...smallMarkers].filter((m) => !largeMarkers.has(m)).length;
  const titleShared = a.titleWords.filter((w) => b.titleWords.includes(w)).length;
  const shorterTitle = Math.min(a.titleWords.length, b.titleWords.length);
  return {
    shared,
    containment: smallN ? shared / smallN : 0,
    coverage: largeN ? shared / largeN : 0,
    jaccard: shared / Math.max(1, sa.length + sb.length - shared),
    numbersMissing: smallMarkers.size ? missing / smallMarkers.size : 0,
    smallerWords: small.tokens.length,
    title: shorterTitle ? titleShared / shorterTitle : 0,
  };
}

export type NearVerdict = { readonly same: true } | { readonly same: false; readonly reason: string };

export function decideNear(c: Comparison, t: NearThresholds = DEFAULT_THRESHOLDS): NearVerdict {
  if (c.shared < t.minShared) return { same: false, reason: `only ${c.shared} shared shingles (< ${t.minShared})` };
  if (c.containment < t.containment) return { same: false, reason: `containment ${c.containment.toFixed(2)} < ${t.containment}` };
  if (c.numbersMissing > t.numbersMissing) return { same: false, reason: `${(c.numbersMissing * 100).toFixed(0)}% of numbers/dates differ` };
  if (c.coverage < t.coverage && c.title < t.title) {
    return { same: false, reason: `partial overlap (coverage ${c.coverage.toFixed(2)}) and titles disagree (${c.title.toFixed(2)})` };
  }
  if (c.smallerWords < SHORT_TEXT_WORDS && c.title < t.title) {
    return { same: false, reason: `short text (${c.smallerWords} words) and titles disagree (${c.title.toFixed(2)})` };
  }
  return { same: true };
}
