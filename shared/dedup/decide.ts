/**
 * The merge decision, as a pure function: one item against the candidate stories its keys found.
 *
 * - `exact`: a story already holds this content hash.
 * - `near`: the item's text is verified against a story's canonical text (similarity.ts `decideNear`).
 *   When it verifies against several stories, they are one story that arrived split (an excerpt and a
 *   rewrite, neither containing the other, bridged by the full copy; two copies founded at the same
 *   moment): the item joins the oldest, and the others are merged into it (`absorb`).
 * - `title`: no text to verify — a headline-only item, or a story founded by one — and exactly one story
 *   in the window carries an agreeing headline. Refused when the headline is short, ambiguous (several
 *   stories carry it) or recurring (a story carried it before the window: "Market close", "Weather
 *   warning"). A story founded by a headline is also absorbed by a full copy that verifies elsewhere and
 *   whose headline agrees with it alone.
 * - `first`: nothing verified: the item founds a story.
 *
 * Every verdict says why (`evidence` of a join, `reason` of a refusal), for logs and tests.
 */
import type { FingerprintBasis, StorySummary } from '../core/model.ts';
import { headlineAgreement } from '../text/headline.ts';
import { compareTexts, decideNear, DEFAULT_THRESHOLDS, type Comparison, type NearThresholds, type TextProfile } from './similarity.ts';

/** Headline agreement that joins on headlines alone (share of the shorter headline's words in the other). */
export const TITLE_JOIN_AGREEMENT = 0.75;
/** Fewest content words of the shorter headline for a headline-alone join. */
export const TITLE_JOIN_MIN_WORDS = 3;
/** Copies joined on headlines alone lie this close to the story's first publication. */
export const TITLE_WINDOW_MS = 48 * 3600 * 1000;

export interface ItemEvidence {
  readonly profile: TextProfile;
  readonly basis: FingerprintBasis;
  /** ISO 8601. */
  readonly published: string;
}

export interface CandidateStory {
  readonly story: StorySummary;
  /** The profile of the story's canonical text; absent for a headline-only story. */
  readonly profile?: TextProfile;
}

export type Decision =
  | { readonly kind: 'first'; readonly reason: string }
  | {
      readonly kind: 'join';
      readonly storyId: string;
      readonly match: 'exact' | 'near' | 'title';
      /** Containment for `near`, headline agreement for `title`, 1 for `exact`. */
      readonly score: number;
      /** What matched, in words. */
      readonly evidence: string;
      /** Other stories found to be this one: merged into it. */
      readonly absorb: readonly string[];
    };

/** The order in which split stories merge: the oldest survives (ties: the smaller id), whoever decides. */
export function mergeOrder(a: Pick<StorySummary, 'firstSeen' | 'storyId'>, b: Pick<StorySummary, 'firstSeen' | 'storyId'>): number {
  return a.firstSeen.localeCompare(b.firstSeen) || a.storyId.localeCompare(b.storyId);
}

export function decide(
  item: ItemEvidence,
  exactOwner: StorySummary | undefined,
  candidates: readonly CandidateStory[],
  thresholds: NearThresholds = DEFAULT_THRESHOLDS,
): Decision {
  const byText: { story: StorySummary; score: number; title: number; comparison: Comparison }[] = [];
  const rejected: string[] = [];
  // Any text is verified, a lede too short to found a story on included: it is evidence all the same.
  if (item.profile.tokens.length > 0) {
    for (const c of candidates) {
      if (!c.profile || c.story.storyId === exactOwner?.storyId) continue;
      const comparison = compareTexts(item.profile, c.profile);
      const verdict = decideNear(comparison, thresholds);
      if (verdict.same) byText.push({ story: c.story, score: round3(comparison.containment), title: comparison.title, comparison });
      else rejected.push(`${c.story.storyId}: ${verdict.reason}`);
    }
  }
  // Headline evidence, among the stories the text did not already tell about.
  const told = new Set([exactOwner?.storyId, ...byText.map((m) => m.story.storyId)]);
  const headlineOnly = titleMatches(item, candidates.filter((c) => !told.has(c.story.storyId)));

  if (exactOwner || byText.length > 0) {
    const found = [...(exactOwner ? [exactOwner] : []), ...byText.map((m) => m.story)];
    // A story founded by a headline whose headline agrees with this copy's, and only with it, is this story.
    if (headlineOnly.kind === 'unique' && headlineOnly.story.basis === 'item') found.push(headlineOnly.story);
    const target = [...found].sort(mergeOrder)[0]!;
    const absorb = [...new Set(found.map((s) => s.storyId))].filter((id) => id !== target.storyId);
    if (exactOwner && target.storyId === exactOwner.storyId) {
      return { kind: 'join', storyId: target.storyId, match: 'exact', score: 1, evidence: 'same text once boilerplate and typography are removed (content hash)', absorb };
    }
    const text = byText.find((m) => m.story.storyId === target.storyId);
    if (text) {
      return { kind: 'join', storyId: target.storyId, match: 'near', score: text.score, evidence: describeTextMatch(text.comparison), absorb };
    }
    // The oldest is the headline-founded story: the copy joins it on its headline, the text matches merge in.
    const best = exactOwner ? { match: 'exact' as const, score: 1 } : { match: 'near' as const, score: byText[0]!.score };
    return { kind: 'join', storyId: target.storyId, ...best, evidence: 'text matched a story merged into this one', absorb };
  }

  // An item with text joins on its headline only a story that has none to verify against.
  if (headlineOnly.kind === 'unique' && (item.basis === 'item' || headlineOnly.story.basis === 'item')) {
    return {
      kind: 'join',
      storyId: headlineOnly.story.storyId,
      match: 'title',
      score: round3(headlineOnly.agreement),
      evidence: `headline agrees ${round3(headlineOnly.agreement)} (${item.basis === 'item' ? 'this copy has' : 'the story has'} too little text to compare)`,
      absorb: [],
    };
  }
  const why = [...rejected, ...(headlineOnly.kind === 'refused' ? [headlineOnly.reason] : [])].join('; ') || 'no candidate story';
  return { kind: 'first', reason: why };
}

/** A near match in words: how much text matched, and what else agreed. */
export function describeTextMatch(c: Comparison): string {
  const parts = [`${c.shared} four-word passages of ${Math.round(c.shared / Math.max(c.containment, 1e-9))} matched (${round3(c.containment)} of the shorter text)`];
  if (c.title > 0) parts.push(`headline agrees ${round3(c.title)}`);
  if (c.agreements > 0) parts.push(`${c.agreements} ${c.agreements === 1 ? 'number agrees' : 'numbers agree'} in context`);
  return parts.join('; ');
}

type TitleMatch =
  | { readonly kind: 'unique'; readonly story: StorySummary; readonly agreement: number }
  | { readonly kind: 'none' }
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * Headline evidence: exactly one story within the window carries an agreeing headline, and no story
 * before the window carried it (a recurring headline is no identity).
 */
function titleMatches(item: ItemEvidence, candidates: readonly CandidateStory[]): TitleMatch {
  const mine = item.profile.headline;
  if (candidates.length === 0) return { kind: 'none' };
  const distinct = new Set(mine).size;
  if (distinct < TITLE_JOIN_MIN_WORDS) return { kind: 'refused', reason: `headline too short (${distinct} words)` };
  const at = Date.parse(item.published);
  const agreeing = new Map<string, { story: StorySummary; agreement: number; within: boolean }>();
  for (const c of candidates) {
    const agreement = headlineAgreement(mine, c.story.headline);
    if (agreement < TITLE_JOIN_AGREEMENT || new Set(c.story.headline).size < TITLE_JOIN_MIN_WORDS) continue;
    const within = Math.abs(Date.parse(c.story.published) - at) <= TITLE_WINDOW_MS;
    agreeing.set(c.story.storyId, { story: c.story, agreement, within });
  }
  const matches = [...agreeing.values()];
  if (matches.length === 0) return { kind: 'none' };
  if (matches.some((m) => !m.within)) return { kind: 'refused', reason: 'headline recurs across days' };
  if (matches.length > 1) return { kind: 'refused', reason: `headline ambiguous (${matches.length} stories)` };
  return { kind: 'unique', story: matches[0]!.story, agreement: matches[0]!.agreement };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
