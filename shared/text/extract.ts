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
import { displayText } from './normalise.ts';

export interface TextLine {
  readonly text: string;
  /** Share of the line's characters that were inside `<a>` elements, 0..1. */
  readonly linkRatio: number;
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
  if (countTags(html) > MAX_TAGS) return crudeLines(html);
  // Plain text (no tags): its line breaks are the only structure it has.
  if (!HAS_TAG.test(html)) html = html.replace(/\r?\n/g, '<br>');
  const lines: TextLine[] = [];
  let text = '';
  let linkChars = 0;
  let skipDepth = 0;
  let linkDepth = 0;

  const endLine = (): void => {
    const cleaned = displayText(text);
    if (cleaned) lines.push({ text: cleaned, linkRatio: Math.min(1, linkChars / cleaned.length) });
    text = '';
    linkChars = 0;
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (skipDepth > 0) {
          if (!VOID.has(name)) skipDepth++;
          return;
        }
        if (SKIPPED.has(name)) {
          if (!VOID.has(name)) skipDepth = 1;
          return;
        }
        if (BLOCK.has(name)) endLine();
        if (name === 'a') linkDepth++;
      },
      ontext(data) {
        if (skipDepth > 0) return;
        text += data;
        if (linkDepth > 0) linkChars += data.trim().length;
      },
      onclosetag(name, isImplied) {
        if (skipDepth > 0) {
          if (!VOID.has(name)) skipDepth--;
          return;
        }
        if (name === 'a' && linkDepth > 0) linkDepth--;
        if (BLOCK.has(name) && !(isImplied && VOID.has(name))) endLine();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  endLine();
  return lines;
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
