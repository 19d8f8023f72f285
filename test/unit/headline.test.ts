/**
 * Headlines as evidence (shared/text/headline.ts): content words without the outlet's decoration — kickers,
 * tails naming the outlet or a section, Title Case — and decorations learned from an outlet's headlines.
 */
import { describe, expect, it } from 'vitest';
import { caseForm, decorationId, displayHeadline, headlineAgreement, headlineAgreementBothWays, headlineDecorations, headlineWords, sameWord, spellingsOf, stripDecoration } from '../../shared/text/headline.ts';

const FERRY = ['ferry', 'strike', 'called', 'off'];

describe('headlineWords', () => {
  it('gives decorated and undecorated copies of one headline the same words', () => {
    for (const title of [
      'Ferry strike called off',
      'WATCH: Ferry strike called off - Harbour Gazette',
      'Ferry Strike Called Off | Culture',
      'UPDATED: ferry strike called off',
      'Ferry strike called off \u2014 Harbour Gazette',
      'Ferry strike called off|Culture',
      'Breaking news: Ferry strike called off',
      'Opinion: ferry strike called off',
      'Watch: ferry strike called off',
      'Explainer: Ferry strike called off',
      'VIDEO: Ferry strike called off - News - Harbour Gazette',
    ]) {
      expect(headlineWords(title), title).toEqual(FERRY);
    }
  });

  it('keeps content words only, lower case, in order, numbers unified', () => {
    expect(headlineWords('The Mayor of Kellerby and the Port: the Mayor Speaks')).toEqual(['mayor', 'kellerby', 'port', 'mayor', 'speaks']);
    expect(headlineWords('Nordvik Air orders twelve turboprops')).toEqual(headlineWords('Nordvik Air orders 12 turboprops'));
    expect(headlineWords('Utility fined \u20ac2m')).toEqual(['utility', 'fined', '2', 'million']);
  });

  it('strips the outlet\u2019s own name as a tail or a kicker, whatever its length', () => {
    const ctx = { outletName: 'The Kellerby Evening Harbour Gazette' };
    expect(headlineWords('Ferry strike called off - Kellerby Evening Harbour Gazette', ctx)).toEqual(FERRY);
    expect(headlineWords('Kellerby Evening Harbour Gazette: ferry strike called off', ctx)).toEqual(FERRY);
    // Without the name, a five-word tail is taken for part of the headline.
    expect(headlineWords('Ferry strike called off - Kellerby Evening Harbour Gazette')).toEqual([...FERRY, 'kellerby', 'evening', 'harbour', 'gazette']);
  });

  it('strips a recurring tail learned from the outlet\u2019s headlines, even a long one', () => {
    const tail = ' - The Kellerby Evening Harbour Gazette Online'; // six words: too long to be taken for decoration by form
    const titles = ['Ferry strike called off', 'Council approves budget', 'Bridge closes for repairs', 'Rovers beat Ashford at home', 'Tram extension approved'].map(
      (t) => t + tail,
    );
    const decorations = headlineDecorations(titles);
    expect(decorations.has(decorationId('tail', 'the kellerby evening harbour gazette online'))).toBe(true);
    expect(headlineWords(titles[0]!)).toContain('gazette');
    expect(headlineWords(titles[0]!, { decorations })).toEqual(FERRY);
    expect(headlineWords(titles[2]!, { decorations })).toEqual(['bridge', 'closes', 'repairs']);
    // A tail the outlet did not use is kept.
    expect(headlineWords('Ferry strike called off - Talks Resume After Long Night At The Ministry', { decorations })).toContain('ministry');
  });

  it('strips a recurring kicker only once it is learned', () => {
    const titles = ['Market close: All-Share gains on Monday', 'Market close: All-Share slips on Tuesday', 'Market close: shares flat', 'Ferry strike called off'];
    const decorations = headlineDecorations(titles);
    expect(decorations).toEqual(new Set([decorationId('kicker', 'market close')]));
    expect(headlineWords(titles[0]!)).toEqual(['market', 'close', 'share', 'gains', 'monday']);
    expect(headlineWords(titles[0]!, { decorations })).toEqual(['share', 'gains', 'monday']);
  });

  it('keeps what only looks like decoration', () => {
    // A short headline before a short tail: the tail may be the headline's end.
    expect(headlineWords('Strike off - Culture')).toEqual(['strike', 'off', 'culture']);
    // A single word before the separator is not a headline.
    expect(headlineWords('Kellerby - Ashford match postponed')).toEqual(['kellerby', 'ashford', 'match', 'postponed']);
    // A kicker is not stripped when it would leave fewer than two words.
    expect(headlineWords('WATCH: Strike')).toEqual(['watch', 'strike']);
    // A mixed-case lead before a colon is the headline, not a kicker.
    expect(headlineWords('Harbour master: ferry strike called off')).toEqual(['harbour', 'master', ...FERRY]);
    // An acronym does not make a lead a kicker: it must be all capitals.
    expect(headlineWords('UK ferry operators: strike called off')).toEqual(['uk', 'ferry', 'operators', 'strike', 'called', 'off']);
  });
});

describe('stripDecoration', () => {
  it('keeps the headline\u2019s display form (case and punctuation) once the decoration is gone', () => {
    expect(stripDecoration('WATCH: Ferry Strike Called Off, Union Says - Harbour Gazette')).toBe('Ferry Strike Called Off, Union Says');
    expect(stripDecoration('Ferry strike called off')).toBe('Ferry strike called off');
  });
});

describe('headlineDecorations', () => {
  it('needs at least three headlines and a tenth of the document', () => {
    const two = ['Ferry strike called off | Culture', 'Council approves budget | Culture', 'Bridge closes for repairs'];
    expect(headlineDecorations(two).size).toBe(0);
    expect(headlineDecorations(two, { minItems: 2 })).toEqual(new Set([decorationId('tail', 'culture')]));
    // Three of forty headlines: under a tenth.
    const many = [...two, 'Rovers beat Ashford | Culture', ...Array.from({ length: 36 }, (_, i) => `Unrelated headline number ${i}`)];
    expect(headlineDecorations(many).size).toBe(0);
    expect(headlineDecorations(many, { minShare: 0.05 })).toEqual(new Set([decorationId('tail', 'culture')]));
  });

  it('does not learn tails longer than six words', () => {
    const tail = ' - The Kellerby Evening Harbour Gazette Online Edition';
    expect(headlineDecorations(['Ferry strike called off', 'Council approves budget', 'Bridge closes'].map((t) => t + tail)).size).toBe(0);
  });
});

describe('decorationId', () => {
  it('is deterministic and keeps kickers and tails apart', () => {
    expect(decorationId('tail', 'culture')).toBe(decorationId('tail', 'culture'));
    expect(decorationId('tail', 'culture')).not.toBe(decorationId('kicker', 'culture'));
    expect(decorationId('tail', 'culture')).not.toBe(decorationId('tail', 'sport'));
    expect(decorationId('tail', 'culture')).toMatch(/^[0-9a-z]+$/);
  });
});

describe('headlineAgreement', () => {
  it('is the share of the shorter headline\u2019s distinct words found in the other', () => {
    expect(headlineAgreement(FERRY, [...FERRY, 'after', 'talks'])).toBe(1);
    expect(headlineAgreement([...FERRY, 'after', 'talks'], FERRY)).toBe(1);
    expect(headlineAgreement(FERRY, ['ferry', 'timetable', 'cut'])).toBeCloseTo(1 / 3, 12);
    expect(headlineAgreement(['ferry', 'ferry', 'strike'], ['ferry', 'strike', 'ends', 'today'])).toBe(1);
  });

  it('is 0 when either headline has no words', () => {
    expect(headlineAgreement([], FERRY)).toBe(0);
    expect(headlineAgreement(FERRY, [])).toBe(0);
  });

  it('counts another form of a word as the word: a desk changes the grammar, an inflecting language the endings', () => {
    // "Schiffbauer entlassen hundert Werftarbeiter" / "Hundert Werftarbeiter von Schiffbauern entlassen".
    const active = ['schiffbauer', 'entlassen', 'hundert', 'werftarbeiter'];
    const passive = ['hundert', 'werftarbeiter', 'schiffbauern', 'entlassen'];
    expect(headlineAgreementBothWays(active, passive)).toBe(1);
    expect(headlineAgreement(['council', 'approves', 'harbour', 'levy'], ['harbour', 'levy', 'approved', 'councils'])).toBe(1);
  });
});

describe('sameWord', () => {
  it('joins the forms of one word: equal, one beginning the other from five letters, the ending from seven', () => {
    for (const [a, b] of [
      ['approves', 'approved'],
      ['season', 'seasons'],
      ['hochwasser', 'hochwasserwarnung'],
      ['romischen', 'romischer'],
      ['entdecken', 'entdeckt'],
      ['cancelados', 'cancelar'],
    ]) expect([a, b, sameWord(a!, b!)]).toEqual([a, b, true]);
  });

  it('keeps apart words that only begin alike', () => {
    for (const [a, b] of [
      ['control', 'contract'],
      ['market', 'marked'],
      ['police', 'policy'],
      ['contest', 'content'],
      ['plan', 'planet'],
      ['program', 'progress'],
    ]) expect([a, b, sameWord(a!, b!)]).toEqual([a, b, false]);
  });
});

describe('bracketed tags', () => {
  it('strips a short bracketed tag at either end, and keeps brackets inside the headline', () => {
    const plain = headlineWords('Ferry strike called off');
    expect(headlineWords('[UPDATED] Ferry strike called off')).toEqual(plain);
    expect(headlineWords('Ferry strike called off (VIDEO)')).toEqual(plain);
    expect(headlineWords('Ferry strike called off [Photos] - Harbour Gazette', { outletName: 'Harbour Gazette' })).toEqual(plain);
    expect(headlineWords('Skerry Lines (SKL) shares rise')).toEqual(['skerry', 'lines', 'skl', 'shares', 'rise']);
    // A tag is not the whole headline.
    expect(headlineWords('(Update)')).toEqual(['update']);
  });
});

describe('displayHeadline: the headline readers see', () => {
  const text = [
    'The ferry strike at Kellerby was called off on Monday after late-night talks between the union and the Harbour Board.',
    'Ferries will run to the normal timetable from Tuesday, the board said. The NASA-funded tide study at the port goes on.',
    'Union members had voted to strike over pay, and the talks opened at noon.',
  ];

  it('chooses the headline the copies agree on, without decoration, in sentence case', () => {
    const copies = [
      { title: 'WATCH: Ferry Strike Called Off | Culture', outletName: 'Bay Courier' },
      { title: 'Ferry strike called off - Harbour Gazette', outletName: 'Harbour Gazette' },
      { title: 'FERRY STRIKE CALLED OFF', outletName: 'Coast Wire' },
      { title: 'Ferry strike called off after late-night talks', outletName: 'Fjord Times' },
    ];
    expect(displayHeadline(copies, text)).toBe('Ferry strike called off');
    // Whatever the order the copies came in.
    expect(displayHeadline([...copies].reverse(), text)).toBe('Ferry strike called off');
  });

  it('uses what ingest cleaned with the outlet\u2019s learned decorations', () => {
    expect(displayHeadline([{ title: 'Ferry strike called off :: Evening Edition', cleaned: 'Ferry strike called off' }], text)).toBe('Ferry strike called off');
  });

  it('puts a lone Title Case or capitalised headline in sentence case, keeping names and acronyms as the text writes them', () => {
    expect(displayHeadline([{ title: 'Kellerby Ferry Strike Called Off After Talks With Harbour Board' }], text)).toBe(
      'Kellerby ferry strike called off after talks with Harbour Board',
    );
    expect(displayHeadline([{ title: 'NASA-FUNDED TIDE STUDY AT KELLERBY PORT GOES ON' }], text)).toBe('NASA-funded tide study at Kellerby port goes on');
    // A word the text writes only in an inflected form takes its case from there ("opened" for "Opens").
    expect(displayHeadline([{ title: 'Talks Opens At Noon In Kellerby Pay Dispute' }], text)).toBe('Talks opens at noon in Kellerby pay dispute');
  });

  it('keeps acronyms, inner capitals and names that only open sentences', () => {
    const filler = 'the committee met on tuesday and agreed the plan after a long debate about costs and timing, with a vote expected later in the week and a report due before the end of the month.';
    expect(displayHeadline([{ title: 'NASA Delays Moon Launch Again' }], [filler])).toBe('NASA delays moon launch again');
    expect(displayHeadline([{ title: 'UK Economy Grows In Third Quarter' }], [filler])).toBe('UK economy grows in third quarter');
    expect(displayHeadline([{ title: "McDonald's Raises Prices Across US" }], [filler])).toBe("McDonald's raises prices across US");
    expect(displayHeadline([{ title: 'iPhone Sales Fall Sharply In Kellerby' }], [filler, 'Kellerby traders said iPhone demand fell.'])).toBe('iPhone sales fall sharply in Kellerby');
    expect(displayHeadline([{ title: 'Senate Passes Marrow Harbour Bill' }], [filler, 'Marrow signed it. Marrow said the harbour would reopen.'])).toBe('Senate passes Marrow harbour bill');
    expect(displayHeadline([{ title: 'Police Question Mr. Smith Over Fire' }], [filler, 'Officers questioned Mr. Smith on Monday about the fire.'])).toBe('Police question Mr. Smith over fire');
  });

  it('keeps the headline\u2019s typography', () => {
    expect(displayHeadline([{ title: '\u2018Shocking\u2019 result \u2014 says minister' }])).toBe('\u2018Shocking\u2019 result \u2014 says minister');
    expect(displayHeadline([{ title: 'CO\u2082 levels rise again - Harbour Gazette', outletName: 'Harbour Gazette' }])).toBe('CO\u2082 levels rise again');
  });

  it('without text, keeps what may be a name', () => {
    expect(displayHeadline([{ title: 'Mayor Of Kellerby Opens New Bridge' }])).toBe('Mayor of Kellerby Opens New Bridge');
    expect(displayHeadline([{ title: 'EU AND UK AGREE FISHING QUOTAS' }])).toBe('EU and UK agree fishing quotas');
  });

  it('leaves a sentence-case headline as written', () => {
    expect(displayHeadline([{ title: 'Kellerby ferry strike called off' }], text)).toBe('Kellerby ferry strike called off');
    expect(caseForm('Mayor of Kellerby meets Port Authority')).toBe('sentence');
    expect(caseForm('Mayor Of Kellerby Meets Port Authority')).toBe('title');
    expect(caseForm('MAYOR MEETS PORT AUTHORITY')).toBe('caps');
  });
});

describe('spellingsOf: only the words a headline asks about', () => {
  const text = [
    'The Harbour Board met on Tuesday. Harbour fees will rise, the board said, and the NASA probe was not discussed.',
    'Councillors asked the Harbour Board about the ferries. Ferries run late. Biden said nothing about harbours.',
  ];
  it('answers each wanted word, its stem and its sentence-opening form as the full pass does, and counts every word', () => {
    const wanted = new Set(['harbour', 'ferries', 'biden', 'board', 'harbours', 'nasa', 'absent']);
    const full = spellingsOf(text);
    const some = spellingsOf(text, wanted);
    for (const word of wanted) {
      for (const key of [word, `^${word}`, `~${word.slice(0, 5)}`]) if (word.length >= 6 || !key.startsWith('~')) expect(some.get(key)).toBe(full.get(key));
    }
    expect(some.get('#words')).toBe(full.get('#words'));
    // and learns nothing else
    expect(some.has('probe')).toBe(false);
    expect(full.has('probe')).toBe(true);
  });
});
