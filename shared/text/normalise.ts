/**
 * Text normalisation. Three levels:
 * - `displayText`: what readers see — NFC, no invisible characters, single spaces; typography kept;
 * - `cleanText`: for rules — NFKC, one kind of quote and dash, no invisible characters, single spaces;
 * - `tokens`: the comparison form — `cleanText`, lower case, diacritics folded, words of letters and
 *   digits only. Punctuation is dropped entirely, so typographic variants (curly vs straight quotes,
 *   `--` vs em dash) cannot change a hash; digits are kept, because they tell templated reports apart.
 */

import { smallWordSet } from './word-set.ts';

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u2035\u02BC\u0060\u00B4]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB]/g;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]|-{2,}/g;
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const SPACES = /[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g;
const COMBINING_MARKS = /\p{M}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;
/** Letters that Unicode does not decompose into a base letter and a mark. */
const UNDECOMPOSED: Record<string, string> = { ø: 'o', ł: 'l', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ı: 'i' };
const UNDECOMPOSED_RE = /[øłđßæœþı]/g;

// Unicode normalisation is the costly step: ASCII text (most of it, in English feeds) skips it.
const NON_ASCII = /[^\x00-\x7F]/;
/** Anything but printable ASCII: non-ASCII, control characters, tabs and line breaks. */
const NOT_PRINTABLE_ASCII = /[^\x20-\x7E]/;
/** What `cleanText` changes in ASCII text: backticks, `--`, runs of or unusual whitespace. */
const ASCII_TO_FOLD = /`|--|\s\s|[\t\n\r\f\v]/;
const ASCII_SPACES_TO_FOLD = /\s\s|[\t\n\r\f\v]/;
const NUMBERS = /\p{N}+/gu;

/** Characters XML 1.0 forbids (and DEL): an outlet's stray control bytes must not break the merged feed. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HAS_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF\uD800-\uDFFF]/;

/** The text without control characters and lone surrogates (what XML 1.0 cannot carry), nothing else changed. */
export function withoutControls(text: string): string {
  return HAS_CONTROL.test(text) ? text.replace(CONTROL, '') : text;
}

/**
 * Printable ASCII with single spaces (most lines of English feeds): `displayText` only trims it, and
 * `cleanAndTokens` told so skips two of its tests. Two quick scans, where the general tests take four.
 */
export function isPlainAscii(text: string): boolean {
  return !NOT_PRINTABLE_ASCII.test(text) && !text.includes('  ');
}

export function displayText(text: string): string {
  if (isPlainAscii(text)) return text.trim();
  if (HAS_CONTROL.test(text)) text = text.replace(CONTROL, '');
  if (!NON_ASCII.test(text)) return ASCII_SPACES_TO_FOLD.test(text) ? text.replace(SPACES, ' ').trim() : text.trim();
  return text.normalize('NFC').replace(INVISIBLE, '').replace(SPACES, ' ').trim();
}

export function cleanText(text: string): string {
  if (!NON_ASCII.test(text)) return cleanAscii(text);
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .replace(SPACES, ' ')
    .trim();
}

/** Lower-cased, diacritic-free words of letters and digits. */
export function tokens(text: string): string[] {
  return tokensOfClean(cleanText(text));
}

function cleanAscii(text: string): string {
  return ASCII_TO_FOLD.test(text) ? text.replace(SINGLE_QUOTES, "'").replace(DASHES, '-').replace(SPACES, ' ').trim() : text.trim();
}

/**
 * `cleanText` and `tokensOfClean` of one text, testing once whether it is ASCII (most lines of English
 * feeds are, and then Unicode normalisation is skipped: the tests themselves are a tenth of the work).
 * `plain`: the caller knows `isPlainAscii(text)` holds.
 */
export function cleanAndTokens(text: string, plain = false): { clean: string; words: string[] } {
  if (plain || !NOT_PRINTABLE_ASCII.test(text)) {
    // What `cleanAscii` tests for, where only spaces can be whitespace: three substring searches are
    // quicker than one alternation.
    const clean = (!plain && text.includes('  ')) || text.includes('--') || text.includes('`') ? cleanAscii(text) : text.trim();
    return { clean, words: asciiTokens(separateNumbers(clean)) };
  }
  if (NON_ASCII.test(text)) {
    const clean = cleanText(text);
    return { clean, words: tokensOfClean(clean) };
  }
  const clean = cleanAscii(text);
  return { clean, words: asciiTokens(separateNumbers(clean)) };
}

/** Thousands separators dropped and decimal points spelled, so that `1,500` and `1500` agree. */
function separateNumbers(clean: string): string {
  if (!DIGIT_PUNCT_DIGIT.test(clean)) return clean;
  if (THOUSANDS.test(clean)) clean = clean.replace(THOUSANDS_ALL, '$1');
  if (DECIMAL.test(clean)) clean = clean.replace(DECIMAL_ALL, '$1point');
  return clean;
}

function asciiTokens(clean: string): string[] {
  // A scan of char codes: two and a half times faster than `split(/[^a-z0-9]+/)`, which runs the regular
  // expression once per word.
  const lower = clean.toLowerCase();
  const parts: string[] = [];
  let start = -1;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      parts.push(lower.slice(start, i));
      start = -1;
    }
  }
  if (start >= 0) parts.push(lower.slice(start));
  return unifyNumbers(parts);
}

/** `tokens` of a text already through `cleanText`. */
export function tokensOfClean(clean: string): string[] {
  clean = separateNumbers(clean);
  if (!NON_ASCII.test(clean)) return asciiTokens(clean);
  const folded = clean
    .toLowerCase()
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(UNDECOMPOSED_RE, (c) => UNDECOMPOSED[c] ?? c)
    .normalize('NFC');
  return unifyNumbers(folded.match(WORD) ?? []);
}

/** `1.0842` is one number (`1point0842`): split at the point, 1.0842 and 1.0817 would share their `1`. */
/** What both number rewrites need: a digit, a comma or point, a digit (most lines have none). */
const DIGIT_PUNCT_DIGIT = /\d[,.]\d/;
const DECIMAL = /\d\.\d/;
const DECIMAL_ALL = /(\d)\.(?=\d)/g;
/** `1,000` is one number: the separator goes before the text is split into words. */
const THOUSANDS = /\d,\d{3}(?!\d)/;
const THOUSANDS_ALL = /(\d),(?=\d{3}(?!\d))/g;

const UNITS = new Map(
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'
    .split(' ')
    .map((w, i) => [w, i] as const),
);
const TENS = new Map('twenty thirty forty fifty sixty seventy eighty ninety'.split(' ').map((w, i) => [w, 20 + 10 * i] as const));
/** Scale suffixes glued to a number (`5m`, `2bn`): spelled out, as a desk's style guide may do. */
const SCALE_SUFFIX = new Map([
  ['m', 'million'],
  ['mn', 'million'],
  ['bn', 'billion'],
  ['k', 'thousand'],
  ['tn', 'trillion'],
]);
/** A number with a unit or scale glued to it (`5m`, `12km`, `3rd`): the number, then the rest. */
const NUMBER_WITH_SUFFIX = /^(\d+(?:point\d+)?)([a-z]+)$/;

const NUMBER_WORDS = smallWordSet([...UNITS.keys(), ...TENS.keys()]);

function isNumberWord(word: string): boolean {
  return NUMBER_WORDS.has(word);
}


/**
 * One form for each number, whatever a desk's house style: number words become digits (`twenty five` →
 * `25`, `three hundred` → `300`), a glued scale is spelled out (`5m` → `5 million`), a glued unit is
 * split off (`12km` → `12 km`, as `12 km` is written elsewhere), and `per cent` after
 * a number goes (`%` is punctuation, dropped already). Copies of a story then agree on their numbers, and
 * two texts whose numbers really differ still differ.
 */
export function unifyNumbers(words: string[]): string[] {
  let out: string[] | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const c = word.charCodeAt(0);
    const digitLed = c >= 48 && c <= 57;
    if (digitLed ? !isPerCent(words, i + 1) && !NUMBER_WITH_SUFFIX.test(word) : !isNumberWord(word)) {
      out?.push(word);
      continue;
    }
    out ??= words.slice(0, i);
    if (digitLed) {
      const m = NUMBER_WITH_SUFFIX.exec(word);
      if (m) out.push(m[1]!, SCALE_SUFFIX.get(m[2]!) ?? m[2]!);
      else out.push(word);
      if (isPerCent(words, i + 1)) i += words[i + 1] === 'per' ? 2 : 1;
      continue;
    }
    // A number written in words: "twenty five", "three hundred and two", "four thousand". Two numbers
    // side by side stay two ("of the three, two were rescued": punctuation is gone by now).
    const [value, next] = numberWords(words, i);
    out.push(String(value));
    i = next - 1;
    if (isPerCent(words, i + 1)) i += words[i + 1] === 'per' ? 2 : 1;
  }
  return out ?? words;
}

/** Below one hundred: a unit or teen, or tens optionally followed by a unit (1–9). */
function belowHundred(words: readonly string[], i: number): [number, number] | undefined {
  const tens = TENS.get(words[i] ?? '');
  if (tens !== undefined) {
    const unit = UNITS.get(words[i + 1] ?? '');
    return unit !== undefined && unit >= 1 && unit <= 9 ? [tens + unit, i + 2] : [tens, i + 1];
  }
  const unit = UNITS.get(words[i] ?? '');
  return unit === undefined ? undefined : [unit, i + 1];
}

/** Below a thousand: `n hundred [and] m`, or below one hundred. */
function belowThousand(words: readonly string[], i: number): [number, number] | undefined {
  const first = belowHundred(words, i);
  if (!first) return undefined;
  let [value, j] = first;
  if (words[j] === 'hundred' && value >= 1 && value <= 9) {
    value *= 100;
    j++;
    const rest = belowHundred(words, words[j] === 'and' ? j + 1 : j);
    if (rest) [value, j] = [value + rest[0], rest[1]];
  }
  return [value, j];
}

/** A number in words from `words[i]` (a number word): its value and the index after it. */
function numberWords(words: readonly string[], i: number): [number, number] {
  let [value, j] = belowThousand(words, i)!;
  if (words[j] === 'thousand') {
    value *= 1000;
    j++;
    const rest = belowThousand(words, words[j] === 'and' ? j + 1 : j);
    if (rest && rest[0] < 1000) [value, j] = [value + rest[0], rest[1]];
  }
  return [value, j];
}

function isPerCent(words: readonly string[], i: number): boolean {
  const w = words[i];
  return w === 'percent' || (w === 'per' && words[i + 1] === 'cent');
}

/** The comparison key of one line: its tokens joined by single spaces. */
export function lineKey(text: string): string {
  return tokens(text).join(' ');
}

/**
 * A line's shape: its comparison key, with numbers masked in short lines (`7 min read` → `# min read`,
 * a dateline). Longer lines keep their numbers: two templated reports differ in exactly those.
 */
export function lineShape(text: string): string {
  return shapeOfTokens(tokens(text));
}

export function shapeOfTokens(words: readonly string[]): string {
  const key = words.join(' ');
  return words.length <= SHAPE_MASK_MAX_WORDS ? key.replace(NUMBERS, '#') : key;
}

const SHAPE_MASK_MAX_WORDS = 8;
