import { describe, expect, it } from 'vitest';
import { cleanText, displayText, lineKey, lineShape, tokens } from '../../shared/text/normalise.ts';

describe('cleanText', () => {
  it('applies NFKC compatibility folding (ligatures, full-width letters, circled digits)', () => {
    expect(cleanText('\uFB01nance')).toBe('finance');
    expect(cleanText('\uFF21\uFF22\uFF23 \u2460')).toBe('ABC 1');
  });

  it('maps curly single and double quotes to straight ones', () => {
    expect(cleanText('\u201CIt\u2019s here,\u201D she said \u2018quietly\u2019.')).toBe('"It\'s here," she said \'quietly\'.');
    expect(cleanText('\u00ABbonjour\u00BB')).toBe('"bonjour"');
  });

  it('maps en dash, em dash, minus sign and "--" to one hyphen', () => {
    expect(cleanText('2019\u20132020')).toBe('2019-2020');
    expect(cleanText('yes \u2014 no')).toBe('yes - no');
    expect(cleanText('yes -- no')).toBe('yes - no');
    expect(cleanText('\u22125')).toBe('-5');
  });

  it('keeps a single hyphen as it is', () => {
    expect(cleanText('well-known')).toBe('well-known');
  });

  it('turns NBSP and other space characters into single ordinary spaces and trims', () => {
    expect(cleanText('\u00A0 a\u00A0\u00A0b\u2009c\u3000d\t\n e  ')).toBe('a b c d e');
  });

  it('removes zero-width characters, soft hyphens and BOMs', () => {
    expect(cleanText('\uFEFFin\u200Bfor\u200Cma\u200Dtion\u00AD\u2060')).toBe('information');
  });
});

describe('displayText', () => {
  it('keeps typography but removes invisible characters and collapses spaces', () => {
    expect(displayText(' \u201CIt\u2019s\u201D \u2014\u00A0ok\u200B ')).toBe('\u201CIt\u2019s\u201D \u2014 ok');
  });

  it('composes decomposed accents (NFC)', () => {
    expect(displayText('Cafe\u0301')).toBe('Caf\u00E9');
  });
});

describe('tokens', () => {
  it('lower-cases and drops punctuation', () => {
    expect(tokens('Hello, World! (Again?)')).toEqual(['hello', 'world', 'again']);
  });

  it('folds diacritics, precomposed or decomposed', () => {
    expect(tokens('Caf\u00E9 Z\u00FCrich na\u00EFve S\u00E3o Paulo')).toEqual(['cafe', 'zurich', 'naive', 'sao', 'paulo']);
    expect(tokens('Cafe\u0301')).toEqual(tokens('Caf\u00E9'));
    expect(tokens('\u00C9L\u00C8VE')).toEqual(['eleve']);
  });

  it('keeps digits, so numbers tell sentences apart', () => {
    expect(tokens('Turnout was 42.5% in 2024')).toEqual(['turnout', 'was', '42', '5', 'in', '2024']);
    expect(lineKey('The level rose 3 metres')).not.toBe(lineKey('The level rose 4 metres'));
  });

  it('is blind to typographic variants of the same sentence', () => {
    const curly = '\u201CWe\u2019re ready\u201D \u2014 the mayor\u2019s office said.';
    const straight = '"We\'re ready" -- the mayor\'s office said.';
    expect(tokens(curly)).toEqual(tokens(straight));
  });

  it('is blind to NBSP, zero-width characters and full-width forms', () => {
    expect(tokens('new\u00A0har\u200Bbour \uFF12\uFF10\uFF12\uFF14')).toEqual(['new', 'harbour', '2024']);
  });

  it('returns an empty list for punctuation-only text', () => {
    expect(tokens(' \u2014 \u2026 !! ')).toEqual([]);
    expect(tokens('')).toEqual([]);
  });

  it('keeps letters of non-Latin scripts', () => {
    expect(tokens('\u041F\u0440\u0438\u0432\u0435\u0442, \u043C\u0438\u0440!')).toEqual(['\u043F\u0440\u0438\u0432\u0435\u0442', '\u043C\u0438\u0440']);
  });
});

describe('lineKey', () => {
  it('joins tokens with single spaces', () => {
    expect(lineKey('  Read   MORE:  The\u00A0Story ')).toBe('read more the story');
  });
});

describe('lineShape', () => {
  it('masks every number', () => {
    expect(lineShape('7 Min Read')).toBe('# min read');
    expect(lineShape('Updated 12:30, 3 March 2024')).toBe('updated # # # march #');
  });

  it('gives the same shape to lines differing only in numbers, not to lines differing in words', () => {
    expect(lineShape('Get 3 issues for 9 pounds')).toBe(lineShape('Get 12 issues for 40 pounds'));
    expect(lineShape('Get 3 issues for 9 pounds')).not.toBe(lineShape('Get 3 issues for 9 euros'));
  });

  it('masks non-ASCII digits too (after NFKC)', () => {
    expect(lineShape('\uFF17 min read')).toBe('# min read');
  });
});
