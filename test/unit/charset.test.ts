import { describe, expect, it } from 'vitest';
import { charsetFromContentType, decodeFeedBytes } from '../../shared/fetch/charset.ts';

const ascii = (s: string): Buffer => Buffer.from(s, 'latin1');
const bytes = (...parts: (string | readonly number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? ascii(p) : Buffer.from(p as number[]))));

// "Café Zürich" in ISO-8859-1: é = 0xE9, ü = 0xFC.
const LATIN1_BODY = ['<t>Caf', [0xe9], ' Z', [0xfc], 'rich</t>'] as const;
// "Привет" in windows-1251.
const CP1251_PRIVET = [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2];

describe('charsetFromContentType', () => {
  it.each([
    ['application/rss+xml; charset=utf-8', 'utf-8'],
    ['text/xml;charset=ISO-8859-1', 'ISO-8859-1'],
    ['text/xml; charset="windows-1251"', 'windows-1251'],
    ['text/xml; CHARSET = koi8-r; foo=bar', 'koi8-r'],
  ])('reads %s', (header, label) => {
    expect(charsetFromContentType(header)).toBe(label);
  });

  it('returns undefined without a charset', () => {
    expect(charsetFromContentType('application/xml')).toBeUndefined();
    expect(charsetFromContentType(undefined)).toBeUndefined();
    expect(charsetFromContentType(null)).toBeUndefined();
  });
});

describe('decodeFeedBytes', () => {
  it('decodes plain UTF-8 without any declaration', () => {
    const out = decodeFeedBytes(new TextEncoder().encode('<t>Caf\u00E9 \u2014 \u041F\u0440\u0438\u0432\u0435\u0442</t>'));
    expect(out).toEqual({ text: '<t>Caf\u00E9 \u2014 \u041F\u0440\u0438\u0432\u0435\u0442</t>', encoding: 'utf-8' });
  });

  it('honours a UTF-8 BOM over a header that says otherwise, and strips the BOM', () => {
    const out = decodeFeedBytes(bytes([0xef, 0xbb, 0xbf], '<t>', [0xc3, 0xa9], '</t>'), 'text/xml; charset=iso-8859-1');
    expect(out.encoding).toBe('utf-8');
    expect(out.text).toBe('<t>\u00E9</t>');
  });

  it('honours UTF-16 LE and BE byte-order marks', () => {
    expect(decodeFeedBytes(bytes([0xff, 0xfe], [0x3c, 0x00, 0xe9, 0x00]))).toEqual({ text: '<\u00E9', encoding: 'utf-16le' });
    expect(decodeFeedBytes(bytes([0xfe, 0xff], [0x00, 0x3c, 0x00, 0xe9]))).toEqual({ text: '<\u00E9', encoding: 'utf-16be' });
  });

  it('honours the header charset', () => {
    const out = decodeFeedBytes(bytes('<t>', CP1251_PRIVET, '</t>'), 'application/rss+xml; charset=windows-1251');
    expect(out).toEqual({ text: '<t>\u041F\u0440\u0438\u0432\u0435\u0442</t>', encoding: 'windows-1251' });
  });

  it('prefers the header charset over the XML declaration', () => {
    const out = decodeFeedBytes(bytes('<?xml version="1.0" encoding="ISO-8859-1"?><t>', CP1251_PRIVET, '</t>'), 'text/xml; charset=windows-1251');
    expect(out.encoding).toBe('windows-1251');
    expect(out.text).toContain('\u041F\u0440\u0438\u0432\u0435\u0442');
  });

  it('honours an XML declaration of ISO-8859-1', () => {
    const out = decodeFeedBytes(bytes('<?xml version="1.0" encoding="ISO-8859-1"?>', ...LATIN1_BODY));
    expect(out.text).toBe('<?xml version="1.0" encoding="ISO-8859-1"?><t>Caf\u00E9 Z\u00FCrich</t>');
    expect(out.encoding).toBe('windows-1252'); // the WHATWG name for the ISO-8859-1 label
  });

  it("honours an XML declaration of windows-1251 with single quotes", () => {
    const out = decodeFeedBytes(bytes("<?xml version='1.0' encoding='windows-1251'?><t>", CP1251_PRIVET, '</t>'));
    expect(out.text).toBe("<?xml version='1.0' encoding='windows-1251'?><t>\u041F\u0440\u0438\u0432\u0435\u0442</t>");
    expect(out.encoding).toBe('windows-1251');
  });

  it('falls through a header that claims UTF-8 on Latin-1 bytes to the XML declaration', () => {
    const out = decodeFeedBytes(bytes('<?xml version="1.0" encoding="ISO-8859-1"?>', ...LATIN1_BODY), 'application/rss+xml; charset=utf-8');
    expect(out.text).toContain('Caf\u00E9 Z\u00FCrich');
    expect(out.text).not.toContain('\uFFFD');
    expect(out.encoding).toBe('windows-1252');
  });

  it('falls back to windows-1252 for invalid UTF-8 without any declaration', () => {
    const out = decodeFeedBytes(bytes(...LATIN1_BODY));
    expect(out).toEqual({ text: '<t>Caf\u00E9 Z\u00FCrich</t>', encoding: 'windows-1252' });
  });

  it('ignores an unknown header label', () => {
    const out = decodeFeedBytes(bytes('<t>', [0xc3, 0xa9], '</t>'), 'text/xml; charset=x-no-such-charset');
    expect(out).toEqual({ text: '<t>\u00E9</t>', encoding: 'utf-8' });
  });

  it('ignores an unknown declared encoding and uses the next evidence', () => {
    const out = decodeFeedBytes(bytes('<?xml version="1.0" encoding="no-such-enc"?><t>', [0xc3, 0xa9], '</t>'));
    expect(out.encoding).toBe('utf-8');
    expect(out.text).toContain('<t>\u00E9</t>');
  });

  it('decodes an empty body', () => {
    expect(decodeFeedBytes(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
  });
});
