/** Synthetic articles for the benchmarks: deterministic, ~5 KB of HTML each, wrapped in outlet boilerplate. */
import type { FeedItem } from '../shared/core/model.ts';

const WORDS = (
  'council budget vote river bridge harbour ferry rail strike union wages museum gallery drought reservoir rainfall ' +
  'minister report inquiry engineers contract school hospital patients doctors trial vaccine study results league ' +
  'transfer club season festival film award jury director audience market shares index investors bank rates inflation ' +
  'housing rents tenants police court judge witness evidence farmers harvest prices energy grid wind solar storage'
).split(' ');
const GLUE = 'the a of to in and said that with for on after before while by from at as'.split(' ');

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export function sentence(r: () => number): string {
  const n = 12 + Math.floor(r() * 14);
  const words = Array.from({ length: n }, (_, i) =>
    i % 3 === 1 ? GLUE[Math.floor(r() * GLUE.length)]! : r() < 0.08 ? String(Math.floor(r() * 2000)) : WORDS[Math.floor(r() * WORDS.length)]!,
  );
  const text = words.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/** An article of about 5 KB of HTML, wrapped the way a syndicating outlet wraps it. */
export function article(seed: number): FeedItem {
  const r = rng(seed);
  const paragraphs = Array.from({ length: 13 }, () => Array.from({ length: 3 }, () => sentence(r)).join(' '));
  const html = [
    '<p>Posted By : Bench Outlet</p>',
    `<p>${3 + (seed % 7)} Min Read</p>`,
    '<figure><img src="https://bench.example/p.jpg" alt=""><figcaption>File photo (AFP)</figcaption></figure>',
    ...paragraphs.slice(0, 4).map((p) => `<p>${p.replace(/ the /, ' <strong>the</strong> ')}</p>`),
    '<p>Read More: An unrelated headline about something else</p>',
    ...paragraphs.slice(4).map((p) => `<p>${p}</p>`),
    '<p>This article was produced by Bench Bureau to publish on Bench Outlet.</p>',
    '<p>Share This Article</p>',
  ].join('\n');
  return { guid: `bench-${seed}`, link: `https://bench.example/news/${seed}`, title: sentence(r).slice(0, 60), published: '2026-11-20T10:00:00.000Z', html };
}
