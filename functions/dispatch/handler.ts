/**
 * dispatch: on each scheduled tick (an EventBridge scheduled event; its content is not needed), read the
 * outlet registry and emit one fetch job per outlet — to the fetch queue when deployed, returned to the
 * caller (the local runner) otherwise.
 */
import type { FetchJob } from '../../shared/core/model.ts';
import { BUCKET } from '../../shared/core/schema.ts';
import { emitMetrics } from '../metrics.ts';
import { runtime } from '../runtime.ts';

export interface DispatchResult {
  readonly jobs: FetchJob[];
  /** How many jobs went to the fetch queue (0 locally). */
  readonly queued: number;
}

export async function handler(_event?: unknown): Promise<DispatchResult> {
  const { bucket, fetchQueue, config } = runtime();
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
