/**
 * HTML fragment → lines of text.
 *
 * Feed bodies are fragments, not pages, so page-scoring extractors (Readability) are the wrong tool:
 * we keep the fragment's own block structure. Every block element and every `<br>` ends a line;
 * elements that never carry article text (scripts, figures and their captions, asides, forms) are
 * skipped whole. Each line remembers how much of its text sat inside links, so that link-only lines
 * ("Read more" teasers pointing to other stories) can be recognised as navigation.
 */
import { Parser } from 'htmlparser2';
import { displayText, isPlainAscii, withoutControls } from './normalise.ts';
import { httpUrl } from './links.ts';

export interface TextLine {
  readonly text: string;
  /** Share of the line's characters that were inside `<a>` elements, 0..1. */
  readonly linkRatio: number;
  /** The text is printable ASCII with single spaces (normalise.ts `isPlainAscii`): spares a test later. */
  readonly plain?: boolean;
}

const BLOCK = new Set([
  'address', 'article', 'blockquote', 'body', 'br', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'li', 'main',
  'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

const SKIPPED = new Set([
  'aside', 'audio', 'button', 'canvas', 'embed', 'figcaption', 'figure', 'form', 'head', 'iframe', 'img',
  'input', 'map', 'math', 'nav', 'noscript', 'object', 'picture', 'script', 'select', 'style', 'svg',
  'template', 'textarea', 'title', 'video',
]);

/** Void elements never get a close event that balances an open one in our depth counting. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

const HAS_TAG = /<[a-zA-Z!/]/;

/** Beyond this many tags a fragment is not an article but an attack (deep nesting is slow to parse). */
const MAX_TAGS = 20_000;

export function extractLines(html: string): TextLine[] {
  return walk(html).lines;
}

/** What a rich line is, for rendering: a paragraph, a heading, a list item, preformatted text. */
export type RichKind = 'p' | 'h' | 'ul' | 'ol' | 'pre';

export interface RichLine {
  readonly kind: RichKind;
  /** Inside a `<blockquote>`. */
  readonly quote: boolean;
  /**
   * The line's inline markup, rebuilt: its text escaped, links (absolute http(s), resolved against the
   * base URL) and emphasis; nothing else of the source survives.
   */
  readonly html: string;
}

export interface RichImage {
  /** Absolute http(s) URL. */
  readonly src: string;
  readonly alt: string;
  /** The index of the line it stands before (the number of lines before it). */
  readonly before: number;
}

export interface RichText {
  /** Exactly the lines `extractLines` gives for the same fragment. */
  readonly lines: readonly TextLine[];
  /** One per line, same order. */
  readonly rich: readonly RichLine[];
  readonly images: readonly RichImage[];
}

/**
 * The same lines as `extractLines`, each with its structure and inline markup, and the images between
 * them: what the merged feed shows of a canonical copy. The line boundaries are the very same (one walk),
 * so a line that dedup dropped as boilerplate can be dropped here by its index.
 */
export function extractRich(html: string, baseUrl?: string): RichText {
  const base = baseUrl && /^https?:\/\//i.test(baseUrl) ? baseUrl : undefined;
  const out = walk(html, { base });
  return { lines: out.lines, rich: out.rich ?? [], images: out.images ?? [] };
}

/** Inline elements kept in rich lines, as what they become. */
const INLINE: Record<string, string> = { a: 'a', em: 'em', i: 'em', strong: 'strong', b: 'strong', code: 'code' };
/** Elements whose images are the article's (figures), though their text is not. */
const IMAGE_HOLDERS = new Set(['figure', 'picture']);

interface Collector {
  readonly base: string | undefined;
}

function walk(html: string, collect?: Collector): { lines: TextLine[]; rich?: RichLine[]; images?: RichImage[] } {
  if (countTags(html) > MAX_TAGS) {
    const lines = crudeLines(html);
    return collect ? { lines, rich: lines.map((l) => ({ kind: 'p', quote: false, html: escapeHtml(l.text) })), images: [] } : { lines };
  }
  // Plain text (no tags): its line breaks are the only structure it has.
  if (!HAS_TAG.test(html)) html = html.replace(/\r?\n/g, '<br>');
  const lines: TextLine[] = [];
  let text = '';
  let linkChars = 0;
  let skipDepth = 0;
  let linkDepth = 0;
  // Rich collection only (`collect`): the line's markup, the inline elements open, where the line sits.
  const rich: RichLine[] = [];
  const images: RichImage[] = [];
  let markup = '';
  let skipHoldsImages = false;
  /** Open inline elements: their opening tag (to reopen on the next line) and closing tag; undefined: dropped. */
  const inline: Array<{ readonly open: string; readonly close: string } | undefined> = [];
  const lists: string[] = [];
  let items = 0;
  let quotes = 0;
  let heading = 0;
  let pre = 0;

  const endLine = (): void => {
    const plain = isPlainAscii(text);
    const cleaned = plain ? text.trim() : displayText(text);
    if (cleaned) {
      lines.push({ text: cleaned, linkRatio: Math.min(1, linkChars / cleaned.length), plain });
      if (collect) {
        const closers = inline.map((t) => t?.close ?? '').reverse().join('');
        const kind: RichKind = heading > 0 ? 'h' : pre > 0 ? 'pre' : items > 0 ? ((lists.at(-1) ?? 'ul') as RichKind) : 'p';
        const html = withoutControls(`${markup}${closers}`);
        // Preformatted text keeps its line breaks and indentation (a results table, a poem); elsewhere
        // whitespace is one space, as a browser shows it.
        rich.push({ kind, quote: quotes > 0, html: kind === 'pre' ? html.replace(/\r\n?/g, '\n').replace(/^\s*\n|\s+$/g, '') : html.replace(/\s+/g, ' ').trim() });
      }
    }
    text = '';
    linkChars = 0;
    // Inline elements still open go on into the next line.
    if (collect) markup = inline.map((t) => t?.open ?? '').join('');
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (collect && name === 'img' && (skipDepth === 0 || skipHoldsImages)) {
          // Lazy-loading pages put a placeholder in src and the picture in data-src: the first that is http(s).
          const src = httpUrl(attribs.src ?? '', collect.base) ?? httpUrl(attribs['data-src'] ?? '', collect.base);
          if (src && !isPixel(attribs)) images.push({ src, alt: displayText(attribs.alt ?? ''), before: lines.length });
          return;
        }
        if (skipDepth > 0) {
          if (!VOID.has(name)) skipDepth++;
          return;
        }
        if (SKIPPED.has(name)) {
          if (!VOID.has(name)) {
            skipDepth = 1;
            skipHoldsImages = IMAGE_HOLDERS.has(name);
          }
          return;
        }
        if (BLOCK.has(name)) endLine();
        if (name === 'a') linkDepth++;
        if (!collect) return;
        if (name === 'ul' || name === 'ol') lists.push(name);
        else if (name === 'li') items++;
        else if (name === 'blockquote') quotes++;
        else if (/^h[1-6]$/.test(name)) heading++;
        else if (name === 'pre') pre++;
        const tag = INLINE[name];
        if (tag) {
          // A link inside a link (invalid, but fed) keeps its text and loses its target.
          const nested = tag === 'a' && inline.some((t) => t?.close === '</a>');
          const href = tag === 'a' && !nested ? httpUrl(attribs.href ?? '', collect.base) : undefined;
          const open = tag !== 'a' ? `<${tag}>` : href ? `<a href="${escapeHtml(href)}">` : undefined;
          inline.push(open ? { open, close: `</${tag}>` } : undefined);
          markup += open ?? '';
        }
      },
      ontext(data) {
        if (skipDepth > 0) return;
        text += data;
        if (linkDepth > 0) linkChars += data.trim().length;
        if (collect) markup += escapeHtml(data);
      },
      onclosetag(name, isImplied) {
        if (skipDepth > 0) {
          if (!VOID.has(name)) skipDepth--;
          return;
        }
        if (name === 'a' && linkDepth > 0) linkDepth--;
        if (collect && INLINE[name] && inline.length > 0) markup += inline.pop()?.close ?? '';
        if (BLOCK.has(name) && !(isImplied && VOID.has(name))) endLine();
        // The line just ended was inside the element: its structure is left only now.
        if (collect) {
          if ((name === 'ul' || name === 'ol') && lists.length > 0) lists.pop();
          else if (name === 'li' && items > 0) items--;
          else if (name === 'blockquote' && quotes > 0) quotes--;
          else if (/^h[1-6]$/.test(name) && heading > 0) heading--;
          else if (name === 'pre' && pre > 0) pre--;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  endLine();
  return collect ? { lines, rich, images } : { lines };
}

/** A tracking pixel: an image one or two pixels wide or high (readers would load the outlet's counter). */
function isPixel(attribs: Record<string, string>): boolean {
  const size = (v: string | undefined) => (v === undefined ? Number.NaN : Number.parseInt(v, 10));
  return size(attribs.width) <= 2 || size(attribs.height) <= 2;
}

/** Text as HTML text or attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function countTags(html: string): number {
  let n = 0;
  for (let i = html.indexOf('<'); i !== -1 && n <= MAX_TAGS; i = html.indexOf('<', i + 1)) n++;
  return n;
}

/** Linear fallback for hostile markup: every tag ends a line, nothing is decoded. */
function crudeLines(html: string): TextLine[] {
  return html
    .split(/<[^>]*>/)
    .map((text) => displayText(text))
    .filter((text) => text !== '')
    .map((text) => ({ text, linkRatio: 0 }));
}
