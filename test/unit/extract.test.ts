import { describe, expect, it } from 'vitest';
import { extractLines } from '../../shared/text/extract.ts';

const texts = (html: string): string[] => extractLines(html).map((l) => l.text);

describe('extractLines: block structure', () => {
  it('makes one line per <p>', () => {
    expect(texts('<p>The council met on Monday.</p><p>It voted to close the library.</p>')).toEqual([
      'The council met on Monday.',
      'It voted to close the library.',
    ]);
  });

  it('splits a <div> on <br><br> and on a single <br>, without empty lines', () => {
    expect(texts('<div>First paragraph here.<br><br>Second paragraph here.<br/>Third line.</div>')).toEqual([
      'First paragraph here.',
      'Second paragraph here.',
      'Third line.',
    ]);
  });

  it('ends lines at headings, list items and <hr>', () => {
    expect(texts('<h2>Heading</h2><ul><li>One</li><li>Two</li></ul>Before<hr>After')).toEqual([
      'Heading',
      'One',
      'Two',
      'Before',
      'After',
    ]);
  });

  it('does not split on inline <strong>, <em>, <span> or <a>', () => {
    expect(
      texts('<p>The <strong>mayor</strong> said the <em>new</em> plan was <span>final</span>, see <a href="/x">the report</a> for details.</p>'),
    ).toEqual(['The mayor said the new plan was final, see the report for details.']);
  });

  it('adds no space before punctuation that follows an inline element', () => {
    expect(texts('<p>She read the <a href="/r">report</a>. Then she left.</p>')).toEqual(['She read the report. Then she left.']);
    expect(texts('<p>He said <b>no</b>, twice.</p>')).toEqual(['He said no, twice.']);
    expect(texts('<p>word<a href="#">link</a>.</p>')).toEqual(['wordlink.']);
  });

  it('adds no space between adjacent inline elements', () => {
    expect(texts('<p>un<b>believ</b><i>able</i></p>')).toEqual(['unbelievable']);
  });
});

describe('extractLines: text decoding and cleaning', () => {
  it('decodes named and numeric entities', () => {
    expect(texts('<p>Fish &amp; chips &lt;b&gt; caf&eacute; &#233; &#x263A; &quot;q&quot;</p>')).toEqual([
      'Fish & chips <b> caf\u00E9 \u00E9 \u263A "q"',
    ]);
  });

  it('turns &nbsp; into a space and drops zero-width characters', () => {
    expect(texts('<p>ten&nbsp;&nbsp;pounds of in&#8203;formation</p>')).toEqual(['ten pounds of information']);
  });

  it('collapses source whitespace and newlines inside a paragraph', () => {
    expect(texts('<p>\n  One\n  two\t three  \n</p>')).toEqual(['One two three']);
  });

  it('drops lines that are only whitespace', () => {
    expect(texts('<p> </p><p>&nbsp;</p><div>\n</div><p>Text</p>')).toEqual(['Text']);
  });
});

describe('extractLines: skipped elements', () => {
  it('skips <figure> with its <img> and <figcaption>', () => {
    expect(texts('<p>Before.</p><figure><img src="a.jpg" alt="alt text"><figcaption>The caption</figcaption></figure><p>After.</p>')).toEqual([
      'Before.',
      'After.',
    ]);
  });

  it('skips <script> and <style> including markup-looking text inside them', () => {
    expect(texts('<p>A.</p><script>var s = "<p>not text</p>";</script><style>p { color: red }</style><p>B.</p>')).toEqual(['A.', 'B.']);
  });

  it('skips a bare <figcaption>, <aside>, <nav>, <iframe> and <noscript>', () => {
    expect(
      texts('<p>A.</p><figcaption>cap</figcaption><aside>aside</aside><nav>nav</nav><iframe>frame</iframe><noscript>ns</noscript><p>B.</p>'),
    ).toEqual(['A.', 'B.']);
  });

  it('skips nested content of skipped elements, including nested skipped elements', () => {
    expect(
      texts('<aside><div><p>Related</p><figure><figcaption>Cap</figcaption></figure><p>Still aside</p></div></aside><p>Kept.</p>'),
    ).toEqual(['Kept.']);
  });

  it('keeps text after a skipped element inside the same paragraph', () => {
    expect(texts('<p>Before <img src="x.png"> after <button>Click</button> end.</p>')).toEqual(['Before after end.']);
  });

  it('resumes after a self-closing skipped element', () => {
    expect(texts('<p>A.</p><svg><path d="M0 0"/><text>svg text</text></svg><figure/><p>B.</p>')).toEqual(['A.', 'B.']);
  });
});

describe('extractLines: plain text', () => {
  it('uses newlines as line breaks when there are no tags', () => {
    expect(texts('First line of text.\nSecond line.\r\n\r\nThird line.')).toEqual(['First line of text.', 'Second line.', 'Third line.']);
  });

  it('decodes entities in plain text', () => {
    expect(texts('Fish &amp; chips')).toEqual(['Fish & chips']);
  });

  it('returns nothing for an empty body', () => {
    expect(extractLines('')).toEqual([]);
    expect(extractLines('   \n  ')).toEqual([]);
  });
});

describe('extractLines: linkRatio', () => {
  it('is 1 for a line that is only a link', () => {
    const [line] = extractLines('<p><a href="/other">Mayor announces new budget</a></p>');
    expect(line!.linkRatio).toBe(1);
  });

  it('is small for a prose line with one short link', () => {
    const [line] = extractLines(
      '<p>The council published <a href="/r">its report</a> on Monday, and residents will have six weeks to respond to it.</p>',
    );
    expect(line!.linkRatio).toBeGreaterThan(0);
    expect(line!.linkRatio).toBeLessThan(0.25);
  });

  it('is 0 for a line without links, and is counted per line', () => {
    const lines = extractLines('<p>No links here.</p><p><a href="/a">All link</a></p><p>Again none.</p>');
    expect(lines.map((l) => l.linkRatio)).toEqual([0, 1, 0]);
  });

  it('does not leak link state past the closing </a>', () => {
    const [line] = extractLines('<p><a href="/a">x</a> and then a long stretch of ordinary words follows here.</p>');
    expect(line!.linkRatio).toBeLessThan(0.1);
  });
});

describe('extractLines: malformed HTML', () => {
  it('copes with unclosed paragraphs and inline tags', () => {
    expect(texts('<p>Unclosed para <b>bold<p>Next para <i>italic')).toEqual(['Unclosed para bold', 'Next para italic']);
  });

  it('copes with stray closing tags', () => {
    expect(texts('</div></p>Text one.</span><p>Text two.</b></p>')).toEqual(['Text one.', 'Text two.']);
  });

  it('drops the rest of the document after an unclosed skipped element, but keeps what came before', () => {
    expect(texts('<p>Kept.</p><script>var x = 1; <p>never text')).toEqual(['Kept.']);
  });

  it('does not throw on garbage', () => {
    expect(() => extractLines('<<<>>> <p <a href=">x</a> &bogus; &#xZZ; </')).not.toThrow();
  });
});

describe('extractLines: hostile markup', () => {
  it('falls back to a linear split for markup with more tags than any article has', () => {
    const html = `${'<div>'.repeat(30_000)}Deep text &amp; more${'</div>'.repeat(30_000)}`;
    expect(extractLines(html)).toEqual([{ text: 'Deep text &amp; more', linkRatio: 0 }]);
  });
});
