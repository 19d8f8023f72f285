/**
 * Boilerplate removal: the lines a syndicating outlet wraps around an article.
 *
 * Three mechanisms, each named in the explainable record (`RemovedLine.rule`):
 * 1. Line rules: short lines whose form says what they are, in any outlet — bylines and "Posted by",
 *    reading times, "Read more:" teasers, share/comment prompts, credit and "appeared first on" lines,
 *    photo captions and credits, bare datelines, "Continue reading". Each rule is bounded by a word count,
 *    so an article sentence that merely starts like one survives. Author bios only count at the end.
 * 2. Feed context: a line that repeats the item's own title, or that is the title of another item of the
 *    same feed (an injected teaser), or that is almost entirely a link.
 * 3. Recurrence: a line shape (numbers masked) that recurs across many items of one outlet's feed is
 *    that outlet's template, whatever its wording (CCNet's line-frequency idea).
 */
import { base36, hash53 } from '../core/hash.ts';
import type { TextLine } from './extract.ts';
import type { RemovedLine } from '../core/model.ts';
import { cleanAndTokens, lineKey, shapeOfTokens, tokens } from './normalise.ts';

export interface BoilerplateContext {
  /** The item's own title. */
  readonly title: string;
  /** `lineKey`s of the titles of the items in the same feed document (the own title may be among them). */
  readonly otherTitles: ReadonlySet<string>;
  /** Ids (`shapeId`) of line shapes recurring across the outlet's items, in this document or learned before. */
  readonly recurring: ReadonlySet<string>;
  /** The outlet's own name: syndicated text never names the outlet that republishes it. */
  readonly outletName?: string;
}



interface LineRule {
  readonly name: string;
  readonly maxWords: number;
  readonly pattern: RegExp;
  /** Only lines that do not end like a sentence (or have at most three words). */
  readonly notSentence?: boolean;
}

// After `cleanText`, guillemets are '"'.
const PUNCT = String.raw`\s*[:|\->."]`;

const LINE_RULES: readonly LineRule[] = [
  {
    name: 'byline',
    maxWords: 12,
    notSentence: true,
    pattern: /^(posted|written|published|reported|filed|words|story|text|compiled|edited)\s+(by|on|in)\b/i,
  },
  // Case-sensitive on purpose: with the `i` flag \p{Lu} would match any letter.
  { name: 'byline', maxWords: 8, pattern: /^[Bb][Yy]\s+\p{Lu}[\p{L}.'-]*(\s+\p{Lu}[\p{L}.'-]*){1,4}\s*([,|-].*)?$/u },
  { name: 'reading-time', maxWords: 6, pattern: /^(reading time\s*:?\s*)?(about\s+)?\d+\s*(-\s*\d+\s*)?(min|mins|minutes?)\.?(\s+(read|reading|to read|listen))?\.?$/i },
  {
    name: 'read-more',
    maxWords: 30,
    pattern: new RegExp(
      String.raw`^(read more|read also|also read|more to read|see also|related( articles?| stories| news| content)?|recommended( reading| for you)?|you (may|might) also (like|be interested in)|further reading|more from [\w ]+|don't miss|trending|watch|listen|top stories|latest news|must read|suggested)` +
        PUNCT,
      'i',
    ),
  },
  {
    // A prompt is not a sentence: "Print media is dying." must survive, "Print this page" must not.
    name: 'share-prompt',
    maxWords: 8,
    notSentence: true,
    pattern:
      /^(share|tweet|pin|email|e-mail|print|save|comment|comments|\d+\s+comments?|leave a (comment|reply)|add a comment|join the (conversation|discussion)|follow us|follow .* on|like us|subscribe|sign up|sign in|log in|click here|tap here|download (our|the) app|get (our|the) newsletter|advertisement|sponsored|share this( article| story| post| page)?|share on \w+|copy link)\b/i,
  },
  {
    name: 'credit',
    maxWords: 40,
    pattern:
      /\bthis (article|story|post|piece|report|content|column)\b.{0,40}\b(was|is|has been|first)\s+(originally\s+)?(produced|published|written|syndicated|republished|reproduced|distributed|provided|appeared)\b/i,
  },
  { name: 'credit', maxWords: 60, pattern: /^the post\b.*\bappeared first on\b/i },
  { name: 'credit', maxWords: 25, pattern: /^(source|via|courtesy|credit|credits|copyright|image source|photo credit)\s*:/i },
  { name: 'credit', maxWords: 20, pattern: /^(©|\(c\)|copyright\b)|\ball rights reserved\.?$/i },
  {
    name: 'caption',
    maxWords: 30,
    pattern: /^((file |stock |feature |main |top |header )?(photo|image|picture|photograph|illustration|video|graphic)s?( credit)?\s*:|pictured\s*:)/i,
  },
  {
    name: 'caption',
    maxWords: 30,
    pattern: /(\b(photo|image|picture|photograph)s?\s*(credit)?\s*:\s*[\p{L} .&/-]{1,40}$|\((afp|ap|reuters|getty( images)?|epa|xinhua|anadolu|pa|upi|efe|dpa|file|handout|supplied)\)|\b(ap|afp|reuters|epa|getty|shutterstock|istock)( images)? ?(photo|images?|pictures?)|\bphoto\s*\/\s*[\p{L} ]+)\.?$/iu,
  },
  {
    name: 'dateline',
    maxWords: 10,
    pattern:
      /^((updated|published|posted|last updated|first published)\s*:?\s*(on\s+)?)?((mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?(\d{1,2}\s+\w+\.?,?\s+\d{4}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\w+\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})([ ,|-]+(at\s+)?\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?(\s+[A-Z]{2,4})?)?$/i,
  },
  {
    name: 'continue-reading',
    maxWords: 8,
    // "Continue reading" may name where; a bare "More" or "Read more" must stand alone ("More than 300…" is prose).
    pattern:
      /^(\[?(\.\.\.|…)\]?\s*)?(continue reading\b.*|(read the (full|whole|rest of the) (story|article|post)|read full (story|article)|full story|read more|more)\W*)$|^\[?(\.\.\.|…)\]?$/i,
  },
];

/** Rules that only hold among the last `TAIL_LINES` lines of prose. */
const TAIL_LINES = 2;
const TAIL_RULES: readonly LineRule[] = [
  {
    name: 'author-bio',
    maxWords: 80,
    pattern:
      /^(about the author\b|(by\s+)?\p{Lu}[\p{L}.'-]+(\s+\p{Lu}[\p{L}.'-]+){0,3}\s+((is|was)\s+(an?|the)\b.*\b(journalist|writer|reporter|editor|correspondent|columnist|author|contributor|researcher|analyst|fellow|professor|freelancer|photographer|producer|blogger|commentator)\b|(covers|writes about|writes on|reports on|reports from|edits)\b))/iu,
  },
];

const PROSE_MIN_WORDS = 12;

/** "… Continue reading" glued to the end of the last paragraph of an excerpt. */
// Only after an ellipsis or a sentence end: "…who own a library card read more." is a sentence.
const TRAILING_CONTINUE = /(\s*\[?(\.\.\.|…)\]?\s*|(?<=[.!?"'\u2019\u201d)\]])\s*)\[?(continue reading|read more|read the (full|rest of the) (story|article))\W*$/i;
const TRAILING_ELLIPSIS = /\s*\[(\.\.\.|…)\]\s*$/;
/** A cheap test that spares most lines the two expressions above. */
const MAYBE_TRAILER = /read|continu|\]\s*$/i;

const SENTENCE_END = /[.!?]["')]?$/;
const MAX_RULE_CHARS = 1_000;

/** A line this much inside links and this short is navigation, not prose. */
const LINK_LINE = { minRatio: 0.9, maxWords: 20 };

/** A line with its rule form and comparison tokens, computed once. */
export interface AnalysedLine extends TextLine {
  /** `cleanText` of the line: the form the rules are written for. */
  readonly clean: string;
  /** `tokens` of the line. */
  readonly words: readonly string[];
}

export function analyseLine(line: TextLine | AnalysedLine): AnalysedLine {
  if ('words' in line) return line;
  const { clean, words } = cleanAndTokens(line.text, line.plain === true);
  return { text: line.text, linkRatio: line.linkRatio, clean, words };
}

export interface StrippedText {
  readonly kept: string[];
  /** The comparison tokens of `kept`, in order. */
  readonly keptWords: string[];
  readonly removed: RemovedLine[];
}

export function stripBoilerplate(input: readonly TextLine[], ctx: BoilerplateContext): StrippedText {
  const lines = input.map(analyseLine);
  const titleKey = lineKey(ctx.title);
  const outletKey = ctx.outletName ? lineKey(ctx.outletName.replace(/^the\s+/i, '')) : '';
  // Pass 1: rules that hold wherever the line stands.
  const verdicts: (string | undefined)[] = lines.map((line) => classify(line, titleKey, outletKey, ctx));
  // A feed of templated items (market closes, weather outlooks) shares most of its lines: when recurrence
  // would take half an item's words, those lines are the item's substance, not the outlet's wrapper.
  const wordsOf = (i: number) => lines[i]!.words.length;
  const recurringWords = lines.reduce((n, _, i) => n + (verdicts[i] === 'recurring' ? wordsOf(i) : 0), 0);
  const candidateWords = lines.reduce((n, _, i) => n + (verdicts[i] === undefined || verdicts[i] === 'recurring' ? wordsOf(i) : 0), 0);
  if (recurringWords * 2 >= candidateWords) {
    verdicts.forEach((v, i) => {
      if (v === 'recurring') verdicts[i] = undefined;
    });
  }
  // Pass 2: rules about position, judged against the prose that survived pass 1. Outlets wrap the
  // article in short fragments (kickers, datelines, "Tags", social links) before its first and after
  // its last sentence, and put the author's bio last.
  const prose = lines.map((line, i) => verdicts[i] === undefined && isProse(line));
  const firstProse = prose.indexOf(true);
  const lastProse = prose.lastIndexOf(true);
  if (firstProse >= 0) {
    lines.forEach((_, i) => {
      if (verdicts[i] !== undefined) return;
      if (i < firstProse || i > lastProse) verdicts[i] = 'edge-fragment';
    });
    const tail = lines.map((_, i) => i).filter((i) => verdicts[i] === undefined).slice(-TAIL_LINES);
    for (const i of tail) {
      const rule = firstRule(lines[i]!.clean, lines[i]!.words.length, TAIL_RULES);
      if (rule) verdicts[i] = rule.name;
    }
    // A note the outlet puts first or last ("Editor's note: …", "Update (14:05 GMT): …"), of a shape
    // recurring in its items: the line goes.
    const open = () => lines.map((_, i) => i).filter((i) => verdicts[i] === undefined);
    for (const i of [open()[0], open().at(-1)]) {
      if (i === undefined || lines[i]!.words.length > NOTE_MAX_WORDS) continue;
      const edge = edgeOf(lines[i]!.text);
      if (edge?.kind === 'note' && ctx.recurring.has(edgeId(edge))) verdicts[i] = 'note';
    }
  }
  // A dateline glued to the first sentence ("KELLERBY, Nov 3 (Coastal Wire) - The harbour…"): by its form
  // (a place in capitals), or of a shape recurring at the start of the outlet's items.
  const lede = lines.findIndex((_, i) => verdicts[i] === undefined);
  const dateline = lede >= 0 ? edgeOf(lines[lede]!.text) : undefined;
  const strippedLede =
    dateline?.kind === 'dateline' && (dateline.capitalPlace || ctx.recurring.has(edgeId(dateline))) ? dateline : undefined;

  const kept: string[] = [];
  const keptLineWords: (readonly string[])[] = [];
  const removed: RemovedLine[] = [];
  lines.forEach((line, i) => {
    const rule = verdicts[i];
    if (rule) {
      removed.push({ text: line.text, rule });
      return;
    }
    let text = line.text;
    if (i === lede && strippedLede) {
      removed.push({ text: strippedLede.prefix.trim(), rule: 'dateline' });
      text = text.slice(strippedLede.prefix.length);
    }
    const trimmed = MAYBE_TRAILER.test(text.slice(-48)) ? text.replace(TRAILING_CONTINUE, '').replace(TRAILING_ELLIPSIS, '') : text;
    if (trimmed !== text) removed.push({ text: text.slice(trimmed.length).trim(), rule: 'continue-reading' });
    if (!trimmed) return;
    kept.push(trimmed);
    keptLineWords.push(trimmed === line.text ? line.words : tokens(trimmed));
  });
  // One native concatenation rather than a push per word.
  const keptWords = ([] as string[]).concat(...keptLineWords);
  return { kept, keptWords, removed };
}

/** A note is a paragraph of its own, never the article's body. */
const NOTE_MAX_WORDS = 60;
/** "Editor's note: …", "Update (14:05 GMT): …", "Correction: …": a few words, a colon. */
const NOTE_PREFIX = /^((?:[^:(\n]|\([^)\n]{0,30}\)){2,40}?):\s+(?=\S)/u;
/** "KELLERBY, Nov 3 (Coastal Wire) - ": up to ten words, then a dash, glued to a sentence's start. */
const DATELINE_PREFIX = /^([^\n]{2,80}?)\s+(?:-{1,2}|[–—])\s+(?=[\p{Lu}"'“‘])/u;
const EDGE_MAX_WORDS = { note: 6, dateline: 10 } as const;

export interface Edge {
  readonly kind: 'note' | 'dateline';
  /** The prefix as it stands in the line, separator and space included. */
  readonly prefix: string;
  /** Its form: numbers `#`, capitalised words `C`, other words themselves ("Update (12:51 GMT)" → "C # # C"). */
  readonly shape: string;
  /** It opens on a word in capitals ("KELLERBY", "PORT ARDEN"): a place, as wire datelines give it. */
  readonly capitalPlace: boolean;
}

/** The note or dateline a line opens with, if its start has that form. */
export function edgeOf(text: string): Edge | undefined {
  if (text.length > MAX_RULE_CHARS * 20) return undefined;
  for (const kind of ['note', 'dateline'] as const) {
    const m = (kind === 'note' ? NOTE_PREFIX : DATELINE_PREFIX).exec(text);
    if (!m) continue;
    const words = m[1]!.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (words.length === 0 || words.length > EDGE_MAX_WORDS[kind]) continue;
    const shape = words.map((w) => (/^\p{N}/u.test(w) ? '#' : /^\p{Lu}/u.test(w) ? 'C' : w.toLowerCase())).join(' ');
    const capitalPlace = kind === 'dateline' && /^\p{Lu}{2,}$/u.test(words[0]!);
    return { kind, prefix: m[0], shape, capitalPlace };
  }
  return undefined;
}

/** The id under which a recurring note or dateline shape is remembered (namespaced, like `shapeId`). */
export function edgeId(edge: Pick<Edge, 'kind' | 'shape'>): string {
  return base36(hash53(`edge-${edge.kind}\u0000${edge.shape}`));
}

/** Lines at each end of an item where notes and datelines stand. */
const EDGE_LINES = 3;

/**
 * Shapes of notes and datelines recurring at the edges (first or last lines) of an outlet's items: in at
 * least `minItems` items and `minShare` of them. Returns `edgeId`s.
 */
export function recurringEdges(itemsLines: readonly (readonly TextLine[])[], { minItems = 3, minShare = 0.1 } = {}): Set<string> {
  const counts = new Map<string, number>();
  for (const lines of itemsLines) {
    const ids = new Set<string>();
    const edges = lines.length <= 2 * EDGE_LINES ? lines : [...lines.slice(0, EDGE_LINES), ...lines.slice(-EDGE_LINES)];
    for (const line of edges) {
      const edge = edgeOf(line.text);
      if (edge) ids.add(edgeId(edge));
    }
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const needed = Math.max(minItems, Math.ceil(minShare * itemsLines.length));
  return new Set([...counts].filter(([, n]) => n >= needed).map(([id]) => id));
}

/** Prose: a sentence, or a line long enough to be one. */
function isProse(line: AnalysedLine): boolean {
  const words = line.words.length;
  return words >= PROSE_MIN_WORDS || (words >= 4 && SENTENCE_END.test(line.clean));
}

/** `text` is `cleanText` (one kind of quote and dash): the form the rules are written for. */
function firstRule(text: string, words: number, rules: readonly LineRule[]): LineRule | undefined {
  return rules.find(
    (rule) =>
      words <= rule.maxWords && !(rule.notSentence && words > 3 && SENTENCE_END.test(text)) && rule.pattern.test(text),
  );
}

function classify(line: AnalysedLine, titleKey: string, outletKey: string, ctx: BoilerplateContext): string | undefined {
  const { clean, words } = line;
  if (words.length === 0) return 'empty';
  // No boilerplate line is this long; a hostile one-word megabyte must not meet the expressions below.
  if (clean.length > MAX_RULE_CHARS) return undefined;
  const rule = firstRule(clean, words.length, LINE_RULES);
  if (rule) return rule.name;
  if (words.length > SHORT_LINE_WORDS) return undefined; // a paragraph: none of the rules below is about one
  const key = words.join(' ');
  if (key === titleKey) return 'title';
  if (ctx.otherTitles.has(key)) return 'other-title';
  if (line.linkRatio >= LINK_LINE.minRatio && words.length <= LINK_LINE.maxWords) return 'link-line';
  if (ctx.recurring.size > 0 && ctx.recurring.has(shapeId(shapeOfTokens(words)))) return 'recurring';
  if (outletKey && ` ${key} `.includes(` ${outletKey} `)) return 'outlet-mention';
  return undefined;
}

/**
 * Feed-context rules only judge lines up to this long: titles, teasers, template lines (recurrence keeps
 * only shapes of at most 30 words) and lines naming the outlet (its credit, bio, "appeared first on").
 */
const SHORT_LINE_WORDS = 40;

/** A short, stable id of a line shape (53-bit, base 36): what the store keeps of learned boilerplate. */
export function shapeId(shape: string): string {
  return base36(hash53(shape));
}

/**
 * Line shapes that recur across an outlet's items: in at least `minItems` items and at least
 * `minShare` of them, and no longer than `maxWords` (a shared paragraph of prose is content: an
 * outlet re-posting its own story must not lose its text). Returns `shapeId`s.
 */
export function recurringShapes(
  itemsLines: readonly (readonly TextLine[])[],
  { minItems = 3, minShare = 0.2, maxWords = 30 } = {},
): Set<string> {
  const counts = new Map<string, number>();
  for (const lines of itemsLines) {
    const shapes = new Set<string>();
    for (const line of lines) {
      const { words } = analyseLine(line);
      if (words.length > 0 && words.length <= maxWords) shapes.add(shapeOfTokens(words));
    }
    for (const shape of shapes) counts.set(shape, (counts.get(shape) ?? 0) + 1);
  }
  const needed = Math.max(minItems, Math.ceil(minShare * itemsLines.length));
  const recurring = new Set<string>();
  for (const [shape, count] of counts) if (count >= needed) recurring.add(shapeId(shape));
  return recurring;
}
