/**
 * What the pipeline needs from storage, as interfaces: the domain code depends on these, the
 * DynamoDB and S3 adapters (functions/storage/) implement them. Every method is idempotent, so
 * that a retried Lambda or a re-run cycle cannot double-count or corrupt a record.
 */
import type { CanonicalContent, CopyRecord, ItemRecord, Outlet, OutletState, StoryRecord, StoryWithCopies } from './model.ts';

export type CreateStoryResult =
  /** The story did not exist and now does, founded by this copy (or was founded by it in an earlier attempt). */
  | { readonly created: true }
  /** Another copy founded it first (a concurrent fetcher). */
  | { readonly created: false };

export interface StoryStore {
  /** The ITEM records of these items of one outlet; absent keys were never seen. */
  getItems(outletId: string, itemKeys: readonly string[]): Promise<Map<string, ItemRecord>>;
  /** The story that owns each of these content hashes; absent hashes are new. */
  getHashOwners(contentHashes: readonly string[]): Promise<Map<string, string>>;
  /** Claims a content hash for a story; returns the owner (this story, or the one that claimed it first). */
  claimHash(contentHash: string, storyId: string): Promise<string>;
  /** Creates a story whose founding copy is `founder`. */
  createStory(story: StoryRecord, founder: CopyRecord): Promise<CreateStoryResult>;
  /**
   * Records a copy on its story: upserts the COPY record (its `match` is set once, on first write),
   * adds the outlet to the story, and makes the copy canonical if it was published before the current one.
   */
  addCopy(copy: CopyRecord, canonical: CanonicalCandidate): Promise<void>;
  /** Marks an item as seen (written last, so an interrupted ingest is redone on retry). */
  putItem(item: ItemRecord): Promise<void>;
}

/** What a copy would make the story look like if it became its canonical copy. */
export interface CanonicalCandidate {
  readonly title: string;
  readonly url: string;
  readonly outletId: string;
  readonly outletName: string;
  readonly published: string;
  readonly canonicalHash: string;
  readonly summary: string;
}

export interface ContentStore {
  /** Stores a canonical copy under its content-addressed key. */
  putCanonical(content: CanonicalContent): Promise<void>;
}

export interface OutletStateStore {
  getState(outletId: string): Promise<OutletState | undefined>;
  putState(state: OutletState): Promise<void>;
}

export interface StoryReader {
  /** The `limit` stories with the latest earliest-publication dates, newest first, with their copies. */
  recentStories(limit: number): Promise<StoryWithCopies[]>;
}

export interface RegistryStore {
  getOutlets(): Promise<Outlet[]>;
}
