/**
 * dispatch: on each scheduled tick (an EventBridge scheduled event; its content is not needed), read the
 * outlet registry and emit one fetch job per outlet — to the fetch queue when deployed, returned to the
 * caller (the local runner) otherwise.
 *
 * A paused outlet (its server asked for a pause, or it kept failing) gets its job too: the fetch reads its
 * state anyway and stops there, without a request to its server. Reading every outlet's state here to
 * leave out the few paused ones would cost a read per outlet per cycle.
 */
import type { FetchJob } from '../../shared/core/model.ts';
import { BUCKET } from '../../shared/core/schema.ts';
import { emitMetrics } from '../metrics.ts';
import { lambdaRuntime, type Runtime } from '../runtime.ts';

export interface DispatchResult {
  readonly jobs: FetchJob[];
  /** How many jobs went to the fetch queue (0 locally). */
  readonly queued: number;
}

/** The Lambda entry point. */
export const handler = (event?: unknown): Promise<DispatchResult> => dispatch(lambdaRuntime(), event);

export async function dispatch(rt: Runtime, _event?: unknown): Promise<DispatchResult> {
  const { bucket, fetchQueue, config } = rt;
  const outlets = await bucket.findOutlets();
  if (outlets === undefined) {
    // A fresh deployment before `feedmerge outlets import`: nothing to do, and nothing wrong.
    console.warn(JSON.stringify({ level: 'WARN', message: `no outlet registry yet at s3://${config.bucketName}/${BUCKET.registryKey}` }));
    emitMetrics({ OutletsDispatched: 0 });
    return { jobs: [], queued: 0 };
  }
  const jobs = outlets.map((outlet) => ({ outlet }));
  if (fetchQueue) await fetchQueue.sendJobs(jobs);
  emitMetrics({ OutletsDispatched: jobs.length });
  return { jobs, queued: fetchQueue ? jobs.length : 0 };
}
