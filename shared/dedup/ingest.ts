/**
 * Ingest one outlet's feed document into the story records: the merge decision.
 *
 * 1. Identify the items; one batched read says which of them this outlet already sent. Items seen
 *    before with the same raw hash cost no write at all.
 * 2. Fingerprint the new and changed items (the whole document, plus what the store learned about the
 *    outlet, is their boilerplate context): exact content hash, shingle profile, candidate keys.
 * 3. Per item, one batched read of the indexes: which stories own its content hash and candidate keys
 *    (read just before deciding, so that concurrent fetchers see each other's new stories).
 * 4. Oldest first, each new item
 *    - joins the story owning its content hash (`exact`), else
 *    - joins the best near-duplicate candidate that passes `decideNear` (`near`, score = containment),
 *      verified against the candidate's canonical text, else
 *    - founds a story (`first`): its text goes to S3, then the story record is created, and only then
 *      do the hash and key indexes point at it (an interrupted founding resumes on retry).
 *    A joining copy that is earlier becomes the story's origin; one with more words its canonical text.
 *    A changed item stays in the story it is in: an outlet correcting a typo must not split its story.
 * 5. The ITEM record is written last, so an interrupted ingest redoes the item on retry; every write
 *    before it is idempotent.
 *
 * Concurrent fetchers: a story's id is derived from the first `LEDE_ID_WORDS` words of its text (else
 * from its content hash), so two copies of one story founding it at once propose the same id; the
 * conditional create lets one win and the other verify and join.
 */
import type {
  CanonicalContent,
  CopyRecord,
  FeedItem,
  ItemFingerprint,
  ItemRecord,
  MatchKind,
  Outlet,
  StoryPointer,
  StoryRecord,
} from '../core/model.ts';
import type { ContentStore, StoryStore } from '../core/ports.ts';
import { fingerprintFeed, identifyItems, sha256, storyIdFor, type IdentifiedItem } from './fingerprint.ts';
import { copyKeyOf } from '../core/schema.ts';
import {
  DEFAULT_THRESHOLDS,
  LEDE_ID_WORDS,
  compareTexts,
  decideNear,
  profileText,
  similarityOf,
  type NearThresholds,
  type TextProfile,
} from './similarity.ts';

export interface IngestCounts {
  readonly items: number;
  readonly unchanged: number;
  readonly newStories: number;
  /** Copies joined to an existing story (exact or near). */
  readonly merged: number;
  readonly nearMerged: number;
  readonly updated: number;
}

export interface IngestResult extends IngestCounts {
  /** Boilerplate line shapes this document taught (to be remembered for the outlet). */
  readonly newBoilerplate: string[];
}

export interface IngestDeps {
  readonly stories: StoryStore;
  readonly contents: ContentStore;
  /** The ingest time: `firstSeen`, and the date of items that carry none. */
  readonly now: Date;
  /** Boilerplate shapes learned from this outlet before. */
  readonly learned?: ReadonlySet<string>;
  readonly thresholds?: NearThresholds;
}

/** Item dates further in the future than this are not believed (clock skew allowed). */
const FUTURE_TOLERANCE_MS = 24 * 3600 * 1000;
const SUMMARY_CHARS = 200;
/** Candidates verified per item, best-keyed first: bounds S3 reads on pathological key collisions. */
const MAX_CANDIDATES = 4;

interface Prepared {
  readonly it: IdentifiedItem;
  readonly fp: ItemFingerprint;
  readonly published: string;
  readonly profile: TextProfile;
  readonly keys: string[];
}

export async function ingestFeed(outlet: Outlet, items: readonly FeedItem[], deps: IngestDeps): Promise<IngestResult> {
  const thresholds = deps.thresholds ?? DEFAULT_THRESHOLDS;
  const identified = identifyItems(items);
  const known = await deps.stories.getItems(outlet.id, identified.map((it) => it.itemKey));
  const todo = identified.filter((it) => known.get(it.itemKey)?.rawHash !== it.rawHash);
  const counts = { items: identified.length, unchanged: identified.length - todo.length, newStories: 0, merged: 0, nearMerged: 0, updated: 0 };
  if (todo.length === 0) return { ...counts, newBoilerplate: [] };

  const { fingerprints, newBoilerplate } = fingerprintFeed(outlet, identified, todo, deps.learned);
  const prepared: Prepared[] = todo
    .map((it) => {
      const fp = fingerprints.get(it.itemKey)!;
      const { profile, keys } = similarityOf(fp.basis === 'body' ? fp.words : [], it.item.title);
      return { it, fp, published: publicationDate(it.item, deps.now), profile, keys };
    })
    .sort((a, b) => a.published.localeCompare(b.published) || a.it.itemKey.localeCompare(b.it.itemKey));

  // What this ingest knows of the indexes: read per item, just before its decision, so that stories
  // founded a moment ago by a concurrent fetcher are seen; and extended by this ingest's own writes,
  // so that later items of the same document see earlier ones.
  const hashes = new Map<string, StoryPointer>();
  const signatures = new Map<string, StoryPointer>();
  const months = new Set<string>();
  const refresh = async (p: Prepared) => {
    if (hashes.has(p.fp.contentHash)) return;
    const fresh = await deps.stories.lookup([p.fp.contentHash], p.keys);
    for (const [hash, pointer] of fresh.hashes) hashes.set(hash, pointer);
    for (const [key, pointer] of fresh.signatures) signatures.set(key, pointer);
    for (const month of fresh.months) months.add(month);
  };
  const profiles = new Map<string, TextProfile>();
  const nowIso = deps.now.toISOString();

  const profileOf = async (pointer: StoryPointer): Promise<TextProfile | undefined> => {
    const cached = profiles.get(pointer.canonicalHash);
    if (cached) return cached;
    const content = await deps.contents.getCanonical(pointer.canonicalHash);
    if (!content || content.basis !== 'body') return undefined;
    const profile = profileText(content.paragraphs, content.title);
    profiles.set(pointer.canonicalHash, profile);
    return profile;
  };

  const bestNear = async (p: Prepared, pointers: readonly StoryPointer[]) => {
    let best: { pointer: StoryPointer; containment: number; rank: number[] } | undefined;
    for (const pointer of pointers.slice(0, MAX_CANDIDATES)) {
      const other = await profileOf(pointer);
      if (!other) continue;
      const c = compareTexts(p.profile, other);
      if (!decideNear(c, thresholds).same) continue;
      const rank = [c.title, c.containment, c.jaccard];
      if (!best || compareRanks(rank, best.rank) > 0) best = { pointer, containment: c.containment, rank };
    }
    return best;
  };

  const addMonth = async (published: string) => {
    const month = published.slice(0, 7);
    if (months.has(month)) return;
    await deps.stories.addMonth(month);
    months.add(month);
  };

  /** Records a copy on an existing story, moving its origin or canonical text if this copy is earlier or fuller. */
  const join = async (p: Prepared, pointer: StoryPointer, match: MatchKind, score: number) => {
    await deps.stories.putCopy(copyOf(outlet, p, pointer.storyId, match, score, nowIso));
    const earlier = p.published < pointer.published;
    const fuller = p.fp.basis === 'body' && p.fp.wordCount > pointer.words;
    if (fuller) await deps.contents.putCanonical(contentOf(outlet, p));
    const origin = earlier ? originOf(outlet, p) : undefined;
    const canonical = fuller ? canonicalOf(outlet, p) : undefined;
    // The pointer's values are a snapshot: the story may have moved on, so each change stays conditional,
    // and both go in one write when both look due (falling back to one at a time if they were not).
    if (origin && canonical && !(await deps.stories.updateStory(pointer.storyId, { origin, canonical }))) {
      await deps.stories.updateStory(pointer.storyId, { origin });
      await deps.stories.updateStory(pointer.storyId, { canonical });
    } else if (origin && !canonical) await deps.stories.updateStory(pointer.storyId, { origin });
    else if (canonical && !origin) await deps.stories.updateStory(pointer.storyId, { canonical });
    const updated: StoryPointer = {
      ...pointer,
      storyId: pointer.storyId,
      published: p.published < pointer.published ? p.published : pointer.published,
      words: Math.max(pointer.words, p.fp.basis === 'body' ? p.fp.wordCount : 0),
      canonicalHash: fuller ? p.fp.contentHash : pointer.canonicalHash,
    };
    // A near copy's own text becomes findable by its hash (a word-for-word copy of it is then `exact`)
    // and, once it is the story's canonical text, by its keys (copies of the full text find the story
    // even when it was founded by an excerpt). Extra writes, but only for these two events.
    if (match === 'near' && !hashes.has(p.fp.contentHash)) await deps.stories.claimHash(p.fp.contentHash, updated);
    if (fuller) await deps.stories.putSignatures(p.keys, updated);
    if (!hashes.has(p.fp.contentHash)) hashes.set(p.fp.contentHash, updated);
    for (const key of p.keys) if (signatures.get(key)?.storyId === pointer.storyId || !signatures.has(key)) signatures.set(key, updated);
    if (p.fp.basis === 'body') profiles.set(p.fp.contentHash, p.profile);
  };

  /**
   * Founds a story with this copy. The story record is created first, under the proposed id; only then
   * is the content hash claimed and the keys written, so an index entry never points at a story that does
   * not exist. Every step after the create is idempotent, and a retry redoes them: the create succeeds
   * again for the same founder, and an index entry naming this copy as founder sends it back here.
   */
  const found = async (p: Prepared): Promise<{ pointer: StoryPointer; match: MatchKind; score: number }> => {
    await deps.contents.putCanonical(contentOf(outlet, p));
    const mine = (storyId: string): StoryPointer => ({
      storyId,
      published: p.published,
      words: p.fp.basis === 'body' ? p.fp.wordCount : 0,
      canonicalHash: p.fp.contentHash,
      founder: copyKey(outlet, p),
    });
    for (const storyId of proposedIds(p)) {
      const { created } = await deps.stories.createStory(storyRecord(outlet, p, storyId, nowIso), copyOf(outlet, p, storyId, 'first', 1, nowIso));
      if (created) {
        const owner = await deps.stories.claimHash(p.fp.contentHash, mine(storyId));
        if (owner !== storyId) {
          // An identical copy founded another story with this text at the same moment: join it. The
          // story created here keeps no copy and is never listed.
          const pointer = await deps.stories.getPointer(owner);
          if (!pointer) throw new Error(`content hash ${p.fp.contentHash} points at missing story ${owner}`);
          return { pointer, match: 'exact', score: 1 };
        }
        await deps.stories.putSignatures(p.keys, mine(storyId));
        await addMonth(p.published); // the month the story is indexed under, for good
        return { pointer: mine(storyId), match: 'first', score: 1 };
      }
      // The id is taken (by this very copy the create would have succeeded): by a copy of this story
      // (join it) or by a story that merely shares its lede.
      const holder = await deps.stories.getPointer(storyId);
      if (holder && holder.canonicalHash === p.fp.contentHash) return { pointer: holder, match: 'exact', score: 1 };
      const near = holder ? await bestNear(p, [holder]) : undefined;
      if (near) return { pointer: near.pointer, match: 'near', score: round3(near.containment) };
    }
    throw new Error(`no free story id for item ${p.it.identity}`);
  };

  for (const p of prepared) {
    const previous = known.get(p.it.itemKey);
    if (previous) {
      // Changed item: it stays where it is; its new text, if new, points to the same story.
      if (!hashes.has(p.fp.contentHash) && p.fp.basis === 'body') {
        const pointer = await deps.stories.getPointer(previous.storyId);
        if (!pointer) throw new Error(`item ${p.it.identity} belongs to missing story ${previous.storyId}`);
        hashes.set(p.fp.contentHash, { ...pointer, storyId: await deps.stories.claimHash(p.fp.contentHash, pointer) });
      }
      // An edited copy that is its story's origin or canonical text carries the correction into the story.
      await deps.stories.updateStory(previous.storyId, { origin: originOf(outlet, p), correction: true });
      if (p.fp.basis === 'body') {
        await deps.contents.putCanonical(contentOf(outlet, p));
        await deps.stories.updateStory(previous.storyId, { canonical: canonicalOf(outlet, p), correction: true });
      }
      await deps.stories.putCopy(copyOf(outlet, p, previous.storyId, 'exact', 1, nowIso));
      await deps.stories.putItem(itemRecord(outlet, p, previous.storyId));
      counts.updated++;
      continue;
    }

    await refresh(p);
    let decision: { pointer: StoryPointer; match: MatchKind; score: number } | undefined;
    const exact = hashes.get(p.fp.contentHash);
    if (exact?.founder === copyKey(outlet, p)) decision = await found(p); // an interrupted founding, resumed
    else if (exact) decision = { pointer: exact, match: 'exact', score: 1 };
    else if (p.fp.basis === 'body' && p.profile.shingles.length >= thresholds.minShared) {
      const candidates = uniqueByStory(p.keys.map((k) => signatures.get(k)).filter((s): s is StoryPointer => s !== undefined));
      const near = await bestNear(p, candidates);
      if (near) decision = { pointer: near.pointer, match: 'near', score: round3(near.containment) };
    }
    if (!decision) {
      decision = await found(p);
      if (decision.match === 'first') {
        hashes.set(p.fp.contentHash, decision.pointer);
        for (const key of p.keys) signatures.set(key, decision.pointer);
        if (p.fp.basis === 'body') profiles.set(p.fp.contentHash, p.profile);
      }
    }

    if (decision.match === 'first') {
      await deps.stories.putCopy(copyOf(outlet, p, decision.pointer.storyId, 'first', 1, nowIso));
      counts.newStories++;
    } else {
      await join(p, decision.pointer, decision.match, decision.score);
      counts.merged++;
      if (decision.match === 'near') counts.nearMerged++;
    }
    await deps.stories.putItem(itemRecord(outlet, p, decision.pointer.storyId));
  }
  return { ...counts, newBoilerplate };
}

/** A lede-derived id first (copies of one story agree on it), the content hash's as the fallback. */
function proposedIds(p: Prepared): string[] {
  const words = p.fp.basis === 'body' ? p.fp.words : [];
  const byHash = storyIdFor(p.fp.contentHash);
  if (words.length < LEDE_ID_WORDS) return [byHash];
  return [storyIdFor(sha256(`lede\u0000${words.slice(0, LEDE_ID_WORDS).join(' ')}`)), byHash];
}

function uniqueByStory(pointers: readonly StoryPointer[]): StoryPointer[] {
  const counts = new Map<string, { pointer: StoryPointer; hits: number }>();
  for (const pointer of pointers) {
    const entry = counts.get(pointer.storyId);
    if (entry) entry.hits++;
    else counts.set(pointer.storyId, { pointer, hits: 1 });
  }
  // Stories hit by more keys first: they are the likelier match.
  return [...counts.values()].sort((a, b) => b.hits - a.hits).map((e) => e.pointer);
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function publicationDate(item: FeedItem, now: Date): string {
  const parsed = item.published ? Date.parse(item.published) : Number.NaN;
  if (Number.isNaN(parsed) || parsed > now.getTime() + FUTURE_TOLERANCE_MS) return now.toISOString();
  return new Date(parsed).toISOString();
}

function copyKey(outlet: Outlet, p: Prepared): string {
  return copyKeyOf(outlet.id, p.it.itemKey);
}

function copyOf(outlet: Outlet, p: Prepared, storyId: string, match: MatchKind, score: number, nowIso: string): CopyRecord {
  return {
    storyId,
    outletId: outlet.id,
    outletName: outlet.name,
    itemKey: p.it.itemKey,
    url: p.it.item.link ?? '',
    guid: p.it.item.guid ?? '',
    title: p.it.item.title,
    published: p.published,
    firstSeen: nowIso,
    match,
    score,
    contentHash: p.fp.contentHash,
  };
}

function titleOf(p: Prepared): string {
  return p.it.item.title || p.fp.paragraphs.join(' ').slice(0, 80) || '(untitled)';
}

function summaryOf(p: Prepared): string {
  const text = p.fp.paragraphs.join(' ');
  return text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS).replace(/\s+\S*$/, '')}…` : text;
}

function originOf(outlet: Outlet, p: Prepared) {
  return {
    title: titleOf(p),
    url: p.it.item.link ?? '',
    outletId: outlet.id,
    outletName: outlet.name,
    published: p.published,
    originCopy: copyKey(outlet, p),
  };
}

function canonicalOf(outlet: Outlet, p: Prepared) {
  return { canonicalHash: p.fp.contentHash, canonicalCopy: copyKey(outlet, p), words: p.fp.wordCount, summary: summaryOf(p) };
}

function storyRecord(outlet: Outlet, p: Prepared, storyId: string, nowIso: string): StoryRecord {
  return {
    storyId,
    ...originOf(outlet, p),
    ...canonicalOf(outlet, p),
    words: p.fp.basis === 'body' ? p.fp.wordCount : 0,
    firstSeen: nowIso,
  };
}

function contentOf(outlet: Outlet, p: Prepared): CanonicalContent {
  return {
    contentHash: p.fp.contentHash,
    basis: p.fp.basis,
    title: p.it.item.title,
    url: p.it.item.link ?? '',
    outletId: outlet.id,
    paragraphs: p.fp.paragraphs,
    removed: p.fp.removed,
  };
}

function itemRecord(outlet: Outlet, p: Prepared, storyId: string): ItemRecord {
  return { outletId: outlet.id, itemKey: p.it.itemKey, storyId, rawHash: p.it.rawHash, contentHash: p.fp.contentHash };
}
