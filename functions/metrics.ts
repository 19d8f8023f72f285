/**
 * CloudWatch metrics as embedded metric format (EMF) log lines: no API calls, no extra permissions.
 * Only inside Lambda: locally, stdout belongs to the CLI's data output.
 */
export const METRICS_NAMESPACE = 'Feedmerge';

export type MetricValues = Record<string, number>;

/**
 * Custom metrics cost $0.30 each a month, so by default there are none: the alarms watch AWS's own
 * metrics (the queues', and Lambda's invocations and errors), which are free, and the figures ride in the
 * log line as plain fields, for Logs Insights. With the dashboard (`FEEDMERGE_DETAILED_METRICS=true`)
 * they are declared as metrics too.
 */
/**
 * One log line with these metrics; `fields` ride along in the same line (a log line that is also the
 * metrics: one line per event, not two). Dimensions stay fixed per call site, so the series stay few.
 */
export function emitMetrics(values: MetricValues, dimensions: Record<string, string> = {}, fields: Record<string, unknown> = {}): void {
  if (!process.env.AWS_LAMBDA_FUNCTION_NAME) return;
  const names = process.env.FEEDMERGE_DETAILED_METRICS === 'true' ? Object.keys(values) : [];
  // No metric declared: a plain log line (an EMF document must declare at least one).
  const emf =
    names.length === 0
      ? {}
      : {
          _aws: {
            Timestamp: Date.now(),
            CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [Object.keys(dimensions)], Metrics: names.map((Name) => ({ Name, Unit: 'Count' })) }],
          },
        };
  console.log(JSON.stringify({ ...fields, ...emf, ...dimensions, ...values }));
}
