/**
 * What publish read for its last rendering — the stories (by the id the index lists them under) and the
 * canonical texts — kept in one private object, so that the next publish reads again only the stories the
 * journal says changed since. A rendering after one new item then costs one index Query, the journal's
 * Queries and a Query per changed story, not one per story in the feed and an S3 GET per text.
 *
 * Safe because every write to a story is journaled (analytics/export.ts): a cached story is dropped when
 * the journal since the cache was written (less a minute, for late records) names it, its survivor or a
 * story it absorbed. A cache older than the journal's retention, or unreadable, is not used.
 */
import type { StoryWithCopies } from '../core/model.ts';
import type { StoryCache } from '../core/ports.ts';
import { JOURNAL } from '../core/schema.ts';

export interface PublishState {
  /** When the stories were read: the journal from then (less the overlap) says what changed since. */
  readonly through: string;
  /** How many journal records that publish saw in the minute before `through` (analytics/export.ts `entriesAfter`). */
  readonly tail: number;
  readonly stories: ReadonlyArray<readonly [string, StoryWithCopies]>;
  /** Canonical texts by content hash (immutable: never invalid). */
  readonly texts: ReadonlyArray<readonly [string, CachedText | null]>;
}

/** What a rendering shows of a canonical text. */
export interface CachedText {
  readonly paragraphs: readonly string[];
  readonly html?: string;
}

/** 2: texts carry their rich HTML (a cache of format 1 is not used: its texts would show plain). */
const FORMAT = 2;
/** A cache this old may predate journal records that have expired: not used. */
const MAX_AGE_MS = (JOURNAL.ttlDays - 1) * 86_400_000;

/** The state in `body`, if it is one this version wrote and the journal still covers it; else undefined. */
export function readPublishState(body: string | undefined, now: Date): PublishState | undefined {
  if (!body) return undefined;
  try {
    const parsed = JSON.parse(body) as { format?: unknown } & Partial<PublishState>;
    if (parsed.format !== FORMAT || typeof parsed.through !== 'string' || !Array.isArray(parsed.stories) || !Array.isArray(parsed.texts)) return undefined;
    const age = now.getTime() - Date.parse(parsed.through);
    if (!(age >= 0 && age < MAX_AGE_MS)) return undefined;
    return { through: parsed.through, tail: typeof parsed.tail === 'number' ? parsed.tail : Number.MAX_SAFE_INTEGER, stories: parsed.stories, texts: parsed.texts };
  } catch {
    return undefined;
  }
}

export function writePublishState(state: PublishState): string {
  return JSON.stringify({ format: FORMAT, ...state });
}

/**
 * A story cache seeded with the still-valid stories of `state` (none named in `changed`); it records
 * what the rendering used, which is what the next state keeps.
 */
export class RenderCache implements StoryCache {
  private readonly held = new Map<string, StoryWithCopies>();
  readonly used = new Map<string, StoryWithCopies>();

  constructor(state: PublishState | undefined, changed: ReadonlySet<string>) {
    for (const [id, s] of state?.stories ?? []) {
      const names = [id, s.story.storyId, ...(s.absorbed ?? []).map((a) => a.storyId)];
      if (!names.some((n) => changed.has(n))) this.held.set(id, s);
    }
  }

  /** How many stories came from the cache. */
  hits = 0;

  get(id: string): StoryWithCopies | undefined {
    const s = this.held.get(id);
    if (s) {
      this.hits++;
      this.used.set(id, s);
    }
    return s;
  }

  set(id: string, story: StoryWithCopies): void {
    this.used.set(id, story);
  }
}
