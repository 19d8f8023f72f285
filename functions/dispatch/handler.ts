/**
 * dispatch: on each scheduled tick (an EventBridge scheduled event; its content is not needed), read the
 * outlet registry and emit one fetch job per outlet not paused (`nextFetchAfter` in its state) — to the
 * fetch queue when deployed, returned to the caller (the local runner) otherwise.
 */
import type { FetchJob } from '../../shared/core/model.ts';
import { BUCKET } from '../../shared/core/schema.ts';
import { emitMetrics } from '../metrics.ts';
import { lambdaRuntime, type Runtime } from '../runtime.ts';

export interface DispatchResult {
  readonly jobs: FetchJob[];
  /** How many jobs went to the fetch queue (0 locally). */
  readonly queued: number;
  /** Outlets not fetched this cycle: their servers asked for a pause, or they kept failing. */
  readonly deferred: { readonly outletId: string; readonly nextFetchAfter: string }[];
}

/** The Lambda entry point. */
export const handler = (event?: unknown): Promise<DispatchResult> => dispatch(lambdaRuntime(), event);

export async function dispatch(rt: Runtime, _event?: unknown): Promise<DispatchResult> {
  const { bucket, table, fetchQueue, config } = rt;
  const outlets = await bucket.findOutlets();
  if (outlets === undefined) {
    // A fresh deployment before `feedmerge outlets import`: nothing to do, and nothing wrong.
    console.warn(JSON.stringify({ level: 'WARN', message: `no outlet registry yet at s3://${config.bucketName}/${BUCKET.registryKey}` }));
    emitMetrics({ OutletsDispatched: 0 });
    return { jobs: [], queued: 0, deferred: [] };
  }
  // An outlet whose server asked for a pause, or that kept failing, is not sent a job before its time.
  const now = Date.now();
  const pauses = await table.getDeferrals(outlets.map((o) => o.id));
  const deferred = outlets
    .filter((o) => Date.parse(pauses.get(o.id) ?? '') > now)
    .map((o) => ({ outletId: o.id, nextFetchAfter: pauses.get(o.id)! }));
  const jobs = outlets.filter((o) => !deferred.some((d) => d.outletId === o.id)).map((outlet) => ({ outlet }));
  if (fetchQueue) await fetchQueue.sendJobs(jobs);
  emitMetrics({ OutletsDispatched: jobs.length, OutletsDeferred: deferred.length });
  return { jobs, queued: fetchQueue ? jobs.length : 0, deferred };
}
