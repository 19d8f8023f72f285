import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../shared/core/config.ts';
import { escapeXml, parseOpml, renderOpml, slug } from '../../shared/core/opml.ts';
import type { Outlet } from '../../shared/core/model.ts';

/** The ConfigError message of parseOpml (asserting one line). */
function errorOf(text: string): string {
  try {
    parseOpml(text, 'subs.opml', { rejectBlockedPorts: true });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    return message;
  }
  throw new Error('expected a ConfigError');
}

const READER_EXPORT = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>My subscriptions</title></head>
  <body>
    <outline text="News" title="News">
      <outline type="rss" text="Harbour News" title="Harbour News" xmlUrl="https://harbour.example/feed.xml" htmlUrl="https://harbour.example/"/>
      <outline type="rss" text="Valley Courier" xmlUrl="https://valley.example/rss?a=1&amp;b=2"/>
      <outline text="Local">
        <outline type="rss" title="Harbour News" text="other" xmlurl="https://harbour2.example/feed"/>
      </outline>
    </outline>
    <outline type="rss" text="Zürich Zeitung" xmlUrl="https://zz.example/feed"/>
    <outline type="rss" text="新闻" xmlUrl="https://www.xinwen.example/rss"/>
    <outline type="link" text="Not a feed" url="https://example.org/"/>
  </body>
</opml>
`;

describe('parseOpml', () => {
  it('makes an outlet of each outline with an xmlUrl, categories walked, names from title else text, ids derived and unique', () => {
    expect(parseOpml(READER_EXPORT, 'subs.opml')).toEqual([
      { outlet: { id: 'harbour-news', name: 'Harbour News', url: 'https://harbour.example/feed.xml' }, line: 6, derivedId: true, alsoOn: [] },
      { outlet: { id: 'valley-courier', name: 'Valley Courier', url: 'https://valley.example/rss?a=1&b=2' }, line: 7, derivedId: true, alsoOn: [] },
      { outlet: { id: 'harbour-news-2', name: 'Harbour News', url: 'https://harbour2.example/feed' }, line: 9, derivedId: true, alsoOn: [] },
      { outlet: { id: 'zurich-zeitung', name: 'Zürich Zeitung', url: 'https://zz.example/feed' }, line: 12, derivedId: true, alsoOn: [] },
      // No ASCII letter in the name: the id comes from the host.
      { outlet: { id: 'xinwen-example', name: '新闻', url: 'https://www.xinwen.example/rss' }, line: 13, derivedId: true, alsoOn: [] },
    ]);
  });

  it('keeps the id an outline carries in feedmerge:id, and derives no id another outline gives', () => {
    const text = `<opml version="2.0" xmlns:feedmerge="https://github.com/feedmerge/feedmerge#opml"><body>
<outline text="Harbour News" xmlUrl="https://a.example/1"/>
<outline text="Other" xmlUrl="https://a.example/2" feedmerge:id="harbour-news"/>
</body></opml>`;
    expect(parseOpml(text, 'f').map((o) => [o.outlet.id, o.derivedId])).toEqual([
      ['harbour-news-2', true],
      ['harbour-news', false],
    ]);
  });

  it('applies the feeds file rules, naming the file, the line and the outline', () => {
    expect(errorOf('<opml><body>\n<outline text="A" xmlUrl="ftp://a.example/feed"/>\n</body></opml>')).toBe(
      'subs.opml:2: outline "A": xmlUrl "ftp://a.example/feed" must use http or https, not ftp:',
    );
    expect(errorOf('<opml><body>\n\n<outline text="A" xmlUrl="feeds/a.xml"/></body></opml>')).toBe(
      'subs.opml:3: outline "A": xmlUrl "feeds/a.xml" is not an absolute http(s) URL',
    );
    expect(errorOf('<opml><body>\n<outline text="A" xmlUrl="http://a.example:25/feed"/></body></opml>')).toBe(
      'subs.opml:2: outline "A": xmlUrl "http://a.example:25/feed": port 25 is blocked by fetch (browsers\' bad-ports list); use the outlet\'s http(s) port',
    );
    expect(errorOf('<opml><body>\n<outline text="A" xmlUrl="https://a.example/" feedmerge:id="Bad Id"/></body></opml>')).toBe(
      'subs.opml:2: outline "A": feedmerge:id "Bad Id" must be lowercase letters, digits and dashes (at most 63)',
    );
    expect(
      errorOf('<opml><body>\n<outline text="A" xmlUrl="https://a.example/" feedmerge:id="a"/>\n<outline text="B" xmlUrl="https://b.example/" feedmerge:id="a"/></body></opml>'),
    ).toBe('subs.opml:3: outline "B": feedmerge:id "a" is listed twice (first on line 2)');
  });

  it('takes the same feed listed twice (two categories) as one outlet, named by its first outline', () => {
    const text = '<opml><body>\n<outline text="X"><outline text="A" xmlUrl="https://a.example/rss"/></outline>\n<outline text="Y">\n<outline text="A again" xmlUrl="https://A.example/rss"/></outline></body></opml>';
    expect(parseOpml(text, 'subs.opml')).toEqual([{ outlet: { id: 'a', name: 'A', url: 'https://a.example/rss' }, line: 2, derivedId: true, alsoOn: [4] }]);
  });

  it('refuses an outline without a name, a file that is not OPML, and one without feeds', () => {
    expect(errorOf('<opml><body>\n<outline xmlUrl="https://a.example/rss"/></body></opml>')).toBe(
      'subs.opml:2: outline with xmlUrl "https://a.example/rss" has no title or text (it names the outlet)',
    );
    expect(errorOf('<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>')).toBe('subs.opml:2: not an OPML file: the root element is <rss>, not <opml>');
    expect(errorOf('')).toBe('subs.opml:1: not an OPML file (no XML element in it)');
    expect(errorOf('<opml><body><outline text="Category"/></body></opml>')).toBe('subs.opml: no <outline> with an xmlUrl in it: no feeds to import');
  });
});

describe('renderOpml', () => {
  const outlets: Outlet[] = [
    { id: 'harbour-news', name: 'Harbour News', url: 'https://harbour.example/feed.xml' },
    { id: 'valley2', name: 'Valley "Courier" & <Co>\n\'s', url: 'https://valley.example/rss?a=1&b=2' },
  ];

  it('writes OPML 2.0 with rss outlines, XML-escaped', () => {
    const opml = renderOpml(outlets, 'feedmerge & co outlets');
    expect(opml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0" xmlns:feedmerge="https://github.com/feedmerge/feedmerge#opml">',
        '  <head>',
        '    <title>feedmerge &amp; co outlets</title>',
        '  </head>',
        '  <body>',
        '    <outline type="rss" text="Harbour News" title="Harbour News" xmlUrl="https://harbour.example/feed.xml" feedmerge:id="harbour-news"/>',
        '    <outline type="rss" text="Valley &quot;Courier&quot; &amp; &lt;Co&gt;&#10;&apos;s" title="Valley &quot;Courier&quot; &amp; &lt;Co&gt;&#10;&apos;s" xmlUrl="https://valley.example/rss?a=1&amp;b=2" feedmerge:id="valley2"/>',
        '  </body>',
        '</opml>',
        '',
      ].join('\n'),
    );
  });

  it('round-trips: what it writes, parseOpml reads back as the same outlets', () => {
    expect(parseOpml(renderOpml(outlets, 't'), 'f').map((o) => o.outlet)).toEqual(outlets);
  });

  it('drops characters XML 1.0 cannot carry', () => {
    expect(escapeXml('a\u0001b\u0000c\td')).toBe('abc&#9;d');
  });
});

describe('slug', () => {
  it.each([
    ['Harbour News', 'harbour-news'],
    ['  The Post — Evening Edition! ', 'the-post-evening-edition'],
    ['Zürich', 'zurich'],
    ['新闻', ''],
    ['a'.repeat(70), 'a'.repeat(63)],
    [`${'a'.repeat(62)} b`, 'a'.repeat(62)],
  ])('%j → %j', (name, id) => {
    expect(slug(name)).toBe(id);
  });
});
