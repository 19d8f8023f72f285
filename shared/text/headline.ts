/**
 * Headlines as evidence: the words of a headline without its outlet's decoration.
 *
 * Outlets decorate the headlines they republish: a kicker before a colon ("WATCH:", "UPDATED:",
 * "Opinion:"), a bracketed tag ("[UPDATED]", "(VIDEO)"), their own name or a section after a separator
 * ("… - World News", "… | Daily Post"), Title Case. What is left — the headline's content words, lower case — is what copies of one story agree on.
 *
 * A decoration is recognised by its form (an all-capitals kicker; a short tail after a separator; the
 * outlet's own name) or because it recurs across the outlet's headlines: in the same feed document or
 * learned from earlier ones (`headlineDecorations`, kept with the outlet's learned boilerplate).
 */
import { base36, hash53 } from '../core/hash.ts';
import { cleanText, tokens } from './normalise.ts';
import { isStopword } from './stopwords.ts';

export interface HeadlineContext {
  /** The outlet's own name: a headline segment naming it is decoration. */
  readonly outletName?: string;
  /** Ids (`decorationId`) of kickers and tails that recur in this outlet's headlines. */
  readonly decorations?: ReadonlySet<string>;
}

/** A tail after one of these is a candidate decoration: " - ", " | ", " — ", " :: ", " · ", " » ". */
const TAIL = /\s+(?:[-|–—·•»]|::)\s+(?!.*\s(?:[-|–—·•»]|::)\s)(.+)$|\s*\|\s*([^|]+)$/u;
/** A bracketed tag at either end: "[UPDATED] …", "… (VIDEO)", "… [Photos]". */
const LEADING_TAG = /^\s*[[(]([^\])]{1,30})[\])]\s*/u;
const TRAILING_TAG = /\s*[[(]([^\])]{1,30})[\])]\s*$/u;
const MAX_TAG_WORDS = 3;
/** A kicker: up to four words before a colon at the start. */
const KICKER = /^([^:]{1,40}?)\s*:\s+(?=\S)/u;
/** Kickers of the trade, in any outlet and any case. */
const COMMON_KICKERS = new Set([
  'watch', 'video', 'videos', 'live', 'breaking', 'breaking news', 'update', 'updated', 'exclusive', 'opinion', 'analysis',
  'explainer', 'photos', 'pictures', 'in pictures', 'listen', 'podcast', 'just in', 'developing', 'comment', 'review',
  'interview', 'editorial', 'feature', 'factbox', 'graphic', 'timeline', 'corrected', 'correction', 'urgent', 'flash',
]);
/** A tail this short, after a headline this long, is a section or an outlet, not the headline's end. */
const SHORT_TAIL_WORDS = 3;
const MIN_MAIN_WORDS = 4;

/** The content words of a headline, decoration removed, in order. */
export function headlineWords(title: string, ctx: HeadlineContext = {}): string[] {
  return tokens(stripDecoration(title, ctx)).filter((w) => !isStopword(w));
}

/** The headline with its kicker and decorating tail removed (display form). */
export function stripDecoration(title: string, ctx: HeadlineContext = {}): string {
  let text = stripTags(cleanText(title));
  const outletKey = ctx.outletName ? tokens(ctx.outletName.replace(/^the\s+/i, '')).join(' ') : '';
  for (let pass = 0; pass < 2; pass++) {
    const kicker = KICKER.exec(text);
    if (kicker && isKicker(kicker[1]!, ctx, outletKey)) {
      const rest = text.slice(kicker[0].length);
      if (tokens(rest).length >= 2) text = rest;
    }
  }
  for (let pass = 0; pass < 2; pass++) {
    const tail = TAIL.exec(text);
    if (!tail) break;
    const segment = tail[1] ?? tail[2] ?? '';
    const main = text.slice(0, tail.index);
    const mainWords = tokens(main).length;
    if (mainWords < 2) break;
    const words = tokens(segment);
    const key = words.join(' ');
    const decoration =
      (outletKey !== '' && (` ${key} `.includes(` ${outletKey} `) || ` ${outletKey} `.includes(` ${key} `))) ||
      ctx.decorations?.has(decorationId('tail', key)) ||
      (words.length <= SHORT_TAIL_WORDS && mainWords >= MIN_MAIN_WORDS);
    if (!decoration) break;
    text = main;
  }
  return stripTags(text);
}

function stripTags(title: string): string {
  let text = title;
  for (const tag of [LEADING_TAG, TRAILING_TAG]) {
    const m = tag.exec(text);
    if (m && tokens(m[1]!).length <= MAX_TAG_WORDS && tokens(text.replace(tag, ' ')).length >= 2) text = text.replace(tag, ' ').trim();
  }
  return text;
}

function isKicker(segment: string, ctx: HeadlineContext, outletKey: string): boolean {
  const key = tokens(segment).join(' ');
  if (key === '' || key.split(' ').length > 4) return false;
  if (COMMON_KICKERS.has(key) || ctx.decorations?.has(decorationId('kicker', key))) return true;
  if (outletKey !== '' && key === outletKey) return true;
  // All capitals, with at least two letters: "WATCH", "UPDATED", "BREAKING NEWS".
  return /\p{Lu}{2}/u.test(segment) && !/\p{Ll}/u.test(segment);
}

/** The id under which a recurring kicker or tail is remembered (53-bit, base 36, namespaced). */
export function decorationId(kind: 'kicker' | 'tail', key: string): string {
  return base36(hash53(`headline-${kind}\u0000${key}`));
}

/**
 * Kickers and tails that recur across one outlet's headlines — in at least `minItems` of them and
 * `minShare` of the document — as `decorationId`s. "Daily Post" ending every headline is the outlet's.
 */
export function headlineDecorations(titles: readonly string[], { minItems = 3, minShare = 0.1 } = {}): Set<string> {
  const counts = new Map<string, number>();
  const bump = (id: string) => counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const title of titles) {
    const text = cleanText(title);
    const kicker = KICKER.exec(text);
    if (kicker) {
      const key = tokens(kicker[1]!).join(' ');
      if (key && key.split(' ').length <= 4) bump(decorationId('kicker', key));
    }
    const tail = TAIL.exec(text);
    if (tail) {
      const key = tokens(tail[1] ?? tail[2] ?? '').join(' ');
      if (key && key.split(' ').length <= 6) bump(decorationId('tail', key));
    }
  }
  const needed = Math.max(minItems, Math.ceil(minShare * titles.length));
  return new Set([...counts].filter(([, n]) => n >= needed).map(([id]) => id));
}

/** The smaller of the shares of each headline's words found in the other: 0 when either has none. */
export function headlineAgreementBothWays(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const [sa, sb] = [new Set(a), new Set(b)];
  let shared = 0;
  for (const w of sa) if (sb.has(w)) shared++;
  return shared / Math.max(sa.size, sb.size);
}

/** Share of the shorter headline's words found in the other: 0 when either has none. */
export function headlineAgreement(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const [short, long] = new Set(a).size <= new Set(b).size ? [new Set(a), new Set(b)] : [new Set(b), new Set(a)];
  let shared = 0;
  for (const w of short) if (long.has(w)) shared++;
  return shared / short.size;
}
