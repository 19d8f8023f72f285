/**
 * The writes of a merge decision. Each step is idempotent, and ordered so that an interruption at any
 * point is finished by a retry: a story exists before an index entry points at it; a merged story is
 * listed as absorbed by its winner before it redirects there; the ITEM record ("this outlet sent this")
 * is written last — in chunks (`JOURNAL.chunk` items at a time, one BatchWriteItem), after the chunk's
 * journal record: an interruption redoes the chunk's items on retry, and their rows reach the journal.
 *
 * The writer also remembers what this ingest wrote to the indexes, so that the next items of the same
 * document see it even where the store's reads are eventually consistent.
 */
import type { CopyRecord, ItemRecord, MatchKind, StoryPointer, StoryRecord } from '../core/model.ts';
import type { CanonicalCandidate, ContentStore, IndexLookup, OriginCandidate, StoryChange, StoryStore } from '../core/ports.ts';
import { JOURNAL, MAX_MERGE_REDIRECTS } from '../core/schema.ts';
import { keysOf } from './keys.ts';
import {
  canonicalOf,
  canonicalOfStory,
  contentOf,
  copyKey,
  copyOf,
  foundedStoryId,
  itemRecordOf,
  originOf,
  precedes,
  isFuller,
  originOfStory,
  pointerOf,
  storyRecordOf,
  wordsOf,
  type PreparedItem,
} from './records.ts';

export type Founding =
  | {
      readonly kind: 'founded';
      readonly story: StoryRecord;
      /** The stories holding its keys after the write, once per key held (itself included). */
      readonly keyHolders: string[];
    }
  /** An identical copy founded a story at the same moment and won the content hash: this copy joins it. */
  | { readonly kind: 'joined'; readonly storyId: string };

/** How a copy joins a story, and why (decide.ts). */
export interface JoinVerdict {
  readonly match: MatchKind;
  readonly score: number;
  readonly evidence: string;
}

/** What a committed chunk changed: the copies it recorded, and every story it wrote to. */
export interface JournalChange {
  readonly copies: readonly CopyRecord[];
  readonly stories: readonly string[];
}

/** What the indexes say of one item: the owner of its content hash, the stories holding each of its keys. */
export interface ItemIndex {
  readonly hash?: StoryPointer;
  readonly keys: ReadonlyMap<string, readonly string[]>;
}

export class StoryWriter {
  private readonly written = new Set<string>();
  private readonly ownHashes = new Map<string, StoryPointer>();
  private readonly ownKeys = new Map<string, Set<string>>();
  private readonly months = new Set<string>();
  private readonly outlets = new Set<string>();
  /** Since the last commit: the stories written to and the copies recorded (the journal's rows). */
  private readonly touched = new Set<string>();
  private copies: CopyRecord[] = [];
  /** Items marked seen but not yet committed. */
  private seen: ItemRecord[] = [];

  constructor(
    private readonly stories: StoryStore,
    private readonly contents: ContentStore,
    private readonly nowIso: string,
    /** Records what a chunk changed (analytics/export.ts): how publish learns it, and the analytics copy's source. */
    private readonly journal?: (change: JournalChange) => Promise<void>,
    /** Tells publish that stories changed (the feed's version marker). */
    private readonly feedChanged?: () => Promise<void>,
  ) {}

  /** Items of this document still to be marked seen: the last one also tells publish, once. */
  private unseen = 0;

  /** How many items this document will mark seen. */
  expectItems(n: number): void {
    this.unseen = n;
  }

  /**
   * What a lookup says of one item (its content hash and its keys), with what this ingest wrote added:
   * the read may be older than those writes, or not show them yet.
   */
  withOwnWrites(contentHash: string, lookedUp: readonly string[], lookup: IndexLookup): ItemIndex {
    const keys = new Map<string, readonly string[]>();
    for (const key of lookedUp) {
      const read = lookup.keys.get(key);
      const own = this.ownKeys.get(key);
      if (own) keys.set(key, [...new Set([...(read ?? []), ...own])].sort());
      else if (read) keys.set(key, read);
    }
    const hash = lookup.hashes.get(contentHash) ?? this.ownHashes.get(contentHash);
    return { ...(hash ? { hash } : {}), keys };
  }

  /** The stories this ingest wrote to (created, joined, improved, merged): a read made before is stale. */
  hasWritten(storyId: string): boolean {
    return this.written.has(storyId);
  }

  /** The months and outlets the store already lists (spares their writes). */
  knowIndex(lookup: Pick<IndexLookup, 'months' | 'outlets'>): void {
    for (const m of lookup.months) this.months.add(m);
    for (const o of lookup.outlets ?? []) this.outlets.add(o);
  }

  /**
   * Founds a story: its text goes to S3, the story record is created, then the content hash is claimed
   * and the keys written. The story id is the founding copy's own, so a retry proposes it again.
   */
  async found(p: PreparedItem, keys: readonly string[]): Promise<Founding> {
    await this.contents.putCanonical(contentOf(p));
    const storyId = foundedStoryId(p);
    const story = storyRecordOf(p, storyId, this.nowIso);
    this.written.add(storyId);
    const { created } = await this.stories.createStory(story, copyOf(p, storyId, 'first', 1, this.nowIso));
    if (!created) throw new Error(`story id ${storyId} is taken by another founder (hash collision)`);
    const owner = await this.stories.claimHash(p.fp.contentHash, pointerOf(p, storyId, copyKey(p)));
    // An identical copy founded another story at the same moment: the caller joins it. The story created
    // here keeps no copy, holds no key, and is never listed.
    if (owner !== storyId) return { kind: 'joined', storyId: owner };
    this.ownHashes.set(p.fp.contentHash, pointerOf(p, storyId));
    const holders = await this.addKeys(keys, storyId);
    await this.addMonth(p.published); // the month the story is indexed under, for good
    return { kind: 'founded', story, keyHolders: holders };
  }

  /** The founding copy's record (after the founding: until then a story founded twice can still merge). */
  async putFounderCopy(p: PreparedItem, storyId: string): Promise<void> {
    await this.putCopy(copyOf(p, storyId, 'first', 1, this.nowIso));
    await this.addOutlet(p.outlet.id);
  }

  /** Records a copy on a story, moving its origin or canonical text if this copy is earlier or fuller. */
  async join(p: PreparedItem, story: StoryRecord, verdict: JoinVerdict, isGeneric: (key: string) => boolean): Promise<void> {
    await this.putCopy(copyOf(p, story.storyId, verdict.match, verdict.score, this.nowIso, verdict.evidence));
    await this.addOutlet(p.outlet.id);
    const origin = originOf(p);
    const canonical = canonicalOf(p);
    const earlier = precedes(origin, story);
    const fuller = p.fp.basis === 'body' && isFuller(canonical, story);
    if (fuller) await this.contents.putCanonical(contentOf(p));
    await this.improve(story.storyId, earlier ? origin : undefined, fuller ? canonical : undefined);
    const pointer: StoryPointer = {
      storyId: story.storyId,
      published: earlier ? p.published : story.published,
      words: Math.max(story.words, wordsOf(p)),
      canonicalHash: fuller ? p.fp.contentHash : story.canonicalHash,
    };
    // A matched copy's own text becomes findable by its hash (a word-for-word copy of it is then `exact`)
    // and, once it is the story's canonical text, by its keys (copies of the full text find the story even
    // when an excerpt or a headline founded it). Extra writes, but only for these events.
    if (verdict.match !== 'exact' && p.fp.basis === 'body' && !this.ownHashes.has(p.fp.contentHash)) {
      await this.stories.claimHash(p.fp.contentHash, pointer);
      this.ownHashes.set(p.fp.contentHash, pointer);
    }
    if (fuller) await this.addKeys(keysOf(p.fp.words, p.fp.headline, isGeneric).body, story.storyId);
  }

  /**
   * Merges `loser` into `winner`: listed as absorbed first, then redirected, then the winner takes the
   * loser's origin or canonical text if earlier or fuller. If the loser turns out merged into another
   * story already, returns that story's id (the caller merges the two).
   */
  async absorb(winner: StoryRecord, loser: StoryRecord): Promise<string | undefined> {
    if (winner.storyId === loser.storyId) return undefined;
    this.touched.add(winner.storyId).add(loser.storyId);
    this.written.add(winner.storyId).add(loser.storyId);
    const merged = await this.stories.absorbStory(winner.storyId, loser.storyId);
    if (merged.kind === 'elsewhere') return merged.into === winner.storyId ? undefined : merged.into;
    // The loser as merged, not as read: a copy may have moved its origin or text since.
    const final = merged.loser;
    await this.improve(
      winner.storyId,
      precedes(final, winner) ? originOfStory(final) : undefined,
      isFuller(final, winner) ? canonicalOfStory(final) : undefined,
    );
    return undefined;
  }

  /** An edited copy: its record is updated where it is; if it is the origin or the canonical text, the story follows. */
  async recordEdit(p: PreparedItem, copyStoryId: string, story: StoryRecord): Promise<void> {
    if (p.fp.basis === 'body' && !this.ownHashes.has(p.fp.contentHash)) {
      const pointer = { storyId: story.storyId, published: story.published, words: story.words, canonicalHash: story.canonicalHash };
      await this.stories.claimHash(p.fp.contentHash, pointer);
      this.ownHashes.set(p.fp.contentHash, pointer);
    }
    this.touched.add(story.storyId);
    this.written.add(story.storyId);
    await this.update(story.storyId, { origin: originOf(p), correction: true });
    if (p.fp.basis === 'body') {
      await this.contents.putCanonical(contentOf(p));
      await this.update(story.storyId, { canonical: canonicalOf(p), correction: true });
    }
    await this.putCopy(copyOf(p, copyStoryId, 'exact', 1, this.nowIso));
    await this.markSeen(p, copyStoryId);
  }

  /**
   * The last step of an item: this outlet sent it, and it is in this story. Committed with the chunk (see
   * `commit`), or at once when it is the document's last item.
   */
  async markSeen(p: PreparedItem, storyId: string): Promise<void> {
    this.touched.add(storyId);
    this.written.add(storyId);
    this.seen.push(itemRecordOf(p, storyId));
    this.unseen--;
    if (this.seen.length >= JOURNAL.chunk || this.unseen === 0) await this.commit();
  }

  /**
   * Commits the items marked seen: first the journal record of what they changed, then (for the
   * document's last chunk) the feed's version, then their ITEM records in one batch. A failure before the
   * batch leaves every item of the chunk unseen: the retry redoes them (each write is idempotent) and
   * journals them again.
   */
  private async commit(): Promise<void> {
    if (this.seen.length === 0) return;
    if (this.journal) await this.journal({ copies: this.copies, stories: [...this.touched].sort() });
    this.touched.clear();
    this.copies = [];
    if (this.unseen === 0 && this.feedChanged) await this.feedChanged();
    await this.stories.putItems(this.seen);
    this.seen = [];
  }

  private async putCopy(copy: CopyRecord): Promise<void> {
    // Journaled as stored: an edited or re-recorded copy keeps how it first joined its story.
    this.copies.push(await this.stories.putCopy(copy));
  }

  private async improve(storyId: string, origin: OriginCandidate | undefined, canonical: CanonicalCandidate | undefined) {
    // Each change is conditional (the story may have moved on since it was read); both go in one write when
    // both look due, falling back to one at a time if they were not.
    if (origin && canonical && (await this.update(storyId, { origin, canonical })) === 'declined') {
      await this.update(storyId, { origin });
      await this.update(storyId, { canonical });
    } else if (origin && !canonical) await this.update(storyId, { origin });
    else if (canonical && !origin) await this.update(storyId, { canonical });
  }

  /**
   * One conditional story update, carried along the story's merges: a change meant for a story merged
   * meanwhile (another fetcher merging it at this moment) belongs to the story it went into.
   */
  private async update(storyId: string, change: StoryChange): Promise<'applied' | 'declined'> {
    for (let hop = 0, id = storyId; hop <= MAX_MERGE_REDIRECTS; hop++) {
      this.written.add(id);
      const result = await this.stories.updateStory(id, change);
      if (result.kind === 'applied') this.touched.add(id);
      if (result.kind !== 'merged') return result.kind;
      id = result.into;
    }
    throw new Error(`story ${storyId}: redirects longer than ${MAX_MERGE_REDIRECTS}`);
  }

  private async addKeys(keys: readonly string[], storyId: string): Promise<string[]> {
    if (keys.length === 0) return [storyId];
    const sets = await this.stories.addKeys(keys, storyId);
    for (const key of keys) {
      const own = this.ownKeys.get(key) ?? new Set<string>();
      own.add(storyId);
      this.ownKeys.set(key, own);
    }
    // One entry per key held: a story sharing more keys comes up more often.
    return [storyId, ...[...sets.values()].flat()];
  }

  /** Lists the outlet among those with copies, once (the analysts' reads enumerate them). */
  private async addOutlet(outletId: string): Promise<void> {
    if (this.outlets.has(outletId)) return;
    await this.stories.addOutlet(outletId);
    this.outlets.add(outletId);
  }

  private async addMonth(published: string): Promise<void> {
    const month = published.slice(0, 7);
    if (this.months.has(month)) return;
    await this.stories.addMonth(month);
    this.months.add(month);
  }
}
