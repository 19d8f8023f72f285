/**
 * CloudWatch metrics as embedded metric format (EMF) log lines: no API calls, no extra permissions.
 * Only inside Lambda: locally, stdout belongs to the CLI's data output.
 */
export const METRICS_NAMESPACE = 'Feedmerge';

export type MetricValues = Record<string, number>;

export function emitMetrics(values: MetricValues, dimensions: Record<string, string> = {}): void {
  if (!process.env.AWS_LAMBDA_FUNCTION_NAME) return;
  const names = Object.keys(values);
  if (names.length === 0) return;
  console.log(
    JSON.stringify({
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
