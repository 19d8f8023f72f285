/**
 * dispatch: on each scheduled tick, read the outlet registry and emit one fetch job per outlet.
 * Returns the jobs (the local runner calls `fetch` with each).
 */
import type { FetchJob } from '../../shared/model.ts';
import { runtime } from '../runtime.ts';

export interface DispatchResult {
  readonly jobs: FetchJob[];
}

export async function handler(): Promise<DispatchResult> {
  const { bucket } = runtime();
  const outlets = await bucket.getOutlets();
  return { jobs: outlets.map((outlet) => ({ outlet })) };
}
