/**
 * Ingest one outlet's feed document into the story records: read, decide, write — per item.
 *
 * 1. Identify the items; one batched read says which of them this outlet already sent. Items seen
 *    before with the same raw hash cost no write at all.
 * 2. Fingerprint the new and changed items (the whole document, plus what the store learned about the
 *    outlet, is their boilerplate and headline context): content hash, comparison tokens, headline, keys.
 * 3. Oldest first, for each new item:
 *    - read: the indexes (the content hash's owner, the stories holding each key) and the candidate
 *      stories' records (redirects of merged stories followed), read ahead for as many upcoming items as
 *      fill a few batched reads (`IngestSession.readAhead`); their canonical texts from S3 (cached for the
 *      document);
 *    - decide (`decide.ts`, pure): `exact`, `near`, `title` or `first`, and which split stories merge;
 *    - write (`write.ts`): the copy, the story's origin and canonical text if this copy is earlier or
 *      fuller, merges, or a new story. The ITEM records are written last, a chunk at a time after the
 *      chunk's journal record, so an interrupted ingest redoes the chunk on retry; every write before them
 *      is idempotent.
 *    A changed item stays in the story it is in: an outlet correcting a typo must not split its story.
 *
 * Concurrent fetchers: two copies of one story founded at the same moment make two stories; the second
 * to write its keys sees the first in them (the key write returns the key's stories), verifies it, and
 * merges. Copies founded apart in time and never verified against each other (an excerpt and a rewrite)
 * are merged by the first copy that verifies against both.
 */
import type { FeedItem, ItemRecord, MatchKind, Outlet, StoryRecord, StorySummary } from '../core/model.ts';
import type { ContentStore, IndexLookup, StoryStore } from '../core/ports.ts';
import { MAX_MERGE_REDIRECTS, READ_BATCH } from '../core/schema.ts';
import { tokens } from '../text/normalise.ts';
import { fingerprintFeed, itemKeyOf, rawHashOf } from './fingerprint.ts';
import { identityClaims, needsQualifiedLookup, plainKeys, settleIdentities, sharedGuids, type IdentityClaim } from './identity.ts';
import { seenDigest, seenEntry } from './seen.ts';
import { decide, mergeOrder, type CandidateStory, type ItemEvidence } from './decide.ts';
import { isTitleKey, KEY_STORY_CAP, keysOf } from './keys.ts';
import { copyKey, prepareItem, type PreparedItem } from './records.ts';
import { DEFAULT_THRESHOLDS, type NearThresholds, type TextProfile } from './similarity.ts';
import { StoryWriter, type JournalChange } from './write.ts';

export { publicationDate } from './records.ts';

export interface IngestCounts {
  readonly items: number;
  readonly unchanged: number;
  readonly newStories: number;
  /** Copies joined to an existing story (exact, near or title). */
  readonly merged: number;
  readonly nearMerged: number;
  readonly updated: number;
}

export interface IngestResult extends IngestCounts {
  /** Boilerplate line shapes and headline decorations this document taught (to remember for the outlet). */
  readonly newBoilerplate: string[];
  /** The digest of this document's items (seen.ts), for the outlet's state. */
  readonly seen: string;
}

export interface IngestDeps {
  readonly stories: StoryStore;
  readonly contents: ContentStore;
  /** The ingest time: `firstSeen`, and the date of items that carry none. */
  readonly now: Date;
  /** Boilerplate shapes and headline decorations learned from this outlet before (read only if an item is new or changed). */
  readonly learned?: ReadonlySet<string> | (() => Promise<ReadonlySet<string>>);
  /** The digest of the outlet's last document (seen.ts): its unchanged items are not read. */
  readonly seen?: ReadonlySet<string>;
  readonly thresholds?: NearThresholds;
  /** Records what each committed chunk of items changed, before its items are marked seen (publish reads it). */
  readonly journal?: (change: JournalChange) => Promise<void>;
  /** Tells publish that stories changed: once per document that changed any, after its other writes. */
  readonly feedChanged?: () => Promise<void>;
}

/** Candidate stories verified per item, most keys first: bounds reads on pathological collisions. */
const MAX_CANDIDATES = 6;
/** Of those, kept for the stories found through headline keys (a headline-only item has nothing else). */
const TITLE_CANDIDATES = 2;
/**
 * How far an ingest reads ahead: the index entries of as many upcoming new items as fill this many
 * batched reads (an item reads about 45 keys: eight items or so)…
 */
const READ_AHEAD_REQUESTS = 4;
/** …and no more than one batched read of their candidate stories holds (the hash's owner and 6 each). */
const READ_AHEAD_ITEMS = Math.floor(READ_BATCH / (MAX_CANDIDATES + 1));
/**
 * Canonical texts kept (as compared profiles) for the length of a document: enough for a feed's stories
 * to be compared with each other without a second S3 read, bounded so a long feed cannot hold them all.
 */
const PROFILE_CACHE = 256;

export async function ingestFeed(outlet: Outlet, items: readonly FeedItem[], deps: IngestDeps): Promise<IngestResult> {
  // Identities first (see identity.ts): a second, usually empty, read settles GUIDs shared by two items.
  const claims = identityClaims(items);
  // Items the last document carried unchanged (and not sharing a GUID here) need no read: they stand for
  // their own record, under their plain identity and link.
  const shared = sharedGuids(claims);
  const unchanged = (c: IdentityClaim) => !(c.guid !== undefined && shared.has(c.guid)) && deps.seen !== undefined && deps.seen.has(seenEntry(itemKeyOf(c.plain), rawHashOf(c.item)));
  const seenBefore = claims.filter(unchanged);
  const toRead = claims.filter((c) => !unchanged(c));
  const known = new Map(toRead.length > 0 ? await deps.stories.getItems(outlet.id, plainKeys(toRead)) : []);
  for (const c of seenBefore) {
    const itemKey = itemKeyOf(c.plain);
    known.set(itemKey, { outletId: outlet.id, itemKey, storyId: '', rawHash: rawHashOf(c.item), contentHash: '', url: c.item.link?.trim() ?? '' });
  }
  const qualified = needsQualifiedLookup(claims, known);
  if (qualified.length > 0) for (const [k, v] of await deps.stories.getItems(outlet.id, qualified)) known.set(k, v);
  const identified = settleIdentities(claims, known);
  const seen = seenDigest(identified);
  const todo = identified.filter((it) => known.get(it.itemKey)?.rawHash !== it.rawHash);
  const counts = { items: identified.length, unchanged: identified.length - todo.length, newStories: 0, merged: 0, nearMerged: 0, updated: 0 };
  if (todo.length === 0) return { ...counts, newBoilerplate: [], seen };

  const learned = typeof deps.learned === 'function' ? await deps.learned() : deps.learned;
  const { fingerprints, newBoilerplate } = fingerprintFeed(outlet, identified, todo, learned);
  const prepared: Array<PreparedItem | undefined> = todo
    .map((it) => {
      const fp = fingerprints.get(it.itemKey)!;
      fingerprints.delete(it.itemKey);
      return prepareItem(outlet, it, fp, deps.now);
    })
    .sort((a, b) => a.published.localeCompare(b.published) || a.it.itemKey.localeCompare(b.it.itemKey));

  const session = new IngestSession(deps);
  session.expectItems(prepared.length);
  // The new items from `i` on, in the order they are ingested: what a read ahead may cover.
  function* newFrom(i: number): Generator<PreparedItem> {
    for (let j = i; j < prepared.length; j++) {
      const q = prepared[j];
      if (q && !known.has(q.it.itemKey)) yield q;
    }
  }
  for (let i = 0; i < prepared.length; i++) {
    const p = prepared[i]!;
    const previous = known.get(p.it.itemKey);
    if (previous) {
      prepared[i] = undefined;
      await session.recordEdit(p, previous);
      counts.updated++;
      continue;
    }
    if (!session.hasReadFor(p)) await session.readAhead(newFrom(i));
    // Done with once processed: a long feed's texts (and their compared windows) are not all held at once.
    prepared[i] = undefined;
    const outcome = await session.ingestNew(p);
    if (outcome === 'first') counts.newStories++;
    else {
      counts.merged++;
      if (outcome === 'near') counts.nearMerged++;
    }
  }
  return { ...counts, newBoilerplate, seen };
}

/**
 * What one ingest reads, decides and writes; caches what stays true for the length of a document.
 *
 * Reads ahead: the index entries of as many upcoming new items as fill a few batched reads
 * (`READ_AHEAD_REQUESTS`), then, in one more, the stories those entries point at. Items are still decided one at a time,
 * oldest first: what this ingest wrote since is laid over the index read (`withOwnWrites`), and a story
 * it wrote to is read again. A read ahead is at most a few items older than a read per item would be —
 * the same race with other fetchers, which the key write settles (`found`).
 */
class IngestSession {
  private readonly profiles = new Map<string, TextProfile | null>();
  private readonly writer: StoryWriter;
  private readonly thresholds: NearThresholds;
  /** The last read ahead: the items it covers, the index entries and the stories it read. */
  private ahead: { readonly items: ReadonlySet<PreparedItem>; readonly index: IndexLookup; readonly stories: ReadonlyMap<string, StoryRecord> } | undefined;

  constructor(private readonly deps: IngestDeps) {
    this.writer = new StoryWriter(deps.stories, deps.contents, deps.now.toISOString(), deps.journal, deps.feedChanged);
    this.thresholds = deps.thresholds ?? DEFAULT_THRESHOLDS;
  }

  /** How many items this document will mark seen (the last one tells publish). */
  expectItems(n: number): void {
    this.writer.expectItems(n);
  }

  /** Whether the last read ahead covers this item. */
  hasReadFor(p: PreparedItem): boolean {
    return this.ahead?.items.has(p) ?? false;
  }

  /**
   * Reads the index entries of the first items of `upcoming` (at least one; more while their hashes and
   * keys fit `READ_AHEAD_REQUESTS` batched reads), then the stories those entries rank as candidates, in
   * one read.
   */
  async readAhead(upcoming: Iterable<PreparedItem>): Promise<void> {
    const items = new Set<PreparedItem>();
    const hashes = new Set<string>();
    const wanted = new Set<string>();
    for (const q of upcoming) {
      const fresh = q.keys.lookup.filter((k) => !wanted.has(k)).length + (hashes.has(q.fp.contentHash) ? 0 : 1);
      // READ_AHEAD_REQUESTS requests' worth of keys, the months record included; their stories in one.
      if (items.size > 0 && (hashes.size + wanted.size + fresh + 1 > READ_AHEAD_REQUESTS * READ_BATCH || items.size >= READ_AHEAD_ITEMS)) break;
      items.add(q);
      hashes.add(q.fp.contentHash);
      for (const k of q.keys.lookup) wanted.add(k);
    }
    const index = await this.deps.stories.lookup([...hashes], [...wanted]);
    this.writer.knowIndex(index);
    const ids = new Set<string>();
    for (const q of items) {
      const seen = this.writer.withOwnWrites(q.fp.contentHash, q.keys.lookup, index);
      if (seen.hash) ids.add(seen.hash.storyId);
      for (const id of rankCandidates(seen.keys)) ids.add(id);
    }
    const wantedStories = [...ids].filter((id) => !this.writer.hasWritten(id));
    const stories = wantedStories.length > 0 ? await this.deps.stories.getStories(wantedStories) : new Map<string, StoryRecord>();
    this.ahead = { items, index, stories };
  }

  async ingestNew(p: PreparedItem): Promise<MatchKind> {
    if (!this.hasReadFor(p)) await this.readAhead([p]);
    const { hash, keys } = this.writer.withOwnWrites(p.fp.contentHash, p.keys.lookup, this.ahead!.index);
    const isGeneric = (key: string) => (keys.get(key)?.length ?? 0) >= KEY_STORY_CAP;
    // An interrupted founding of this very copy, resumed.
    if (hash?.founder === copyKey(p)) return this.found(p, new Set(), isGeneric);
    const candidateIds = rankCandidates(keys);
    const records = await this.resolve([...(hash ? [hash.storyId] : []), ...candidateIds]);
    let exactOwner: StoryRecord | undefined;
    if (hash) {
      exactOwner = records.get(hash.storyId);
      if (!exactOwner) throw new Error(`content hash ${p.fp.contentHash} points at missing story ${hash.storyId}`);
    }
    const candidates = await this.candidates(candidateIds.map((id) => records.get(id)), exactOwner?.storyId);
    const decision = decide(evidenceOf(p), exactOwner ? toSummary(exactOwner) : undefined, candidates, this.thresholds);
    if (decision.kind === 'first') return this.found(p, new Set(candidates.map((c) => c.story.storyId)), isGeneric);
    const byId = new Map([...records.values()].map((r) => [r.storyId, r]));
    const target = byId.get(decision.storyId)!;
    await this.writer.join(p, target, decision, isGeneric);
    for (const loser of decision.absorb) await this.merge(target, byId.get(loser)!);
    await this.writer.markSeen(p, decision.storyId);
    return decision.match;
  }

  /**
   * Founds a story with this copy. If the key write shows a story founded at the same moment that
   * verifies as the same story, the two are one: the older survives, and this copy is recorded as what
   * it is — the founder of the survivor, or a copy joining it.
   */
  private async found(p: PreparedItem, alreadySeen: ReadonlySet<string>, isGeneric: (key: string) => boolean): Promise<MatchKind> {
    const chosen = keysOf(p.fp.basis === 'body' ? p.fp.words : [], p.fp.headline, isGeneric);
    const founded = await this.writer.found(p, [...chosen.body, ...chosen.title]);
    if (founded.kind === 'joined') {
      const owner = (await this.resolve([founded.storyId])).get(founded.storyId);
      if (!owner) throw new Error(`content hash ${p.fp.contentHash} points at missing story ${founded.storyId}`);
      await this.writer.join(p, owner, { match: 'exact', score: 1, evidence: 'same text, founded at the same moment (content hash)' }, isGeneric);
      await this.writer.markSeen(p, owner.storyId);
      return 'exact';
    }
    const mine = founded.story;
    // The stories founded at the same moment that hold most of its keys; as many as an item verifies.
    const others = mostFrequent(founded.keyHolders.filter((id) => id !== mine.storyId && !alreadySeen.has(id)), MAX_CANDIDATES);
    if (others.length > 0) {
      const records = await this.resolve(others);
      const candidates = await this.candidates(others.map((id) => records.get(id)), mine.storyId);
      const decision = decide(evidenceOf(p), undefined, candidates, this.thresholds);
      // A headline-only copy and its full copy founded at the same moment join on their headlines, as
      // they would one after the other (decide's `title`: unique, within the window, not recurring).
      if (decision.kind === 'join') {
        // One story, founded more than once: all of it goes to the oldest, whoever notices.
        const byId = new Map([...records.values()].map((r) => [r.storyId, r]));
        const group = [mine, ...[decision.storyId, ...decision.absorb].map((id) => byId.get(id)!)].sort(mergeOrder);
        const winner = group[0]!;
        if (winner.storyId !== mine.storyId) await this.writer.join(p, winner, decision, isGeneric);
        else await this.writer.putFounderCopy(p, mine.storyId);
        for (const loser of group.slice(1)) await this.merge(winner, loser);
        await this.writer.markSeen(p, winner.storyId);
        return winner.storyId === mine.storyId ? 'first' : decision.match;
      }
    }
    await this.writer.putFounderCopy(p, mine.storyId);
    await this.writer.markSeen(p, mine.storyId);
    return 'first';
  }

  /**
   * Merges two stories found to be one: the younger into the older. If either was merged elsewhere
   * meanwhile (another fetcher merging at the same moment), the survivors are merged in turn, until one
   * story is left.
   */
  private async merge(a: StoryRecord, b: StoryRecord): Promise<void> {
    for (let round = 0; round <= MAX_MERGE_REDIRECTS; round++) {
      const [winner, loser] = [a, b].sort(mergeOrder);
      if (winner!.storyId === loser!.storyId) return;
      const elsewhere = await this.writer.absorb(winner!, loser!);
      if (elsewhere === undefined) return;
      const roots = await this.resolve([winner!.storyId, elsewhere]);
      const [x, y] = [roots.get(winner!.storyId), roots.get(elsewhere)];
      if (!x || !y) throw new Error(`merging ${winner!.storyId} with ${elsewhere}: a story is missing`);
      [a, b] = [x, y];
    }
    throw new Error(`merging ${a.storyId} and ${b.storyId} did not settle`);
  }

  /** An item this outlet sent before, changed: it stays in its story, and corrects it if it holds a role. */
  async recordEdit(p: PreparedItem, previous: ItemRecord): Promise<void> {
    const story = (await this.resolve([previous.storyId])).get(previous.storyId);
    if (!story) throw new Error(`item ${p.it.identity} belongs to missing story ${previous.storyId}`);
    await this.writer.recordEdit(p, previous.storyId, story);
  }

  /**
   * STORY records by id, each followed to the story it was merged into. The read ahead stands for a
   * story this ingest has not written to since.
   */
  private async resolve(ids: readonly string[]): Promise<Map<string, StoryRecord>> {
    const out = new Map<string, StoryRecord>();
    let pending = new Map(ids.map((id) => [id, id])); // requested id → id to read
    for (let hop = 0; pending.size > 0; hop++) {
      if (hop > MAX_MERGE_REDIRECTS) throw new Error(`story redirects longer than ${MAX_MERGE_REDIRECTS}: ${[...pending.keys()].join(', ')}`);
      const read = new Map<string, StoryRecord>();
      const toRead: string[] = [];
      for (const id of new Set(pending.values())) {
        const known = this.writer.hasWritten(id) ? undefined : this.ahead?.stories.get(id);
        if (known) read.set(id, known);
        else toRead.push(id);
      }
      if (toRead.length > 0) for (const [id, record] of await this.deps.stories.getStories(toRead)) read.set(id, record);
      const next = new Map<string, string>();
      for (const [requested, id] of pending) {
        const record = read.get(id);
        if (!record) continue;
        if (record.mergedInto) next.set(requested, record.mergedInto);
        else out.set(requested, record);
      }
      pending = next;
    }
    return out;
  }

  /** The distinct stories among `records`, with their canonical texts' profiles. */
  private async candidates(records: readonly (StoryRecord | undefined)[], exclude?: string): Promise<CandidateStory[]> {
    const seen = new Set<string>(exclude ? [exclude] : []);
    const out: CandidateStory[] = [];
    for (const record of records) {
      if (!record || seen.has(record.storyId)) continue;
      seen.add(record.storyId);
      const story = toSummary(record);
      const profile = record.words > 0 ? await this.profileOf(record) : undefined;
      out.push(profile ? { story, profile } : { story });
    }
    return out;
  }

  private async profileOf(record: StoryRecord): Promise<TextProfile | undefined> {
    const cached = this.profiles.get(record.canonicalHash);
    if (cached !== undefined) {
      // Most recently used last: the first key is the one to evict.
      this.profiles.delete(record.canonicalHash);
      this.profiles.set(record.canonicalHash, cached);
      return cached ?? undefined;
    }
    const content = await this.deps.contents.getCanonical(record.canonicalHash);
    const profile =
      content && content.basis === 'body'
        ? { tokens: content.paragraphs.flatMap((line) => tokens(line)), headline: record.headline.split(' ').filter(Boolean) }
        : null;
    this.profiles.set(record.canonicalHash, profile);
    if (this.profiles.size > PROFILE_CACHE) this.profiles.delete(this.profiles.keys().next().value!);
    return profile ?? undefined;
  }
}

function evidenceOf(p: PreparedItem): ItemEvidence {
  return { profile: p.profile, basis: p.fp.basis, published: p.published };
}

export function toSummary(r: StoryRecord): StorySummary {
  return {
    storyId: r.storyId,
    published: r.published,
    firstSeen: r.firstSeen,
    words: r.words,
    canonicalHash: r.canonicalHash,
    headline: r.headline.split(' ').filter(Boolean),
    basis: r.words > 0 ? 'body' : 'item',
  };
}


/** The `n` values that occur most often (ties: by value). */
function mostFrequent(values: readonly string[], n: number): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n).map(([v]) => v);
}

/**
 * The stories worth verifying: those holding most of the item's keys, each key weighted by how specific
 * it is (a key two stories hold says more than one eight hold; a full key says nothing), with a few
 * places kept for stories found through headline keys.
 */
function rankCandidates(keys: ReadonlyMap<string, readonly string[]>): string[] {
  const body = new Map<string, number>();
  const title = new Map<string, number>();
  for (const [key, ids] of keys) {
    if (ids.length >= KEY_STORY_CAP) continue;
    const tally = isTitleKey(key) ? title : body;
    for (const id of ids) tally.set(id, (tally.get(id) ?? 0) + 1 / ids.length);
  }
  const total = new Map(body);
  for (const [id, n] of title) total.set(id, (total.get(id) ?? 0) + n);
  const order = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id]) => id);
  const picked = order(total).slice(0, MAX_CANDIDATES - TITLE_CANDIDATES);
  for (const id of [...order(title), ...order(total)]) {
    if (picked.length >= MAX_CANDIDATES) break;
    if (!picked.includes(id)) picked.push(id);
  }
  return picked;
}
