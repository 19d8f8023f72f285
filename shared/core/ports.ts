/**
 * What the pipeline needs from storage, as interfaces: the domain code depends on these, the
 * DynamoDB and S3 adapters (functions/storage/) implement them. Every method is idempotent, so
 * that a retried Lambda or a re-run cycle cannot double-count or corrupt a record.
 */
import type {
  CanonicalContent,
  CopyRecord,
  ItemRecord,
  Outlet,
  OutletState,
  StoryOrigin,
  StoryPointer,
  StoryRecord,
  StoryText,
  StoryWithCopies,
} from './model.ts';

export interface IndexLookup {
  /** Content hash → the story that owns it (as of when the hash was claimed); unclaimed hashes are absent. */
  readonly hashes: ReadonlyMap<string, StoryPointer>;
  /** Candidate key → the stories holding it (keys nobody holds are absent; a full key is generic). */
  readonly keys: ReadonlyMap<string, readonly string[]>;
  /** The months (`yyyy-mm`) known to have stories. */
  readonly months: ReadonlySet<string>;
  /** The outlets known to have copies (what the analysts' reads enumerate). */
  readonly outlets?: ReadonlySet<string>;
}

export interface StoryStore {
  /** The ITEM records of these items of one outlet; absent keys were never seen. */
  getItems(outletId: string, itemKeys: readonly string[]): Promise<Map<string, ItemRecord>>;
  /**
   * One batched read of the indexes (split in `READ_BATCH`-key requests): the owners of these content
   * hashes, the stories holding each key, the months and outlets known.
   */
  lookup(contentHashes: readonly string[], keys: readonly string[]): Promise<IndexLookup>;
  /** One batched, consistent read of STORY records (absent ids do not exist). */
  getStories(storyIds: readonly string[]): Promise<Map<string, StoryRecord>>;
  /**
   * Creates a story founded by `founder`, once: a retry by the same founder reports `created` without
   * writing; `created: false` if another copy holds that id.
   */
  createStory(story: StoryRecord, founder: CopyRecord): Promise<{ readonly created: boolean }>;
  /** Claims a content hash for a story unless claimed; returns the owner (this story, or the first claimer). */
  claimHash(contentHash: string, story: StoryPointer): Promise<string>;
  /**
   * Adds a story to these candidate keys (a key already full is left as it is); returns, per key, the
   * stories holding it after the write — a story founded at the same moment by a copy of the same
   * story shows up there.
   */
  addKeys(keys: readonly string[], storyId: string): Promise<Map<string, readonly string[]>>;
  /** Upserts a COPY record; its `match`, `score`, `firstSeen` and `evidence` are set once, on first write. Returns the copy as stored. */
  putCopy(copy: CopyRecord): Promise<CopyRecord>;
  /**
   * One conditional update of a story: `origin` applies if published before the current origin,
   * `canonical` if it has more words than the current canonical text (or, for a correction, if the copy
   * still holds that role); with both, only if both hold. Never applies to a story merged into another:
   * that reports where it went, and the change belongs there.
   */
  updateStory(storyId: string, change: StoryChange): Promise<StoryUpdate>;
  /**
   * Merges `loserId` into `winnerId`: the winner lists the loser as absorbed (its copies are the winner's),
   * then the loser redirects to the winner, in one conditional write that also returns the loser as it
   * was merged — every update it took before, none after (those report `merged`). Idempotent; the
   * winner's origin and canonical text are the caller's to update from that record. If the loser was
   * already merged into another story, reports that story: the caller must then merge the two survivors.
   */
  absorbStory(winnerId: string, loserId: string): Promise<Absorption>;
  addMonth(month: string): Promise<void>;
  /** Lists an outlet among those with copies (a set: idempotent). */
  addOutlet(outletId: string): Promise<void>;
  /** Marks items as seen, in one batch (written last, so an interrupted ingest is redone on retry). */
  putItems(items: readonly ItemRecord[]): Promise<void>;
}

/** What a conditional story update did. */
export type StoryUpdate =
  | { readonly kind: 'applied' }
  /** The story already holds an origin as early, or a text as full (or, for a correction, another copy does). */
  | { readonly kind: 'declined' }
  /** The story was merged into `into`: nothing was written. */
  | { readonly kind: 'merged'; readonly into: string };

/** What merging one story into another did. */
export type Absorption =
  /** The loser now redirects to the winner; `loser` is its record as of that write. */
  | { readonly kind: 'absorbed'; readonly loser: StoryRecord }
  /** The loser had been merged into `into` already; nothing was redirected. */
  | { readonly kind: 'elsewhere'; readonly into: string };

export interface StoryChange {
  readonly origin?: OriginCandidate;
  readonly canonical?: CanonicalCandidate;
  /**
   * A correction: the copy already holds the role and was edited by its outlet. The change then applies
   * if the copy still holds it, whatever the dates and lengths.
   */
  readonly correction?: boolean;
}

/** What a copy would make of the story if it became its origin. */
export type OriginCandidate = StoryOrigin;

/** What a copy would make of the story if it became its canonical text. */
export type CanonicalCandidate = StoryText;

export interface ContentStore {
  /** Stores a canonical copy under its content-addressed key. */
  putCanonical(content: CanonicalContent): Promise<void>;
  getCanonical(contentHash: string): Promise<CanonicalContent | undefined>;
}

export interface OutletStateStore {
  /** The fetch state alone (one small consistent read: what every fetch needs). */
  getState(outletId: string): Promise<OutletState | undefined>;
  /** The learned boilerplate alone (what an ingest with new or changed items needs). */
  getBoilerplate(outletId: string): Promise<ReadonlySet<string>>;
  putState(state: OutletState): Promise<void>;
  /** Adds line shapes to the outlet's learned boilerplate (a set: idempotent). */
  learnBoilerplate(outletId: string, shapeIds: readonly string[]): Promise<void>;
}

export interface StoryReader {
  /**
   * The `limit` stories with the latest earliest-publication dates, newest first, with their copies.
   * With `cache`, a story it holds (by the id the index lists) is not read, and one read is added to it.
   * `fresh`: stories just written (id → their latest copy's publication, ISO), which the eventually
   * consistent index may not list yet: read by id if they could be among the latest.
   */
  recentStories(limit: number, cache?: StoryCache, fresh?: ReadonlyMap<string, string>): Promise<StoryWithCopies[]>;
}

/** Stories by the id an index lists them under (a merged story's id gives its survivor). */
export interface StoryCache {
  get(id: string): StoryWithCopies | undefined;
  set(id: string, story: StoryWithCopies): void;
}

/** Where publish keeps what it read for its last rendering (an object of its own, never served). */
export interface PublishStateStore {
  getPublishState(): Promise<string | undefined>;
  putPublishState(body: string): Promise<void>;
}

export interface RegistryStore {
  /** The registered outlets; undefined while there is no registry yet (a fresh deployment). */
  findOutlets(): Promise<Outlet[] | undefined>;
}

/**
 * The feed's version marker: fetch counts the ingests that changed stories; publish remembers which count
 * (and which feed settings) it last rendered, and when a held-back story falls due.
 */
export interface FeedMarker {
  /**
   * Changes counted: registry changes, and ingests that changed stories where no journal records them
   * (absent: none yet). With a journal, publish learns of ingests' changes from the journal instead.
   */
  readonly version: number;
  /** When the version was last counted (ISO 8601). */
  readonly changedAt?: string;
  /** When the feed objects were last rendered (ISO 8601). */
  readonly publishedAt?: string;
  /** How many journal records that rendering saw in its last minute (a late one shows as one more). */
  readonly publishedTail?: number;
  /** The version the feed objects were last rendered from (absent: never published). */
  readonly publishedVersion?: number;
  /** A hash of the settings the feed was last rendered with (title, description, base URL, limit). */
  readonly publishedSettings?: string;
  /** When a story held back from the last rendering becomes publishable (ISO 8601). */
  readonly dueAt?: string;
  /** The time up to which the journal was last written out to the analytics copy (ISO 8601). */
  readonly exportedThrough?: string;
  /** How many journal records that export saw in its last minute (a late one shows as one more). */
  readonly exportedTail?: number;
}

export interface FeedMarkerStore {
  /** One read. */
  getFeedMarker(): Promise<FeedMarker>;
  /** Counts an ingest that changed stories (or a registry change), at `now`: the next publish renders. */
  bumpFeedVersion(now: string): Promise<void>;
  /**
   * Claims the feed for one rendering, until `until` unless released: renderings are serialised, since
   * one that read the stories earlier but wrote its objects later would put an older feed back. When
   * another publish holds the claim (and it has not expired at `now`), that one is asked to render once
   * more when it is done, and this one need not render: `claimed: false`. Claimed: the marker as it is now.
   */
  claimPublish(owner: string, now: string, until: string): Promise<{ readonly claimed: true; readonly marker: FeedMarker } | { readonly claimed: false }>;
  /**
   * Records what was rendered and, with `owner`, releases that claim — unless it was lost (expired and
   * taken by another publish): then nothing is recorded. `again`: another publish asked for one more
   * rendering meanwhile, or the claim was lost.
   */
  setPublished(marker: Omit<FeedMarker, 'version' | 'changedAt'>, owner?: string): Promise<PublishRelease>;
  /** Releases a claim without recording a rendering (nothing to render, or the rendering failed). */
  releasePublish(owner: string): Promise<PublishRelease>;
}

export interface PublishRelease {
  /** Another publish asked for one more rendering while the claim was held, or the claim was lost. */
  readonly again: boolean;
}
