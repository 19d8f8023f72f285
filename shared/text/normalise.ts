/**
 * Text normalisation. Three levels:
 * - `displayText`: what readers see — NFC, no invisible characters, single spaces; typography kept;
 * - `cleanText`: for rules — NFKC, one kind of quote and dash, no invisible characters, single spaces;
 * - `tokens`: the comparison form — `cleanText`, lower case, diacritics folded, words of letters and
 *   digits only. Punctuation is dropped entirely, so typographic variants (curly vs straight quotes,
 *   `--` vs em dash) cannot change a hash; digits are kept, because they tell templated reports apart.
 */

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
/** What `cleanText` changes in ASCII text: backticks, `--`, runs of or unusual whitespace. */
const ASCII_TO_FOLD = /`|--|\s\s|[\t\n\r\f\v]/;
const ASCII_SPACES_TO_FOLD = /\s\s|[\t\n\r\f\v]/;
const ASCII_NON_WORD = /[^a-z0-9]+/;
const NUMBERS = /\p{N}+/gu;

export function displayText(text: string): string {
  if (!NON_ASCII.test(text)) return ASCII_SPACES_TO_FOLD.test(text) ? text.replace(SPACES, ' ').trim() : text.trim();
  return text.normalize('NFC').replace(INVISIBLE, '').replace(SPACES, ' ').trim();
}

export function cleanText(text: string): string {
  if (!NON_ASCII.test(text)) return ASCII_TO_FOLD.test(text) ? text.replace(SINGLE_QUOTES, "'").replace(DASHES, '-').replace(SPACES, ' ').trim() : text.trim();
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

/** `tokens` of a text already through `cleanText`. */
export function tokensOfClean(clean: string): string[] {
  if (!NON_ASCII.test(clean)) {
    // split is faster than match here; drop the empty ends it leaves around leading/trailing punctuation
    const parts = clean.toLowerCase().split(ASCII_NON_WORD);
    if (parts[parts.length - 1] === '') parts.pop();
    if (parts[0] === '') parts.shift();
    return parts;
  }
  const folded = clean
    .toLowerCase()
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(UNDECOMPOSED_RE, (c) => UNDECOMPOSED[c] ?? c)
    .normalize('NFC');
  return folded.match(WORD) ?? [];
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
