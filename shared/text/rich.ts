/**
 * The canonical copy as readers see it: its paragraphs with their structure (headings, lists, quotes,
 * preformatted text), links, emphasis and images — only the lines dedup kept.
 *
 * Built from our own walk of the fragment (`extractRich`), never from the outlet's markup: every tag in
 * the result is one written here, every text escaped, every URL absolute http(s). The lines dedup
 * removed as boilerplate stay removed: a line is shown only if it is one of the kept paragraphs, in
 * order, and an image only if it stands before a kept line.
 */
import { escapeHtml, extractRich, type RichLine } from './extract.ts';

/**
 * The HTML body of a copy whose kept paragraphs are `paragraphs` (in order; the lede possibly without
 * its dateline), or undefined when the paragraphs cannot be found among the fragment's lines.
 */
export function richBody(html: string, baseUrl: string | undefined, paragraphs: readonly string[]): string | undefined {
  if (paragraphs.length === 0) return undefined;
  const { lines, rich, images } = extractRich(html, baseUrl);
  // Which line each kept paragraph is: the paragraphs are the lines dedup kept, in order; a lede that
  // lost its dateline is the end of its line (and is shown as plain text: its markup included the dateline).
  const shown = new Map<number, RichLine>();
  let next = 0;
  for (let i = 0; i < lines.length && next < paragraphs.length; i++) {
    const paragraph = paragraphs[next]!;
    const text = lines[i]!.text;
    if (text === paragraph) shown.set(i, rich[i]!);
    // Only the lede can have lost its start (a dateline), and only if no later line is it exactly.
    else if (next === 0 && text.endsWith(paragraph) && !lines.slice(i + 1).some((l) => l.text === paragraph)) shown.set(i, { ...rich[i]!, html: escapeHtml(paragraph) });
    else continue;
    next++;
  }
  if (next < paragraphs.length) return undefined;

  const out: string[] = [];
  let list: 'ul' | 'ol' | undefined;
  let quote = false;
  const closeList = () => {
    if (list) out.push(`</${list}>`);
    list = undefined;
  };
  const shownImages = new Set<string>();
  const imagesBefore = (index: number) => {
    for (const image of images) {
      if (image.before !== index || shownImages.has(image.src)) continue;
      shownImages.add(image.src);
      closeList();
      out.push(`<p><img src="${escapeHtml(image.src)}" alt="${escapeHtml(image.alt)}"></p>`);
    }
  };
  const indexes = [...shown.keys()];
  for (const index of indexes) {
    const line = shown.get(index)!;
    if (line.quote !== quote) {
      closeList();
      out.push(line.quote ? '<blockquote>' : '</blockquote>');
      quote = line.quote;
    }
    imagesBefore(index);
    if (line.kind === 'ul' || line.kind === 'ol') {
      if (list !== line.kind) {
        closeList();
        out.push(`<${line.kind}>`);
        list = line.kind;
      }
      out.push(`<li>${line.html}</li>`);
      continue;
    }
    closeList();
    // Consecutive preformatted lines stay one block: a `<br>` inside `<pre>` ends a line, and two
    // adjacent blocks read as one.
    if (line.kind === 'pre' && out.at(-1)?.endsWith('</pre>')) {
      out[out.length - 1] = `${out.at(-1)!.slice(0, -'</pre>'.length)}\n${line.html}</pre>`;
    } else {
      const tag = line.kind === 'h' ? 'h3' : line.kind === 'pre' ? 'pre' : 'p';
      out.push(`<${tag}>${line.html}</${tag}>`);
    }
  }
  // Images after the last line belong to the text only when that line was kept.
  if (indexes.at(-1) === lines.length - 1) imagesBefore(lines.length);
  closeList();
  if (quote) out.push('</blockquote>');
  return out.join('\n');
}
