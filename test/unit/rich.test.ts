/**
 * The canonical copy's rich body (shared/text/rich.ts, shared/text/extract.ts `extractRich`): structure,
 * links, emphasis and images kept; the lines dedup removed as boilerplate removed here too; every URL
 * absolute http(s).
 */
import { describe, expect, it } from 'vitest';
import type { FeedItem } from '../../shared/core/model.ts';
import { fingerprintFeed } from '../../shared/dedup/fingerprint.ts';
import { identifyDocument } from '../../shared/dedup/identity.ts';
import { extractLines, extractRich } from '../../shared/text/extract.ts';
import { richBody } from '../../shared/text/rich.ts';

const ARTICLE: FeedItem = {
  guid: 'bay-101',
  link: 'https://bay.example/news/otters',
  title: 'Otters return to the Kell river',
  baseUrl: 'https://bay.example/news/',
  html: [
    '<p>Posted By : Bay Staff</p>',
    '<p>7 Min Read</p>',
    '<figure><img src="img/otters.jpg" alt="Two otters on the bank"><figcaption>Photo: River Trust</figcaption></figure>',
    '<p>KELLBY, May 3 (Coast Wire) - A family of <em>otters</em> has been seen on the Kell river for the first time in forty years, the <a href="/trust?utm_source=rss">river trust</a> said on Friday.</p>',
    '<p><a href="https://bay.example/other-story"><img src="/teaser.jpg" alt="teaser"></a><a href="https://bay.example/other-story">Read More: Council approves new bus lanes on the ring road</a></p>',
    '<p>Volunteers counted <strong>five animals</strong> near the old mill, where the water has been cleaner since the tannery closed.</p>',
    '<ul><li>Two adults and three cubs</li><li>Seen at dawn on three days</li></ul>',
    '<blockquote><p>We had almost given up hope of seeing them here again, and now there is a whole family.</p></blockquote>',
    '<p>Share This Article</p>',
  ].join('\n'),
};

function keptParagraphs(item: FeedItem): readonly string[] {
  const all = identifyDocument([item]);
  return [...fingerprintFeed({ id: 'bay', name: 'Bay Courier' }, all, all).fingerprints.values()][0]!.paragraphs;
}

describe('extractRich', () => {
  it('gives exactly the lines extractLines gives, with their structure', () => {
    const rich = extractRich(ARTICLE.html, ARTICLE.baseUrl);
    expect(rich.lines).toEqual(extractLines(ARTICLE.html));
    expect(rich.rich).toHaveLength(rich.lines.length);
    expect(rich.rich.map((r) => r.kind)).toEqual(['p', 'p', 'p', 'p', 'p', 'ul', 'ul', 'p', 'p']);
    expect(rich.rich.map((r) => r.quote)).toEqual([false, false, false, false, false, false, false, true, false]);
  });

  it('resolves URLs against the base, keeps only http(s), and places images between lines', () => {
    const rich = extractRich(
      '<p>See <a href="report.pdf">the report</a> and <a href="javascript:x()">this</a>.<img src="data:image/gif;base64,R0"></p><figure><img src="a.jpg" alt="A"></figure><p>Next</p>',
      'https://user:pw@site.example/dir/page',
    );
    expect(rich.rich[0]!.html).toBe('See <a href="https://site.example/dir/report.pdf">the report</a> and this.');
    expect(rich.images).toEqual([{ src: 'https://site.example/dir/a.jpg', alt: 'A', before: 1 }]);
  });

  it('drops tracking pixels, takes a lazy image from data-src, and never nests links', () => {
    const rich = extractRich(
      '<p>One <a href="https://a.example/">outer <a href="https://b.example/">inner</a> end</a>.</p>' +
        '<img src="https://feeds.example/~r/x/~4/abc" width="1" height="1">' +
        '<img src="data:image/gif;base64,R0lGOD" data-src="https://site.example/photo.jpg" alt="Photo">',
      'https://site.example/',
    );
    expect(rich.rich[0]!.html).toBe('One <a href="https://a.example/">outer inner end</a>.');
    expect(rich.images).toEqual([{ src: 'https://site.example/photo.jpg', alt: 'Photo', before: 1 }]);
  });

  it('closes inline elements at the end of each line and reopens them on the next', () => {
    const rich = extractRich('<p><em>one<br>two</em> three</p>');
    expect(rich.rich.map((r) => r.html)).toEqual(['<em>one</em>', '<em>two</em> three']);
  });
});

describe('richBody', () => {
  it('keeps what dedup kept, with links, emphasis, the figure, the list and the quote; the boilerplate stays out', () => {
    const paragraphs = keptParagraphs(ARTICLE);
    const html = richBody(ARTICLE.html, ARTICLE.baseUrl, paragraphs)!;
    expect(html).toBeDefined();
    for (const gone of ['Posted By', 'Min Read', 'Read More', 'teaser', 'Share This', 'Photo: River Trust', 'KELLBY']) expect(html).not.toContain(gone);
    expect(html).toContain('<p><img src="https://bay.example/news/img/otters.jpg" alt="Two otters on the bank"></p>');
    // The lede lost its dateline: shown as its plain text.
    expect(html).toContain('<p>A family of otters has been seen on the Kell river');
    expect(html).toContain('<p>Volunteers counted <strong>five animals</strong> near the old mill');
    expect(html).toContain('<ul>\n<li>Two adults and three cubs</li>\n<li>Seen at dawn on three days</li>\n</ul>');
    expect(html).toContain('<blockquote>\n<p>We had almost given up hope');
    expect(html.indexOf('otters.jpg')).toBeLessThan(html.indexOf('A family of otters'));
  });

  it('keeps a link inside a kept line, resolved (trackers are dropped when rendered)', () => {
    const item: FeedItem = { ...ARTICLE, html: ARTICLE.html.replace('KELLBY, May 3 (Coast Wire) - ', '') };
    const html = richBody(item.html, item.baseUrl, keptParagraphs(item))!;
    expect(html).toContain('the <a href="https://bay.example/trust?utm_source=rss">river trust</a> said');
  });

  it('keeps the line breaks and indentation of preformatted text, one block across its <br>s', () => {
    const html = [
      '<p>The league table after the last round was published on Sunday.</p>',
      '<pre>\n  Team        Pts\r\n  Harbour FC   24\n  Mill Town    19\n</pre>',
      '<pre>Top scorer<br>  Ada Byrne  <em>14</em></pre>',
      '<p>The champions lift the trophy at home next Saturday.</p>',
    ].join('\n');
    const paragraphs = extractLines(html).map((l) => l.text);
    // Dedup reads the table as one line of words; readers see it as it was laid out.
    expect(paragraphs[1]).toBe('Team Pts Harbour FC 24 Mill Town 19');
    expect(richBody(html, undefined, paragraphs)).toBe(
      [
        '<p>The league table after the last round was published on Sunday.</p>',
        '<pre>  Team        Pts\n  Harbour FC   24\n  Mill Town    19\nTop scorer\n  Ada Byrne  <em>14</em></pre>',
        '<p>The champions lift the trophy at home next Saturday.</p>',
      ].join('\n'),
    );
  });

  it('gives nothing when the paragraphs are not the fragment\u2019s lines', () => {
    expect(richBody('<p>One line.</p>', undefined, ['Another line.'])).toBeUndefined();
    expect(richBody('<p>One line.</p>', undefined, [])).toBeUndefined();
  });
});
