/**
 * Bytes → text, honouring the feed's declared character set.
 *
 * Order of evidence: a byte-order mark; the HTTP `Content-Type` charset; the XML declaration's
 * `encoding`; UTF-8. A declared UTF-8 that is not valid UTF-8 (a server's default header in front of
 * a Latin-1 file is common) falls through to the next declaration; windows-1252, which decodes any
 * byte, is the last resort. Node's TextDecoder (full ICU) knows the WHATWG encodings.
 */

const XML_DECLARATION = /^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;

export interface DecodedText {
  readonly text: string;
  /** The encoding actually used (WHATWG name). */
  readonly encoding: string;
}

export function charsetFromContentType(contentType: string | null | undefined): string | undefined {
  const match = contentType?.match(/charset\s*=\s*"?([^";\s]+)"?/i);
  return match?.[1];
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

function declaredXmlEncoding(bytes: Uint8Array): string | undefined {
  // The declaration is ASCII in every ASCII-compatible encoding; 200 bytes is more than it takes.
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  return head.match(XML_DECLARATION)?.[1];
}

function tryDecode(bytes: Uint8Array, label: string): DecodedText | undefined {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    return undefined; // unknown label
  }
  try {
    return { text: fixWindows1252(decoder.decode(bytes), decoder.encoding), encoding: decoder.encoding };
  } catch {
    return undefined; // not valid in that encoding
  }
}

/**
 * windows-1252's bytes 0x80–0x9F are curly quotes, dashes, €, ™…; Node 20.18.3+ decodes them as the C1
 * control characters of Latin-1 (nodejs/node#56542). ISO-8859-1 and latin1 labels mean windows-1252 in
 * the WHATWG Encoding standard, so every such decode is mapped back here.
 */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const C1 = /[\u0080-\u009f]/g;

function fixWindows1252(text: string, encoding: string): string {
  if (encoding !== 'windows-1252' || !C1.test(text)) return text;
  return text.replace(C1, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

export function decodeFeedBytes(bytes: Uint8Array, contentType?: string | null): DecodedText {
  const candidates = [bomEncoding(bytes), charsetFromContentType(contentType), declaredXmlEncoding(bytes), 'utf-8'];
  for (const label of candidates) {
    if (!label) continue;
    const decoded = tryDecode(bytes, label);
    if (decoded) return decoded;
  }
  const fallback = new TextDecoder('windows-1252');
  return { text: fixWindows1252(fallback.decode(bytes), fallback.encoding), encoding: fallback.encoding };
}
