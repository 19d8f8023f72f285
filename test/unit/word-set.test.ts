import { describe, expect, it } from 'vitest';
import { smallWordSet } from '../../shared/text/word-set.ts';

describe('smallWordSet', () => {
  const set = smallWordSet(['the', 'that', 'then', 'than', 'a', 'ninety']);

  it('holds its words, and only those (same first letter and length included)', () => {
    for (const w of ['the', 'that', 'then', 'than', 'a', 'ninety']) expect(set.has(w)).toBe(true);
    for (const w of ['thy', 'thin', 'this', 'an', 'ninetyone', 'nine', 'The', '', 'thé', 'é', 'x'.repeat(100)]) expect(set.has(w)).toBe(false);
  });

  it('answers for a word built at run time (not the literal it was given)', () => {
    expect(set.has(['th', 'en'].join(''))).toBe(true);
  });

  it('refuses to hold what it cannot bucket: empty, long or non-ASCII words', () => {
    expect(() => smallWordSet([''])).toThrow(/not a short ASCII word/);
    expect(() => smallWordSet(['é'])).toThrow(/not a short ASCII word/);
    expect(() => smallWordSet(['x'.repeat(40)])).toThrow(/not a short ASCII word/);
  });
});
