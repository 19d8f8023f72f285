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
}

const FETCH_CONCURRENCY = 4;

export async function runCycle(rt: Runtime, log: (line: string) => void): Promise<CycleSummary> {
  const started = Date.now();
  const { jobs, deferred } = await dispatch(rt);
  const paused: FetchReport[] = deferred.map((d) => ({ ...emptyReport(d.outletId), status: 'deferred', nextFetchAfter: d.nextFetchAfter, durationMs: 0 }));
  for (const report of paused) log(progressLine(report));
  const fetched = await mapConcurrent(jobs, FETCH_CONCURRENCY, async (job) => {
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
  const reports = [...paused, ...fetched];
  const published = await publish(rt);
  const sum = (f: (r: FetchReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  return {
    outlets: reports.length,
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
      return `  ✓ ${id} ${r.items} items: ${r.newStories} new stories, ${r.merged} merged${r.nearMerged ? ` (${r.nearMerged} near)` : ''}, ${r.unchanged} already seen${r.updated ? `, ${r.updated} updated` : ''} (${ms})`;
  }
}

export function summaryLine(s: CycleSummary): string {
  const published = s.publish.skipped
    ? 'feed up to date (nothing changed, nothing read)'
    : s.publish.written.length > 0
      ? `feed updated (${s.publish.written.join(', ')})`
      : 'feed unchanged';
  return (
    `cycle: ${s.outlets} outlets — ${s.fetched} fetched, ${s.notModified} not modified, ${s.failed} failed` +
    `${s.deferred > 0 ? `, ${s.deferred} deferred` : ''}; ` +
    `${s.items} items seen, ${s.newStories} new stories, ${s.merged} copies merged; ` +
    `${s.publish.skipped ? '' : `${s.publish.stories} stories in the feed, `}${published}; ${(s.durationMs / 1000).toFixed(2)} s`
  );
}
