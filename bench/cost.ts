/**
 * What running feedmerge costs a month on AWS, from request counts measured by the bench (never from
 * guesses about the code): storage units and requests per fetch and per new item, the Lambda time the
 * deployed fetcher would be billed for, SQS, CloudWatch.
 */

/** Public on-demand prices, us-east-1 (the AWS pricing pages), as of `asOf`. */
export const PRICES = {
  asOf: '2026-11-30',
  region: 'us-east-1',
  dynamoWriteUnit: 0.625 / 1e6,
  dynamoReadUnit: 0.125 / 1e6,
  lambdaArmGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  sqsRequest: 0.4 / 1e6,
  s3Put: 0.005 / 1e3,
  s3Get: 0.0004 / 1e3,
  cloudwatchAlarm: 0.1,
  cloudwatchMetric: 0.3,
  cloudwatchLogGb: 0.5,
} as const;

/** Measured rates (bench/pipeline.ts). */
export interface Rates {
  /** Per outlet fetch when its feed did not change: storage units and requests, all included. */
  readonly perFetch: { readonly readUnits: number; readonly writeUnits: number; readonly s3Gets: number; readonly s3Puts: number };
  /** Per new item: what the fetches that brought it did beyond a steady cycle's, shared out. */
  readonly perNewItem: { readonly readUnits: number; readonly writeUnits: number; readonly s3Gets: number; readonly s3Puts: number };
  /** Per cycle that brought anything: publish (the journal, the changed stories, the feed objects, the analytics logs). */
  readonly perChangedCycle: { readonly readUnits: number; readonly writeUnits: number; readonly s3Gets: number; readonly s3Puts: number };
  /** Wall times of the fetches of outlets with new items (network, parse, ingest), seconds. */
  readonly fetchSeconds: readonly number[];
  /** Wall times of the fetches of outlets with nothing new (a 304), seconds. */
  readonly steadyFetchSeconds: readonly number[];
  /** Log bytes written per outlet fetch whatever it brought (a steady outlet: none). */
  readonly logBytesPerFetch: number;
  /** Log bytes of the per-outlet lines per new item (a line only for an outlet that changed something). */
  readonly logBytesPerNewItem: number;
  /** Log bytes of a fetch invocation's own line (its figures and metrics). */
  readonly invocationLogBytes: number;
}

export interface Deployment {
  readonly outlets: number;
  readonly cyclesPerMonth: number;
  readonly newItemsPerOutletPerDay: number;
  /** Outlets per fetch invocation and how many of them at once (infra/pipeline.ts). */
  readonly fetchBatch: number;
  readonly fetchBatchConcurrency: number;
  readonly fetchMemoryGb: number;
  readonly alarms: number;
  readonly metrics: number;
}

export const DEPLOYED: Omit<Deployment, 'outlets'> = {
  cyclesPerMonth: 2880,
  newItemsPerOutletPerDay: 20,
  fetchBatch: 8,
  fetchBatchConcurrency: 8,
  fetchMemoryGb: 0.5,
  // infra/monitoring.ts
  alarms: 4,
  // functions/metrics.ts ESSENTIAL_METRICS (the dashboard's are opt-in)
  metrics: 2,
};

/**
 * Empty receives of the Lambda pollers of one queue in a month: about two long polls a minute. An
 * assumption of this model not measured here (it depends on AWS's pollers, not on feedmerge).
 */
const POLLS_PER_QUEUE_MONTH = 2 * 43_200;
/** Lambda's own START, END and REPORT lines per invocation (not measurable here; their usual size). */
const PLATFORM_LOG_BYTES = 300;

/**
 * The expected longest of `k` fetches, each drawn from the measured ones — those of outlets with news with
 * probability `pNews`, else those of outlets without: an invocation working `k` outlets at once lasts as
 * long as its slowest. Exact over the two empirical distributions.
 */
export function expectedMaxSeconds(news: readonly number[], steady: readonly number[], pNews: number, k: number): number {
  const points = [...new Set([...news, ...steady])].sort((a, b) => a - b);
  if (points.length === 0) return 0;
  const cdf = (xs: readonly number[], x: number) => (xs.length === 0 ? 1 : xs.filter((v) => v <= x).length / xs.length);
  const F = (x: number) => pNews * cdf(news, x) + (1 - pNews) * cdf(steady.length > 0 ? steady : news, x);
  let expected = 0;
  let below = 0;
  for (const x of points) {
    const at = F(x) ** k;
    expected += x * (at - below);
    below = at;
  }
  return expected;
}

export interface MonthlyCost {
  readonly dynamodb: number;
  readonly lambda: number;
  readonly sqs: number;
  readonly s3: number;
  readonly cloudwatch: number;
  readonly total: number;
}

export function monthlyCost(d: Deployment, r: Rates): MonthlyCost {
  const fetches = d.outlets * d.cyclesPerMonth;
  const newItems = d.outlets * d.newItemsPerOutletPerDay * 30;
  // Every cycle brings new items at these rates (20 a day per outlet is 0.2 a cycle: 20 a cycle at 100 outlets).
  const changedCycles = d.cyclesPerMonth;
  const dynamodb =
    fetches * (r.perFetch.readUnits * PRICES.dynamoReadUnit + r.perFetch.writeUnits * PRICES.dynamoWriteUnit) +
    newItems * (r.perNewItem.readUnits * PRICES.dynamoReadUnit + r.perNewItem.writeUnits * PRICES.dynamoWriteUnit) +
    changedCycles * (r.perChangedCycle.readUnits * PRICES.dynamoReadUnit + r.perChangedCycle.writeUnits * PRICES.dynamoWriteUnit);
  const s3 =
    fetches * (r.perFetch.s3Gets * PRICES.s3Get + r.perFetch.s3Puts * PRICES.s3Put) +
    newItems * (r.perNewItem.s3Gets * PRICES.s3Get + r.perNewItem.s3Puts * PRICES.s3Put) +
    changedCycles * (r.perChangedCycle.s3Gets * PRICES.s3Get + r.perChangedCycle.s3Puts * PRICES.s3Put);
  // A fetch invocation takes as many rounds of fetches as its batch needs at its concurrency; a round
  // lasts as long as its slowest fetch.
  const invocations = Math.ceil(d.outlets / d.fetchBatch) * d.cyclesPerMonth;
  const batch = Math.min(d.fetchBatch, d.outlets);
  const rounds = Math.ceil(batch / d.fetchBatchConcurrency);
  // An outlet has news in a cycle with the Poisson chance of at least one of its new items falling in it.
  const pNews = 1 - Math.exp(-d.newItemsPerOutletPerDay / (d.cyclesPerMonth / 30));
  const fetchGbSeconds = invocations * rounds * expectedMaxSeconds(r.fetchSeconds, r.steadyFetchSeconds, pNews, Math.min(batch, d.fetchBatchConcurrency)) * d.fetchMemoryGb;
  // dispatch (256 MB) and publish (512 MB), about a second each per cycle.
  const otherGbSeconds = d.cyclesPerMonth * (0.25 + 0.5);
  const lambda = (fetchGbSeconds + otherGbSeconds) * PRICES.lambdaArmGbSecond + (invocations + 2 * d.cyclesPerMonth) * PRICES.lambdaRequest;
  // Jobs sent 10 a request, received and deleted per batch, and the event-source pollers' empty receives.
  const sqs = (fetches / 10 + 2 * invocations + 2 * POLLS_PER_QUEUE_MONTH) * PRICES.sqsRequest;
  const logBytes = fetches * r.logBytesPerFetch + newItems * r.logBytesPerNewItem + invocations * (r.invocationLogBytes + PLATFORM_LOG_BYTES);
  const cloudwatch = d.alarms * PRICES.cloudwatchAlarm + d.metrics * PRICES.cloudwatchMetric + (logBytes / 1e9) * PRICES.cloudwatchLogGb;
  const total = dynamodb + lambda + sqs + s3 + cloudwatch;
  const cents = (x: number) => Math.round(x * 100) / 100;
  return { dynamodb: cents(dynamodb), lambda: cents(lambda), sqs: cents(sqs), s3: cents(s3), cloudwatch: cents(cloudwatch), total: cents(total) };
}
