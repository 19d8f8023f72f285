/**
 * CloudWatch metrics as embedded metric format (EMF) log lines: no API calls, no extra permissions.
 * Only inside Lambda: locally, stdout belongs to the CLI's data output.
 */
export const METRICS_NAMESPACE = 'Feedmerge';

export type MetricValues = Record<string, number>;

/**
 * One log line with these metrics; `fields` ride along in the same line (a log line that is also the
 * metrics: one line per event, not two). Dimensions stay fixed per call site, so the series stay few.
 */
export function emitMetrics(values: MetricValues, dimensions: Record<string, string> = {}, fields: Record<string, unknown> = {}): void {
  if (!process.env.AWS_LAMBDA_FUNCTION_NAME) return;
  const names = Object.keys(values);
  if (names.length === 0) return;
  console.log(
    JSON.stringify({
      ...fields,
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [
          { Namespace: METRICS_NAMESPACE, Dimensions: [Object.keys(dimensions)], Metrics: names.map((Name) => ({ Name, Unit: 'Count' })) },
        ],
      },
      ...dimensions,
      ...values,
    }),
  );
}
