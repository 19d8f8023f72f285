/**
 * Word classes the comparison needs: function words (no evidence of a story by themselves) and markers
 * (numbers, weekdays, months: what tells two templated reports apart). Words are comparison tokens
 * (normalise.ts `tokens`): lower case, accents folded, numbers unified to digits.
 *
 * Function words are those of the text's language: a German or Spanish text's "der", "und", "de la" are
 * in every text of its language, as "of the" is in every English one. English has its own short list
 * (the keys of stored English stories are built on it: it never changes); a text that is not in English
 * skips the function words of every language stopwords-iso lists (one set for all, so that copies of a
 * story in Danish or Norwegian, which a guess could tell apart one time and not the next, see the same).
 * Keys and headline agreement use them; the comparison's windows keep English's (similarity.ts says why).
 */

import iso from 'stopwords-iso' with { type: 'json' };
import { tokens } from './normalise.ts';
import { smallWordSet, type WordSet } from './word-set.ts';

const STOPWORDS = smallWordSet(
  ('a about after all also an and are as at be been but by can could did do does for from had has have he her his ' +
    'i if in into is it its more most no not of on or our out over said says she so some than that the their them ' +
    'then there these they this to up was we were what when which while who will with would you').split(' '),
);

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

const MONTHS_AND_DAYS = smallWordSet(
  ('january february march april may june july august september october november december jan feb mar apr jun jul aug ' +
    'sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday').split(' '),
);
const NUMBER = /^\p{N}+$/u;

/** A number, weekday or month. */
export function isMarker(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c >= 48 && c <= 57) return true; // tokens are runs of letters and digits: a leading digit is a number
  if (c > 127) return NUMBER.test(word);
  return MONTHS_AND_DAYS.has(word);
}

interface Languages {
  /** stopwords-iso's lists as comparison tokens (an elided "l'" or "qu'" is its own token), numbers left out. */
  readonly lists: ReadonlyArray<ReadonlySet<string>>;
  readonly english: number;
  /** Word → the lists (indices) that hold it: the language guess looks each word up once. */
  readonly listsOf: ReadonlyMap<string, readonly number[]>;
  /** The function words of a text not in English: every language's (English's short list included). */
  readonly anyLanguage: WordSet;
}

let languages: Languages | undefined;

/** Built on first need (some 60 ms): a feed in English never needs them. */
function loadLanguages(): Languages {
  if (languages) return languages;
  const entries = Object.entries(iso as Record<string, string[]>);
  const lists = entries.map(([, words]) => new Set(words.flatMap((w) => tokens(w)).filter((w) => !isMarker(w))));
  const english = entries.findIndex(([language]) => language === 'en');
  const listsOf = new Map<string, number[]>();
  lists.forEach((words, index) => {
    for (const w of words) (listsOf.get(w) ?? listsOf.set(w, []).get(w)!).push(index);
  });
  const others = new Set(lists.filter((_, i) => i !== english).flatMap((words) => [...words]));
  const anyLanguage = { has: (word: string) => STOPWORDS.has(word) || others.has(word) };
  return (languages = { lists, english, listsOf, anyLanguage });
}

/** The words a language guess reads: a paragraph says it. */
const GUESS_WORDS = 100;
/** Fewer words than this say too little: taken for English, as every text was before. */
const GUESS_MIN_WORDS = 8;
/**
 * A text whose first words are this much English function words is English, with no further look (the
 * English texts of the development corpora: 14-63 %, most over 30; the German, Spanish and French texts of
 * a test corpus: at most 21 %).
 */
const SURELY_ENGLISH = 0.3;

const guessed = new WeakMap<readonly string[], WordSet>();

/**
 * The function words of the language `words` (comparison tokens) are in: English's unless stopwords-iso's
 * list of another language holds more of its first words than its English list does.
 */
export function functionWordsOf(words: readonly string[]): WordSet {
  let known = guessed.get(words);
  if (!known) guessed.set(words, (known = looksEnglish(words) ? STOPWORDS : loadLanguages().anyLanguage));
  return known;
}

function looksEnglish(words: readonly string[]): boolean {
  const n = Math.min(words.length, GUESS_WORDS);
  if (n < GUESS_MIN_WORDS) return true;
  let english = 0;
  for (let i = 0; i < n; i++) if (STOPWORDS.has(words[i]!)) english++;
  if (english >= SURELY_ENGLISH * n) return true;
  const { lists, english: en, listsOf } = loadLanguages();
  const counts = new Uint16Array(lists.length);
  for (let i = 0; i < n; i++) for (const list of listsOf.get(words[i]!) ?? []) counts[list]!++;
  let other = 0;
  counts.forEach((c, i) => {
    if (i !== en && c > other) other = c;
  });
  return counts[en]! >= other;
}
