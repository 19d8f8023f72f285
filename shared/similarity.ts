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
import { tokens } from './normalise.ts';

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
export const DEFAULT_THRESHOLDS: NearThresholds = { containment: 0.8, minShared: 10, coverage: 0.5, title: 0.5, numbersMissing: 0.1 };

export interface TextProfile {
  /** Sorted, distinct shingle hashes. */
  readonly shingles: readonly number[];
  /** Numbers, weekdays and months: the tokens that tell templated reports apart. */
  readonly markers: readonly string[];
  readonly titleWords: readonly string[];
  readonly words: number;
}

const STOPWORDS = new Set(
  ('a about after all also an and are as at be been but by can could did do does for from had has have he her his ' +
    'i if in into is it its more most no not of on one or our out over said says she so some than that the their them ' +
    'then there these they this to up was we were what when which while who will with would you').split(' '),
);
const MONTHS_AND_DAYS = new Set(
  ('january february march april may june july august september october november december jan feb mar apr jun jul aug ' +
    'sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday').split(' '),
);
const NUMBER = /^\p{N}+$/u;

/** FNV-1a, 32 bits, with a seed: two seeds give the 53 bits of a shingle hash. */
function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function shingleHash(words: readonly string[], start: number): number {
  const text = words.slice(start, start + SHINGLE_WORDS).join(' ');
  return fnv1a(text, 0x811c9dc5) * 0x200000 + (fnv1a(text, 0x01234567) & 0x1fffff);
}

export function profileText(paragraphs: readonly string[], title: string): TextProfile {
  const words = paragraphs.flatMap((p) => tokens(p));
  const shingles = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) shingles.add(shingleHash(words, i));
  if (words.length > 0 && words.length < SHINGLE_WORDS) shingles.add(shingleHash(words, 0));
  return {
    shingles: [...shingles].sort((a, b) => a - b),
    markers: [...new Set(words.filter((w) => NUMBER.test(w) || MONTHS_AND_DAYS.has(w)))].sort(),
    titleWords: [...new Set(tokens(title).filter((w) => !STOPWORDS.has(w)))].sort(),
    words: words.length,
  };
}

/** The candidate keys of a text: a few content-defined shingles of its lede and of its whole. */
export function candidateKeys(paragraphs: readonly string[]): string[] {
  const words = paragraphs.flatMap((p) => tokens(p));
  const eligible = (start: number) => words.slice(start, start + SHINGLE_WORDS).some((w) => !STOPWORDS.has(w));
  const smallest = (end: number, count: number): number[] => {
    const hashes = new Set<number>();
    for (let i = 0; i + SHINGLE_WORDS <= end; i++) if (eligible(i)) hashes.add(shingleHash(words, i));
    return [...hashes].sort((a, b) => a - b).slice(0, count);
  };
  // The opening shingle anchors excerpts too short for their lede's smallest shingles to agree with the full text's.
  const opening = words.length >= SHINGLE_WORDS && eligible(0) ? [shingleHash(words, 0)] : [];
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
}

function intersectSorted(a: readonly number[], b: readonly number[]): number {
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

export function compareTexts(a: TextProfile, b: TextProfile): Comparison {
  const shared = intersectSorted(a.shingles, b.shingles);
  const [small, large] = a.shingles.length <= b.shingles.length ? [a, b] : [b, a];
  const largeMarkers = new Set(large.markers);
  const missing = small.markers.filter((m) => !largeMarkers.has(m)).length;
  const titleShared = a.titleWords.filter((w) => b.titleWords.includes(w)).length;
  const shorterTitle = Math.min(a.titleWords.length, b.titleWords.length);
  return {
    shared,
    containment: small.shingles.length ? shared / small.shingles.length : 0,
    coverage: large.shingles.length ? shared / large.shingles.length : 0,
    jaccard: shared / Math.max(1, a.shingles.length + b.shingles.length - shared),
    numbersMissing: small.markers.length ? missing / small.markers.length : 0,
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
  return { same: true };
}
