/**
 * Who carried what, who was first, how syndication flows: pure functions of the deduplication records.
 *
 * One definition serves every surface (the CLI's `story`, `outlets stats`, `flows`, the analytics rows
 * behind `feedmerge sql`, the report page), so their numbers agree by construction:
 *
 * - a story's **first publisher** is its origin: the outlet of its earliest-published copy (copies of the
 *   same instant: the one with the smaller copy key, `outlet#item`, regardless of arrival; see dedup/records.ts);
 * - a copy's **lag** is its publication time minus the story's first publication, in minutes;
 * - an outlet's **items** are its copies; **firstPublished** the stories it published first;
 *   **copiesOfOthers** its copies of stories another outlet published first; **syndicatedShare** =
 *   copiesOfOthers / items; **medianLagMinutes** the median lag of those copies;
 * - a **flow** from A to B counts the stories A published first and B carried later (one per story).
 */
import type { CopyRecord, StoryRecord } from '../core/model.ts';

/**
 * What the figures need of a story: who published it first and when, and each copy's outlet and date.
 * A `StoryWithCopies` is one; so is the lighter record the analysts' index reads build.
 */
export interface SyndicatedStory {
  readonly story: Pick<StoryRecord, 'storyId' | 'outletId' | 'published'>;
  readonly copies: ReadonlyArray<Pick<CopyRecord, 'outletId' | 'published'>>;
}

export interface OutletStats {
  readonly outlet: string;
  readonly items: number;
  readonly firstPublished: number;
  readonly copiesOfOthers: number;
  /** null when the outlet carried no story published first elsewhere. */
  readonly medianLagMinutes: number | null;
  readonly syndicatedShare: number;
}

export interface Flow {
  readonly from: string;
  readonly to: string;
  readonly count: number;
}

/** Minutes from the story's first publication to this copy's (0 for the first publisher; never negative). */
export function lagMinutes(story: { readonly published: string }, copy: Pick<CopyRecord, 'published'>): number {
  const ms = Date.parse(copy.published) - Date.parse(story.published);
  return Number.isFinite(ms) ? Math.max(0, Math.round(ms / 60_000)) : 0;
}

/** The median of a list of numbers (the mean of the middle two for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Per outlet, most items first (then by id). */
export function outletStats(stories: readonly SyndicatedStory[]): OutletStats[] {
  const acc = new Map<string, { items: number; first: number; lags: number[] }>();
  const of = (outlet: string) => {
    let a = acc.get(outlet);
    if (!a) acc.set(outlet, (a = { items: 0, first: 0, lags: [] }));
    return a;
  };
  for (const { story, copies } of stories) {
    of(story.outletId).first++;
    for (const copy of copies) {
      const a = of(copy.outletId);
      a.items++;
      if (copy.outletId !== story.outletId) a.lags.push(lagMinutes(story, copy));
    }
  }
  return [...acc]
    .map(([outlet, a]) => ({
      outlet,
      items: a.items,
      firstPublished: a.first,
      copiesOfOthers: a.lags.length,
      medianLagMinutes: median(a.lags),
      syndicatedShare: a.items === 0 ? 0 : round3(a.lags.length / a.items),
    }))
    .sort((x, y) => y.items - x.items || x.outlet.localeCompare(y.outlet));
}

/** One row per (first publisher, later carrier) pair, most stories first. */
export function flows(stories: readonly SyndicatedStory[]): Flow[] {
  const counts = new Map<string, number>();
  for (const { story, copies } of stories) {
    const carriers = new Set(copies.map((c) => c.outletId).filter((o) => o !== story.outletId));
    for (const to of carriers) {
      const key = `${story.outletId}\u0000${to}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts]
    .map(([key, count]) => {
      const [from, to] = key.split('\u0000') as [string, string];
      return { from, to, count };
    })
    .sort((a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
