/**
 * dispatch: on each scheduled tick (an EventBridge scheduled event; its content is not needed), read the
 * outlet registry and emit one fetch job per outlet — to the fetch queue when deployed, returned to the
 * caller (the local runner) otherwise.
 */
import type { FetchJob } from '../../shared/model.ts';
import { emitMetrics } from '../metrics.ts';
import { runtime } from '../runtime.ts';

export interface DispatchResult {
  readonly jobs: FetchJob[];
  /** How many jobs went to the fetch queue (0 locally). */
  readonly queued: number;
}

export async function handler(_event?: unknown): Promise<DispatchResult> {
  const { bucket, fetchQueue } = runtime();
  const outlets = await bucket.getOutlets();
  const jobs = outlets.map((outlet) => ({ outlet }));
  if (fetchQueue) await fetchQueue.sendJobs(jobs);
  emitMetrics({ OutletsDispatched: jobs.length });
  return { jobs, queued: fetchQueue ? jobs.length : 0 };
}
