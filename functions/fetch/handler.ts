/**
 * fetch: one job = one outlet. Conditional GET, parse, deduplicate into the story records.
 */
import type { FetchJob, FetchReport } from '../../shared/model.ts';
import { processOutlet } from '../../shared/process-outlet.ts';
import { parseFetchJob } from '../../shared/events.ts';
import { runtime } from '../runtime.ts';

export async function handler(event: unknown): Promise<FetchReport> {
  const job: FetchJob = parseFetchJob(event);
  const { config, table, bucket } = runtime();
  return processOutlet(job.outlet, { stories: table, contents: bucket, states: table, limits: config.fetch, thresholds: config.dedup });
}
