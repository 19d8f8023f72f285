/**
 * CloudWatch metrics as embedded metric format (EMF) log lines: no API calls, no extra permissions.
 * Only inside Lambda: locally, stdout belongs to the CLI's data output.
 */
export const METRICS_NAMESPACE = 'Feedmerge';

export type MetricValues = Record<string, number>;

/**
 * The metrics CloudWatch keeps by default ($0.30 each a month): what the "not published" alarm watches,
 * and the outlets that failed (the health an operator looks at first). The others
 * (`FEEDMERGE_DETAILED_METRICS=true`, set with the dashboard) stay in the log line as plain fields, for
 * Logs Insights, at no metric cost.
 */
export const ESSENTIAL_METRICS: ReadonlySet<string> = new Set(['Published', 'OutletsFailed']);

/**
 * One log line with these metrics; `fields` ride along in the same line (a log line that is also the
 * metrics: one line per event, not two). Dimensions stay fixed per call site, so the series stay few.
 */
export function emitMetrics(values: MetricValues, dimensions: Record<string, string> = {}, fields: Record<string, unknown> = {}): void {
  if (!process.env.AWS_LAMBDA_FUNCTION_NAME) return;
  const detailed = process.env.FEEDMERGE_DETAILED_METRICS === 'true';
  const names = Object.keys(values).filter((name) => detailed || ESSENTIAL_METRICS.has(name));
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
