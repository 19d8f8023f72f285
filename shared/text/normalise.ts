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
  if (THOUSANDS.test(clean)) clean = clean.replace(THOUSANDS_ALL, '$1');
  if (!NON_ASCII.test(clean)) {
    // split is faster than match here; drop the empty ends it leaves around leading/trailing punctuation
    const parts = clean.toLowerCase().split(ASCII_NON_WORD);
    if (parts[parts.length - 1] === '') parts.pop();
    if (parts[0] === '') parts.shift();
    return unifyNumbers(parts);
  }
  const folded = clean
    .toLowerCase()
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(UNDECOMPOSED_RE, (c) => UNDECOMPOSED[c] ?? c)
    .normalize('NFC');
  return unifyNumbers(folded.match(WORD) ?? []);
}

/** `1,000` is one number: the separator goes before the text is split into words. */
const THOUSANDS = /\d,\d{3}(?!\d)/;
const THOUSANDS_ALL = /(\d),(?=\d{3}(?!\d))/g;

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const MULTIPLIERS: Record<string, number> = { hundred: 100, thousand: 1000 };
/** Scale suffixes glued to a number (`5m`, `2bn`): spelled out, as a desk's style guide may do. */
const SCALE_SUFFIX: Record<string, string> = { m: 'million', mn: 'million', bn: 'billion', k: 'thousand', tn: 'trillion' };
const NUMBER_WITH_SUFFIX = /^(\d+)(m|mn|bn|k|tn)$/;

function isNumberWord(word: string): boolean {
  return UNITS[word] !== undefined || TENS[word] !== undefined;
}

/**
 * One form for each number, whatever a desk's house style: number words become digits (`twenty five` →
 * `25`, `three hundred` → `300`), a glued scale is spelled out (`5m` → `5 million`), and `per cent` after
 * a number goes (`%` is punctuation, dropped already). Copies of a story then agree on their numbers, and
 * two texts whose numbers really differ still differ.
 */
export function unifyNumbers(words: string[]): string[] {
  let out: string[] | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const c = word.charCodeAt(0);
    const digitLed = c >= 48 && c <= 57;
    if (digitLed ? !NUMBER_WITH_SUFFIX.test(word) && !isPerCent(words, i + 1) : !isNumberWord(word)) {
      out?.push(word);
      continue;
    }
    out ??= words.slice(0, i);
    if (digitLed) {
      const m = NUMBER_WITH_SUFFIX.exec(word);
      if (m) out.push(m[1]!, SCALE_SUFFIX[m[2]!]!);
      else out.push(word);
      if (isPerCent(words, i + 1)) i += words[i + 1] === 'per' ? 2 : 1;
      continue;
    }
    // A run of number words: units and tens add up, `hundred` and `thousand` multiply what precedes them.
    let total = 0;
    let current = 0;
    let j = i;
    for (; j < words.length; j++) {
      const w = words[j]!;
      if (UNITS[w] !== undefined) current += UNITS[w]!;
      else if (TENS[w] !== undefined) current += TENS[w]!;
      else if (MULTIPLIERS[w] !== undefined && j > i) {
        current = Math.max(1, current) * MULTIPLIERS[w]!;
        if (w === 'thousand') {
          total += current;
          current = 0;
        }
      } else if (w === 'and' && j > i && j + 1 < words.length && isNumberWord(words[j + 1]!)) continue;
      else break;
    }
    out.push(String(total + current));
    i = j - 1;
    if (isPerCent(words, i + 1)) i += words[i + 1] === 'per' ? 2 : 1;
  }
  return out ?? words;
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
