/**
 * One outlet, one cycle: conditional fetch → parse → ingest → fetch state.
 *
 * A feed that is down, slow, too big or not a feed is a *reported* failure (the report says why);
 * it never throws, so one bad outlet cannot stop the others. A storage failure does throw: the job
 * must be retried, and since the ETag is only stored after a successful ingest, the retry re-reads
 * the whole feed instead of getting a 304 for items it never recorded.
 */
import type { FetchReport, Outlet, OutletState } from '../core/model.ts';
import type { ContentStore, FeedMarkerStore, OutletStateStore, StoryStore } from '../core/ports.ts';
import { FetchError, fetchFeed, redactUrl, type FetchLimits } from './fetcher.ts';
import { FeedParseError, parseFeed } from './parse.ts';
import { nextFetchAfter, parseRetryAfter, stateNeedsWrite } from './politeness.ts';
import type { HostGate } from './host-gate.ts';
import { JOURNAL_OVERLAP_MS, journalEntry, type JournalStore } from '../analytics/export.ts';
import type { JournalChange } from '../dedup/write.ts';
import { ingestFeed } from '../dedup/ingest.ts';
import { parseSeen } from '../dedup/seen.ts';
import type { NearThresholds } from '../dedup/similarity.ts';

export interface ProcessOutletDeps {
  readonly stories: StoryStore;
  readonly contents: ContentStore;
  readonly states: OutletStateStore;
  readonly limits: FetchLimits & { readonly maxItems: number };
  /** Bounds concurrent fetches per host across the outlets this process works on. */
  readonly hosts?: HostGate;
  /** The feed's version marker: counted when an ingest changed stories (none: publish always renders). */
  readonly marker?: FeedMarkerStore;
  /** Where what each ingest changed is journaled: publish reads it (and writes the analytics copy from it). */
  readonly journal?: JournalStore;
  readonly thresholds?: NearThresholds;
  readonly now?: () => Date;
}

/** Bounds the learned-boilerplate record (each shape id is 12 characters: well under 400 KB). */
const MAX_LEARNED_SHAPES = 2_000;

export async function processOutlet(outlet: Outlet, deps: ProcessOutletDeps): Promise<FetchReport> {
  const clock = deps.now ?? (() => new Date());
  const started = Date.now();
  const now = clock();
  // The state alone: a 304 needs nothing else (the learned boilerplate is read only to ingest).
  const previous = await deps.states.getState(outlet.id);
  const base = emptyReport(outlet.id);
  // Its server asked for a pause, or it kept failing: not before then (no request, no write).
  if (previous?.nextFetchAfter && Date.parse(previous.nextFetchAfter) > now.getTime()) {
    return { ...base, status: 'deferred', nextFetchAfter: previous.nextFetchAfter, durationMs: Date.now() - started };
  }

  const fail = async (error: string, httpStatus?: number, retryAfter?: string): Promise<FetchReport> => {
    const consecutiveFailures = (previous?.consecutiveFailures ?? 0) + 1;
    const next = nextFetchAfter(now, consecutiveFailures, parseRetryAfter(retryAfter, now));
    await deps.states.putState({
      ...keepValidators(previous),
      ...(previous?.seen ? { seen: previous.seen } : {}),
      outletId: outlet.id,
      lastFetchAt: now.toISOString(),
      lastSuccessAt: previous?.lastSuccessAt,
      lastStatus: httpStatus,
      lastError: error,
      consecutiveFailures,
      nextFetchAfter: next,
    });
    return { ...base, status: 'failed', httpStatus, error, durationMs: Date.now() - started, ...(next ? { nextFetchAfter: next } : {}) };
  };

  let outcome;
  try {
    const fetch = () => fetchFeed(outlet.url, { etag: previous?.etag, lastModified: previous?.lastModified }, deps.limits);
    outcome = await (deps.hosts ? deps.hosts.run(outlet.url, fetch) : fetch());
  } catch (err) {
    if (err instanceof FetchError) return fail(`${redactUrl(outlet.url)}: ${err.message}`, err.httpStatus, err.retryAfter);
    throw err;
  }

  // Written only when it changed (or is a day old): a steady outlet costs no write per fetch.
  const succeeded = async (validators: Pick<OutletState, 'etag' | 'lastModified'>, status: number, seen = previous?.seen): Promise<void> => {
    const next: OutletState = {
      outletId: outlet.id,
      ...validators,
      ...(seen ? { seen } : {}),
      lastFetchAt: now.toISOString(),
      lastSuccessAt: now.toISOString(),
      lastStatus: status,
      consecutiveFailures: 0,
    };
    if (stateNeedsWrite(previous, next)) await deps.states.putState(next);
  };

  if (outcome.status === 304) {
    await succeeded(keepValidators(previous), 304);
    return { ...base, status: 'not-modified', httpStatus: 304, durationMs: Date.now() - started };
  }

  let items;
  try {
    items = (await parseFeed(outcome.body, outcome.contentType, outlet.url)).items;
  } catch (err) {
    if (err instanceof FeedParseError) return fail(`${redactUrl(outlet.url)}: ${err.message}`, 200);
    throw err;
  }
  // A feed is newest-first by convention; an absurdly long one is cut, not rejected.
  const bounded = items.slice(0, deps.limits.maxItems);
  let learned: ReadonlySet<string> | undefined;
  const { newBoilerplate, seen, ...counts } = await ingestFeed(outlet, bounded, {
    stories: deps.stories,
    contents: deps.contents,
    now,
    learned: async () => (learned = await deps.states.getBoilerplate(outlet.id)),
    seen: parseSeen(previous?.seen),
    thresholds: deps.thresholds,
    // Stamped when written (not when the fetch began): publish reads the journal by that time.
    ...(deps.journal ? { journal: (change) => journalChunk(deps.journal!, outlet.id, change, clock) } : {}),
    // Where a journal records the changes, publish reads them there: no marker write per changed outlet.
    ...(deps.marker && !deps.journal ? { feedChanged: () => deps.marker!.bumpFeedVersion(now.toISOString()) } : {}),
  });
  if (newBoilerplate.length > 0 && learned !== undefined && learned.size + newBoilerplate.length <= MAX_LEARNED_SHAPES) {
    await deps.states.learnBoilerplate(outlet.id, newBoilerplate);
  }
  await succeeded({ etag: outcome.etag, lastModified: outcome.lastModified }, 200, seen);
  return { ...base, ...counts, status: 'fetched', httpStatus: 200, durationMs: Date.now() - started };
}

/** A report's counts before anything was ingested. */
export function emptyReport(outletId: string): Omit<FetchReport, 'status' | 'durationMs'> {
  return { outletId, items: 0, newStories: 0, merged: 0, nearMerged: 0, unchanged: 0, updated: 0 };
}

function keepValidators(state: OutletState | undefined): Pick<OutletState, 'etag' | 'lastModified'> {
  return { etag: state?.etag, lastModified: state?.lastModified };
}

/**
 * Journals a chunk, stamped when written. Publish reads the journal from a minute before its previous
 * read: a record that took longer than half that to land could fall before the window of the next read
 * and be missed. Such a slow write fails the chunk: the job's retry redoes it with a fresh stamp (the
 * record written twice counts once).
 */
export async function journalChunk(journal: JournalStore, outletId: string, change: JournalChange, clock: () => Date): Promise<void> {
  const stamped = clock();
  await journal.appendJournal(journalEntry(outletId, change, stamped.toISOString()));
  const took = clock().getTime() - stamped.getTime();
  if (took > JOURNAL_OVERLAP_MS / 2) throw new Error(`journal write took ${took} ms (more than ${JOURNAL_OVERLAP_MS / 2} ms): the chunk is redone`);
}
