import { describe, expect, it } from 'vitest';
import { edgeOf, recurringEdges, recurringShapes, shapeId, stripBoilerplate, type BoilerplateContext } from '../../shared/text/boilerplate.ts';
import type { TextLine } from '../../shared/text/extract.ts';
import { lineKey, lineShape, tokens } from '../../shared/text/normalise.ts';

const line = (text: string, linkRatio = 0): TextLine => ({ text, linkRatio });

// An invented local news article.
const P1 =
  'The county council voted on Tuesday to close the old library on Mill Street after a heated three-hour debate. ' +
  'Eleven councillors backed the plan and four opposed it. The library has served the town since 1911.';
const P2 =
  'Residents had collected more than four thousand signatures against the closure over the summer. ' +
  'Several of them spoke at the meeting and asked the council to look for a buyer who would keep the reading room open. ' +
  'The council leader said no such buyer had come forward.';
const P3 =
  'The building will be sold next spring and its collection moved to the new civic centre downtown. ' +
  'Opening hours at the civic centre will be extended to eight in the evening on weekdays. ' +
  'A public consultation on the sale starts next month.';

const CTX: BoilerplateContext = {
  title: 'Council votes to close Mill Street library',
  otherTitles: new Set<string>(),
  recurring: new Set<string>(),
  outletName: 'Valley Courier',
};

/** Runs the candidate line in the middle of the article (after P1), where only the line rules can act. */
function midArticle(candidate: string, ctx: BoilerplateContext = CTX, linkRatio = 0) {
  return stripBoilerplate([line(P1), line(candidate, linkRatio), line(P2), line(P3)], ctx);
}

function ruleFor(candidate: string, ctx: BoilerplateContext = CTX, linkRatio = 0): string | undefined {
  const { removed, kept } = midArticle(candidate, ctx, linkRatio);
  const hit = removed.find((r) => r.text === candidate);
  if (hit) expect(kept).not.toContain(candidate);
  return hit?.rule;
}

function expectKept(candidate: string, ctx: BoilerplateContext = CTX): void {
  const { kept, removed } = midArticle(candidate, ctx);
  expect(removed).toEqual([]);
  expect(kept).toEqual([P1, candidate, P2, P3]);
}

describe('stripBoilerplate: clean article', () => {
  it('keeps every prose paragraph of an article without boilerplate, in order', () => {
    expect(stripBoilerplate([line(P1), line(P2), line(P3)], CTX)).toEqual({
      kept: [P1, P2, P3],
      keptWords: [P1, P2, P3].flatMap((p) => tokens(p)),
      removed: [],
    });
  });

  it('handles no lines at all', () => {
    expect(stripBoilerplate([], CTX)).toEqual({ kept: [], keptWords: [], removed: [] });
  });
});

describe('stripBoilerplate: bylines', () => {
  it.each(['Posted By : Jane Doe', 'posted by: Jane Doe', 'POSTED BY JANE DOE', 'Written by Jane Doe on March 3', 'Story by Jane Doe', 'Reported by Tom Hale in Riverton'])(
    'removes "%s" as a byline',
    (text) => {
      expect(ruleFor(text)).toBe('byline');
    },
  );

  it('removes "by Jane Doe" (lower-case by) as a byline', () => {
    expect(ruleFor('by Jane Doe')).toBe('byline');
  });

  // Regression (fixed): the "By First Last" rule is /^by\s+\p{Lu}…/u without the `i` flag, so it only matches a
  // lower-case "by": the usual capitalised byline "By Jane Doe" is never recognised (it only goes when
  // it happens to stand before the first prose line, as an edge fragment).
  it('removes the usual capitalised byline "By Jane Doe" in the middle of an article', () => {
    expect(ruleFor('By Jane Doe')).toBe('byline');
  });

  // Same bug, with a role after the name.
  it('removes "By Jane Doe, Staff Writer" in the middle of an article', () => {
    expect(ruleFor('By Jane Doe, Staff Writer')).toBe('byline');
  });

  it('keeps a long prose paragraph that starts with "By the end of the year"', () => {
    expectKept(
      'By the end of the year the council expects to have saved more than two million pounds from the closure of the library and two other buildings, officials said.',
    );
  });

  it('keeps "By Tuesday evening, the petition had doubled." (a sentence, not a name)', () => {
    expectKept('By Tuesday evening, the petition had doubled in size.');
  });

  // Regression (fixed): the first byline rule accepts "published|reported|filed … in" with up to 12 words and no
  // sentence check, so a short article sentence that opens with "Published in …" is dropped as a byline.
  it('keeps a short sentence opening with "Published in" (not a byline)', () => {
    expectKept('Published in 1998, the novel sold a million copies.');
  });
});

describe('stripBoilerplate: reading time', () => {
  it.each(['7 Min Read', '7 min read', '12 MIN READ', '5 minutes', '4 mins', 'Reading time: 3 min', 'Reading time 4 minutes', '2-3 min read', 'About 6 minutes to read'])(
    'removes "%s"',
    (text) => {
      expect(ruleFor(text)).toBe('reading-time');
    },
  );

  it('keeps a sentence about minutes', () => {
    expectKept('The meeting was suspended for 20 minutes while police removed two protesters.');
  });
});

describe('stripBoilerplate: "Read more" teasers', () => {
  it.each([
    'Read More: Mayor announces new budget for the harbour',
    'READ MORE: Mayor announces new budget for the harbour',
    'read more: mayor announces new budget',
    'Read more:Mayor announces new budget',
    'Read more : Mayor announces new budget',
    'READ MORE - Mayor announces new budget',
    'Read more | Mayor announces new budget',
    'Also read: Mayor announces new budget',
    'Related: Mayor announces new budget',
    'Related stories: Mayor announces new budget',
    'You may also like: Mayor announces new budget',
    'Watch: the debate in full',
  ])('removes "%s"', (text) => {
    expect(ruleFor(text)).toBe('read-more');
  });

  it('removes a long "Read more > headline" teaser', () => {
    expect(ruleFor('Read more > Mayor announces new budget for the harbour and the old ferry pier')).toBe('read-more');
  });

  it('removes a short "Read more » headline" teaser', () => {
    expect(ruleFor('Read more \u00BB Mayor announces new budget')).toBeDefined();
  });

  // Regression (fixed): the rules now run on `cleanText`, which maps the guillemet "»" to a straight double quote, so the
  // separator class [:|\-»>.] of the read-more rule can never see a "»". Short teasers are still caught by
  // the 8-word "continue-reading" rule, but a "Read more » <headline>" longer than 8 words survives.
  it('removes a long "Read more » headline" teaser', () => {
    expect(ruleFor('Read more \u00BB Mayor announces new budget for the harbour and the old ferry pier')).toBe('read-more');
  });
});

describe('stripBoilerplate: share and comment prompts', () => {
  it.each([
    'Share this article',
    'Share',
    'Share on Facebook',
    'Tweet',
    'Print this page',
    'Email',
    'Leave a comment',
    'Leave a reply',
    'Comments',
    '12 Comments',
    'Join the conversation',
    'Follow us on Twitter',
    'Subscribe to our newsletter',
    'Sign up for our newsletter',
    'Click here to subscribe',
    'Advertisement',
  ])('removes "%s"', (text) => {
    expect(ruleFor(text)).toBe('share-prompt');
  });

  it('keeps "Print media is dying in the valley, the report says."', () => {
    expectKept('Print media is dying in the valley, the report says.');
  });

  it('keeps "Share prices fell sharply on Tuesday after the announcement of the merger."', () => {
    expectKept('Share prices fell sharply on Tuesday after the announcement of the merger.');
  });

  it('keeps "Comment was sought from the owners, who did not reply."', () => {
    expectKept('Comment was sought from the owners, who did not reply.');
  });

  it('keeps "Save for one councillor, everyone agreed."', () => {
    expectKept('Save for one councillor, everyone agreed.');
  });
});

describe('stripBoilerplate: credit lines', () => {
  it.each([
    'This article was originally published by Harbour News.',
    'This story first appeared in the Harbour News.',
    'The post Council votes to close Mill Street library appeared first on Harbour News.',
    'the post Council votes appeared first on harbour news',
    'Source: Harbour News',
    'Via: Harbour News',
    'Courtesy: Harbour News',
    '\u00A9 2024 Harbour News. All rights reserved.',
    'Copyright 2024 Harbour News',
    'Harbour News Ltd. All rights reserved.',
  ])('removes "%s"', (text) => {
    expect(ruleFor(text)).toBe('credit');
  });
});

describe('stripBoilerplate: photo captions and credits', () => {
  it.each([
    'Photo: John Smith',
    'PHOTO: John Smith / Harbour News',
    'Image: Harbour Authority',
    'File photo: the library in 2019',
    'Pictured: the mayor outside the library',
    'The old library on Mill Street. (AFP)',
    'Protesters outside the town hall on Tuesday. (Reuters)',
    'The library entrance. Photo: Ann Lee',
    'A view of the street. Reuters photo',
  ])('removes "%s"', (text) => {
    expect(ruleFor(text)).toBe('caption');
  });
});

describe('stripBoilerplate: datelines', () => {
  it.each([
    'March 3, 2024',
    '3 March 2024',
    '03/03/2024',
    '2024-03-03',
    'Updated: 2024-03-03 14:05',
    'Updated on March 3, 2024 at 10:30 am',
    'Tuesday, 3 March 2024 at 10:30 am',
    'Last updated 3 Mar. 2024, 10:30 GMT',
  ])('removes "%s"', (text) => {
    expect(ruleFor(text)).toBe('dateline');
  });

  it('keeps a sentence that contains a date', () => {
    expectKept('On March 3, 2024 the council first discussed the closure in private.');
  });
});

describe('stripBoilerplate: "Continue reading"', () => {
  it.each(['Continue reading', 'Continue reading\u2026', 'Continue reading...', '\u2026 Continue reading', 'Read the full story', 'Read full article'])(
    'removes the line "%s"',
    (text) => {
      expect(ruleFor(text)).toBe('continue-reading');
    },
  );

  it('trims "Continue reading…" glued to the end of the last paragraph and records it', () => {
    const { kept, removed } = stripBoilerplate([line(P1), line(P2), line(`${P3} Continue reading\u2026`)], CTX);
    expect(kept).toEqual([P1, P2, P3]);
    expect(removed).toEqual([{ text: 'Continue reading\u2026', rule: 'continue-reading' }]);
  });

  it('trims "[…] Read more" and a bare "[…]" glued to a paragraph', () => {
    expect(stripBoilerplate([line(P1), line(`${P2} [\u2026] Read more`)], CTX).kept).toEqual([P1, P2]);
    expect(stripBoilerplate([line(P1), line(`${P2} [\u2026]`)], CTX).kept).toEqual([P1, P2]);
  });

  it('keeps the text of a paragraph that merely mentions reading', () => {
    expectKept('Librarians said children who visit every week continue reading well into their teens.');
  });

  // Regression (fixed): the "continue-reading" line rule matches any line of at most 8 words that starts with the
  // word "More" (…|read more|more)\b.*$ and has no sentence check, so short article sentences such as
  // "More than 300 residents signed the petition." are dropped as navigation.
  it('keeps a short sentence starting with "More than" (not a "More" link)', () => {
    expectKept('More than 300 residents signed the petition.');
  });

  // Regression (fixed): TRAILING_CONTINUE strips "read more" at the end of any paragraph, even when it is the end of a
  // real sentence: "…who own a library card read more." loses its last two words.
  it('does not trim "read more." that ends a genuine sentence', () => {
    const sentence = 'Surveys show that children who own a library card read more.';
    expect(stripBoilerplate([line(P1), line(P2), line(sentence)], CTX).kept).toEqual([P1, P2, sentence]);
  });
});

describe('stripBoilerplate: author bio', () => {
  const BIO = 'Jane Doe is a reporter at the Harbour News who covers local politics and the council.';

  it('removes an author bio that ends the article', () => {
    const { kept, removed } = stripBoilerplate([line(P1), line(P2), line(P3), line(BIO)], CTX);
    expect(kept).toEqual([P1, P2, P3]);
    expect(removed).toEqual([{ text: BIO, rule: 'author-bio' }]);
  });

  it('removes "About the author" and "X covers …" bios at the end', () => {
    const about = 'About the author: Tom Hale has written about the valley for twenty years.';
    expect(stripBoilerplate([line(P1), line(P2), line(about)], CTX).removed).toEqual([{ text: about, rule: 'author-bio' }]);
    const covers = 'Tom Hale covers transport and planning for the paper.';
    expect(stripBoilerplate([line(P1), line(P2), line(covers)], CTX).removed).toEqual([{ text: covers, rule: 'author-bio' }]);
  });

  it('keeps a sentence about a journalist in the middle of the article', () => {
    const mention = 'Maria Keane is a reporter who has followed the library campaign since it began last spring.';
    const { kept, removed } = stripBoilerplate([line(P1), line(mention), line(P2), line(P3)], CTX);
    expect(removed).toEqual([]);
    expect(kept).toEqual([P1, mention, P2, P3]);
  });
});

describe('stripBoilerplate: edge fragments', () => {
  it('removes short fragments before the first and after the last prose line', () => {
    const { kept, removed } = stripBoilerplate(
      [line('Local'), line('Mill Street'), line(P1), line(P2), line(P3), line('Tags'), line('library, council, planning')],
      CTX,
    );
    expect(kept).toEqual([P1, P2, P3]);
    expect(removed).toEqual([
      { text: 'Local', rule: 'edge-fragment' },
      { text: 'Mill Street', rule: 'edge-fragment' },
      { text: 'Tags', rule: 'edge-fragment' },
      { text: 'library, council, planning', rule: 'edge-fragment' },
    ]);
  });

  it('keeps short fragments between prose lines (subheadings)', () => {
    const { kept } = stripBoilerplate([line(P1), line('What happens next'), line(P2)], CTX);
    expect(kept).toEqual([P1, 'What happens next', P2]);
  });

  it('keeps fragments when there is no prose at all (nothing to anchor on)', () => {
    const { kept } = stripBoilerplate([line('Library closes'), line('Mill Street')], CTX);
    expect(kept).toEqual(['Library closes', 'Mill Street']);
  });
});

describe('stripBoilerplate: feed context', () => {
  it('removes a line repeating the item title, whatever its case and punctuation', () => {
    expect(ruleFor('COUNCIL VOTES TO CLOSE MILL STREET LIBRARY!')).toBe('title');
  });

  it('removes a line that is the title of another item of the same feed', () => {
    const ctx = { ...CTX, otherTitles: new Set([lineKey('Mayor announces new budget for the harbour')]) };
    expect(ruleFor('Mayor announces new budget for the harbour', ctx)).toBe('other-title');
  });

  it('keeps a line that only resembles another title', () => {
    const ctx = { ...CTX, otherTitles: new Set([lineKey('Mayor announces new budget')]) };
    expectKept('The mayor announces a new budget every March, usually to little applause.', ctx);
  });

  it('removes a short line that is almost entirely a link', () => {
    expect(ruleFor('Ferry timetable changes this summer', CTX, 1)).toBe('link-line');
  });

  it('keeps a prose line with one link in it', () => {
    const text = 'The council said the full report would be published on its website before the next meeting.';
    const { kept } = stripBoilerplate([line(P1), line(text, 0.12), line(P2)], CTX);
    expect(kept).toEqual([P1, text, P2]);
  });

  it('removes short lines whose shape recurs across the outlet (numbers masked)', () => {
    const ctx = { ...CTX, recurring: new Set([shapeId(lineShape('Get 3 issues for 9 pounds'))]) };
    expect(ruleFor('Get 6 issues for 12 pounds', ctx)).toBe('recurring');
  });

  it('keeps the numbers of longer recurring lines: templated reports differ in them', () => {
    const ctx = { ...CTX, recurring: new Set([shapeId(lineShape('The index closed 12 points higher at 7,340 on Monday'))]) };
    expect(ruleFor('The index closed 30 points lower at 7,310 on Tuesday', ctx)).toBeUndefined();
  });

  it('removes a short line naming the outlet itself', () => {
    expect(ruleFor('Brought to you by the Valley Courier team')).toBe('outlet-mention');
    expect(ruleFor('Valley Courier')).toBe('outlet-mention');
    expect(ruleFor('Brought to you by the Valley Courier team', { ...CTX, outletName: 'The Valley Courier' })).toBe('outlet-mention');
  });

  it('does not match the outlet name inside other words', () => {
    expectKept('The Valley Couriers cycling club will hold its annual race past the library on Saturday.');
  });

  it('keeps a long paragraph that mentions the outlet', () => {
    const long =
      'Speaking to the Valley Courier after the vote, the council leader said the decision was the hardest of her career, ' +
      'and that she understood why so many residents felt let down by a council that had promised to protect the library ' +
      'only two years ago, when the building was last repaired at considerable cost to the town.';
    expectKept(long);
  });
});

describe('recurringShapes', () => {
  const article = (n: number): TextLine[] => [
    line(`Article ${'abcdefghijklmnopqrstuvwxyz'[n]} opens with its own distinct first sentence about topic ${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[n]}.`),
    line(`It continues with a second sentence on subject ${'abcdefghijklmnopqrstuvwxyz'[n]}${'abcdefghijklmnopqrstuvwxyz'[n]} only.`),
  ];

  it('finds a template line that recurs in enough items, whatever its numbers', () => {
    const items = [0, 1, 2, 3].map((n) => [...article(n), line(`Get ${n + 2} issues for ${n * 3 + 1} pounds`)]);
    const shapes = recurringShapes(items);
    expect(shapes).toEqual(new Set([shapeId('get # issues for # pounds')]));
  });

  it('counts a line once per item even if it repeats inside one item', () => {
    const items = [
      [...article(0), line('Share'), line('Share'), line('Share')],
      [...article(1), line('Share')],
      [...article(2)],
    ];
    expect(recurringShapes(items).has(shapeId('share'))).toBe(false);
  });

  it('ignores a long prose line shared by only 2 items (an outlet re-posting its own story)', () => {
    const shared =
      'The regional water authority said on Monday that reservoir levels had fallen to their lowest point in a decade after the dry summer.';
    const items = [
      [...article(0), line(shared)],
      [...article(1), line(shared)],
      [...article(2)],
      [...article(3)],
    ];
    expect(recurringShapes(items).size).toBe(0);
  });

  it('ignores lines longer than maxWords even when every item has them', () => {
    const long = Array.from({ length: 35 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}`).join(' ');
    const items = [0, 1, 2, 3, 4].map((n) => [...article(n), line(long)]);
    expect(recurringShapes(items).size).toBe(0);
    expect(recurringShapes(items, { maxWords: 40 })).toEqual(new Set([shapeId(lineShape(long))]));
  });

  it('respects minItems', () => {
    const items = [[...article(0), line('Promo 1')], [...article(1), line('Promo 2')], [...article(2)]];
    expect(recurringShapes(items).size).toBe(0); // default minItems 3
    expect(recurringShapes(items, { minItems: 2 })).toEqual(new Set([shapeId('promo #')]));
  });

  it('respects minShare on large feeds', () => {
    // 3 of 20 items (15%) carry the promo: enough for minItems 3, not for the default 20% share.
    const items = Array.from({ length: 20 }, (_, n) => [...article(n), ...(n < 3 ? [line(`Promo ${n}`)] : [])]);
    expect(recurringShapes(items).size).toBe(0);
    expect(recurringShapes(items, { minShare: 0.15 })).toEqual(new Set([shapeId('promo #')]));
    // 4 of 20 (20%) is enough with the defaults.
    const four = Array.from({ length: 20 }, (_, n) => [...article(n), ...(n < 4 ? [line(`Promo ${n}`)] : [])]);
    expect(recurringShapes(four)).toEqual(new Set([shapeId('promo #')]));
  });

  it('returns nothing for an empty feed', () => {
    expect(recurringShapes([]).size).toBe(0);
  });
});

describe('notes and datelines at the edges of a text', () => {
  it('reads the form of a note or a dateline a line opens with, and nothing else', () => {
    expect(edgeOf('KELLERBY, Nov 3 (Coastal Wire) \u2014 The county council voted on Tuesday.')).toMatchObject({
      kind: 'dateline',
      prefix: 'KELLERBY, Nov 3 (Coastal Wire) \u2014 ',
      shape: 'C C # C C',
      capitalPlace: true,
    });
    expect(edgeOf("Editor's note: this article was corrected on 4 March.")).toMatchObject({ kind: 'note', shape: 'C s note' });
    expect(edgeOf('Update (14:05 GMT): the council has confirmed the vote.')).toMatchObject({ kind: 'note', shape: 'C # # C' });
    // A dash inside a sentence, followed by lower case, is prose.
    expect(edgeOf('NASA - the space agency - said the launch would slip.')).toBeUndefined();
    expect(edgeOf(P1)).toBeUndefined();
  });

  it('strips a dateline glued to the lede by its form (a place in capitals), and records it', () => {
    const out = stripBoilerplate([line(`MILLBROOK (Valley Wire) - ${P1}`), line(P2), line(P3)], CTX);
    expect(out.kept).toEqual([P1, P2, P3]);
    expect(out.removed).toEqual([{ text: 'MILLBROOK (Valley Wire) -', rule: 'dateline' }]);
    expect(out.keptWords).toEqual(tokens([P1, P2, P3].join(' ')));
  });

  it('keeps a first sentence that merely opens on a capitalised phrase and a dash, unless the outlet repeats that shape', () => {
    const lede = `Mill Street - ${P1}`;
    expect(stripBoilerplate([line(lede), line(P2), line(P3)], CTX).kept[0]).toBe(lede);
    const items = ['Mill Street', 'Oak Lane', 'Quay Road', 'Bridge Row'].map((place) => [line(`${place} - ${P1}`), line(P2)]);
    const recurring = recurringEdges(items);
    expect(recurring.size).toBe(1);
    expect(stripBoilerplate([line(lede), line(P2), line(P3)], { ...CTX, recurring }).kept[0]).toBe(P1);
  });

  it('removes a note of a shape the outlet repeats, first or last, and keeps a one-off note', () => {
    const note = (day: number) => `Editor's note: this article was updated on ${day} March to correct the name of a councillor.`;
    const update = (h: number) => `Update (${h}:05 GMT): the council said the sale would go ahead as planned.`;
    const items = [3, 4, 5, 6].map((d) => [line(note(d)), line(P1), line(P2), line(update(d + 8))]);
    const recurring = recurringEdges(items);
    expect(recurring.size).toBe(2);
    const text = [line(note(9)), line(P1), line(P2), line(P3), line(update(17))];
    const learned = stripBoilerplate(text, { ...CTX, recurring });
    expect(learned.kept).toEqual([P1, P2, P3]);
    expect(learned.removed.map((r) => r.rule)).toEqual(['note', 'note']);
    // Not learned: the notes are the text's own.
    expect(stripBoilerplate(text, CTX).kept).toEqual([note(9), P1, P2, P3, update(17)]);
  });

  it('learns an edge shape only when it recurs in enough items', () => {
    const items = [[line(`Editor's note: one.`), line(P1)], [line(`Editor's note: two.`), line(P2)], [line(P3)]];
    expect(recurringEdges(items).size).toBe(0); // 2 of 3 items: under the minimum of three
    expect(recurringEdges([...items, [line(`Editor's note: three.`), line(P1)]]).size).toBe(1);
  });
});
