/**
 * Word classes the comparison needs: function words (no evidence of a story by themselves) and markers
 * (numbers, weekdays, months: what tells two templated reports apart). Words are comparison tokens
 * (normalise.ts `tokens`): lower case, numbers unified to digits.
 */

import { smallWordSet } from './word-set.ts';

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
