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
import { cleanText, displayText, tokens } from './normalise.ts';
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
  return contentWords(stripDecoration(title, ctx));
}

/** The content words of a headline already stripped of its decoration. */
export function contentWords(stripped: string): string[] {
  return tokens(stripped).filter((w) => !isStopword(w));
}

/** The headline with its kicker and decorating tail removed (display form). */
export function stripDecoration(title: string, ctx: HeadlineContext = {}): string {
  // The display form (curly quotes, dashes, symbols kept): the separators below accept their variants,
  // and words are compared through `tokens`, which normalises.
  let text = stripTags(displayText(title));
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
  const [sa, sb] = [[...new Set(a)], [...new Set(b)]];
  return Math.min(foundIn(sa, sb), foundIn(sb, sa)) / Math.max(sa.length, sb.length);
}

/** Share of the shorter headline's words found in the other: 0 when either has none. */
export function headlineAgreement(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const [sa, sb] = [[...new Set(a)], [...new Set(b)]];
  const [short, long] = sa.length <= sb.length ? [sa, sb] : [sb, sa];
  return foundIn(short, long) / short.length;
}

/** How many of `words` the other headline has, the same word or another form of it (`sameWord`). */
function foundIn(words: readonly string[], other: readonly string[]): number {
  let found = 0;
  for (const w of words) if (other.some((o) => sameWord(w, o))) found++;
  return found;
}

/** Shortest word whose other forms agree with it: "approves" and "approved", "entdecken" and "entdeckt". */
const INFLECTED_FROM = 7;
/** Shortest word that agrees with the words it begins: "season" and "seasons", "Hochwasser" and "Hochwasserwarnung". */
const PREFIX_FROM = 5;

/**
 * Two headline words that are one word: equal, one beginning the other (from five letters), or, from seven
 * letters, differing in at most the last letter of the shorter and what follows ("approves" / "approved",
 * "römischen" / "römischer"). Desks change a headline's grammar, and inflecting languages change the
 * endings with it; "control" and "contract", "market" and "marked" stay apart.
 */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < PREFIX_FROM) return false;
  let common = 0;
  while (common < short.length && short.charCodeAt(common) === long.charCodeAt(common)) common++;
  return common === short.length || (short.length >= INFLECTED_FROM && common >= short.length - 1);
}

// ---- the headline readers see ------------------------------------------------------------------

/** How a headline is cased: as a sentence, in Title Case, or in capitals. */
export type CaseForm = 'sentence' | 'title' | 'caps';

/** A word as written: letters (any script), digits, inner hyphens and apostrophes. */
const WORD_CORE = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
/** Words of this many letters or more decide whether a headline is in Title Case ("of", "in" do not). */
const TITLE_CASE_WORD = 3;

export function caseForm(title: string): CaseForm {
  const words = title.match(WORD_CORE) ?? [];
  const lettered = words.filter((w) => /\p{L}/u.test(w));
  if (lettered.filter((w) => /\p{L}{2}/u.test(w)).length >= 2 && !/\p{Ll}/u.test(title)) return 'caps';
  const long = lettered.slice(1).filter((w) => w.length >= TITLE_CASE_WORD);
  const capitalised = long.filter((w) => /^\p{Lu}/u.test(w)).length;
  return long.length >= 3 && capitalised >= 0.8 * long.length ? 'title' : 'sentence';
}

/** Words this long are also looked up by their first letters (`~…`): "opens" by "opened", "Kellerby's" by "Kellerby". */
const STEM_FROM = 6;
const STEM = 5;
/** With this many words of text, a headline word the text never writes is taken for a common word. */
const TEXTUAL_WORDS = 30;

/**
 * How words are written in running text: each word's most frequent spelling where it does not start a
 * sentence (a word starting one is capitalised whatever it is), by its lower case and, for long words,
 * by its stem (`~` and the first letters). A word seen only at the start of sentences, capitalised, is
 * kept apart (`^` and its lower case): a name that always opens its sentence ("Biden said…").
 */
export function spellingsOf(texts: readonly string[], wanted?: ReadonlySet<string>): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  const count = (key: string, form: string) => {
    const forms = counts.get(key) ?? new Map<string, number>();
    forms.set(form, (forms.get(form) ?? 0) + 1);
    counts.set(key, forms);
  };
  // `wanted`: only these words' spellings (lower case) are asked for, and their stems'; the others are
  // counted, not learned (a story's text is hundreds of words, a headline a few).
  const stems = wanted && new Set([...wanted].filter((k) => k.length >= STEM_FROM).map((k) => k.slice(0, STEM)));
  const initials = new Set<string>();
  let words = 0;
  for (const text of texts) {
    // The word before this one, and where it ends ('' at the start of the text: a sentence opens there).
    let previousWord = '';
    let previousEnd = 0;
    for (const match of text.matchAll(WORD_CORE)) {
      const word = match[0];
      words++;
      const key = word.toLowerCase();
      const exact = !wanted || wanted.has(key);
      const stem = key.length >= STEM_FROM && (!stems || stems.has(key.slice(0, STEM)));
      if (exact || stem) {
        // Whether this word opens a sentence: the previous word's punctuation says (asked only here).
        const opens = previousWord === '' || endsSentence(text, previousEnd, previousWord);
        if (opens) {
          if (exact && /^\p{Lu}/u.test(word) && !isStopword(key)) initials.add(key);
        } else {
          if (exact) count(key, word);
          if (stem) count(`~${key.slice(0, STEM)}`, /^\p{Lu}/u.test(word) ? 'A' : 'a');
        }
      }
      previousWord = word;
      previousEnd = match.index + word.length;
    }
  }
  const out = new Map<string, string>();
  // On a tie, the capitalised form: a capital inside a sentence is written on purpose ("the Harbour Board").
  const capital = (form: string) => (/^\p{Lu}/u.test(form) ? 1 : 0);
  for (const [key, forms] of counts) out.set(key, [...forms].sort((a, b) => b[1] - a[1] || capital(b[0]) - capital(a[0]) || a[0].localeCompare(b[0]))[0]![0]);
  for (const key of initials) if (!out.has(key)) out.set(`^${key}`, key.charAt(0).toUpperCase() + key.slice(1));
  out.set('#words', String(words));
  return out;
}

/**
 * Whether the text after `word` (ending at `end`) starts a new sentence: a full stop, question or
 * exclamation mark, colon or semicolon follows — unless the word is an abbreviation ("Mr.", "Dr.",
 * "U.S.", "St.").
 */
function endsSentence(text: string, end: number, word: string): boolean {
  const after = /^[)\]"'’”]*\s*([.!?:;])?/u.exec(text.slice(end, end + 4))?.[1];
  if (!after) return false;
  if (after === '.' && (/^\p{Lu}\p{Ll}{0,2}$/u.test(word) || /^\p{L}$/u.test(word) || text.charAt(end + 2) === '.')) return false;
  return true;
}

/** Written so on purpose, whatever the headline's case: an acronym ("NASA", "UK") or inner capitals ("iPhone", "McDonald's"). */
function markedCase(word: string): boolean {
  return (/\p{Lu}.*\p{Lu}/u.test(word) && !/\p{Ll}/u.test(word)) || /\p{Ll}\p{Lu}/u.test(word);
}

/** How the text writes a word: its own spelling, else its stem's case; undefined when it never does. */
function spelledAs(word: string, spellings: ReadonlyMap<string, string>): string | undefined {
  const key = word.toLowerCase();
  const exact = spellings.get(key);
  if (exact !== undefined) return exact;
  const initial = spellings.get(`^${key}`);
  if (initial !== undefined) return initial;
  if (key.length < STEM_FROM) return undefined;
  const stem = spellings.get(`~${key.slice(0, STEM)}`);
  if (stem === undefined) return undefined;
  return stem === 'A' ? key.charAt(0).toUpperCase() + key.slice(1) : key;
}

/**
 * A Title Case or capitalised headline in sentence case: each word as the story's text (and the copies'
 * sentence-case headlines) write it. In a Title Case headline an acronym or a word with inner capitals
 * stays as written. A word the text never writes is a common word when there is enough text to have
 * shown a name; without text, a Title Case word keeps its capital (it may be a name) and a capitalised
 * one is lower-cased unless it is short enough to be an acronym.
 */
export function sentenceCase(title: string, spellings: ReadonlyMap<string, string>): string {
  const form = caseForm(title);
  if (form === 'sentence') return title;
  const textual = Number(spellings.get('#words') ?? 0) >= TEXTUAL_WORDS;
  let first = true;
  return title.replace(WORD_CORE, (word) => {
    const lower = word.toLowerCase();
    let out = form === 'title' && markedCase(word) ? word : spelledAs(word, spellings);
    if (out === undefined) {
      if (form === 'caps') out = !textual && word.length <= 3 && !isStopword(lower) ? word : lower;
      else out = textual || isStopword(lower) ? lower : word;
    }
    // The first word opens the headline with a capital, unless it is written with inner capitals ("iPhone").
    if (first && !/\p{Ll}\p{Lu}/u.test(out)) out = out.charAt(0).toUpperCase() + out.slice(1);
    first = false;
    return out;
  });
}

export interface HeadlineCandidate {
  /** The headline as the outlet published it. */
  readonly title: string;
  /** The same, decoration removed with the outlet's own context (absent: rules and its name only). */
  readonly cleaned?: string;
  readonly outletName?: string;
}

/**
 * The headline a story is shown under: of its copies' headlines, decoration removed, the one the others
 * agree with most (the medoid of their content words: a decoration one copy kept, or one desk's rewrite,
 * agrees less), a sentence-case one before Title Case before capitals, the earliest on a tie; then put in
 * sentence case from how the story's text and the other headlines write each word. `candidates` are in
 * order of publication (the origin first).
 */
export function displayHeadline(candidates: readonly HeadlineCandidate[], text: readonly string[] = []): string {
  const cleaned = candidates
    .map((c) => c.cleaned ?? stripDecoration(c.title, c.outletName ? { outletName: c.outletName } : {}))
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (cleaned.length === 0) return candidates[0]?.title.trim() ?? '';
  const words = cleaned.map((t) => headlineWords(t));
  const rank: Record<CaseForm, number> = { sentence: 0, title: 1, caps: 2 };
  let best = 0;
  let bestScore = -1;
  cleaned.forEach((title, i) => {
    let score = 0;
    words.forEach((other, j) => {
      if (j !== i) score += (headlineAgreement(words[i]!, other) + headlineAgreementBothWays(words[i]!, other)) / 2;
    });
    const better =
      score > bestScore + 1e-9 ||
      (Math.abs(score - bestScore) <= 1e-9 && rank[caseForm(title)] < rank[caseForm(cleaned[best]!)]);
    if (better) {
      best = i;
      bestScore = score;
    }
  });
  const chosen = cleaned[best]!;
  // A sentence-case headline stays as written: the spellings (a pass over the whole text, most of the
  // cost of rendering an entry) are only learned for one that is not.
  if (caseForm(chosen) === 'sentence') return chosen;
  const wanted = new Set(Array.from(chosen.matchAll(WORD_CORE), (m) => m[0].toLowerCase()));
  return sentenceCase(chosen, spellingsOf([...text, ...cleaned.filter((t) => caseForm(t) === 'sentence')], wanted));
}
