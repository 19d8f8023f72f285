/**
 * Candidate keys: how an item finds the stories worth verifying, through DynamoDB, without scanning.
 *
 * A feature is a pair of consecutive content words (function words skipped: "the body that represents"
 * gives "body represents"). A desk that swaps one word in ten keeps four pairs in five; an excerpt keeps
 * its lede's pairs; a dateline or a kicker adds a few pairs and moves none. Keys are content-defined
 * (the features with the smallest hashes, a bottom-k sample), never positional, so that nothing at the
 * start of a text decides which stories it can find.
 *
 * Writing and reading are asymmetric, because DynamoDB bills a write per key and a read is cheap and
 * batched: a story *writes* a few keys (`BODY_KEYS` from its lede and whole text, `TITLE_KEYS` from its
 * headline); an item *reads* many more (a larger bottom sample of its lede and whole text, every pair of
 * a short text, every pair of its headline). A stored key of the story that survived in the item is
 * among the item's smallest features, so it is among the keys read.
 *
 * Each key holds a small set of story ids. A key that fills up (`KEY_STORY_CAP` stories) is generic — a
 * stock phrase, a recurring note — and is neither read as evidence nor chosen as a story's key.
 */
import { fnv1a, SEED_A, SEED_B } from '../core/hash.ts';
import { isStopword } from '../text/stopwords.ts';

/** Keys a story writes from its text and from its headline (each one a DynamoDB write). */
export const BODY_KEYS = 4;
export const LEDE_KEYS = 2;
export const TITLE_KEYS = 2;
/** The lede: where an excerpt, a summary or a first-sentence feed overlaps the full text. */
export const LEDE_TOKENS = 40;
/** What an item reads: a larger sample, from a longer lede (a dateline or a kicker shifts it). */
const LOOKUP_LEDE_TOKENS = 60;
const LOOKUP_LEDE_KEYS = 6;
const LOOKUP_GLOBAL_KEYS = 10;
/** A text this short is read whole: every feature is a key to look up. */
const LOOKUP_ALL_BELOW_TOKENS = 80;
const MAX_LOOKUP_BODY_KEYS = 48;
/** A key holding this many stories is generic. */
export const KEY_STORY_CAP = 8;

interface Feature {
  readonly hash: number;
  /** Index of the token that starts it. */
  readonly at: number;
}

/** Pairs of consecutive content words, hashed to 53 bits. */
function features(tokens: readonly string[]): Feature[] {
  const out: Feature[] = [];
  let prev = -1;
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]!;
    if (isStopword(word)) continue;
    if (prev >= 0) out.push({ hash: pairHash(tokens[prev]!, word), at: prev });
    prev = i;
  }
  return out;
}

function pairHash(a: string, b: string): number {
  const text = `${a} ${b}`;
  return fnv1a(text, SEED_A) * 0x200000 + (fnv1a(text, SEED_B) & 0x1fffff);
}

/** The `k` smallest distinct hashes, ascending, skipping those in `skip`. */
function bottom(hashes: Iterable<number>, k: number, skip?: (key: string) => boolean): number[] {
  const distinct = [...new Set(hashes)].sort((x, y) => x - y);
  const out: number[] = [];
  for (const h of distinct) {
    if (out.length >= k) break;
    if (!skip?.(bodyKey(h))) out.push(h);
  }
  return out;
}

const bodyKey = (h: number) => `b${h.toString(36)}`;
const titleKey = (h: number) => `t${h.toString(36)}`;

function titleFeatures(headline: readonly string[]): number[] {
  if (headline.length === 1) return [pairHash(headline[0]!, '')];
  const out: number[] = [];
  for (let i = 0; i + 1 < headline.length; i++) out.push(pairHash(headline[i]!, headline[i + 1]!));
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
  const all = features(tokens);
  const lede = all.filter((f) => f.at < LEDE_TOKENS).map((f) => f.hash);
  const writeLede = bottom(lede, LEDE_KEYS, isGeneric);
  const writeGlobal = bottom(
    all.map((f) => f.hash).filter((h) => !writeLede.includes(h)),
    BODY_KEYS - writeLede.length,
    isGeneric,
  );
  const lookupBody =
    tokens.length <= LOOKUP_ALL_BELOW_TOKENS
      ? [...new Set(all.map((f) => f.hash))].slice(0, MAX_LOOKUP_BODY_KEYS)
      : [
          ...new Set([
            ...bottom(all.filter((f) => f.at < LOOKUP_LEDE_TOKENS).map((f) => f.hash), LOOKUP_LEDE_KEYS),
            ...bottom(all.map((f) => f.hash), LOOKUP_GLOBAL_KEYS),
          ]),
        ];
  const titles = [...new Set(titleFeatures(headline))];
  const writeTitle = bottom(titles, TITLE_KEYS, (k) => isGeneric(`t${k.slice(1)}`));
  return {
    lookup: [...lookupBody.map(bodyKey), ...titles.map(titleKey)],
    body: [...writeLede, ...writeGlobal].map(bodyKey),
    title: writeTitle.map(titleKey),
  };
}

export function isTitleKey(key: string): boolean {
  return key.startsWith('t');
}
