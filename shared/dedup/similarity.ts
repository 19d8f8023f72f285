/**
 * Near-duplicate evidence between two texts: how much of one is found in the other, tolerating rewording.
 *
 * - Windows: every run of `WINDOW_WORDS` consecutive comparison tokens holding at least two content words
 *   (a run of function words, "of the year and", is in every text). A window of one text *matches* the
 *   other if the other has a window equal to it in all positions but at most one: a desk that swaps one
 *   word in ten ("people" → "individuals") breaks an exact 5-word shingle one time in two, but leaves
 *   95 % of these windows matching. Implemented with four masked hashes per window (each position in
 *   turn a wildcard): two windows differing in one position share the hash that masks it.
 * - Containment: matched windows of the smaller text over its windows (an excerpt or a rewrite that
 *   dropped sentences is contained in the full text). Coverage: matched windows of the larger text over
 *   its windows (a digest quoting one story's lede covers a tenth of it).
 * - Numbers in context: a number, weekday or month of one text is compared with the other text's
 *   markers *in the same context* (the words either side). Templated reports (market closes, weather
 *   outlooks) are the same sentences with other numbers: conflicts. A dateline, an update note or a
 *   sentence the other copy dropped carries markers in contexts the other text lacks: no conflict.
 * - Headline agreement (text/headline.ts): the shorter headline's content words found in the other.
 */
import { fnv1a, SEED_A, SEED_B } from '../core/hash.ts';
import { headlineAgreement, headlineAgreementBothWays } from '../text/headline.ts';
import { functionWordsOf, isMarker, isStopword } from '../text/stopwords.ts';

export const WINDOW_WORDS = 4;

/** A text as the comparison sees it. */
export interface TextProfile {
  /** Comparison tokens (normalise.ts `tokens`), in order. */
  readonly tokens: readonly string[];
  /** Content words of the headline, decoration removed (text/headline.ts). */
  readonly headline: readonly string[];
}

export interface Comparison {
  /** Matched windows of the smaller text. */
  readonly shared: number;
  /** `shared` over the smaller text's windows. */
  readonly containment: number;
  /** Matched windows of the larger text over its windows. */
  readonly coverage: number;
  /** Contexts in which the texts carry different numbers/dates. */
  readonly conflicts: number;
  /** Contexts in which they carry the same. */
  readonly agreements: number;
  /** Headline agreement, 0..1: the shorter headline's words found in the other (0 when either has none). */
  readonly title: number;
  /**
   * Headline agreement both ways: the smaller of the shares of each headline's words found in the other. A
   * briefing's headline naming one story ("Evening briefing: ferry strike, budget vote") holds most of that
   * story's headline, but not the other way round.
   */
  readonly titleBothWays: number;
  /** Tokens of the smaller text (by windows). */
  readonly smallerWords: number;
  /** Tokens of the larger text. */
  readonly largerWords: number;
}

interface Windows {
  /** Per content window, its four masked hashes (4 × n entries). */
  readonly masked: Float64Array;
  /**
   * Every masked hash of the text, sorted (binary-searched). A typed array holds 8 bytes a hash, where a
   * Set of these (53-bit, so boxed) numbers held about 40: a 1,000-item feed of long articles kept over
   * 400 MB of them.
   */
  readonly sorted: Float64Array;
  readonly count: number;
}

const windowCache = new WeakMap<TextProfile, Windows>();
const markerCache = new WeakMap<TextProfile, Map<string, Set<string>>>();

function windowsOf(p: TextProfile): Windows {
  let w = windowCache.get(p);
  if (!w) windowCache.set(p, (w = computeWindows(p.tokens)));
  return w;
}

function computeWindows(words: readonly string[]): Windows {
  const n = words.length;
  const a = new Uint32Array(n);
  const b = new Uint32Array(n);
  const content = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const word = words[i]!;
    a[i] = fnv1a(word, SEED_A);
    b[i] = fnv1a(word, SEED_B);
    // English's function words in every language: a window needs two other words, and skipping every
    // language's function words left a short lede in another language too few windows to match
    // (bench/corpus_it_pt_nl.py: recall 0.88-0.93 with them skipped, 0.91-0.99 without).
    content[i] = isStopword(word) ? 0 : 1;
  }
  const span = Math.min(WINDOW_WORDS, n);
  const starts: number[] = [];
  for (let i = 0; i + span <= n && span > 0; i++) {
    let c = 0;
    for (let j = i; j < i + span; j++) c += content[j]!;
    if (c >= Math.min(2, span)) starts.push(i);
  }
  const masked = new Float64Array(starts.length * WINDOW_WORDS);
  starts.forEach((start, k) => {
    for (let m = 0; m < WINDOW_WORDS; m++) {
      let h1 = 0x9e3779b9 ^ m;
      let h2 = 0x85ebca6b ^ m;
      for (let j = 0; j < span; j++) {
        if (j === m) continue;
        h1 = Math.imul(h1 ^ a[start + j]!, 0x01000193) >>> 0;
        h2 = Math.imul(h2 ^ b[start + j]!, 0x01000193) >>> 0;
      }
      const h = h1 * 0x200000 + (h2 & 0x1fffff);
      masked[k * WINDOW_WORDS + m] = h;
    }
  });
  return { masked, sorted: Float64Array.from(masked).sort(), count: starts.length };
}

function includes(sorted: Float64Array, h: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === h) return true;
    if (v < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Windows of `x` matching some window of `y` (equal but for at most one word). */
function matched(x: Windows, y: Windows): number {
  let n = 0;
  for (let k = 0; k < x.count; k++) {
    for (let m = 0; m < WINDOW_WORDS; m++) {
      if (includes(y.sorted, x.masked[k * WINDOW_WORDS + m]!)) {
        n++;
        break;
      }
    }
  }
  return n;
}

/** How far a number's context is looked for: its sentence neighbourhood, not the paragraph. */
const CONTEXT_REACH = 4;

/**
 * Context (the nearest content word either side, skipping function words and other markers, within
 * `CONTEXT_REACH`) → the markers found in it. "in 1964 the" and "in 2005 the" say nothing of each other;
 * "closed at 7123 points" and "closed at 7456 points" do.
 */
function markersOf(p: TextProfile): Map<string, Set<string>> {
  let map = markerCache.get(p);
  if (map) return map;
  map = new Map();
  const t = p.tokens;
  const plain = (w: string) => !isMarker(w) && !isStopword(w);
  for (let i = 0; i < t.length; i++) {
    const word = t[i]!;
    if (!isMarker(word)) continue;
    let before = i - 1;
    while (before >= 0 && i - before <= CONTEXT_REACH && !plain(t[before]!)) before--;
    let after = i + 1;
    while (after < t.length && after - i <= CONTEXT_REACH && !plain(t[after]!)) after++;
    const left = before >= 0 && i - before <= CONTEXT_REACH ? t[before] : '^';
    const right = after < t.length && after - i <= CONTEXT_REACH ? t[after] : '$';
    if (left === '^' && right === '$') continue; // a number among function words only: no context to compare
    const context = `${left} ${right}`;
    let set = map.get(context);
    if (!set) map.set(context, (set = new Set()));
    set.add(word);
  }
  markerCache.set(p, map);
  return map;
}

function isSubset(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** The profile's headline words less the function words of its text's language (English's are out already). */
function headlineContentWords(p: TextProfile): readonly string[] {
  const functionWords = functionWordsOf(p.tokens);
  return p.headline.filter((w) => !functionWords.has(w));
}

export function compareTexts(a: TextProfile, b: TextProfile): Comparison {
  const wa = windowsOf(a);
  const wb = windowsOf(b);
  const aSmaller = wa.count <= wb.count;
  const [small, large] = aSmaller ? [wa, wb] : [wb, wa];
  const shared = matched(small, large);
  const largeShared = matched(large, small);
  let conflicts = 0;
  let agreements = 0;
  const ma = markersOf(a);
  const mb = markersOf(b);
  const [fewer, more] = ma.size <= mb.size ? [ma, mb] : [mb, ma];
  // Headlines keep English's function words out (fingerprint.ts): a text in another language keeps its own out too.
  const ha = headlineContentWords(a);
  const hb = headlineContentWords(b);
  for (const [context, markers] of fewer) {
    const other = more.get(context);
    if (!other) continue;
    // Agreeing: one side's markers are all in the other's (a copy may drop a weekday or a figure, not change one).
    if (isSubset(markers, other) || isSubset(other, markers)) agreements++;
    else conflicts++;
  }
  return {
    shared,
    containment: small.count ? shared / small.count : 0,
    coverage: large.count ? largeShared / large.count : 0,
    conflicts,
    agreements,
    title: headlineAgreement(ha, hb),
    titleBothWays: headlineAgreementBothWays(ha, hb),
    smallerWords: (aSmaller ? a : b).tokens.length,
    largerWords: (aSmaller ? b : a).tokens.length,
  };
}

export interface NearThresholds {
  /** Minimum share of the smaller text's windows matched in the other. */
  readonly containment: number;
  /** The same, when the headlines agree as well (two kinds of evidence, each weaker, together enough). */
  readonly containmentWithTitle: number;
  /** Minimum matched windows: less text than this is no evidence. */
  readonly minShared: number;
  /** Below this share of the larger text covered, the headlines must agree as well. */
  readonly coverage: number;
  /** Minimum headline agreement when it is needed. */
  readonly title: number;
  /** Most number/date conflicts tolerated per agreement (a conflict with nothing agreeing always counts). */
  readonly conflictRatio: number;
}

/**
 * Defaults. Copies of one story — boilerplate left in, excerpts, rewrites that swap a word in ten and
 * drop a third of the sentences — keep ≥ 0.85 of their windows matched; different stories on one topic
 * stay under 0.6, and same-event reports of one topic under 0.75. 0.8 sits between; agreeing headlines
 * (a second, independent kind of evidence) lower it to 0.7.
 */
export const DEFAULT_THRESHOLDS: NearThresholds = {
  containment: 0.8,
  containmentWithTitle: 0.7,
  minShared: 8,
  coverage: 0.5,
  title: 0.5,
  conflictRatio: 0.1,
};

/** A text shorter than this (a lede, a teaser) is weak evidence alone: the headlines must agree too. */
export const SHORT_TEXT_WORDS = 40;

export type NearVerdict = { readonly same: true } | { readonly same: false; readonly reason: string };

export function decideNear(c: Comparison, t: NearThresholds = DEFAULT_THRESHOLDS): NearVerdict {
  if (c.shared < t.minShared) return { same: false, reason: `only ${c.shared} matching windows (< ${t.minShared})` };
  const needed = c.title >= t.title ? t.containmentWithTitle : t.containment;
  if (c.containment < needed) return { same: false, reason: `containment ${c.containment.toFixed(2)} < ${needed}` };
  if (c.conflicts > 0 && c.conflicts > t.conflictRatio * c.agreements) {
    return { same: false, reason: `${c.conflicts} numbers/dates differ in the same context (${c.agreements} agree)` };
  }
  // Partial overlap and short texts: the headlines must be about the same thing, seen from either side.
  if (c.coverage < t.coverage && c.titleBothWays < t.title) {
    return { same: false, reason: `partial overlap (coverage ${c.coverage.toFixed(2)}) and headlines disagree (${c.titleBothWays.toFixed(2)})` };
  }
  if (c.smallerWords < SHORT_TEXT_WORDS && c.titleBothWays < t.title) {
    return { same: false, reason: `short text (${c.smallerWords} words) and headlines disagree (${c.titleBothWays.toFixed(2)})` };
  }
  return { same: true };
}
