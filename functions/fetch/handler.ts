/**
 * fetch: one job = one outlet. Conditional GET, parse, deduplicate into the story records.
 *
 * Invoked with one job (the local runner) or with an SQS batch (deployed). For a batch it reports
 * partial failures: a record whose job cannot be read or whose storage writes fail is returned in
 * `batchItemFailures` (retried, then dead-lettered); the others succeed. An outlet that is down or
 * serves garbage is not a failure of the job: it is reported, recorded and counted.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { FetchJob, FetchReport } from '../../shared/core/model.ts';
import { processOutlet } from '../../shared/fetch/process-outlet.ts';
import { parseFetchJob } from '../../shared/core/events.ts';
import { emitMetrics } from '../metrics.ts';
import { mapConcurrent } from '../../shared/core/concurrency.ts';
import { FETCH_BATCH_CONCURRENCY } from '../../shared/core/config.ts';
import { lambdaRuntime, type Runtime } from '../runtime.ts';

/** The Lambda entry point. */
export const handler = (event: unknown): Promise<FetchReport | SQSBatchResponse> => fetchJobs(lambdaRuntime(), event);

export async function fetchJobs(rt: Runtime, event: SQSEvent): Promise<SQSBatchResponse>;
export async function fetchJobs(rt: Runtime, event: FetchJob): Promise<FetchReport>;
export async function fetchJobs(rt: Runtime, event: unknown): Promise<FetchReport | SQSBatchResponse>;
export async function fetchJobs(rt: Runtime, event: unknown): Promise<FetchReport | SQSBatchResponse> {
  if (isSqsEvent(event)) return handleBatch(rt, event);
  const report = await fetchOne(rt, parseFetchJob(event));
  logReports([report], 0);
  return report;
}

async function fetchOne(rt: Runtime, job: FetchJob): Promise<FetchReport> {
  const { config, table, bucket, hosts } = rt;
  const report = await processOutlet(job.outlet, {
    stories: table,
    contents: bucket,
    states: table,
    limits: config.fetch,
    thresholds: config.dedup,
    hosts,
    marker: table,
    // Always: publish learns from it which stories changed (the analytics copy is written from it too).
    journal: table,
  });
  return report;
}

/** The figures of some fetches (one log line; metrics only with the dashboard: functions/metrics.ts). */
function fetchMetrics(reports: readonly FetchReport[]): Record<string, number> {
  const sum = (f: (r: FetchReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  return {
    OutletsFetched: sum((r) => (r.status === 'fetched' || r.status === 'not-modified' ? 1 : 0)),
    OutletsFailed: sum((r) => (r.status === 'failed' ? 1 : 0)),
    OutletsDeferred: sum((r) => (r.status === 'deferred' ? 1 : 0)),
    Items: sum((r) => r.items),
    NewStories: sum((r) => r.newStories),
    Merged: sum((r) => r.merged),
  };
}

/**
 * Logs: a line per outlet that failed or changed something (its report); nothing for an outlet that
 * answered 304 or sent what it sent before — most fetches, at 2.9 million a month for 1,000 outlets — and
 * one line per invocation carrying the metrics of all its outlets.
 */
function logReports(reports: readonly FetchReport[], failedJobs: number): void {
  // Only in Lambda: locally, stdout belongs to the CLI's data output (the runner logs its own way).
  if (!process.env.AWS_LAMBDA_FUNCTION_NAME) return;
  for (const line of outletLogLines(reports)) console.log(line);
  const statuses: Record<string, number> = {};
  for (const r of reports) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  emitMetrics(fetchMetrics(reports), {}, { level: failedJobs > 0 ? 'WARN' : 'INFO', message: 'fetch batch', outlets: reports.length, failedJobs, ...statuses });
}

/** The per-outlet log lines of some fetches (the bench sizes the log bill with these). */
export function outletLogLines(reports: readonly FetchReport[]): string[] {
  return reports
    .filter((r) => r.status === 'failed' || r.newStories + r.merged + r.updated > 0)
    .map((r) => JSON.stringify({ level: r.status === 'failed' ? 'WARN' : 'INFO', message: 'outlet fetched', ...r }));
}

async function handleBatch(rt: Runtime, event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  const reports: FetchReport[] = [];
  let changed = false;
  await mapConcurrent(event.Records, FETCH_BATCH_CONCURRENCY, async (record) => {
    try {
      const report = await fetchOne(rt, parseFetchJob(JSON.parse(record.body)));
      reports.push(report);
      changed ||= report.newStories + report.merged + report.updated > 0;
    } catch (err) {
      console.log(JSON.stringify({ level: 'ERROR', message: 'fetch job failed', messageId: record.messageId, error: (err as Error).message }));
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  });
  // In the batch's order, whatever order the concurrent jobs failed in.
  const order = new Map(event.Records.map((r, i) => [r.messageId, i]));
  batchItemFailures.sort((a, b) => order.get(a.itemIdentifier)! - order.get(b.itemIdentifier)!);
  logReports(reports, batchItemFailures.length);
  const { publishQueue } = rt;
  if (changed && publishQueue) await publishQueue.send({ reason: 'stories changed' });
  return { batchItemFailures };
}

function isSqsEvent(event: unknown): event is SQSEvent {
  const records = (event as { Records?: unknown } | null)?.Records;
  return Array.isArray(records) && records.every((r) => (r as { eventSource?: unknown })?.eventSource === 'aws:sqs');
}
