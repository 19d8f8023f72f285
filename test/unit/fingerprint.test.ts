import { describe, expect, it } from 'vitest';
import {
  MIN_BODY_WORDS,
  fingerprint,
  fingerprintFeed,
  itemKeyOf,
  rawHashOf,
  sha256,
  storyIdFor,
} from '../../shared/dedup/fingerprint.ts';
import { identifyDocument } from '../../shared/dedup/identity.ts';
import { extractLines } from '../../shared/text/extract.ts';
import type { FeedItem, ItemFingerprint } from '../../shared/core/model.ts';

// One invented wire story, three paragraphs, with typographic quotes, an em dash and an apostrophe.
const STORY = [
  'The harbour authority confirmed on Monday that the old ferry terminal will be demolished before the end of the summer. ' +
    'Engineers found that the pier\u2019s concrete supports had cracked beyond repair. ' +
    'A temporary pontoon will serve passengers from next month. The authority said the work would cost about 4.2 million pounds.',
  'Local businesses reacted with concern. \u201CWe depend on the tourists who come off those boats,\u201D said Maria Keane, who runs a caf\u00E9 near the quay. ' +
    'Several traders asked for compensation during the closure. The authority promised to meet them next week.',
  'Ferry operators said timetables would not change. The new terminal is due to open in two years \u2014 if planning permission is granted in time. ' +
    'Councillors will debate the application in October.',
];

const ANOTHER_STORY = [
  'A family of otters has been seen in the river below the old mill for the first time in forty years, wildlife volunteers said on Thursday. ' +
    'The animals were filmed by a camera trap set up by the local wildlife trust. Volunteers believe there are at least three cubs.',
  'The trust said cleaner water and new reed beds upstream had made the return possible. It asked walkers to keep dogs on leads near the bank.',
];

/** How "Harbour News" publishes it: kicker, byline, reading time, <p>s, a figure, teaser, share prompt, WordPress credit. */
function harbourItem(paragraphs: readonly string[], title = 'Ferry terminal to be demolished'): FeedItem {
  return {
    guid: 'harbour-101',
    link: 'https://harbour.example/news/ferry-terminal',
    title,
    published: '2024-05-06T08:00:00Z',
    html:
      `<p class="kicker">Local</p><p>Posted by: Jane Doe</p><p>7 Min Read</p>` +
      paragraphs.map((p) => `<p>${p.replace('Maria Keane', '<strong>Maria Keane</strong>')}</p>`).join('\n') +
      `<figure><img src="terminal.jpg"><figcaption>The old terminal at dawn.</figcaption></figure>` +
      `<p>Read More: Council approves new parking charges</p><p>Share this article</p>` +
      `<p>The post ${title} appeared first on Harbour News.</p>`,
  };
}

/** How "Valley Courier" republishes it: one <div> with <br><br>, straight quotes, "--", credit line, other headline. */
function valleyItem(paragraphs: readonly string[], title = 'Old ferry terminal will be torn down, harbour authority says'): FeedItem {
  const plain = (p: string) =>
    p.replace(/[\u201C\u201D]/g, '"').replace(/\u2019/g, "'").replace(' \u2014 ', ' -- ').replace('caf\u00E9', 'cafe&#769;');
  return {
    guid: 'https://valley.example/?p=9',
    link: 'https://valley.example/2024/05/ferry-terminal',
    title,
    html:
      `<div>Posted By : Valley Staff<br><br>` +
      paragraphs.map(plain).join('<br><br>') +
      `<br><br>Photo: Harbour Authority<br><br>This article was originally published by Harbour News.` +
      `<br><br><a href="/more">More local news</a></div><script>track('view')</script>`,
  };
}

function fingerprintOne(outlet: { id: string; name: string }, item: FeedItem, feed: readonly FeedItem[] = [item]): ItemFingerprint {
  const all = identifyDocument(feed);
  const wanted = all.filter((it) => it.item === item);
  const result = fingerprintFeed(outlet, all, wanted).fingerprints;
  expect(result.size).toBe(1);
  return [...result.values()][0]!;
}

const HARBOUR = { id: 'harbour', name: 'Harbour News' };
const VALLEY = { id: 'valley', name: 'Valley Courier' };
const noCtx = (title: string) => ({ title, otherTitles: new Set<string>(), recurring: new Set<string>() });

describe('contentHash', () => {
  it('is the same for one article syndicated by two outlets with different wrappers, markup, typography and headlines', () => {
    const a = fingerprintOne(HARBOUR, harbourItem(STORY));
    const b = fingerprintOne(VALLEY, valleyItem(STORY));
    expect(a.basis).toBe('body');
    expect(b.basis).toBe('body');
    expect(a.wordCount).toBe(b.wordCount);
    expect(a.contentHash).toBe(b.contentHash);
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
    // The wrappers really were removed, and the explainable record says so.
    expect(a.paragraphs).toHaveLength(3);
    expect(b.paragraphs).toHaveLength(3);
    expect(a.removed.map((r) => r.rule)).toEqual(expect.arrayContaining(['reading-time', 'read-more', 'share-prompt', 'credit']));
    expect(b.removed.map((r) => r.rule)).toEqual(expect.arrayContaining(['byline', 'caption', 'credit']));
  });

  it('differs for different articles wrapped the same way', () => {
    const a = fingerprintOne(HARBOUR, harbourItem(STORY));
    const b = fingerprintOne(HARBOUR, harbourItem(ANOTHER_STORY, 'Otters return to the river'));
    expect(a.basis).toBe('body');
    expect(b.basis).toBe('body');
    expect(a.contentHash).not.toBe(b.contentHash);
  });

  it('differs when one word of the body changes', () => {
    const edited = [STORY[0]!.replace('Monday', 'Tuesday'), STORY[1]!, STORY[2]!];
    expect(fingerprintOne(HARBOUR, harbourItem(edited)).contentHash).not.toBe(fingerprintOne(HARBOUR, harbourItem(STORY)).contentHash);
  });

  it('differs for templated reports that differ only in their numbers', () => {
    const report = (level: string, change: string, hour: string) =>
      `<p>The river level at Mill Bridge was ${level} metres at ${hour} this morning, ${change} metres below the flood warning threshold. ` +
      `The Environment Office will publish its next reading at noon. Residents near the bank should keep watching the official updates.</p>`;
    const monday: FeedItem = { guid: 'r-1', title: 'River level report', html: report('2.4', '0.3', '6') };
    const tuesday: FeedItem = { guid: 'r-2', title: 'River level report', html: report('2.6', '0.1', '6') };
    const a = fingerprint('river', 'guid:r-1', monday, extractLines(monday.html), noCtx(monday.title));
    const b = fingerprint('river', 'guid:r-2', tuesday, extractLines(tuesday.html), noCtx(tuesday.title));
    expect(a.basis).toBe('body');
    expect(b.basis).toBe('body');
    expect(a.contentHash).not.toBe(b.contentHash);
  });

  // Note: inside one outlet's feed, these short templated lines recur (numbers masked) in every item, so the
  // recurrence rule removes them all and each report falls back to basis 'item': they stay apart, but such
  // reports can never merge across outlets. A design limit rather than a bug; the test pins "kept apart".
  it('keeps templated reports apart inside one feed too (fingerprintFeed)', () => {
    const report = (n: number): FeedItem => ({
      guid: `r-${n}`,
      title: `River level report ${n}`,
      html:
        `<p>The river level at Mill Bridge was 2.${n} metres at six this morning, 0.${9 - n} metres below the flood warning threshold.</p>` +
        `<p>The Environment Office will publish its next reading at noon, and again at six in the evening, as usual.</p>`,
    });
    const feed = [1, 2, 3, 4].map(report);
    const all = identifyDocument(feed);
    const hashes = new Set([...fingerprintFeed({ id: 'river', name: 'River Watch' }, all, all).fingerprints.values()].map((f) => f.contentHash));
    expect(hashes.size).toBe(4);
  });

  it('does not depend on the outlet when the body is long enough', () => {
    const item = harbourItem(STORY);
    const lines = extractLines(item.html);
    const ctx = noCtx(item.title);
    expect(fingerprint('a', 'guid:1', item, lines, ctx).contentHash).toBe(fingerprint('b', 'guid:2', item, lines, ctx).contentHash);
  });
});

describe('short and empty bodies', () => {
  const short: FeedItem = { guid: 'x-1', link: 'https://x.example/1', title: 'Breaking: ferry cancelled', html: '<p>Ferry services are cancelled today.</p>' };
  const empty: FeedItem = { guid: 'x-2', title: 'Headline only', html: '' };

  it('fingerprints a body under MIN_BODY_WORDS by the item, not the body', () => {
    const f = fingerprint('harbour', 'guid:x-1', short, extractLines(short.html), noCtx(short.title));
    expect(f.wordCount).toBeLessThan(MIN_BODY_WORDS);
    expect(f.basis).toBe('item');
  });

  it('gives an empty body basis "item" with wordCount 0', () => {
    const f = fingerprint('harbour', 'guid:x-2', empty, extractLines(empty.html), noCtx(empty.title));
    expect(f.basis).toBe('item');
    expect(f.wordCount).toBe(0);
    expect(f.paragraphs).toEqual([]);
  });

  it('makes item-based hashes unique per outlet and per identity', () => {
    const lines = extractLines(short.html);
    const ctx = noCtx(short.title);
    const h = (outlet: string, identity: string) => fingerprint(outlet, identity, short, lines, ctx).contentHash;
    expect(h('harbour', 'guid:x-1')).not.toBe(h('valley', 'guid:x-1'));
    expect(h('harbour', 'guid:x-1')).not.toBe(h('harbour', 'guid:x-9'));
    expect(h('harbour', 'guid:x-1')).toBe(h('harbour', 'guid:x-1'));
  });

  it('does not merge two outlets carrying the same short teaser', () => {
    const a = fingerprintOne(HARBOUR, short);
    const b = fingerprintOne(VALLEY, { ...short });
    expect(a.basis).toBe('item');
    expect(a.contentHash).not.toBe(b.contentHash);
  });

  it('treats a body with exactly MIN_BODY_WORDS words as a body', () => {
    const words = Array.from({ length: MIN_BODY_WORDS }, (_, i) => `word${String.fromCharCode(97 + i)}`).join(' ');
    const item: FeedItem = { guid: 'w', title: 'Words', html: `<p>${words}.</p>` };
    const f = fingerprint('o', 'guid:w', item, extractLines(item.html), noCtx(item.title));
    expect(f.wordCount).toBe(MIN_BODY_WORDS);
    expect(f.basis).toBe('body');
    const fewer: FeedItem = { ...item, html: `<p>${words.split(' ').slice(1).join(' ')}.</p>` };
    expect(fingerprint('o', 'guid:w', fewer, extractLines(fewer.html), noCtx(item.title)).basis).toBe('item');
  });
});

describe('rawHashOf', () => {
  const item: FeedItem = { guid: 'g', link: 'https://x.example/1', title: 'Title', published: '2024-05-06T08:00:00Z', html: '<p>Body</p>' };

  it('is stable for the same item', () => {
    expect(rawHashOf({ ...item })).toBe(rawHashOf(item));
  });

  it('changes when the title, body, link or date changes', () => {
    const h = rawHashOf(item);
    expect(rawHashOf({ ...item, title: 'Title (updated)' })).not.toBe(h);
    expect(rawHashOf({ ...item, html: '<p>Body, corrected</p>' })).not.toBe(h);
    expect(rawHashOf({ ...item, link: 'https://x.example/2' })).not.toBe(h);
    expect(rawHashOf({ ...item, published: '2024-05-07T08:00:00Z' })).not.toBe(h);
  });

  it('does not let field boundaries shift (title "ab" + body "c" vs title "a" + body "bc")', () => {
    expect(rawHashOf({ title: 'ab', html: 'c' })).not.toBe(rawHashOf({ title: 'a', html: 'bc' }));
  });

  it('is reflected in the fingerprint', () => {
    const f = fingerprint('o', 'guid:g', item, extractLines(item.html), noCtx(item.title));
    expect(f.rawHash).toBe(rawHashOf(item));
    expect(f.itemKey).toBe(itemKeyOf('guid:g'));
  });
});

describe('helpers', () => {
  it('sha256 is hex SHA-256 of UTF-8', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('\u00E9')).not.toBe(sha256('e\u0301'));
  });

  it('storyIdFor takes the first 24 hex digits of the content hash', () => {
    const h = sha256('x');
    expect(storyIdFor(h)).toBe(h.slice(0, 24));
    expect(storyIdFor(h)).toHaveLength(24);
  });
});

describe('fingerprintFeed', () => {
  it('uses the other titles of the feed to drop injected teasers', () => {
    const teaserTitle = 'Council approves new harbour parking charges';
    const other: FeedItem = { guid: 'h-2', title: teaserTitle, html: '<p>Some other article body that is long enough to count as prose here.</p>' };
    const item: FeedItem = {
      guid: 'h-1',
      title: 'Ferry terminal to be demolished',
      html: STORY.map((p, i) => (i === 1 ? `<p>${p}</p><p>${teaserTitle}</p>` : `<p>${p}</p>`)).join(''),
    };
    const f = fingerprintOne(HARBOUR, item, [item, other]);
    expect(f.removed).toContainEqual({ text: teaserTitle, rule: 'other-title' });
    expect(f.paragraphs).toEqual(STORY);
  });

  it('removes the outlet\u2019s recurring template lines across its items', () => {
    // Mid-article, so that only recurrence (not its position) can tell it is the outlet's.
    const promo = (n: number) => `<p>Subscribers get ${n} issues for ${n * 2} pounds</p>`;
    const items: FeedItem[] = [STORY, ANOTHER_STORY, [STORY[2]!, STORY[1]!], [ANOTHER_STORY[1]!, ANOTHER_STORY[0]!]].map((paras, n) => ({
      guid: `h-${n}`,
      title: `Title ${n}`,
      html: paras.map((p, i) => `<p>${p}</p>${i === 0 ? promo(n + 3) : ''}`).join(''),
    }));
    const f = fingerprintOne(HARBOUR, items[0]!, items);
    expect(f.removed).toContainEqual({ text: 'Subscribers get 3 issues for 6 pounds', rule: 'recurring' });
    expect(f.paragraphs).toEqual(STORY);
  });

  it('fingerprints only the wanted items', () => {
    const items = [harbourItem(STORY), { ...harbourItem(ANOTHER_STORY, 'Otters'), guid: 'harbour-102', link: 'https://harbour.example/news/otters' }];
    const all = identifyDocument(items);
    const out = fingerprintFeed(HARBOUR, all, [all[1]!]).fingerprints;
    expect([...out.keys()]).toEqual([all[1]!.itemKey]);
  });
});
