/**
 * DynamoDB adapter: the story records (see shared/core/schema.ts for the key layout).
 *
 * Every write is idempotent: PutItem of a whole record, UpdateItem with `if_not_exists` for values that
 * are set once, `ADD` to string sets for membership, and conditions for "only if earlier" changes.
 * No transactions (dynalite has none): concurrent fetchers converge through conditional writes.
 */
import {
  BatchGetItemCommand,
  type BatchGetItemCommandOutput,
  BatchWriteItemCommand,
  type BatchWriteItemCommandOutput,
  type WriteRequest,
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { SyndicatedStory } from '../../shared/analytics/syndication.ts';
import type { JournalEntry, JournalStore } from '../../shared/analytics/export.ts';
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { fnv1a, SEED_A } from '../../shared/core/hash.ts';
import type { CopyRecord, ItemRecord, MatchKind, OutletState, StoryPointer, StoryRecord, StoryWithCopies } from '../../shared/core/model.ts';
import type {
  Absorption,
  FeedMarker,
  FeedMarkerStore,
  PublishRelease,
  IndexLookup,
  OutletStateStore,
  StoryCache,
  StoryChange,
  StoryReader,
  StoryStore,
  StoryUpdate,
} from '../../shared/core/ports.ts';
import { mapConcurrent } from '../../shared/core/concurrency.ts';
import { INDEX_BY_PUBLISHED, JOURNAL, KEY_STORY_CAP, MAX_MERGE_REDIRECTS, READ_BATCH, copyKeyOf, keys } from '../../shared/core/schema.ts';

type Item = Record<string, AttributeValue>;

const BATCH_WRITE_LIMIT = 25;
const STORY_ATTRIBUTES = [
  'storyId', 'title', 'url', 'outletId', 'outletName', 'published', 'originCopy', 'firstSeen', 'canonicalCopy', 'canonicalHash',
  'words', 'summary', 'headline', 'mergedInto', 'absorbed',
] as const;
/** A claim to publish, or a request to its holder, is retried this often when each ends in between. */
const CLAIM_ATTEMPTS = 5;
/** The marker's attributes of a claim to publish (publish.ts `publishFeeds`). */
const CLAIM_ATTRIBUTES = ['publishOwner', 'publishUntil', 'publishAgain'];
const READ_CONCURRENCY = 16;

export interface StoryQuery {
  /** Only stories first published at or after this ISO instant. */
  readonly since?: string;
  /**
   * Only stories first published before this ISO instant. The index holds founders' dates, which can be
   * later than a story's first publication: the index is read from `since` on and filtered.
   */
  readonly until?: string;
  /** Only stories this outlet carried. */
  readonly outletId?: string;
  readonly limit?: number;
}

/** How long the boilerplate read with an outlet's items stands for a fresh read (one fetch's ingest). */
const BOILERPLATE_READ_FRESH_MS = 60_000;
/** Outlets whose boilerplate read is kept waiting for its ingest (one entry per outlet in flight). */
const BOILERPLATE_READS_KEPT = 256;

export class DynamoStore implements StoryStore, OutletStateStore, StoryReader, FeedMarkerStore, JournalStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {}

  // ---- ingest ----------------------------------------------------------------------------------

  /**
   * The outlet's learned boilerplate, read in the same request as its items (`getItems`) and handed to the
   * `getBoilerplate` that follows: an item read is almost always an item to ingest, which needs it next.
   * One read request fewer per changed outlet. Taken once, and only while fresh.
   */
  private readonly boilerplateRead = new Map<string, { readonly shapes: ReadonlySet<string>; readonly at: number }>();

  async getItems(outletId: string, itemKeys: readonly string[]): Promise<Map<string, ItemRecord>> {
    const boilerplate = keys.outletBoilerplate(outletId);
    const found = await this.batchGet(
      [...itemKeys.map((k) => keys.item(outletId, k)), boilerplate],
      ['pk', 'itemKey', 'storyId', 'rawHash', 'contentHash', 'url', 'shapes'],
    );
    const out = new Map<string, ItemRecord>();
    let shapes: ReadonlySet<string> = new Set<string>();
    for (const raw of found) {
      const r = unmarshall(raw);
      if (r.pk === boilerplate.pk) {
        if (r.shapes instanceof Set) shapes = r.shapes as Set<string>;
        continue;
      }
      out.set(String(r.itemKey), {
        outletId,
        itemKey: String(r.itemKey),
        storyId: String(r.storyId),
        rawHash: String(r.rawHash),
        contentHash: String(r.contentHash),
        ...(typeof r.url === 'string' ? { url: r.url } : {}),
      });
    }
    this.boilerplateRead.delete(outletId); // re-inserted last: the oldest entry is the first
    this.boilerplateRead.set(outletId, { shapes, at: Date.now() });
    if (this.boilerplateRead.size > BOILERPLATE_READS_KEPT) this.boilerplateRead.delete(this.boilerplateRead.keys().next().value!);
    return out;
  }

  async lookup(contentHashes: readonly string[], candidateKeys: readonly string[]): Promise<IndexLookup> {
    const found = await this.batchGet(
      [...contentHashes.map((h) => keys.hash(h)), ...candidateKeys.map((k) => keys.candidateKey(k)), keys.months()],
      ['pk', 'storyId', 'published', 'words', 'canonicalHash', 'founder', 'stories', 'months', 'outlets'],
    );
    const hashes = new Map<string, StoryPointer>();
    const held = new Map<string, readonly string[]>();
    let months = new Set<string>();
    let outlets = new Set<string>();
    for (const raw of found) {
      const r = unmarshall(raw);
      const pk = String(r.pk);
      if (pk.startsWith('HASH#')) hashes.set(pk.slice('HASH#'.length), toPointer(r));
      else if (pk.startsWith('KEY#') && r.stories instanceof Set) held.set(pk.slice('KEY#'.length), [...(r.stories as Set<string>)].sort());
      else if (pk === keys.months().pk) {
        if (r.months instanceof Set) months = r.months as Set<string>;
        if (r.outlets instanceof Set) outlets = r.outlets as Set<string>;
      }
    }
    return { hashes, keys: held, months, outlets };
  }

  async getStories(storyIds: readonly string[]): Promise<Map<string, StoryRecord>> {
    const out = new Map<string, StoryRecord>();
    if (storyIds.length === 0) return out;
    // Consistent: a story founded a moment ago by this very ingest must be seen.
    for (const raw of await this.batchGet(storyIds.map((id) => keys.story(id)), STORY_ATTRIBUTES, true)) {
      const story = toStory(unmarshall(raw));
      out.set(story.storyId, story);
    }
    return out;
  }

  async addKeys(candidateKeys: readonly string[], storyId: string): Promise<Map<string, readonly string[]>> {
    const out = new Map<string, readonly string[]>();
    await Promise.all(
      candidateKeys.map(async (k) => {
        try {
          const res = await this.client.send(
            new UpdateItemCommand({
              TableName: this.table,
              Key: marshall(keys.candidateKey(k)),
              UpdateExpression: 'ADD stories :s',
              // A key holding `KEY_STORY_CAP` stories is generic: it takes no more (and its item stays small).
              ConditionExpression: 'attribute_not_exists(stories) OR size(stories) < :cap OR contains(stories, :id)',
              ExpressionAttributeValues: { ':s': { SS: [storyId] }, ':id': { S: storyId }, ':cap': { N: String(KEY_STORY_CAP) } },
              ReturnValues: 'ALL_NEW',
            }),
          );
          const stories = res.Attributes?.stories?.SS;
          if (stories) out.set(k, [...stories].sort());
        } catch (err) {
          if (!(err instanceof ConditionalCheckFailedException)) throw err;
        }
      }),
    );
    return out;
  }

  async absorbStory(winnerId: string, loserId: string): Promise<Absorption> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall(keys.story(winnerId)),
        UpdateExpression: 'ADD absorbed :l',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':l': { SS: [loserId] } },
      }),
    );
    try {
      // ALL_NEW: the loser as merged, atomically — an update it took before is in it, one after fails
      // (`updateStory` never writes a merged story), so the winner inherits every improvement exactly once.
      const res = await this.client.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: marshall(keys.story(loserId)),
          UpdateExpression: 'SET mergedInto = :w',
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(mergedInto) OR mergedInto = :w)',
          ExpressionAttributeValues: { ':w': { S: winnerId } },
          ReturnValues: 'ALL_NEW',
        }),
      );
      if (!res.Attributes) throw new Error(`story ${loserId} merged into ${winnerId}, but the store returned no record`);
      return { kind: 'absorbed', loser: toStory(unmarshall(res.Attributes)) };
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      // Merged into another story already: the caller merges the two survivors.
      const other = await this.mergedInto(loserId);
      if (!other) throw new Error(`story ${loserId} could not be merged into ${winnerId}`);
      return { kind: 'elsewhere', into: other };
    }
  }

  /** Where a story was merged, read consistently (after a condition failed: which one?). */
  private async mergedInto(storyId: string): Promise<string | undefined> {
    const current = await this.client.send(
      new GetItemCommand({ TableName: this.table, Key: marshall(keys.story(storyId)), ProjectionExpression: 'mergedInto', ConsistentRead: true }),
    );
    return current.Item?.mergedInto?.S;
  }

  async createStory(story: StoryRecord, founder: CopyRecord): Promise<{ created: boolean }> {
    const founderKey = copyKey(founder);
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: marshall({
            ...keys.story(story.storyId),
            ...keys.byPublished(story.published, story.storyId),
            ...story,
            founder: founderKey,
          }),
          // Created once: a retry must not overwrite what joins and merges made of the story since.
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { created: true };
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      // Taken: by this very founder (a retry, which carries on) or by another (a collision).
      const existing = await this.client.send(
        new GetItemCommand({ TableName: this.table, Key: marshall(keys.story(story.storyId)), ProjectionExpression: 'founder', ConsistentRead: true }),
      );
      return { created: existing.Item?.founder?.S === founderKey };
    }
  }

  async claimHash(contentHash: string, story: StoryPointer): Promise<string> {
    if (await this.claimPointer(keys.hash(contentHash), story)) return story.storyId;
    const owner = await this.client.send(
      new GetItemCommand({ TableName: this.table, Key: marshall(keys.hash(contentHash)), ConsistentRead: true }),
    );
    const storyIdOwner = owner.Item?.storyId?.S;
    if (!storyIdOwner) throw new Error(`hash ${contentHash} is claimed but has no story`);
    return storyIdOwner;
  }

  /** Writes an index entry pointing at `story` unless it exists (the first claim, with its founder, stays). */
  private async claimPointer(key: { pk: string; sk: string }, story: StoryPointer): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: marshall({ ...key, ...story }, { removeUndefinedValues: true }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async putCopy(copy: CopyRecord): Promise<CopyRecord> {
    const res = await this.client.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall(keys.copy(copy.storyId, copy.outletId, copy.itemKey)),
        UpdateExpression:
          'SET storyId = :storyId, outletId = :outletId, outletName = :outletName, itemKey = :itemKey, #url = :url, ' +
          'guid = :guid, title = :title, published = :published, contentHash = :contentHash, ' +
          'firstSeen = if_not_exists(firstSeen, :firstSeen), #match = if_not_exists(#match, :match), ' +
          'score = if_not_exists(score, :score), evidence = if_not_exists(evidence, :evidence), displayTitle = :displayTitle',
        ExpressionAttributeNames: { '#url': 'url', '#match': 'match' },
        ExpressionAttributeValues: marshall({
          ':storyId': copy.storyId,
          ':outletId': copy.outletId,
          ':outletName': copy.outletName,
          ':itemKey': copy.itemKey,
          ':url': copy.url,
          ':guid': copy.guid,
          ':title': copy.title,
          ':published': copy.published,
          ':contentHash': copy.contentHash,
          ':firstSeen': copy.firstSeen,
          ':match': copy.match,
          ':score': copy.score,
          ':evidence': copy.evidence ?? '',
          ':displayTitle': copy.displayTitle ?? copy.title,
        }),
        // What was there: the values set once stay, and the copy as stored is what is journaled.
        ReturnValues: 'ALL_OLD',
      }),
    );
    const old = res.Attributes ? unmarshall(res.Attributes) : undefined;
    if (!old) return copy;
    const evidence = typeof old.evidence === 'string' && old.evidence !== '' ? old.evidence : copy.evidence;
    return {
      ...copy,
      ...(typeof old.firstSeen === 'string' ? { firstSeen: old.firstSeen } : {}),
      ...(typeof old.match === 'string' ? { match: old.match as MatchKind } : {}),
      ...(typeof old.score === 'number' ? { score: old.score } : {}),
      ...(evidence ? { evidence } : {}),
    };
  }

  async updateStory(storyId: string, change: StoryChange): Promise<StoryUpdate> {
    const sets: string[] = [];
    // A merged story takes no update: its winner read it when merging, so a later one would be lost.
    const conditions = ['attribute_exists(pk)', 'attribute_not_exists(mergedInto)'];
    const values: Record<string, unknown> = {};
    if (change.origin && change.correction) {
      // The origin edited its headline or link; its date stays the story's earliest as first seen.
      sets.push('title = :title', '#url = :url');
      conditions.push('originCopy = :originCopy');
      Object.assign(values, prefixed({ title: change.origin.title, url: change.origin.url, originCopy: change.origin.originCopy }));
    } else if (change.origin) {
      // The time index keeps the founder's date (it never moves: no index rewrite on a backlog).
      sets.push('title = :title', '#url = :url', 'outletId = :outletId', 'outletName = :outletName', 'published = :published', 'originCopy = :originCopy');
      // The order of records.ts `precedes`: an earlier date, or the same date and a smaller copy key.
      conditions.push('(published > :published OR (published = :published AND originCopy > :originCopy))');
      Object.assign(values, prefixed({ ...change.origin }));
    }
    if (change.canonical) {
      sets.push('canonicalHash = :canonicalHash', 'canonicalCopy = :canonicalCopy', 'words = :words', 'summary = :summary');
      // The order of records.ts `isFuller`: more words, or as many and the smaller copy key (the same text
      // never gets here: the decision leaves it alone).
      conditions.push(
        change.correction ? 'canonicalCopy = :canonicalCopy' : '(words < :words OR (words = :words AND canonicalCopy > :canonicalCopy))',
      );
      Object.assign(values, prefixed({ ...change.canonical }));
    }
    if (sets.length === 0) return { kind: 'declined' };
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: marshall(keys.story(storyId)),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: change.origin ? { '#url': 'url' } : undefined,
          ExpressionAttributeValues: marshall(values),
        }),
      );
      return { kind: 'applied' };
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      // Another copy got there first, or the story was merged: one more read, only on this rare path.
      const into = await this.mergedInto(storyId);
      return into ? { kind: 'merged', into } : { kind: 'declined' };
    }
  }

  async putItems(items: readonly ItemRecord[]): Promise<void> {
    // Whole records, unconditional: a batch needs no condition, and a retry writes the same bytes.
    await this.batchWrite(items.map((item) => ({ PutRequest: { Item: marshall({ ...keys.item(item.outletId, item.itemKey), ...item }) } })));
  }

  // ---- the journal (analytics/export.ts) ---------------------------------------------------------

  async appendJournal(entry: JournalEntry): Promise<void> {
    const body = JSON.stringify({ copies: entry.copies, stories: entry.stories });
    // Rows repeat their keys and outlet: deflated they take a third of the write units.
    const packed = deflateRawSync(body);
    const shard = fnv1a(entry.outletId, SEED_A) % JOURNAL.shards;
    const expires = Math.floor(Date.parse(entry.recordedAt) / 1000) + JOURNAL.ttlDays * 86_400;
    await this.client.send(
      new PutItemCommand({
        TableName: this.table,
        Item: marshall({
          ...keys.journal(shard, entry.recordedAt, entry.outletId, createHash('sha256').update(body).digest('hex').slice(0, 12)),
          outletId: entry.outletId,
          recordedAt: entry.recordedAt,
          body: packed,
          [JOURNAL.ttlAttribute]: expires,
        }),
      }),
    );
  }

  async readJournal(from: string | undefined, to: string): Promise<JournalEntry[]> {
    const shards = Array.from({ length: JOURNAL.shards }, (_, i) => i);
    const parts = await mapConcurrent(shards, JOURNAL.shards, (shard) =>
      this.queryAll({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: marshall({ ':pk': keys.journalPartition(shard), ':from': from ?? '0', ':to': `${to}#\uffff` }),
        ConsistentRead: true,
      }),
    );
    return parts
      .flat()
      .map((raw) => {
        const r = unmarshall(raw);
        const body = JSON.parse(inflateRawSync(r.body as Uint8Array).toString('utf8')) as Pick<JournalEntry, 'copies' | 'stories'>;
        return { outletId: String(r.outletId), recordedAt: String(r.recordedAt), copies: body.copies ?? [], stories: body.stories ?? [] };
      })
      .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  }

  async addMonth(month: string): Promise<void> {
    await this.addToIndexRecord('months', month);
  }

  async addOutlet(outletId: string): Promise<void> {
    await this.addToIndexRecord('outlets', outletId);
  }

  /** Adds a value to a string set of the `META/MONTHS` record (what the range reads enumerate). */
  private async addToIndexRecord(attribute: 'months' | 'outlets', value: string): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall(keys.months()),
        UpdateExpression: 'ADD #set :v',
        ExpressionAttributeNames: { '#set': attribute },
        ExpressionAttributeValues: { ':v': { SS: [value] } },
      }),
    );
  }

  // ---- the feed's version marker -----------------------------------------------------------------

  async getFeedMarker(): Promise<FeedMarker> {
    const res = await this.client.send(new GetItemCommand({ TableName: this.table, Key: marshall(keys.feedMarker()), ConsistentRead: true }));
    return feedMarkerOf(res.Item);
  }

  async bumpFeedVersion(now: string): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall(keys.feedMarker()),
        UpdateExpression: 'ADD version :one SET changedAt = :now',
        ExpressionAttributeValues: marshall({ ':one': 1, ':now': now }),
      }),
    );
  }

  async claimPublish(owner: string, now: string, until: string): Promise<{ claimed: true; marker: FeedMarker } | { claimed: false }> {
    // A claim, or a request to its holder: one of the two conditions holds unless the claim ends between
    // them (then try again).
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      try {
        const res = await this.client.send(
          new UpdateItemCommand({
            TableName: this.table,
            Key: marshall(keys.feedMarker()),
            UpdateExpression: 'SET publishOwner = :o, publishUntil = :until REMOVE publishAgain',
            ConditionExpression: 'attribute_not_exists(publishUntil) OR publishUntil < :now',
            ExpressionAttributeValues: marshall({ ':o': owner, ':until': until, ':now': now }),
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { claimed: true, marker: feedMarkerOf(res.Attributes) };
      } catch (err) {
        if (!(err instanceof ConditionalCheckFailedException)) throw err;
      }
      try {
        await this.client.send(
          new UpdateItemCommand({
            TableName: this.table,
            Key: marshall(keys.feedMarker()),
            UpdateExpression: 'SET publishAgain = :yes',
            ConditionExpression: 'publishUntil >= :now',
            ExpressionAttributeValues: marshall({ ':yes': true, ':now': now }),
          }),
        );
        return { claimed: false };
      } catch (err) {
        if (!(err instanceof ConditionalCheckFailedException)) throw err;
      }
    }
    throw new Error(`could not claim the feed for publishing, nor reach the publish holding it, in ${CLAIM_ATTEMPTS} attempts`);
  }

  async setPublished(marker: Omit<FeedMarker, 'version' | 'changedAt'>, owner?: string): Promise<PublishRelease> {
    const values: Record<string, unknown> = { ':v': marker.publishedVersion ?? 0, ':s': marker.publishedSettings ?? '', ':at': marker.publishedAt ?? '' };
    if (marker.dueAt) values[':d'] = marker.dueAt;
    if (marker.exportedThrough) Object.assign(values, { ':x': marker.exportedThrough, ':n': marker.exportedTail ?? 0 });
    if (marker.publishedTail !== undefined) values[':t'] = marker.publishedTail;
    if (owner !== undefined) values[':o'] = owner;
    const set = `SET publishedVersion = :v, publishedSettings = :s, publishedAt = :at${marker.publishedTail !== undefined ? ', publishedTail = :t' : ''}${marker.dueAt ? ', dueAt = :d' : ''}${marker.exportedThrough ? ', exportedThrough = :x, exportedTail = :n' : ''}`;
    const remove = [...(marker.dueAt ? [] : ['dueAt']), ...(owner !== undefined ? CLAIM_ATTRIBUTES : [])];
    return this.release(
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall(keys.feedMarker()),
        UpdateExpression: `${set}${remove.length > 0 ? ` REMOVE ${remove.join(', ')}` : ''}`,
        ExpressionAttributeValues: marshall(values),
        ...(owner !== undefined ? { ConditionExpression: 'publishOwner = :o', ReturnValues: 'ALL_OLD' } : {}),
      }),
    );
  }

  async releasePublish(owner: string): Promise<PublishRelease> {
    return this.release(
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall(keys.feedMarker()),
        UpdateExpression: `REMOVE ${CLAIM_ATTRIBUTES.join(', ')}`,
        ConditionExpression: 'publishOwner = :o',
        ExpressionAttributeValues: marshall({ ':o': owner }),
        ReturnValues: 'ALL_OLD',
      }),
    );
  }

  /** A conditional release: asked again if the holder was asked to, or if the claim was no longer held. */
  private async release(command: UpdateItemCommand): Promise<PublishRelease> {
    try {
      const res = await this.client.send(command);
      return { again: res.Attributes?.publishAgain?.BOOL === true };
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return { again: true };
      throw err;
    }
  }

  // ---- outlet state ----------------------------------------------------------------------------

  async putState(state: OutletState): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.table,
        Item: marshall({ ...keys.outletState(state.outletId), ...state }, { removeUndefinedValues: true }),
      }),
    );
  }

  async learnBoilerplate(outletId: string, shapeIds: readonly string[]): Promise<void> {
    if (shapeIds.length === 0) return;
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall(keys.outletBoilerplate(outletId)),
        UpdateExpression: 'ADD shapes :s',
        ExpressionAttributeValues: { ':s': { SS: [...shapeIds] } },
      }),
    );
  }

  async getState(outletId: string): Promise<OutletState | undefined> {
    // Eventually consistent (half the read units): it was written by this outlet's previous fetch, a
    // schedule interval ago.
    const res = await this.client.send(new GetItemCommand({ TableName: this.table, Key: marshall(keys.outletState(outletId)) }));
    if (!res.Item) return undefined;
    const { pk: _pk, sk: _sk, ...state } = unmarshall(res.Item);
    return state as OutletState;
  }

  async getBoilerplate(outletId: string): Promise<ReadonlySet<string>> {
    const read = this.boilerplateRead.get(outletId);
    this.boilerplateRead.delete(outletId);
    if (read && Date.now() - read.at < BOILERPLATE_READ_FRESH_MS) return read.shapes;
    const res = await this.client.send(new GetItemCommand({ TableName: this.table, Key: marshall(keys.outletBoilerplate(outletId)), ConsistentRead: true }));
    const shapes = res.Item ? unmarshall(res.Item).shapes : undefined;
    return shapes instanceof Set ? (shapes as Set<string>) : new Set<string>();
  }

  // ---- reading ---------------------------------------------------------------------------------

  async recentStories(limit: number, cache?: StoryCache, fresh?: ReadonlyMap<string, string>): Promise<StoryWithCopies[]> {
    const listed = await this.listStories({ limit }, cache);
    if (!fresh || fresh.size === 0) return listed;
    // Stories written a moment ago may not be in the index yet: those with a copy published late enough to
    // be among the `limit` latest are read by id. (A story is never published after any of its copies.)
    const cutoff = listed.length >= limit ? listed[limit - 1]!.story.published : '';
    const have = new Set(listed.map((s) => s.story.storyId));
    const extra = [...fresh].filter(([id, latestCopy]) => !have.has(id) && latestCopy >= cutoff).map(([id]) => id);
    const read = await mapConcurrent(extra, READ_CONCURRENCY, (id) => this.cachedStory(id, cache));
    const all = new Map(listed.map((s) => [s.story.storyId, s]));
    for (const s of read) if (s && s.copies.length > 0 && !all.has(s.story.storyId)) all.set(s.story.storyId, s);
    return [...all.values()].sort(newestFirst).slice(0, limit);
  }

  /** A story from `cache` if it holds it, else read (and added to it). */
  private async cachedStory(id: string, cache?: StoryCache): Promise<StoryWithCopies | undefined> {
    const held = cache?.get(id);
    if (held) return held;
    const story = await this.getStory(id);
    if (story) cache?.set(id, story);
    return story;
  }

  /** Stories newest first (by earliest publication), served by Query on the indexes, never Scan. */
  async listStories(query: StoryQuery = {}, cache?: StoryCache): Promise<StoryWithCopies[]> {
    // The index orders by the founder's date; a backlog copy can make a story earlier than that. Reading
    // twice the limit before sorting by `published` makes the cut right unless half the window moved.
    const window = query.limit === undefined || query.until !== undefined ? undefined : query.limit * 2;
    const ids = query.outletId
      ? await this.storyIdsOfOutlet(query.outletId, query.since)
      : await this.storyIdsByPublished({ ...query, limit: window });
    const limited = window === undefined ? ids : ids.slice(0, window);
    const stories = await mapConcurrent(limited, READ_CONCURRENCY, (id) => this.cachedStory(id, cache));
    // The indexes hold the founding copy's date; a story's `published` is its earliest copy's, never later.
    // A story without copies is the shell of a founding that lost a race to an identical copy: not a story.
    // A story merged into another is listed as that one (once).
    const listed = new Set<string>();
    return stories
      .filter(
        (s): s is StoryWithCopies =>
          s !== undefined && s.copies.length > 0 && (!query.since || s.story.published >= query.since) && (!query.until || s.story.published < query.until),
      )
      .filter((s) => !listed.has(s.story.storyId) && listed.add(s.story.storyId) !== undefined)
      .sort(newestFirst)
      .slice(0, query.limit);
  }

  /**
   * The stories first published in a range, each with its copies' outlets and dates only: what outlet
   * statistics, flows and the report need. Read from the outlets' `ITEM` partitions — one Query per
   * outlet (its copies from `since` on: a copy is never published before its story) — and the stories'
   * records in batches of 100, instead of one Query per story: ~150 requests for 10,000 stories.
   * `outletIds` adds outlets to those the store lists (the registry's: copies recorded before the store
   * listed outlets).
   */
  async syndication(query: Pick<StoryQuery, 'since' | 'until'> = {}, outletIds: readonly string[] = []): Promise<SyndicatedStory[]> {
    const meta = await this.client.send(new GetItemCommand({ TableName: this.table, Key: marshall(keys.months()), ProjectionExpression: 'outlets' }));
    const outlets = [...new Set([...(meta.Item?.outlets?.SS ?? []), ...outletIds])].sort();
    // Copy key → its outlet, date and (ingest-time) story.
    const copies = new Map<string, { outletId: string; published: string; storyId: string }>();
    const pages = await mapConcurrent(outlets, READ_CONCURRENCY, (outletId) => this.itemsOfOutlet(outletId, query.since).then((items) => items.map((item) => ({ outletId, item }))));
    for (const { outletId, item } of pages.flat()) copies.set(`${outletId}#${item.itemKey}`, { outletId, published: item.published, storyId: item.storyId });
    // The stories, each merged story followed to its survivor.
    const stories = new Map<string, { storyId: string; outletId: string; published: string; mergedInto?: string }>();
    let pending = [...new Set([...copies.values()].map((c) => c.storyId))];
    for (let hop = 0; pending.length > 0 && hop <= MAX_MERGE_REDIRECTS; hop++) {
      for (const raw of await this.batchGet(pending.map((id) => keys.story(id)), ['storyId', 'outletId', 'published', 'mergedInto'])) {
        const r = unmarshall(raw);
        stories.set(String(r.storyId), { storyId: String(r.storyId), outletId: String(r.outletId), published: String(r.published), ...(r.mergedInto ? { mergedInto: String(r.mergedInto) } : {}) });
      }
      pending = [...new Set([...stories.values()].map((s) => s.mergedInto).filter((id): id is string => id !== undefined && !stories.has(id)))];
    }
    const survivor = (id: string): string | undefined => {
      for (let hop = 0, s = stories.get(id); s; hop++, s = s.mergedInto ? stories.get(s.mergedInto) : undefined) {
        if (!s.mergedInto) return s.storyId;
        if (hop > MAX_MERGE_REDIRECTS) return undefined;
      }
      return undefined;
    };
    const grouped = new Map<string, SyndicatedStory & { copies: Array<{ outletId: string; published: string }> }>();
    for (const copy of copies.values()) {
      const id = survivor(copy.storyId);
      const story = id === undefined ? undefined : stories.get(id);
      if (!story) continue;
      if ((query.since && story.published < query.since) || (query.until && story.published >= query.until)) continue;
      let entry = grouped.get(story.storyId);
      if (!entry) grouped.set(story.storyId, (entry = { story: { storyId: story.storyId, outletId: story.outletId, published: story.published }, copies: [] }));
      entry.copies.push({ outletId: copy.outletId, published: copy.published });
    }
    return [...grouped.values()].sort((a, b) => b.story.published.localeCompare(a.story.published) || a.story.storyId.localeCompare(b.story.storyId));
  }

  /**
   * A story with every copy: one Query of its partition, plus one per story merged into it. The id of a
   * story merged into another leads to that one.
   */
  async getStory(storyId: string): Promise<StoryWithCopies | undefined> {
    let part = await this.readPartition(storyId);
    for (let hop = 0; part.story?.mergedInto && hop < MAX_MERGE_REDIRECTS; hop++) part = await this.readPartition(part.story.mergedInto);
    const story = part.story;
    if (!story) return undefined;
    const copies = new Map(part.copies.map((c) => [copyKey(c), c]));
    const visited = new Set([story.storyId]);
    const absorbedStories: Array<{ storyId: string; firstSeen: string }> = [];
    const queue = [...(story.absorbed ?? [])];
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (visited.has(id)) continue;
      visited.add(id);
      const absorbed = await this.readPartition(id);
      if (absorbed.story) absorbedStories.push({ storyId: id, firstSeen: absorbed.story.firstSeen });
      // The founder of a merged story is not this story's founder: it came in by the merge.
      for (const c of absorbed.copies) {
        if (!copies.has(copyKey(c))) copies.set(copyKey(c), { ...c, storyId: story.storyId, match: c.match === 'first' ? 'merged' : c.match });
      }
      queue.push(...(absorbed.story?.absorbed ?? []));
    }
    const sorted = [...copies.values()].sort((a, b) => a.published.localeCompare(b.published) || a.outletId.localeCompare(b.outletId));
    return { story, copies: sorted, ...(absorbedStories.length > 0 ? { absorbed: absorbedStories } : {}) };
  }

  private async readPartition(storyId: string): Promise<{ story?: StoryRecord; copies: CopyRecord[] }> {
    const items = await this.queryAll({
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: keys.story(storyId).pk } },
      ConsistentRead: true,
    });
    let story: StoryRecord | undefined;
    const copies: CopyRecord[] = [];
    for (const raw of items) {
      const r = unmarshall(raw);
      if (r.sk === 'STORY') story = toStory(r);
      else if (String(r.sk).startsWith(keys.copyPrefix)) copies.push(toCopy(r));
    }
    return story ? { story, copies } : { copies };
  }

  private async storyIdsByPublished(query: StoryQuery): Promise<string[]> {
    const res = await this.client.send(new GetItemCommand({ TableName: this.table, Key: marshall(keys.months()) }));
    const months = [...(res.Item?.months?.SS ?? [])].sort().reverse();
    const since = query.since;
    const ids: string[] = [];
    for (const month of months) {
      if (since && month < since.slice(0, 7)) break;
      const input: QueryCommandInput = {
        TableName: this.table,
        IndexName: INDEX_BY_PUBLISHED,
        KeyConditionExpression: since ? 'gsi1pk = :p AND gsi1sk >= :since' : 'gsi1pk = :p',
        ExpressionAttributeValues: marshall({ ':p': keys.byPublishedPartition(month), ...(since ? { ':since': since } : {}) }),
        ScanIndexForward: false,
      };
      const remaining = query.limit === undefined ? undefined : query.limit - ids.length;
      for (const raw of await this.queryAll(input, remaining)) {
        const pk = raw.pk?.S;
        if (pk) ids.push(pk.slice('STORY#'.length));
      }
      if (query.limit !== undefined && ids.length >= query.limit) break;
    }
    return ids;
  }

  private async storyIdsOfOutlet(outletId: string, since?: string): Promise<string[]> {
    const items = await this.itemsOfOutlet(outletId, since);
    items.sort((a, b) => b.published.localeCompare(a.published) || a.storyId.localeCompare(b.storyId));
    return [...new Set(items.map((item) => item.storyId))];
  }

  /**
   * An outlet's items (its copies, with the story each was recorded in), published from `since` on. The
   * partition is read whole and filtered: its sort key is the item key, which lookups need.
   */
  private async itemsOfOutlet(outletId: string, since?: string): Promise<Array<{ itemKey: string; storyId: string; published: string }>> {
    const items = await this.queryAll({
      TableName: this.table,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: marshall({ ':p': keys.itemPartition(outletId), ...(since ? { ':since': since } : {}) }),
      ...(since ? { FilterExpression: 'published >= :since' } : {}),
      ProjectionExpression: 'itemKey, storyId, published',
    });
    return items.map((raw) => ({ itemKey: String(raw.itemKey?.S ?? ''), storyId: String(raw.storyId?.S ?? ''), published: String(raw.published?.S ?? '') }));
  }

  // ---- plumbing --------------------------------------------------------------------------------

  private async queryAll(input: QueryCommandInput, limit?: number): Promise<Item[]> {
    const out: Item[] = [];
    let start: Item | undefined;
    do {
      const res = await this.client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
      out.push(...(res.Items ?? []));
      start = res.LastEvaluatedKey;
    } while (start && (limit === undefined || out.length < limit));
    return limit === undefined ? out : out.slice(0, limit);
  }

  /** Unconditional writes in batches of 25, unprocessed ones retried with backoff. */
  private async batchWrite(requests: readonly WriteRequest[]): Promise<void> {
    for (let i = 0; i < requests.length; i += BATCH_WRITE_LIMIT) {
      let pending: WriteRequest[] | undefined = requests.slice(i, i + BATCH_WRITE_LIMIT);
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
        if (attempt > 8) throw new Error('BatchWriteItem: writes still unprocessed after 8 retries');
        const res: BatchWriteItemCommandOutput = await this.client.send(new BatchWriteItemCommand({ RequestItems: { [this.table]: pending } }));
        pending = res.UnprocessedItems?.[this.table];
      }
    }
  }

  private async batchGet(keyList: readonly { pk: string; sk: string }[], attributes: readonly string[], consistent = false): Promise<Item[]> {
    const unique = [...new Map(keyList.map((k) => [`${k.pk}\u0000${k.sk}`, k])).values()];
    const out: Item[] = [];
    for (let i = 0; i < unique.length; i += READ_BATCH) {
      let request: Item[] | undefined = unique.slice(i, i + READ_BATCH).map((k) => marshall(k));
      for (let attempt = 0; request && request.length > 0; attempt++) {
        if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
        if (attempt > 8) throw new Error('BatchGetItem: keys still unprocessed after 8 retries');
        const res: BatchGetItemCommandOutput = await this.client.send(
          new BatchGetItemCommand({
            RequestItems: {
              [this.table]: {
                Keys: request,
                ConsistentRead: consistent,
                ProjectionExpression: attributes.map((_, n) => `#a${n}`).join(', '),
                ExpressionAttributeNames: Object.fromEntries(attributes.map((a, n) => [`#a${n}`, a])),
              },
            },
          }),
        );
        out.push(...(res.Responses?.[this.table] ?? []));
        request = res.UnprocessedKeys?.[this.table]?.Keys;
      }
    }
    return out;
  }
}

/** The feed's version marker from its item (none yet: version 0, never published). */
function feedMarkerOf(item: Record<string, AttributeValue> | undefined): FeedMarker {
  const r = item ? unmarshall(item) : {};
  return {
    version: typeof r.version === 'number' ? r.version : 0,
    ...(typeof r.changedAt === 'string' ? { changedAt: r.changedAt } : {}),
    ...(typeof r.publishedAt === 'string' ? { publishedAt: r.publishedAt } : {}),
    ...(typeof r.publishedTail === 'number' ? { publishedTail: r.publishedTail } : {}),
    ...(typeof r.publishedVersion === 'number' ? { publishedVersion: r.publishedVersion } : {}),
    ...(typeof r.publishedSettings === 'string' ? { publishedSettings: r.publishedSettings } : {}),
    ...(typeof r.dueAt === 'string' ? { dueAt: r.dueAt } : {}),
    ...(typeof r.exportedThrough === 'string' ? { exportedThrough: r.exportedThrough } : {}),
    ...(typeof r.exportedTail === 'number' ? { exportedTail: r.exportedTail } : {}),
  };
}

/** Newest first by earliest publication; ties by id. */
function newestFirst(a: StoryWithCopies, b: StoryWithCopies): number {
  return b.story.published.localeCompare(a.story.published) || a.story.storyId.localeCompare(b.story.storyId);
}

function copyKey(copy: Pick<CopyRecord, 'outletId' | 'itemKey'>): string {
  return copyKeyOf(copy.outletId, copy.itemKey);
}

function prefixed<T>(values: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [`:${k}`, v]));
}

function toStory(r: Record<string, unknown>): StoryRecord {
  return {
    storyId: String(r.storyId),
    title: String(r.title ?? ''),
    url: String(r.url ?? ''),
    outletId: String(r.outletId ?? ''),
    outletName: String(r.outletName ?? ''),
    published: String(r.published ?? ''),
    originCopy: String(r.originCopy ?? ''),
    firstSeen: String(r.firstSeen ?? ''),
    canonicalCopy: String(r.canonicalCopy ?? ''),
    canonicalHash: String(r.canonicalHash ?? ''),
    words: Number(r.words ?? 0),
    summary: String(r.summary ?? ''),
    headline: String(r.headline ?? ''),
    ...(typeof r.mergedInto === 'string' ? { mergedInto: r.mergedInto } : {}),
    ...(r.absorbed instanceof Set && r.absorbed.size > 0 ? { absorbed: [...(r.absorbed as Set<string>)].sort() } : {}),
  };
}

function toPointer(r: Record<string, unknown>): StoryPointer {
  return {
    storyId: String(r.storyId),
    published: String(r.published ?? ''),
    words: Number(r.words ?? 0),
    canonicalHash: String(r.canonicalHash ?? ''),
    ...(typeof r.founder === 'string' ? { founder: r.founder } : {}),
  };
}

function toCopy(r: Record<string, unknown>): CopyRecord {
  return {
    storyId: String(r.storyId),
    outletId: String(r.outletId),
    outletName: String(r.outletName ?? r.outletId),
    itemKey: String(r.itemKey),
    url: String(r.url ?? ''),
    guid: String(r.guid ?? ''),
    title: String(r.title ?? ''),
    published: String(r.published ?? ''),
    firstSeen: String(r.firstSeen ?? ''),
    match: r.match as MatchKind,
    score: Number(r.score ?? 1),
    contentHash: String(r.contentHash ?? ''),
    ...(typeof r.evidence === 'string' && r.evidence !== '' ? { evidence: r.evidence } : {}),
    ...(typeof r.displayTitle === 'string' ? { displayTitle: r.displayTitle } : {}),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
