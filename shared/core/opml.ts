/**
 * OPML 2.0, the format feed readers import and export subscription lists in, as a second way to write
 * the outlet registry. Outlines with an `xmlUrl` are outlets (nested outlines, the readers' categories,
 * are walked); their title (else text) is the name and the id is derived from it. The rules are those
 * of the feeds file (config.ts), and so are the errors: one line, the file and the outline's line.
 */
import { Parser } from 'htmlparser2';
import { checkOutletUrl, ConfigError, lineColumn, outletIdProblem, type OutletRules } from './config.ts';
import type { Outlet } from './model.ts';

/**
 * Exported outlines carry the outlet's id in this namespace (`feedmerge:id`): OPML has no id, and an id
 * derived from the name again would not be the registry's whenever the two differ.
 */
export const FEEDMERGE_OPML_NAMESPACE = 'https://github.com/feedmerge/feedmerge#opml';
const ID_ATTRIBUTE = 'feedmerge:id';

export interface ImportedOutlet {
  readonly outlet: Outlet;
  /** The outline's line in the file. */
  readonly line: number;
  /** The id was derived from the name (or host), not read from `feedmerge:id`. */
  readonly derivedId: boolean;
  /** Lines of later outlines with the same feed (readers list a feed in several categories): one outlet. */
  readonly alsoOn: readonly number[];
}

interface Outline {
  readonly line: number;
  readonly name: string;
  readonly rawUrl: string;
  readonly id?: string;
}

/** Parses an OPML file into outlets, in document order. Throws a one-line ConfigError. */
export function parseOpml(text: string, source: string, rules: OutletRules = {}): ImportedOutlet[] {
  let root: { name: string; line: number } | undefined;
  const outlines: Outline[] = [];
  const parser = new Parser(
    {
      onopentag(tag, attributes) {
        const line = lineColumn(text, parser.startIndex).line;
        root ??= { name: tag, line };
        if (tag.toLowerCase() !== 'outline') return;
        // Readers differ in the case of attribute names (xmlUrl, xmlurl): any case is accepted.
        const attribute = (name: string): string =>
          (Object.entries(attributes).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] ?? '').trim();
        const rawUrl = attribute('xmlUrl');
        if (!rawUrl) return; // a category, or a link that is not a feed
        const id = attributes[ID_ATTRIBUTE]?.trim();
        outlines.push({ line, name: attribute('title') || attribute('text'), rawUrl, ...(id !== undefined ? { id } : {}) });
      },
    },
    { xmlMode: true },
  );
  parser.write(text);
  parser.end();

  if (!root) throw new ConfigError(`${source}:1: not an OPML file (no XML element in it)`);
  if (root.name.toLowerCase() !== 'opml') throw new ConfigError(`${source}:${root.line}: not an OPML file: the root element is <${root.name}>, not <opml>`);
  if (outlines.length === 0) throw new ConfigError(`${source}: no <outline> with an xmlUrl in it: no feeds to import`);

  const fail = (o: Outline, message: string): never => {
    throw new ConfigError(`${source}:${o.line}: outline ${JSON.stringify(o.name)}: ${message}`);
  };
  const byUrl = new Map<string, number>();
  const byId = new Map<string, number>();
  const alsoOn = new Map<string, number[]>();
  const checked = outlines.flatMap((o) => {
    if (!o.name) throw new ConfigError(`${source}:${o.line}: outline with xmlUrl ${JSON.stringify(o.rawUrl)} has no title or text (it names the outlet)`);
    const url = checkOutletUrl(o.rawUrl, undefined, rules);
    if (!url.ok) return fail(o, `xmlUrl ${JSON.stringify(o.rawUrl)}${url.kind === 'port' ? ':' : ''} ${url.reason}`);
    // The same feed in two categories is one outlet: the first outline names it, the others are noted.
    if (byUrl.has(url.url)) {
      alsoOn.get(url.url)!.push(o.line);
      return [];
    }
    byUrl.set(url.url, o.line);
    alsoOn.set(url.url, []);
    if (o.id !== undefined) {
      const problem = outletIdProblem(o.id);
      if (problem) fail(o, `${ID_ATTRIBUTE} ${JSON.stringify(o.id)} ${problem}`);
      const firstId = byId.get(o.id);
      if (firstId !== undefined) fail(o, `${ID_ATTRIBUTE} ${JSON.stringify(o.id)} is listed twice (first on line ${firstId})`);
      byId.set(o.id, o.line);
    }
    return [{ outline: o, url: url.url }];
  });
  // Given ids first, so that a derived one never takes an id the file gives to another outline.
  const taken = new Set(byId.keys());
  return checked.map(({ outline, url }) => {
    const id = outline.id ?? uniqueId(slug(outline.name) || slug(new URL(url).hostname.replace(/^www\./, '')) || 'outlet', taken);
    taken.add(id);
    return { outlet: { id, name: outline.name, url }, line: outline.line, derivedId: outline.id === undefined, alsoOn: alsoOn.get(url) ?? [] };
  });
}

/** An id from a name: lowercase ASCII letters and digits, dashes between words, at most 63 characters. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const id = `${base.slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(id)) return id;
  }
}

/** The outlets as an OPML 2.0 document: one `rss` outline each, with its id in `feedmerge:id`. */
export function renderOpml(outlets: readonly Outlet[], title: string): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<opml version="2.0" xmlns:feedmerge="${escapeXml(FEEDMERGE_OPML_NAMESPACE)}">`,
    '  <head>',
    `    <title>${escapeXml(title)}</title>`,
    '  </head>',
    '  <body>',
    ...outlets.map(
      (o) =>
        `    <outline type="rss" text="${escapeXml(o.name)}" title="${escapeXml(o.name)}" xmlUrl="${escapeXml(o.url)}" ${ID_ATTRIBUTE}="${escapeXml(o.id)}"/>`,
    ),
    '  </body>',
    '</opml>',
  ];
  return `${lines.join('\n')}\n`;
}

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/**
 * Text for XML content and attribute values. Tabs and line breaks become character references (an
 * attribute would read them back as spaces); other control characters cannot be written in XML 1.0.
 */
export function escapeXml(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"'\t\n\r]/g, (c) => XML_ESCAPES[c] ?? c);
}
