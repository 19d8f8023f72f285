/**
 * Membership in a small fixed set of short words, without hashing the word tested.
 *
 * Tokens are fresh strings: a `Set` lookup computes each one's hash first, and testing the ~700 tokens of
 * an article against the function words, the months and the number words was a tenth of the pure path.
 * Words are bucketed by first character and length; a test compares the word with the few of its bucket
 * (string comparison stops at the first differing character).
 */
export interface WordSet {
  has(word: string): boolean;
}

const MAX_LENGTH = 32;

export function smallWordSet(words: Iterable<string>): WordSet {
  // Dense from the start: an array written at scattered indices falls back to a dictionary in V8.
  const buckets: (string[] | undefined)[] = Array.from({ length: 128 * MAX_LENGTH }, () => undefined);
  let longest = 0;
  for (const word of words) {
    const first = word.charCodeAt(0);
    if (word.length === 0 || word.length >= MAX_LENGTH || first >= 128) throw new Error(`not a short ASCII word: ${JSON.stringify(word)}`);
    (buckets[first * MAX_LENGTH + word.length] ??= []).push(word);
    longest = Math.max(longest, word.length);
  }
  return {
    has(word: string): boolean {
      const n = word.length;
      if (n === 0 || n > longest) return false;
      const first = word.charCodeAt(0);
      if (first >= 128) return false;
      const bucket = buckets[first * MAX_LENGTH + n];
      if (bucket === undefined) return false;
      for (let i = 0; i < bucket.length; i++) if (bucket[i] === word) return true;
      return false;
    },
  };
}
