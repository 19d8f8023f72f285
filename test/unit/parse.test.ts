import { describe, expect, it } from 'vitest';
import { FeedParseError, MAX_BODY_CHARS, parseFeed, type ParsedFeed, xmlDepth } from '../../shared/fetch/parse.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

const RSS2 = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Harbour News</title>
    <link>https://harbour.example/</link>
    <description>News from the harbour</description>
    <item>
      <title>  Ferry terminal to be demolished  </title>
      <link>https://harbour.example/news/ferry</link>
      <guid isPermaLink="false">harbour-101</guid>
      <pubDate>Mon, 06 May 2024 08:00:00 GMT</pubDate>
      <dc:creator>Jane Doe</dc:creator>
      <description>Short teaser only.</description>
      <content:encoded><![CDATA[<p>The harbour authority confirmed on Monday that the terminal will go.</p><p>Traders &amp; operators reacted.</p>]]></content:encoded>
    </item>
    <item>
      <title>Otters return to the river</title>
      <link>https://harbour.example/news/otters</link>
      <pubDate>yesterday afternoon</pubDate>
      <description>&lt;p&gt;A family of otters was seen below the mill.&lt;/p&gt;</description>
    </item>
  </channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Valley Courier</title>
  <id>urn:valley:feed</id>
  <updated>2024-05-06T10:00:00Z</updated>
  <entry>
    <title>Old ferry terminal will be torn down</title>
    <id>urn:valley:post:9</id>
    <link rel="self" href="https://valley.example/api/9.atom"/>
    <link rel="alternate" type="text/html" href="https://valley.example/2024/05/ferry"/>
    <updated>2024-05-06T10:00:00Z</updated>
    <published>2024-05-06T09:00:00Z</published>
    <author><name>Valley Staff</name></author>
    <summary>Teaser text.</summary>
    <content type="html">&lt;p&gt;The harbour authority confirmed on Monday.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Summary only</title>
    <id>urn:valley:post:10</id>
    <link href="https://valley.example/2024/05/summary"/>
    <updated>2024-05-06T11:00:00Z</updated>
    <summary>Only a summary here.</summary>
  </entry>
</feed>`;

const RDF = `<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://coast.example/">
    <title>Coast Gazette</title>
    <link>https://coast.example/</link>
    <description>Coastal news</description>
  </channel>
  <item rdf:about="https://coast.example/1">
    <title>Lighthouse reopens</title>
    <link>https://coast.example/1</link>
    <description>The lighthouse reopened to visitors on Saturday.</description>
    <dc:date>2024-05-04T12:00:00Z</dc:date>
  </item>
</rdf:RDF>`;

async function parseError(bytes: Uint8Array, contentType?: string): Promise<FeedParseError> {
  try {
    await parseFeed(bytes, contentType);
  } catch (err) {
    expect(err).toBeInstanceOf(FeedParseError);
    expect((err as Error).message).not.toContain('\n');
    return err as FeedParseError;
  }
  throw new Error('expected a FeedParseError');
}

describe('parseFeed: RSS 2.0', () => {
  it('reads the feed title and every item', async () => {
    const feed = await parseFeed(utf8(RSS2));
    expect(feed.title).toBe('Harbour News');
    expect(feed.encoding).toBe('utf-8');
    expect(feed.items).toHaveLength(2);
  });

  it('prefers content:encoded over description and keeps its HTML', async () => {
    const [item] = (await parseFeed(utf8(RSS2))).items;
    expect(item).toEqual({
      title: 'Ferry terminal to be demolished',
      link: 'https://harbour.example/news/ferry',
      guid: 'harbour-101',
      published: '2024-05-06T08:00:00.000Z',
      html: '<p>The harbour authority confirmed on Monday that the terminal will go.</p><p>Traders &amp; operators reacted.</p>',
      baseUrl: 'https://harbour.example/news/ferry',
    });
  });

  it('uses the (entity-decoded) description when there is no content:encoded', async () => {
    const item = (await parseFeed(utf8(RSS2))).items[1]!;
    expect(item.html).toBe('<p>A family of otters was seen below the mill.</p>');
  });

  it('leaves guid undefined for an item without one', async () => {
    const item = (await parseFeed(utf8(RSS2))).items[1]!;
    expect(item.guid).toBeUndefined();
    expect(item.link).toBe('https://harbour.example/news/otters');
  });

  it('leaves published undefined for an invalid date', async () => {
    const item = (await parseFeed(utf8(RSS2))).items[1]!;
    expect(item.published).toBeUndefined();
  });

  it('accepts leading whitespace before the XML declaration', async () => {
    const feed = await parseFeed(utf8(`\n\n  ${RSS2}`));
    expect(feed.items).toHaveLength(2);
  });

  it('reads a feed with no items as an empty list', async () => {
    const feed = await parseFeed(
      utf8('<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title><link>https://e.example/</link><description>d</description></channel></rss>'),
    );
    expect(feed.items).toEqual([]);
  });
});

describe('parseFeed: Atom', () => {
  it('takes the link rel="alternate", not the first link', async () => {
    const [entry] = (await parseFeed(utf8(ATOM))).items;
    expect(entry!.link).toBe('https://valley.example/2024/05/ferry');
  });

  it('prefers content over summary, uses id as guid, published as date', async () => {
    const [entry] = (await parseFeed(utf8(ATOM))).items;
    expect(entry).toMatchObject({
      title: 'Old ferry terminal will be torn down',
      guid: 'urn:valley:post:9',
      published: '2024-05-06T09:00:00.000Z',
      html: '<p>The harbour authority confirmed on Monday.</p>',
    });
  });

  it('falls back to the summary when there is no content', async () => {
    const entry = (await parseFeed(utf8(ATOM))).items[1]!;
    expect(entry.html).toBe('Only a summary here.');
    expect(entry.link).toBe('https://valley.example/2024/05/summary');
  });

  it('reads the feed title', async () => {
    expect((await parseFeed(utf8(ATOM))).title).toBe('Valley Courier');
  });
});

describe('parseFeed: RSS 1.0 (RDF)', () => {
  it('reads items outside the channel element', async () => {
    const feed = await parseFeed(utf8(RDF));
    expect(feed.title).toBe('Coast Gazette');
    expect(feed.items).toEqual([
      { title: 'Lighthouse reopens', link: 'https://coast.example/1', guid: 'https://coast.example/1', published: '2024-05-04T12:00:00.000Z', html: 'The lighthouse reopened to visitors on Saturday.', baseUrl: 'https://coast.example/1' },
    ]);
  });

  it('takes an item\u2019s rdf:about as its identity, and as its link when it has none', async () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
      <channel rdf:about="https://coast.example/"><title>Coast Gazette</title><link>https://coast.example/</link><description>d</description></channel>
      <item rdf:about="https://coast.example/tide-tables"><title>Tide tables</title><description>Tides for the week.</description></item>
    </rdf:RDF>`;
    expect((await parseFeed(utf8(rdf))).items[0]).toMatchObject({ guid: 'https://coast.example/tide-tables', link: 'https://coast.example/tide-tables' });
  });
});

describe('parseFeed: Atom xml:base', () => {
  const atomWithBases = (feedBase: string, entryBase: string | undefined, href: string) => `<?xml version="1.0"?>
    <feed xmlns="http://www.w3.org/2005/Atom" xml:base="${feedBase}"><title>Valley Courier</title><id>urn:vc</id>
      <updated>2024-05-06T08:00:00Z</updated>
      <entry${entryBase ? ` xml:base="${entryBase}"` : ''}><title>Ferry</title><id>urn:vc:1</id><updated>2024-05-06T08:00:00Z</updated>
        <link rel="alternate" href="${href}"/><content type="html">&lt;p&gt;The ferry runs again.&lt;/p&gt;</content></entry>
    </feed>`;

  it('resolves a relative link against the entry\u2019s xml:base, itself against the feed\u2019s, itself against the feed URL', async () => {
    const feed = await parseFeed(utf8(atomWithBases('/news/', '2024/05/', 'ferry-runs')), undefined, 'https://valley.example/feeds/atom.xml');
    expect(feed.items[0]!.link).toBe('https://valley.example/news/2024/05/ferry-runs');
  });

  it('uses the feed\u2019s xml:base alone when the entry has none, and keeps an absolute link as published', async () => {
    expect((await parseFeed(utf8(atomWithBases('https://cdn.valley.example/a/', undefined, 'b')), undefined, 'https://valley.example/feed')).items[0]!.link).toBe(
      'https://cdn.valley.example/a/b',
    );
    expect((await parseFeed(utf8(atomWithBases('https://cdn.valley.example/a/', '/x/', 'https://valley.example/abs?utm_source=rss')))).items[0]!.link).toBe(
      'https://valley.example/abs?utm_source=rss',
    );
  });
});

describe('parseFeed: the base of relative URLs inside content', () => {
  const atom = (attrs: { feed?: string; entry?: string; content?: string }, link = '') => `<?xml version="1.0"?>
    <feed xmlns="http://www.w3.org/2005/Atom"${attrs.feed ? ` xml:base="${attrs.feed}"` : ''}><title>Valley Courier</title><id>urn:vc</id>
      <updated>2024-05-06T08:00:00Z</updated>
      <entry${attrs.entry ? ` xml:base="${attrs.entry}"` : ''}><title>Ferry</title><id>urn:vc:1</id><updated>2024-05-06T08:00:00Z</updated>
        ${link ? `<link href="${link}"/>` : ''}
        <content type="html"${attrs.content ? ` xml:base="${attrs.content}"` : ''}>&lt;p&gt;&lt;img src="map.png"&gt;The ferry runs.&lt;/p&gt;</content></entry>
    </feed>`;
  const baseOf = async (xml: string, feedUrl?: string) => (await parseFeed(utf8(xml), undefined, feedUrl)).items[0]!.baseUrl;

  it('is the content\u2019s own xml:base, resolved against the entry\u2019s, the feed\u2019s and the feed URL', async () => {
    expect(await baseOf(atom({ feed: '/news/', entry: '2024/', content: 'ferry/' }, 'x'), 'https://valley.example/feeds/atom.xml')).toBe(
      'https://valley.example/news/2024/ferry/',
    );
    expect(await baseOf(atom({ entry: 'https://cdn.valley.example/e/' }, 'https://valley.example/a'))).toBe('https://cdn.valley.example/e/');
  });

  it('is the item\u2019s link when no xml:base is in scope, else the feed URL (without credentials)', async () => {
    expect(await baseOf(atom({}, 'https://valley.example/2024/ferry'), 'https://valley.example/feed')).toBe('https://valley.example/2024/ferry');
    expect(await baseOf(atom({}), 'https://editor:s3cret@valley.example/feed')).toBe('https://valley.example/feed');
    expect(await baseOf(atom({}))).toBeUndefined();
  });

  it('is never a non-http(s) URL', async () => {
    expect(await baseOf(atom({ content: 'javascript:alert(1)//' }, 'https://valley.example/a'))).toBeUndefined();
  });
});

describe('parseFeed: enclosures', () => {
  it('links an item whose only link is its enclosure', async () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Radio</title>
      <item><title>Morning bulletin</title><guid isPermaLink="false">hr-7</guid><description>The morning news.</description>
      <enclosure url="https://radio.example/audio/bulletin-7.mp3" type="audio/mpeg" length="1024"/></item></channel></rss>`;
    expect((await parseFeed(utf8(rss))).items[0]).toMatchObject({ guid: 'hr-7', link: 'https://radio.example/audio/bulletin-7.mp3' });
  });
});

describe('parseFeed: JSON Feed', () => {
  const jsonFeed = (version: string, items: unknown[]) => utf8(JSON.stringify({ version, title: 'Valley Courier', home_page_url: 'https://valley.example/', items }));

  it('reads JSON Feed 1.1 items: id, url, title, HTML content, dates', async () => {
    const feed = await parseFeed(
      jsonFeed('https://jsonfeed.org/version/1.1', [
        { id: 'vc-1', url: 'https://valley.example/1', title: 'Bridge &amp; <b>road</b> reopen', content_html: '<p>The bridge reopened.</p>', date_published: '2024-05-06T08:00:00+02:00' },
        { id: 2, external_url: 'https://other.example/2', title: 'Plain', content_text: 'Line one\nLine <two>' },
      ]),
      'application/feed+json',
    );
    expect(feed.title).toBe('Valley Courier');
    expect(feed.items).toEqual([
      { title: 'Bridge & road reopen', link: 'https://valley.example/1', guid: 'vc-1', published: '2024-05-06T06:00:00.000Z', html: '<p>The bridge reopened.</p>', baseUrl: 'https://valley.example/1' },
      { title: 'Plain', link: 'https://other.example/2', guid: '2', published: undefined, html: 'Line one<br>Line &lt;two&gt;', baseUrl: 'https://other.example/2' },
    ]);
  });

  it('reads JSON Feed 1.0, relative URLs resolved against the feed, attachments as the last resort for a link', async () => {
    const feed = await parseFeed(
      jsonFeed('https://jsonfeed.org/version/1', [
        { id: 'a', url: '/posts/a', summary: 'Summary only.' },
        { id: 'b', attachments: [{ url: 'https://valley.example/b.mp3', mime_type: 'audio/mpeg' }], content_text: 'Audio.' },
        { id: 'c', url: 'javascript:alert(1)', content_text: 'No link.' },
      ]),
      'application/json',
      'https://valley.example/feed.json',
    );
    expect(feed.items.map((i) => i.link)).toEqual(['https://valley.example/posts/a', 'https://valley.example/b.mp3', undefined]);
    expect(feed.items[0]!.html).toBe('Summary only.');
  });

  it('rejects JSON that is not a JSON Feed, and a JSON Feed without items', async () => {
    expect((await parseError(utf8('{"feed":"no"}'), 'application/json')).message).toMatch(/not a JSON Feed/);
    expect((await parseError(utf8('{"version":"https://jsonfeed.org/version/1.1"}'))).message).toMatch(/"items" is not an array/);
    expect((await parseError(utf8('{"version": "https://jsonfeed.org/version/1.1", '))).message).toMatch(/not a valid JSON Feed/);
  });
});

describe('parseFeed: not a feed', () => {
  it('rejects an HTML error page', async () => {
    await parseError(utf8('<!DOCTYPE html><html><head><title>404</title></head><body><h1>Not found</h1></body></html>'));
  });

  it('rejects a document that is neither XML nor JSON', async () => {
    expect((await parseError(utf8('Service unavailable'))).message).toMatch(/neither XML nor JSON Feed/);
  });

  it('rejects truncated XML', async () => {
    await parseError(utf8(RSS2.slice(0, Math.floor(RSS2.length / 2))));
  });

  it('rejects an empty or whitespace-only body', async () => {
    await parseError(new Uint8Array());
    await parseError(utf8('  \n\t '));
  });

  it('rejects well-formed XML that is not a feed', async () => {
    await parseError(utf8('<?xml version="1.0"?><note><to>Ann</to><body>Hi</body></note>'));
  });
});

describe('parseFeed: encodings', () => {
  const latin1Feed = (): Uint8Array =>
    Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Caf', 'latin1'),
      Buffer.from([0xe9]),
      Buffer.from('</title><link>https://z.example/</link><description>d</description><item><title>Z', 'latin1'),
      Buffer.from([0xfc]),
      Buffer.from('rich na', 'latin1'),
      Buffer.from([0xef]),
      Buffer.from('ve</title><guid>z-1</guid><description>Cr', 'latin1'),
      Buffer.from([0xe8]),
      Buffer.from('me br', 'latin1'),
      Buffer.from([0xfb]),
      Buffer.from('l', 'latin1'),
      Buffer.from([0xe9]),
      Buffer.from('e</description></item></channel></rss>', 'latin1'),
    ]);

  it('decodes accented characters of a Latin-1 feed', async () => {
    const feed = await parseFeed(latin1Feed());
    expect(feed.title).toBe('Caf\u00E9');
    expect(feed.items[0]!.title).toBe('Z\u00FCrich na\u00EFve');
    expect(feed.items[0]!.html).toBe('Cr\u00E8me br\u00FBl\u00E9e');
  });

  it('decodes a Latin-1 feed served with a wrong "charset=utf-8" header', async () => {
    const feed = await parseFeed(latin1Feed(), 'application/rss+xml; charset=utf-8');
    expect(feed.items[0]!.title).toBe('Z\u00FCrich na\u00EFve');
  });

  it('decodes a UTF-8 feed with a BOM', async () => {
    const feed = await parseFeed(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(RSS2, 'utf8')]));
    expect(feed.items).toHaveLength(2);
  });
});

describe('parseFeed: hostile XML', () => {
  it('does not expand an external entity (XXE)', async () => {
    const xxe = `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t &xxe;</title><link>https://x.example/</link><description>d</description>
<item><title>Item &xxe;</title><guid>x</guid><description>before &xxe; after</description></item></channel></rss>`;
    let result: ParsedFeed | undefined;
    try {
      result = await parseFeed(utf8(xxe));
    } catch (err) {
      expect(err).toBeInstanceOf(FeedParseError);
    }
    if (result) {
      const text = JSON.stringify(result);
      expect(text).not.toContain('root:');
      expect(text).not.toContain('/bin/');
    }
  });

  it('survives a billion-laughs document quickly, with bounded output', async () => {
    const levels = ['<!ENTITY lol0 "lol">'];
    for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    const doc = `<?xml version="1.0"?>
<!DOCTYPE lolz [${levels.join('')}]>
<rss version="2.0"><channel><title>t</title><link>https://x.example/</link><description>d</description>
<item><title>&lol9;</title><guid>x</guid><description>&lol9;</description></item></channel></rss>`;
    const started = Date.now();
    let result: ParsedFeed | undefined;
    try {
      result = await parseFeed(utf8(doc));
    } catch (err) {
      expect(err).toBeInstanceOf(FeedParseError);
    }
    expect(Date.now() - started).toBeLessThan(2_000);
    if (result) expect(JSON.stringify(result).length).toBeLessThan(100_000);
  });
});

describe('parseFeed: bad dates', () => {
  it('keeps an Atom feed whose entry has an unparseable date, dropping only that date', async () => {
    const xml = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:x</id><updated>2026-01-01T00:00:00Z</updated>
<entry><title>A</title><id>urn:a</id><link href="https://a.example/1"/><published>last Tuesday</published><updated>soon</updated><content type="html">&lt;p&gt;One&lt;/p&gt;</content></entry>
<entry><title>B</title><id>urn:b</id><link href="https://a.example/2"/><published>2026-01-02T08:00:00Z</published><content type="html">&lt;p&gt;Two&lt;/p&gt;</content></entry></feed>`;
    const feed = await parseFeed(utf8(xml));
    expect(feed.items.map((i) => [i.title, i.published])).toEqual([
      ['A', undefined],
      ['B', '2026-01-02T08:00:00.000Z'],
    ]);
  });

  it('keeps an RSS item whose pubDate is garbage, without a date', async () => {
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://x.example/</link><description>d</description>
<item><title>A</title><link>https://a.example/1</link><pubDate>the day before yesterday</pubDate><description>hi</description></item></channel></rss>`;
    expect((await parseFeed(utf8(xml))).items.map((i) => i.published)).toEqual([undefined]);
  });
});

describe('parseFeed: titles', () => {
  it('turns markup and HTML entities in titles into text', async () => {
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://x.example/</link><description>d</description>
<item><title>Tom &amp;amp; Jerry &lt;b&gt;return&lt;/b&gt; &amp;rsquo;24</title><link>https://a.example/1</link></item>
<item><title><![CDATA[Rates <em>held</em> at 4% & rising]]></title><link>https://a.example/2</link></item>
<item><title>A &lt; B, plainly</title><link>https://a.example/3</link></item></channel></rss>`;
    expect((await parseFeed(utf8(xml))).items.map((i) => i.title)).toEqual(['Tom & Jerry return \u201924', 'Rates held at 4% & rising', 'A < B, plainly']);
  });
});

describe('parseFeed: hostile sizes', () => {
  it('cuts an item body to MAX_BODY_CHARS', async () => {
    const body = `<p>${'word '.repeat(120_000)}</p>`;
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://x.example/</link><description>d</description>
<item><title>Big</title><link>https://a.example/1</link><description><![CDATA[${body}]]></description></item></channel></rss>`;
    const [item] = (await parseFeed(utf8(xml))).items;
    expect(item!.html.length).toBe(MAX_BODY_CHARS);
  });
});

describe('xmlDepth', () => {
  it('counts element nesting, not self-closed elements, comments, CDATA, instructions or the doctype', () => {
    expect(xmlDepth('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "b">]><rss><channel><item><br/></item></channel></rss>')).toBe(3);
    expect(xmlDepth('<a><!-- <b><c><d> --><![CDATA[<e><f><g>]]><h/></a>')).toBe(1);
  });

  it('stops scanning once past its limit', () => {
    expect(xmlDepth(`${'<a>'.repeat(10_000)}`, 300)).toBe(301);
  });
});

describe('parseFeed: nesting', () => {
  const nested = (n: number) =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Deep</title><item><title>T</title><description>${'<b>'.repeat(n)}x${'</b>'.repeat(n)}</description></item></channel></rss>`;

  it('reads a feed nested 200 deep, refuses one nested 300 deep with a message that says so', async () => {
    expect((await parseFeed(utf8(nested(200)))).items).toHaveLength(1);
    await expect(parseFeed(utf8(nested(300)))).rejects.toThrow(/^not a valid RSS\/Atom feed: elements nested more than 256 deep$/);
  });
});

describe('parseFeed: as feedparser reads real feeds', () => {
  it('reads RSS whose root has no version as RSS 2.0', async () => {
    const xml = `<?xml version="1.0"?>\n<!-- generated -->\n<rss>\n<channel><title>Porto Diário</title>
      <item><title>Ponte reaberta</title><link>https://porto.example/ponte</link><description>A ponte reabriu.</description></item></channel></rss>`;
    expect((await parseFeed(utf8(xml))).items).toMatchObject([{ title: 'Ponte reaberta', link: 'https://porto.example/ponte' }]);
  });

  it('links an item without <link> to its GUID, unless the GUID says isPermaLink="false"', async () => {
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Riddles</title>
      <item><title>One</title><guid>https://riddles.example/1</guid><guid>https://riddles.example/1</guid><description>First riddle.</description></item>
      <item><title>Two</title><guid isPermaLink="false">https://riddles.example/2</guid><description>Second riddle.</description></item>
      <item><title>Three</title><guid isPermaLink="true">riddle-3</guid><description>Third riddle.</description></item>
    </channel></rss>`;
    const items = (await parseFeed(utf8(xml), undefined, 'https://riddles.example/feed.xml')).items;
    expect(items.map((i) => i.link)).toEqual(['https://riddles.example/1', undefined, 'https://riddles.example/riddle-3']);
    expect(items.map((i) => i.guid)).toEqual(['https://riddles.example/1', 'https://riddles.example/2', 'riddle-3']);
  });
});
