/**
 * Ingest one outlet's feed document into the story records.
 *
 * 1. Identify the items and ask, in one batch, which of them this outlet already sent.
 *    Items seen before with the same raw hash cost no write at all.
 * 2. Fingerprint the new and changed items (the whole document is their boilerplate context).
 * 3. Look up, in one batch, which stories own their content hashes.
 * 4. Oldest first: a known hash joins its story (`exact`); an unknown one founds a story
 *    (`first`), its canonical text going to S3 before the hash is claimed. A changed item stays
 *    in the story it is already in: an outlet correcting a typo must not split its story.
 * 5. The ITEM record is written last, so an interrupted ingest redoes the item on retry; every
 *    write before it is idempotent.
 */
import type { CopyRecord, FeedItem, ItemFingerprint, ItemRecord, MatchKind, Outlet, StoryRecord } from './model.ts';
import type { CanonicalCandidate, ContentStore, StoryStore } from './ports.ts';
import { fingerprintFeed, identifyItems, storyIdFor, type IdentifiedItem } from './fingerprint.ts';

export interface IngestCounts {
  readonly items: number;
  readonly unchanged: number;
  readonly newStories: number;
  readonly merged: number;
  readonly updated: number;
}

export interface IngestDeps {
  readonly stories: StoryStore;
  readonly contents: ContentStore;
  /** The ingest time: `firstSeen`, and the date of items that carry none. */
  readonly now: Date;
}

/** Item dates further in the future than this are not believed (clock skew allowed). */
const FUTURE_TOLERANCE_MS = 24 * 3600 * 1000;
const SUMMARY_CHARS = 280;

export async function ingestFeed(outlet: Outlet, items: readonly FeedItem[], deps: IngestDeps): Promise<IngestCounts> {
  const identified = identifyItems(items);
  const known = await deps.stories.getItems(outlet.id, identified.map((it) => it.itemKey));
  const todo = identified.filter((it) => known.get(it.itemKey)?.rawHash !== it.rawHash);
  const counts = { items: identified.length, unchanged: identified.length - todo.length, newStories: 0, merged: 0, updated: 0 };
  if (todo.length === 0) return counts;

  const fingerprints = fingerprintFeed(outlet, identified, todo);
  const nowIso = deps.now.toISOString();
  const dated = todo
    .map((it) => ({ it, fp: fingerprints.get(it.itemKey)!, published: publicationDate(it.item, deps.now) }))
    .sort((a, b) => a.published.localeCompare(b.published) || a.it.itemKey.localeCompare(b.it.itemKey));
  const owners = await deps.stories.getHashOwners([...new Set(dated.map((d) => d.fp.contentHash))]);

  for (const { it, fp, published } of dated) {
    const previous = known.get(it.itemKey);
    const copyOf = (storyId: string, match: MatchKind): CopyRecord => ({
      storyId,
      outletId: outlet.id,
      outletName: outlet.name,
      itemKey: it.itemKey,
      url: it.item.link ?? '',
      guid: it.item.guid ?? '',
      title: it.item.title,
      published,
      firstSeen: nowIso,
      match,
      score: 1,
      contentHash: fp.contentHash,
    });
    const candidate = canonicalCandidate(outlet, it, fp, published);

    if (previous) {
      // Changed item: it stays where it is; its new text, if new, points to the same story.
      if (!owners.has(fp.contentHash)) {
        await deps.contents.putCanonical(contentOf(outlet, it, fp));
        owners.set(fp.contentHash, await deps.stories.claimHash(fp.contentHash, previous.storyId));
      }
      await deps.stories.addCopy(copyOf(previous.storyId, 'exact'), candidate);
      await deps.stories.putItem(itemRecord(outlet, it, fp, previous.storyId));
      counts.updated++;
      continue;
    }

    let storyId = owners.get(fp.contentHash);
    let match: MatchKind = 'exact';
    if (storyId === undefined) {
      const proposed = storyIdFor(fp.contentHash);
      await deps.contents.putCanonical(contentOf(outlet, it, fp));
      storyId = await deps.stories.claimHash(fp.contentHash, proposed);
      owners.set(fp.contentHash, storyId);
      if (storyId === proposed) {
        const founder = copyOf(storyId, 'first');
        const result = await deps.stories.createStory(storyRecord(founder, candidate, nowIso), founder);
        if (result.created) match = 'first';
      }
    }
    await deps.stories.addCopy(copyOf(storyId, match), candidate);
    await deps.stories.putItem(itemRecord(outlet, it, fp, storyId));
    if (match === 'first') counts.newStories++;
    else counts.merged++;
  }
  return counts;
}

export function publicationDate(item: FeedItem, now: Date): string {
  const parsed = item.published ? Date.parse(item.published) : Number.NaN;
  if (Number.isNaN(parsed) || parsed > now.getTime() + FUTURE_TOLERANCE_MS) return now.toISOString();
  return new Date(parsed).toISOString();
}

function canonicalCandidate(outlet: Outlet, it: IdentifiedItem, fp: ItemFingerprint, published: string): CanonicalCandidate {
  const text = fp.paragraphs.join(' ');
  return {
    title: it.item.title || text.slice(0, 80) || '(untitled)',
    url: it.item.link ?? '',
    outletId: outlet.id,
    outletName: outlet.name,
    published,
    canonicalHash: fp.contentHash,
    summary: text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS).replace(/\s+\S*$/, '')}…` : text,
  };
}

function storyRecord(founder: CopyRecord, c: CanonicalCandidate, nowIso: string): StoryRecord {
  return {
    storyId: founder.storyId,
    title: c.title,
    url: c.url,
    outletId: c.outletId,
    outletName: c.outletName,
    published: c.published,
    firstSeen: nowIso,
    canonicalCopy: `${founder.outletId}#${founder.itemKey}`,
    canonicalHash: c.canonicalHash,
    summary: c.summary,
    outlets: [founder.outletId],
    copyCount: 1,
  };
}

function contentOf(outlet: Outlet, it: IdentifiedItem, fp: ItemFingerprint) {
  return {
    contentHash: fp.contentHash,
    basis: fp.basis,
    title: it.item.title,
    url: it.item.link ?? '',
    outletId: outlet.id,
    paragraphs: fp.paragraphs,
    removed: fp.removed,
  };
}

function itemRecord(outlet: Outlet, it: IdentifiedItem, fp: ItemFingerprint, storyId: string): ItemRecord {
  return { outletId: outlet.id, itemKey: it.itemKey, storyId, rawHash: it.rawHash, contentHash: fp.contentHash };
}
