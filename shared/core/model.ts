/** Domain records shared by the pipeline, the storage adapters and the CLI. */

/** One partner outlet, as listed in the feeds file / outlet registry. */
export interface Outlet {
  readonly id: string;
  readonly name: string;
  readonly url: string;
}

/** One job of the fan-out: fetch one outlet's feed. */
export interface FetchJob {
  readonly outlet: Outlet;
}

/** An item as read from a feed, before any processing. */
export interface FeedItem {
  readonly guid?: string;
  readonly link?: string;
  readonly title: string;
  /** ISO 8601, if the feed gave a parseable date. */
  readonly published?: string;
  /** The richest HTML body the item carries (content:encoded / atom content / description). */
  readonly html: string;
  /**
   * The absolute URL that relative URLs inside `html` resolve against: the Atom `xml:base` in scope of the
   * body (content, entry, feed), else the item's link, else the feed's URL.
   */
  readonly baseUrl?: string;
}

/**
 * How a copy joined its story: `first` founded it; `exact` matched a content hash of it; `near` matched
 * its text (verified); `title` matched its headline alone (a headline-only copy, or a copy joining a story
 * founded by one) — weaker evidence, recorded as such; `merged` founded a story that a later copy showed
 * to be this one (an excerpt and a rewrite bridged by the full text), and was merged into it.
 */
export type MatchKind = 'first' | 'exact' | 'near' | 'title' | 'merged';

/** Why an item is its own story key: a long-enough body, or (too little text) the item itself. */
export type FingerprintBasis = 'body' | 'item';

/** Everything the pure path computes for one item. */
export interface ItemFingerprint {
  /** Stable per-outlet identity of the item: `guid:…`, `link:…` or `hash:…`. */
  readonly identity: string;
  /** Short hash of `identity`, used in keys. */
  readonly itemKey: string;
  /** Hash of the item as published (title, link, body): tells whether an already-seen item changed. */
  readonly rawHash: string;
  /** Hash of the normalised article body (or of the item itself when `basis` is `item`). */
  readonly contentHash: string;
  readonly basis: FingerprintBasis;
  /** The article's paragraphs after boilerplate removal (display text, not normalised). */
  readonly paragraphs: readonly string[];
  /** Lines dropped as boilerplate, with the rule that dropped each (the explainable record). */
  readonly removed: readonly RemovedLine[];
  /** The comparison tokens of `paragraphs` (normalise.ts `tokens`), in order. */
  readonly words: readonly string[];
  readonly wordCount: number;
  /** The headline without the outlet's decoration (kickers, tails, tags), its case as published. */
  readonly displayTitle: string;
  /** Content words of the headline without the outlet's decoration (text/headline.ts). */
  readonly headline: readonly string[];
}

export interface RemovedLine {
  readonly text: string;
  readonly rule: string;
}

/** The `ITEM` record: what an outlet already sent. */
export interface ItemRecord {
  readonly outletId: string;
  readonly itemKey: string;
  readonly storyId: string;
  readonly rawHash: string;
  readonly contentHash: string;
  /** The item's link when last recorded ('' when it had none): tells apart items that share a GUID. */
  readonly url?: string;
  /** The copy's publication (ISO 8601): an outlet's items are its copies by date for the analysts' reads. */
  readonly published?: string;
}

/** The `COPY` record: one outlet's copy of a story. */
export interface CopyRecord {
  readonly storyId: string;
  readonly outletId: string;
  readonly outletName: string;
  readonly itemKey: string;
  /** The item's link exactly as the outlet published it ('' when the item had none). */
  readonly url: string;
  readonly guid: string;
  readonly title: string;
  /** ISO 8601: the item's own date, or when it was first seen if it had none. */
  readonly published: string;
  readonly firstSeen: string;
  readonly match: MatchKind;
  /** Similarity to the story's content in [0, 1]; 1 for `first` and `exact`. */
  readonly score: number;
  readonly contentHash: string;
  /** What matched, in words (`decide.ts`): why this copy is in this story. Absent in older records. */
  readonly evidence?: string;
  /**
   * The headline as readers should see it from this outlet: decoration removed with the outlet's own
   * context, learned decorations included (`stripDecoration`). Absent in older records.
   */
  readonly displayTitle?: string;
}

/** A story's origin: the earliest-published copy — credited, linked, dated. */
export interface StoryOrigin {
  readonly title: string;
  readonly url: string;
  readonly outletId: string;
  readonly outletName: string;
  /** Earliest publication date of any copy (ISO 8601). */
  readonly published: string;
  /** `outletId#itemKey` of the origin copy. */
  readonly originCopy: string;
}

/** A story's canonical text: the fullest copy — what readers get and later copies are compared with. */
export interface StoryText {
  /** `outletId#itemKey` of the canonical-text copy. */
  readonly canonicalCopy: string;
  /** Content hash of the canonical text: it is at `keys.content(canonicalHash)` in S3. */
  readonly canonicalHash: string;
  /** Words of the canonical text. */
  readonly words: number;
  /** Plain-text lead of the canonical text, for listings. */
  readonly summary: string;
}

/**
 * The `STORY` record: one merged story, its origin and its canonical text. Often the same copy; an
 * excerpt outlet publishing first makes them differ.
 */
export interface StoryRecord extends StoryOrigin, StoryText {
  readonly storyId: string;
  /** When the story was first ingested. */
  readonly firstSeen: string;
  /** Content words of the founding copy's headline, decoration removed, space-separated: title evidence. */
  readonly headline: string;
  /** Set when the story was found to be another story's copy and merged into it: follow it. */
  readonly mergedInto?: string;
  /** Stories merged into this one: their copies are this story's too. */
  readonly absorbed?: readonly string[];
}

/** What the merge decision needs to know of a candidate story (read from its STORY record). */
export interface StorySummary {
  readonly storyId: string;
  /** Earliest publication of any copy. */
  readonly published: string;
  readonly firstSeen: string;
  /** Words of the canonical text (0 for a headline-only story). */
  readonly words: number;
  readonly canonicalHash: string;
  readonly headline: readonly string[];
  /** `item` while the story has no text to verify against (`words` is 0): founded by a headline-only copy. */
  readonly basis: FingerprintBasis;
}

/** What the exact-hash and near-duplicate indexes say about a story (as of when they were written). */
export interface StoryPointer {
  readonly storyId: string;
  /** The story's earliest publication then: it can only have become earlier since. */
  readonly published: string;
  /** The story's canonical words then: it can only have grown since. */
  readonly words: number;
  /** The story's canonical text then (still in S3: content objects are never replaced). */
  readonly canonicalHash: string;
  /** `outletId#itemKey` of the copy that founded the story (lets an interrupted founding resume). */
  readonly founder?: string;
}

/** A story with every copy, as analysts and the publisher read it. */
export interface StoryWithCopies {
  readonly story: StoryRecord;
  /** Every copy, earliest first. */
  readonly copies: readonly CopyRecord[];
  /** The stories merged into this one (their copies are among `copies`). */
  readonly absorbed?: ReadonlyArray<Pick<StoryRecord, 'storyId' | 'firstSeen'>>;
}

/** The canonical copy's text and metadata, stored in S3 under its content hash. */
export interface CanonicalContent {
  readonly contentHash: string;
  readonly basis: FingerprintBasis;
  readonly title: string;
  readonly url: string;
  readonly outletId: string;
  readonly paragraphs: readonly string[];
  readonly removed: readonly RemovedLine[];
  /** Headline words as the ingesting outlet's context cleaned them (absent in objects written before). */
  readonly headline?: string;
  /**
   * The kept paragraphs with their structure, links, emphasis and images, as HTML built by feedmerge
   * (`shared/text/rich.ts`; sanitized again when rendered). Absent for a headline-only copy, when the
   * paragraphs could not be placed in the fragment, and in objects written before.
   */
  readonly html?: string;
}

/** Per-outlet fetch state (the `OUTLET` record). */
export interface OutletState {
  readonly outletId: string;
  readonly etag?: string;
  readonly lastModified?: string;
  readonly lastFetchAt?: string;
  readonly lastSuccessAt?: string;
  readonly lastStatus?: number;
  readonly lastError?: string;
  readonly consecutiveFailures: number;
  /** Not fetched before this instant (the server's Retry-After, back-off after consecutive failures). */
  readonly nextFetchAfter?: string;
  /** The items of the last document ingested, as a digest (shared/dedup/seen.ts). */
  readonly seen?: string;
}

/** What fetching one outlet did: the unit of the runner's progress lines and summary. */
export interface FetchReport {
  readonly outletId: string;
  /** `deferred`: not fetched this cycle, its server asked for a pause or it kept failing (`nextFetchAfter`). */
  readonly status: 'fetched' | 'not-modified' | 'failed' | 'deferred';
  readonly httpStatus?: number;
  readonly error?: string;
  readonly items: number;
  readonly newStories: number;
  /** Copies joined to an existing story (exact, near or title). */
  readonly merged: number;
  /** Of `merged`, those joined by near-duplicate evidence. */
  readonly nearMerged: number;
  readonly unchanged: number;
  readonly updated: number;
  readonly durationMs: number;
  /** Deferred or failed: when the outlet will be fetched again (absent: next cycle). */
  readonly nextFetchAfter?: string;
}
