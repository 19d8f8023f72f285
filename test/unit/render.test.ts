import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import type { CopyRecord, StoryRecord } from '../../shared/core/model.ts';
import { delayText, escapeHtml, feedUrls, headlineOf, otherCopies, renderFeeds, safeBody, storyGuid, utcMinute, type FeedEntry, type FeedMeta } from '../../shared/publish/render.ts';

const META: FeedMeta = {
  title: 'Valley Digest',
  description: 'One item per story.',
  baseUrl: 'https://feeds.example/',
  outletFeeds: new Map([
    ['harbour', 'https://harbour.example/feed.xml'],
    ['valley', 'https://valley.example/rss'],
    ['coast', 'https://coast.example/atom.xml'],
  ]),
};

function copy(storyId: string, outletId: string, outletName: string, published: string, firstSeen: string, extra: Partial<CopyRecord> = {}): CopyRecord {
  return {
    storyId,
    outletId,
    outletName,
    itemKey: `key-${outletId}`,
    url: `https://${outletId}.example/news/${storyId}`,
    guid: `${outletId}-${storyId}`,
    title: `Title at ${outletName}`,
    published,
    firstSeen,
    match: 'exact',
    score: 1,
    contentHash: `hash-${storyId}`,
    ...extra,
  };
}

function story(storyId: string, extra: Partial<StoryRecord>): StoryRecord {
  return {
    storyId,
    title: 'Story',
    url: `https://harbour.example/news/${storyId}`,
    outletId: 'harbour',
    outletName: 'Harbour News',
    published: '2024-05-06T08:00:00.000Z',
    firstSeen: '2024-05-06T08:05:00.000Z',
    originCopy: `harbour#key-harbour`,
    canonicalCopy: `harbour#key-harbour`,
    canonicalHash: `hash-${storyId}`,
    words: 120,
    summary: 'Summary.',
    headline: 'story',
    ...extra,
  };
}

const FERRY_ID = 'a1b2c3d4e5f6a1b2c3d4e5f6';
const OTTERS_ID = 'ffeeddccbbaa998877665544';
const LIGHT_ID = '0123456789abcdef01234567';

/** A story carried by three outlets (valley twice), the canonical copy first published by Harbour News. */
const FERRY_TITLE = 'Tom & Jerry <b>ferry</b> terminal to be demolished';
const FERRY: FeedEntry = {
  story: story(FERRY_ID, {
    title: FERRY_TITLE,
    published: '2024-05-06T08:00:00.000Z',
    firstSeen: '2024-05-06T08:05:00.000Z',
    summary: 'The harbour authority confirmed on Monday that the old ferry terminal will be demolished.',
  }),
  copies: [
    copy(FERRY_ID, 'harbour', 'Harbour News', '2024-05-06T08:00:00.000Z', '2024-05-06T08:05:00.000Z', { match: 'first', title: FERRY_TITLE }),
    copy(FERRY_ID, 'valley', 'Valley Courier', '2024-05-06T09:30:00.000Z', '2024-05-06T09:40:00.000Z', { title: FERRY_TITLE }),
    copy(FERRY_ID, 'coast', 'Coast Gazette', '2024-05-06T10:00:00.000Z', '2024-05-06T12:00:00.000Z', { title: FERRY_TITLE }),
    copy(FERRY_ID, 'valley', 'Valley Courier', '2024-05-06T11:00:00.000Z', '2024-05-06T11:10:00.000Z', { itemKey: 'key-valley-2', title: FERRY_TITLE }),
  ],
  paragraphs: [
    'The harbour authority confirmed on Monday that the old ferry terminal will be demolished.',
    'A trader wrote <script>alert("x")</script> on a sign & hung it by the quay.',
  ],
};

/** A story with one copy and no paragraphs (summary is used). */
const OTTERS: FeedEntry = {
  story: story(OTTERS_ID, {
    title: 'Otters return to the river',
    url: 'https://valley.example/news/otters',
    outletId: 'valley',
    outletName: 'Valley Courier',
    published: '2024-05-05T07:15:00.000Z',
    firstSeen: '2024-05-05T07:20:00.000Z',
    summary: 'A family of otters was seen below the old mill.',
  }),
  copies: [copy(OTTERS_ID, 'valley', 'Valley Courier', '2024-05-05T07:15:00.000Z', '2024-05-05T07:20:00.000Z', { match: 'first', title: 'Otters return to the river' })],
};

/** A story whose canonical copy has no link and an outlet without a known feed URL. */
const LIGHTHOUSE: FeedEntry = {
  story: story(LIGHT_ID, {
    title: 'Lighthouse reopens',
    url: '',
    outletId: 'island',
    outletName: 'Island Times',
    published: '2024-05-04T12:00:00.000Z',
    firstSeen: '2024-05-04T12:30:00.000Z',
    summary: 'The lighthouse reopened to visitors on Saturday.',
  }),
  copies: [copy(LIGHT_ID, 'island', 'Island Times', '2024-05-04T12:00:00.000Z', '2024-05-04T12:30:00.000Z', { url: '', match: 'first', title: 'Lighthouse reopens' })],
  paragraphs: ['The lighthouse reopened to visitors on Saturday.'],
};

const ENTRIES = [FERRY, OTTERS, LIGHTHOUSE];

const strictParser = new Parser({ xml2js: { strict: true } });

function itemsOf(xml: string, tag: 'item' | 'entry'): string[] {
  return xml.split(`<${tag}>`).slice(1).map((s) => s.split(`</${tag}>`)[0]!);
}

describe('renderFeeds: RSS 2.0', () => {
  const { rss } = renderFeeds(ENTRIES, META);

  it('is well-formed and has one item per story, in the given order', async () => {
    const parsed = await strictParser.parseString(rss);
    expect(parsed.items).toHaveLength(3);
    expect(parsed.items.map((i) => i.guid)).toEqual([storyGuid(FERRY_ID), storyGuid(OTTERS_ID), storyGuid(LIGHT_ID)]);
  });

  it('uses a non-permalink story URN as guid', () => {
    expect(rss).toContain(`<guid isPermaLink="false">urn:feedmerge:story:${FERRY_ID}</guid>`);
    expect(storyGuid('abc')).toBe('urn:feedmerge:story:abc');
  });

  it('credits the originating outlet with <source url>', () => {
    const [ferry, otters, light] = itemsOf(rss, 'item');
    expect(ferry).toContain('<source url="https://harbour.example/feed.xml">Harbour News</source>');
    expect(otters).toContain('<source url="https://valley.example/rss">Valley Courier</source>');
    expect(light).not.toContain('<source'); // no known feed URL for that outlet
  });

  it('has an atom:link rel="self" to the RSS URL', () => {
    expect(rss).toMatch(/<atom:link href="https:\/\/feeds\.example\/feed\.xml" rel="self" type="application\/rss\+xml"\/>/);
    expect(rss).toContain('xmlns:atom="http://www.w3.org/2005/Atom"');
  });

  it('dates each item with the RFC 822 date of the earliest publication', () => {
    const [ferry, otters] = itemsOf(rss, 'item');
    expect(ferry).toContain('<pubDate>Mon, 06 May 2024 08:00:00 GMT</pubDate>');
    expect(otters).toContain('<pubDate>Sun, 05 May 2024 07:15:00 GMT</pubDate>');
  });

  it('sets lastBuildDate to the latest change among the stories (not the clock)', () => {
    expect(rss).toContain('<lastBuildDate>Mon, 06 May 2024 12:00:00 GMT</lastBuildDate>');
  });

  it('links to the canonical copy, or to the story anchor when the copy has no link', () => {
    const [ferry, , light] = itemsOf(rss, 'item');
    expect(ferry).toContain(`<link>https://harbour.example/news/${FERRY_ID}</link>`);
    expect(light).toContain(`<link>https://feeds.example/#story-${LIGHT_ID}</link>`);
  });

  it('lists the other outlets once each, earliest first, under "Also carried by"', async () => {
    const parsed = await strictParser.parseString(rss);
    const content = (parsed.items[0] as Record<string, string>)['content:encoded']!;
    expect(content).toContain(
      `<p>Also carried by: <a href="https://valley.example/news/${FERRY_ID}">Valley Courier</a> (+1 h 30 min), <a href="https://coast.example/news/${FERRY_ID}">Coast Gazette</a> (+2 h).</p>`,
    );
    expect(content.match(/Valley Courier/g)).toHaveLength(1);
    expect(content).toContain(`<p>First published by <a href="https://harbour.example/news/${FERRY_ID}">Harbour News</a> at 2024-05-06 08:00 UTC.</p>`);
    const otters = (parsed.items[1] as Record<string, string>)['content:encoded']!;
    expect(otters).not.toContain('Also carried by');
    expect(otters).toContain('<p>A family of otters was seen below the old mill.</p>'); // summary stands in for paragraphs
  });

  it('keeps "&" in a title and never lets angle brackets in it become markup', async () => {
    const parsed = await strictParser.parseString(rss);
    expect(parsed.items[0]!.title).toBe('Tom & Jerry &lt;b&gt;ferry&lt;/b&gt; terminal to be demolished');
    expect(rss).not.toContain('<b>ferry');
  });

  it('escapes HTML-looking text in paragraphs: no <script> survives', async () => {
    expect(rss).not.toMatch(/<script/i);
    const parsed = await strictParser.parseString(rss);
    const content = (parsed.items[0] as Record<string, string>)['content:encoded']!;
    expect(content).toContain('<p>A trader wrote &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; on a sign &amp; hung it by the quay.</p>');
  });

  // Regression (fixed): the <source url> attribute is handed to `feed` (xml-js) unescaped, so an outlet feed URL with a
  // query string such as "?a=1&b=2" writes a raw "&" into the attribute and the whole RSS document stops
  // being well-formed XML. Fix: escape the value (& < > ") before putting it in `_attributes`.
  it('stays well-formed when an outlet feed URL contains "&"', async () => {
    const meta: FeedMeta = { ...META, outletFeeds: new Map([['harbour', 'https://harbour.example/feed?section=local&format=rss']]) };
    const parsed = await strictParser.parseString(renderFeeds([FERRY], meta).rss);
    expect(parsed.items).toHaveLength(1);
  });

  it('cannot end the title\u2019s CDATA section early with "]]>"', async () => {
    const entry: FeedEntry = { ...OTTERS, story: { ...OTTERS.story, title: 'Odd ]]> title' }, copies: OTTERS.copies.map((c) => ({ ...c, title: 'Odd ]]> title' })) };
    const parsed = await strictParser.parseString(renderFeeds([entry], META).rss);
    expect(parsed.items[0]!.title).toBe('Odd ]]&gt; title');
  });

  it('is a valid document with no stories', async () => {
    const parsed = await strictParser.parseString(renderFeeds([], META).rss);
    expect(parsed.items).toEqual([]);
    expect(parsed.title).toBe('Valley Digest');
  });
});

describe('renderFeeds: Atom', () => {
  const { atom } = renderFeeds(ENTRIES, META);

  it('is well-formed with one entry per story', async () => {
    const parsed = await strictParser.parseString(atom);
    expect(parsed.items.map((i) => i.id)).toEqual([storyGuid(FERRY_ID), storyGuid(OTTERS_ID), storyGuid(LIGHT_ID)]);
  });

  it('escapes the title for type="html" (& and <b> are text, not markup)', () => {
    const [ferry] = itemsOf(atom, 'entry');
    const title = ferry!.match(/<title type="html">(?:<!\[CDATA\[)?([\s\S]*?)(?:\]\]>)?<\/title>/)?.[1];
    expect(title).toBe('Tom &amp; Jerry &lt;b&gt;ferry&lt;/b&gt; terminal to be demolished');
  });

  it('credits the originating outlet as the entry author and links rel=self', () => {
    const [ferry] = itemsOf(atom, 'entry');
    expect(ferry).toMatch(/<author>\s*<name>Harbour News<\/name>\s*<\/author>/);
    expect(atom).toContain('<link rel="self" href="https://feeds.example/feed.atom"/>');
  });

  it('uses the earliest publication as published date', () => {
    const [ferry] = itemsOf(atom, 'entry');
    expect(ferry).toContain('<published>2024-05-06T08:00:00.000Z</published>');
  });

  it('contains no unescaped <script>', () => {
    expect(atom).not.toMatch(/<script/i);
  });
});

describe('renderFeeds: JSON Feed', () => {
  const doc = JSON.parse(renderFeeds(ENTRIES, META).json) as Record<string, unknown> & { items: Array<Record<string, unknown>> };

  it('is JSON Feed 1.1 with authors (not author)', () => {
    expect(doc.version).toBe('https://jsonfeed.org/version/1.1');
    expect(doc.authors).toEqual([{ name: 'Valley Digest' }]);
    expect(doc).not.toHaveProperty('author');
    expect(doc.feed_url).toBe('https://feeds.example/feed.json');
    expect(doc.items.map((i) => i.id)).toEqual([storyGuid(FERRY_ID), storyGuid(OTTERS_ID), storyGuid(LIGHT_ID)]);
    for (const item of doc.items) expect(item).not.toHaveProperty('author');
    expect(doc.items[0]!.authors).toEqual([{ name: 'Harbour News' }]);
  });

  it('keeps the title as text and escapes the content', () => {
    expect(doc.items[0]!.title).toBe('Tom & Jerry <b>ferry</b> terminal to be demolished');
    expect(String(doc.items[0]!.content_html)).not.toMatch(/<script/i);
  });

  it('lists every copy in the _feedmerge extension', () => {
    expect(doc.items[0]!._feedmerge).toMatchObject({ story_id: FERRY_ID, outlet: 'harbour' });
    expect((doc.items[0]!._feedmerge as { copies: unknown[] }).copies).toHaveLength(4);
  });
});

describe('renderFeeds: HTML page', () => {
  const { html } = renderFeeds(ENTRIES, META);

  it('escapes the title and the summary', () => {
    expect(html).toContain('Tom &amp; Jerry &lt;b&gt;ferry&lt;/b&gt; terminal to be demolished');
    expect(html).not.toContain('<b>ferry</b>');
    expect(html).not.toMatch(/<script/i);
  });

  it('has one list item per story with its anchor, and "Also carried by"', () => {
    expect(html.match(/<li id="story-/g)).toHaveLength(3);
    expect(html).toContain(`<li id="story-${FERRY_ID}">`);
    expect(html).toContain('Also carried by: <span class="carrier"><a href="https://valley.example/news/');
    expect(html).toContain('Valley Courier</a> <span class="delay">+1 h 30 min</span>');
    expect(html).toContain('<time datetime="2024-05-06T08:00:00.000Z">2024-05-06 08:00 UTC</time>');
  });

  it('links the alternate feeds', () => {
    expect(html).toContain('<link rel="alternate" type="application/rss+xml" title="Valley Digest (RSS)" href="https://feeds.example/feed.xml">');
  });

  it('escapes a hostile story URL in attributes', () => {
    const entry: FeedEntry = { ...OTTERS, story: { ...OTTERS.story, url: 'https://valley.example/a"onmouseover="x' } };
    const out = renderFeeds([entry], META).html;
    expect(out).not.toContain('"onmouseover="');
    expect(out).toContain('&quot;onmouseover=&quot;');
  });
});

describe('renderFeeds: determinism', () => {
  it('renders the same input to identical bytes', async () => {
    const first = renderFeeds(ENTRIES, META);
    await new Promise((r) => setTimeout(r, 1_100)); // a wall-clock build date would change by now
    const second = renderFeeds(structuredClone(ENTRIES), { ...META, outletFeeds: new Map(META.outletFeeds) });
    expect(second).toEqual(first);
  });
});

describe('helpers', () => {
  it('escapeHtml escapes the five special characters', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });

  it('feedUrls places the feeds under the base URL', () => {
    expect(feedUrls('https://feeds.example/merged/')).toEqual({
      rss: 'https://feeds.example/merged/feed.xml',
      atom: 'https://feeds.example/merged/feed.atom',
      json: 'https://feeds.example/merged/feed.json',
      html: 'https://feeds.example/merged/',
    });
  });

  it('otherCopies skips the canonical outlet and repeats', () => {
    expect(otherCopies(FERRY).map((c) => c.outletId)).toEqual(['valley', 'coast']);
  });
});

const hasFeedparser = spawnSync('/usr/bin/python3', ['-c', 'import feedparser'], { stdio: 'ignore' }).status === 0;

describe('renderFeeds: feedparser', () => {
  it.skipIf(!hasFeedparser)('parses the RSS and Atom output, rich bodies included, with bozo == 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedmerge-render-'));
    try {
      const rich: FeedEntry = {
        ...OTTERS,
        html: '<p>Otters <em>returned</em>, <a href="https://trust.example/?utm_source=x">the trust</a> said.</p>\n<p><img src="https://trust.example/o.jpg" alt="Otters"></p>\n<ul>\n<li>two adults</li>\n</ul>\n<blockquote>\n<p>At last.</p>\n</blockquote>',
      };
      const feeds = renderFeeds([FERRY, rich, LIGHTHOUSE], META);
      const script = 'import sys, feedparser; d = feedparser.parse(sys.argv[1]); print(int(bool(d.bozo)), len(d.entries))';
      for (const format of ['rss', 'atom'] as const) {
        const file = join(dir, `feed.${format}`);
        writeFileSync(file, feeds[format]);
        const run = spawnSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' });
        expect(run.status, format).toBe(0);
        expect(run.stdout.trim(), format).toBe('0 3');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('what readers see: headlines, links, credits', () => {
  const ID = 'aaaabbbbccccddddeeeeffff';
  const TRACKED = '?utm_source=rss&utm_medium=feed';
  const entry: FeedEntry = {
    story: story(ID, {
      title: 'WATCH: Ferry Strike Called Off | Culture',
      url: `https://harbour.example/news/ferry${TRACKED}`,
      published: '2024-05-06T08:00:00.000Z',
      summary: 'The ferry strike was called off on Monday.',
    }),
    copies: [
      copy(ID, 'harbour', 'Harbour News', '2024-05-06T08:00:00.000Z', '2024-05-06T08:05:00.000Z', {
        match: 'first',
        title: 'WATCH: Ferry Strike Called Off | Culture',
        url: `https://harbour.example/news/ferry${TRACKED}`,
      }),
      copy(ID, 'valley', 'Valley Courier', '2024-05-06T10:10:00.000Z', '2024-05-06T10:15:00.000Z', {
        title: 'Ferry strike called off - Valley Courier',
        url: 'https://valley.example/ferry?id=7&fbclid=XyZ',
      }),
      copy(ID, 'coast', 'Coast Gazette', '2024-05-07T11:00:00.000Z', '2024-05-07T11:05:00.000Z', {
        title: 'FERRY STRIKE CALLED OFF',
        displayTitle: 'FERRY STRIKE CALLED OFF',
      }),
    ],
    paragraphs: ['The ferry strike at the port was called off on Monday after talks.'],
  };
  const feeds = renderFeeds([entry], META);

  it('shows the headline the copies agree on, without decoration, in sentence case; the record keeps the origin’s', async () => {
    expect(headlineOf(entry)).toBe('Ferry strike called off');
    const rss = await strictParser.parseString(feeds.rss);
    expect(rss.items[0]!.title).toBe('Ferry strike called off');
    expect(feeds.atom).toContain('<title type="html"><![CDATA[Ferry strike called off]]></title>');
    expect((JSON.parse(feeds.json) as { items: Array<{ title: string }> }).items[0]!.title).toBe('Ferry strike called off');
    expect(feeds.html).toContain('>Ferry strike called off</a></h2>');
    expect(entry.story.title).toBe('WATCH: Ferry Strike Called Off | Culture');
  });

  it('removes tracking parameters from every link shown, keeping the others', () => {
    for (const out of [feeds.rss, feeds.atom, feeds.json, feeds.html]) {
      expect(out).not.toMatch(/utm_|fbclid/);
      expect(out).toContain('https://harbour.example/news/ferry');
      expect(out).toContain('https://valley.example/ferry?id=7');
    }
  });

  it('credits the first publisher with its time and each other outlet with its delay', () => {
    for (const out of [feeds.rss, feeds.atom]) {
      expect(out).toContain('First published by <a href="https://harbour.example/news/ferry">Harbour News</a> at 2024-05-06 08:00 UTC.');
      expect(out).toContain('Valley Courier</a> (+2 h 10 min), <a href="https://coast.example/news/');
      expect(out).toContain('Coast Gazette</a> (+1 d 3 h).');
    }
    expect(feeds.html).toContain('First published by <strong>Harbour News</strong> at <time datetime="2024-05-06T08:00:00.000Z">2024-05-06 08:00 UTC</time>');
    expect(feeds.html).toContain('Valley Courier</a> <span class="delay">+2 h 10 min</span>');
    const json = JSON.parse(feeds.json) as { items: Array<{ _feedmerge: { first_published: string; copies: Array<{ outlet: string; delay_seconds: number; url: string }> } }> };
    expect(json.items[0]!._feedmerge.first_published).toBe('2024-05-06T08:00:00.000Z');
    expect(json.items[0]!._feedmerge.copies.map((c) => [c.outlet, c.delay_seconds])).toEqual([
      ['harbour', 0],
      ['valley', 7800],
      ['coast', 97200],
    ]);
  });

  it('says when the feed was last updated', () => {
    expect(feeds.html).toContain('<p class="updated">Updated <time datetime="2024-05-07T11:05:00.000Z">2024-05-07 11:05 UTC</time></p>');
  });

  it('keeps the documents well-formed when an outlet\u2019s link carries a control character', async () => {
    const bad: FeedEntry = { ...entry, copies: entry.copies.map((c, i) => (i === 1 ? { ...c, url: 'https://valley.example/a\u0001b' } : c)) };
    const out = renderFeeds([bad], META);
    expect(out.rss).not.toMatch(/[\u0000-\u0008]/);
    expect(out.atom).not.toMatch(/[\u0000-\u0008]/);
    expect((await strictParser.parseString(out.rss)).items).toHaveLength(1);
  });

  it('writes delays readably', () => {
    expect(delayText('2024-05-06T08:00:00Z', '2024-05-06T08:00:00Z')).toBe('at the same time');
    expect(delayText('2024-05-06T08:00:00Z', '2024-05-06T07:00:00Z')).toBe('at the same time');
    expect(delayText('2024-05-06T08:00:00Z', '2024-05-06T08:45:00Z')).toBe('+45 min');
    expect(delayText('2024-05-06T08:00:00Z', '2024-05-06T10:00:00Z')).toBe('+2 h');
    expect(delayText('2024-05-06T08:00:00Z', '2024-05-08T08:00:00Z')).toBe('+2 d');
    expect(utcMinute('2024-05-06T08:00:59.900Z')).toBe('2024-05-06 08:00 UTC');
  });
});

describe('rich content, sanitized', () => {
  const ID = '111122223333444455556666';
  const html = [
    '<p>The <em>ferry</em> strike was <strong>called off</strong>, <a href="https://union.example/statement?utm_campaign=x">the union said</a>.</p>',
    '<p><img src="https://harbour.example/quay.jpg" alt="The quay at dawn"></p>',
    '<ul><li>Sailings resume Tuesday</li><li>Fares unchanged</li></ul>',
    '<blockquote><p>We are relieved.</p></blockquote>',
    '<p><a href="javascript:alert(1)">x</a><img src="data:image/png;base64,AAAA" alt="d"><img src="https://x.example/p.gif" onerror="alert(1)" alt="p"></p>',
    '<script>alert(1)</script><style>p{}</style><iframe src="https://evil.example"></iframe><p style="color:red" onclick="x()">Styled</p>',
    '<p><a href="/relative">relative link</a> <a href="//proto.example/x">protocol-relative</a></p>',
  ].join('');

  it('keeps paragraphs, links, emphasis, images with alt text, lists and quotes; drops everything unsafe', () => {
    const safe = safeBody(html);
    expect(safe).toContain('<p>The <em>ferry</em> strike was <strong>called off</strong>, <a href="https://union.example/statement">the union said</a>.</p>');
    expect(safe).toContain('<img src="https://harbour.example/quay.jpg" alt="The quay at dawn" />');
    expect(safe).toContain('<ul><li>Sailings resume Tuesday</li><li>Fares unchanged</li></ul>');
    expect(safe).toContain('<blockquote><p>We are relieved.</p></blockquote>');
    expect(safe).toContain('<img src="https://x.example/p.gif" alt="p" />');
    expect(safe).toContain('<p>Styled</p>');
    expect(safe).toContain('<p><a>relative link</a> <a>protocol-relative</a></p>');
    expect(safe).not.toMatch(/<script|<style|style=|<iframe|onerror|onclick|javascript:|data:/i);
  });

  it('is what the feeds carry when the canonical copy has a rich body', async () => {
    const entry: FeedEntry = { ...OTTERS, story: { ...OTTERS.story, storyId: ID }, html };
    const feeds = renderFeeds([entry], META);
    const parsed = await strictParser.parseString(feeds.rss);
    const content = (parsed.items[0] as Record<string, string>)['content:encoded']!;
    expect(content).toContain('<img src="https://harbour.example/quay.jpg" alt="The quay at dawn" />');
    expect(content).toContain('First published by');
    expect(feeds.atom).not.toMatch(/<script|onerror|javascript:/i);
    expect(feeds.json).not.toMatch(/<script|onerror|javascript:/i);
  });
});
