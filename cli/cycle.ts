/**
 * One pipeline cycle, through the very handlers of `functions/`: dispatch → fetch each outlet → publish.
 * In AWS the fan-out is SQS; here the jobs are run directly, a few at a time.
 */
import type { FetchReport } from '../shared/core/model.ts';
import type { PublishReport } from '../shared/publish/publish.ts';
import { mapConcurrent } from '../shared/core/concurrency.ts';
import { emptyReport } from '../shared/fetch/process-outlet.ts';
import { dispatch } from '../functions/dispatch/handler.ts';
import { fetchJobs } from '../functions/fetch/handler.ts';
import { publish } from '../functions/publish/handler.ts';
import type { Runtime } from '../functions/runtime.ts';
import { count } from './plural.ts';

export interface CycleSummary {
  readonly outlets: number;
  readonly fetched: number;
  readonly notModified: number;
  readonly failed: number;
  /** Not fetched this cycle: their servers asked for a pause, or they kept failing. */
  readonly deferred: number;
  readonly items: number;
  readonly newStories: number;
  readonly merged: number;
  readonly nearMerged: number;
  readonly reports: FetchReport[];
  readonly publish: PublishReport;
  readonly durationMs: number;
  /**
   * Stopped by the signal (Ctrl-C, SIGTERM): the outlets not yet started were not fetched, and the feed
   * was not published (`publish` is then empty). Nothing is lost: the journal has what was ingested, and
   * the next cycle publishes it.
   */
  readonly stopped?: { readonly notFetched: number };
}

const FETCH_CONCURRENCY = 4;

/** Once `stop` is aborted, no further outlet is fetched and nothing is published; fetches in flight finish. */
export async function runCycle(rt: Runtime, log: (line: string) => void, stop?: AbortSignal): Promise<CycleSummary> {
  const started = Date.now();
  const { jobs } = await dispatch(rt);
  const results = await mapConcurrent(jobs, FETCH_CONCURRENCY, async (job): Promise<FetchReport | undefined> => {
    if (stop?.aborted) return undefined;
    let report: FetchReport;
    try {
      report = await fetchJobs(rt, job);
    } catch (err) {
      // A storage error: in AWS the job would be retried; here it is reported and the cycle goes on.
      report = { ...emptyReport(job.outlet.id), status: 'failed', error: `storage: ${(err as Error).message}`, durationMs: 0 };
    }
    log(progressLine(report));
    return report;
  });
  const fetched = results.filter((r): r is FetchReport => r !== undefined);
  const reports = fetched;
  const stopped = stop?.aborted ? { notFetched: results.length - fetched.length } : undefined;
  const published: PublishReport = stopped ? { stories: 0, written: [] } : await publish(rt);
  const sum = (f: (r: FetchReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  return {
    outlets: jobs.length,
    fetched: reports.filter((r) => r.status === 'fetched').length,
    notModified: reports.filter((r) => r.status === 'not-modified').length,
    failed: reports.filter((r) => r.status === 'failed').length,
    deferred: reports.filter((r) => r.status === 'deferred').length,
    items: sum((r) => r.items),
    newStories: sum((r) => r.newStories),
    merged: sum((r) => r.merged),
    nearMerged: sum((r) => r.nearMerged),
    reports,
    publish: published,
    durationMs: Date.now() - started,
    ...(stopped ? { stopped } : {}),
  };
}

function progressLine(r: FetchReport): string {
  const id = r.outletId.padEnd(20);
  const ms = `${r.durationMs} ms`;
  switch (r.status) {
    case 'failed':
      return `  ✗ ${id} failed: ${r.error}${r.nextFetchAfter ? ` (next fetch after ${r.nextFetchAfter})` : ''}`;
    case 'deferred':
      return `  … ${id} deferred until ${r.nextFetchAfter}`;
    case 'not-modified':
      return `  = ${id} not modified (304, ${ms})`;
    case 'fetched':
      return `  ✓ ${id} ${count(r.items, 'item')}: ${count(r.newStories, 'new story', 'new stories')}, ${r.merged} merged${r.nearMerged ? ` (${r.nearMerged} near)` : ''}, ${r.unchanged} already seen${r.updated ? `, ${r.updated} updated` : ''} (${ms})`;
  }
}

export function summaryLine(s: CycleSummary): string {
  const published = s.stopped
    ? `stopped: ${count(s.stopped.notFetched, 'outlet')} not fetched, feed not published (the next cycle publishes)`
    : s.publish.skipped
      ? 'feed up to date (nothing changed, nothing read)'
      : s.publish.deferred
        ? 'feed being published by another run (it renders these changes too)'
        : s.publish.written.length > 0
        ? `feed updated (${s.publish.written.join(', ')})`
        : 'feed unchanged';
  return (
    `cycle: ${count(s.outlets, 'outlet')} — ${s.fetched} fetched, ${s.notModified} not modified, ${s.failed} failed` +
    `${s.deferred > 0 ? `, ${s.deferred} deferred` : ''}; ` +
    `${count(s.items, 'item')} seen, ${count(s.newStories, 'new story', 'new stories')}, ${count(s.merged, 'copy', 'copies')} merged; ` +
    `${s.publish.skipped || s.publish.deferred || s.stopped ? '' : `${count(s.publish.stories, 'story', 'stories')} in the feed, `}${published}; ${(s.durationMs / 1000).toFixed(2)} s`
  );
}
