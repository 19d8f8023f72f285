/**
 * A deterministic synthetic world for the pipeline benchmark: N outlets × M items, about half of the
 * stories carried by 2–8 outlets, each item ~5 KB of HTML in its outlet's own wrapper (byline, "Read
 * More" teaser, share line), copies published minutes to hours after the first. Made-up words, so no
 * two stories share text by accident.
 */
import { escapeXml, gibberish, headline } from '../test/fixtures/hostile.ts';

export interface WorldItem {
  readonly storyId: string;
  readonly guid: string;
  readonly link: string;
  readonly title: string;
  readonly published: Date;
  readonly html: string;
}

export interface World {
  readonly outletIds: string[];
  /** Each outlet's items, newest first. */
  readonly feeds: Map<string, WorldItem[]>;
  readonly stories: number;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const T0 = Date.UTC(2026, 10, 1);

/** The text of a story: 12 paragraphs of 5 made-up sentences (~5 KB of HTML once wrapped). */
function paragraphs(storyId: string): string[] {
  return Array.from({ length: 12 }, (_, p) => {
    const words = gibberish(`${storyId}:${p}`, 60);
    const sentences = Array.from({ length: 5 }, (_, s) => words.slice(s * 12, s * 12 + 12).join(' '));
    return sentences.map((s) => `${s[0]!.toUpperCase()}${s.slice(1)}.`).join(' ');
  });
}

function wrap(outletId: string, storyId: string, teaser: string): string {
  const body = paragraphs(storyId).map((p) => `<p>${p}</p>`);
  body.splice(4, 0, `<p><a href="https://${outletId}.example/more">Read More: ${escapeXml(teaser)}</a></p>`);
  return [`<p>Posted By : ${outletId}</p>`, ...body, '<p>Share This Article</p>'].join('\n');
}

export function syntheticWorld(outlets: number, itemsPerOutlet: number, seed = 1): World {
  const r = rng(seed);
  const outletIds = Array.from({ length: outlets }, (_, i) => `outlet-${String(i).padStart(4, '0')}`);
  const feeds = new Map(outletIds.map((id) => [id, [] as WorldItem[]]));
  let story = 0;
  let cursor = 0;
  while ([...feeds.values()].some((items) => items.length < itemsPerOutlet)) {
    const storyId = `s${seed}-${story++}`;
    const carriers = r() < 0.5 ? 1 : 2 + Math.floor(r() * 7);
    const title = headline(storyId, 6);
    const first = T0 + story * 7 * 60_000;
    // The next outlets with room, from a rotating start: copies spread over every outlet.
    const chosen: string[] = [];
    for (let k = 0; k < outlets && chosen.length < carriers; k++) {
      const id = outletIds[(cursor + k) % outlets]!;
      if (feeds.get(id)!.length < itemsPerOutlet) chosen.push(id);
    }
    cursor = (cursor + 1 + Math.floor(r() * 3)) % outlets;
    chosen.forEach((outletId, n) => {
      feeds.get(outletId)!.push({
        storyId,
        guid: `${outletId}:${storyId}`,
        link: `https://${outletId}.example/news/${storyId}`,
        title: n === 0 ? title : `${title} - ${outletId}`,
        published: new Date(first + n * Math.floor(5 + r() * 240) * 60_000),
        html: wrap(outletId, storyId, headline(`${storyId}:teaser`, 5)),
      });
    });
  }
  for (const items of feeds.values()) items.sort((a, b) => b.published.getTime() - a.published.getTime());
  return { outletIds, feeds, stories: story };
}

/** New stories for `share` of the items of a world (each carried by one to three outlets), as a later cycle brings. */
export function addNewItems(world: World, share: number, seed = 2): number {
  const r = rng(seed);
  const total = [...world.feeds.values()].reduce((n, items) => n + items.length, 0);
  const wanted = Math.round(total * share);
  let added = 0;
  for (let s = 0; added < wanted; s++) {
    const storyId = `new${seed}-${s}`;
    const carriers = Math.min(wanted - added, 1 + Math.floor(r() * 3));
    const title = headline(storyId, 6);
    for (let n = 0; n < carriers; n++) {
      const outletId = world.outletIds[Math.floor(r() * world.outletIds.length)]!;
      world.feeds.get(outletId)!.unshift({
        storyId,
        guid: `${outletId}:${storyId}`,
        link: `https://${outletId}.example/news/${storyId}`,
        title,
        published: new Date(Date.UTC(2026, 10, 30) + s * 60_000 + n * 600_000),
        html: wrap(outletId, storyId, headline(`${storyId}:teaser`, 5)),
      });
      added++;
    }
  }
  return added;
}

export function rssOf(outletId: string, items: readonly WorldItem[]): string {
  const entries = items.map(
    (it) =>
      `<item><title>${escapeXml(it.title)}</title><link>${it.link}</link><guid isPermaLink="false">${it.guid}</guid>` +
      `<pubDate>${it.published.toUTCString()}</pubDate><description>${escapeXml(it.html)}</description></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${outletId}</title><link>https://${outletId}.example/</link>${entries.join('\n')}</channel></rss>`;
}
