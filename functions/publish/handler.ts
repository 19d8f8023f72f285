/**
 * publish: render the merged feed from the most recent stories and write each format to S3, only
 * when its bytes changed. Triggered by fetch ("stories changed", through a queue that batches the
 * signals) and by the schedule; both event shapes carry nothing it needs.
 */
import { publishFeeds, type PublishReport } from '../../shared/publish/publish.ts';
import { emitMetrics } from '../metrics.ts';
import { lambdaRuntime, type Runtime } from '../runtime.ts';

/** The Lambda entry point. */
export const handler = (event?: unknown): Promise<PublishReport> => publish(lambdaRuntime(), event);

export async function publish(rt: Runtime, _event?: unknown): Promise<PublishReport> {
  const { config, table, bucket } = rt;
  const report = await publishFeeds({
    stories: table,
    contents: bucket,
    registry: bucket,
    objects: bucket,
    feed: config.feed,
    marker: table,
    journal: table,
    state: bucket,
    ...(config.analytics ? { analytics: { stories: table, sink: bucket } } : {}),
  });
  // `Published` counts every run, skipped, deferred or not (a dashboard figure; the alarm watches Lambda's own invocations and errors).
  emitMetrics({ Published: 1, FeedObjectsWritten: report.written.length, ...(report.skipped || report.deferred ? {} : { StoriesInFeed: report.stories }) });
  return report;
}
