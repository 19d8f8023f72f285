/**
 * What running feedmerge costs a month on AWS, from request counts measured by the bench (never from
 * guesses about the code): storage units and requests per fetch and per new item, the Lambda time the
 * deployed fetcher would be billed for, SQS, CloudWatch.
 */

import { FETCH_BATCH, FETCH_BATCH_CONCURRENCY } from '../shared/core/config.ts';

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
  /** Alarm metrics (an alarm on a metric expression is billed for each metric in it). */
  readonly alarms: number;
  /** Custom metrics. */
  readonly metrics: number;
}

export const DEPLOYED: Omit<Deployment, 'outlets'> = {
  cyclesPerMonth: 2880,
  newItemsPerOutletPerDay: 20,
  fetchBatch: FETCH_BATCH,
  fetchBatchConcurrency: FETCH_BATCH_CONCURRENCY,
  fetchMemoryGb: 0.5,
  // infra/monitoring.ts: four alarms, one of them on two metrics (billed per alarm metric)
  alarms: 5,
  // functions/metrics.ts: no custom metric unless the dashboard is asked for
  metrics: 0,
};

/**
 * Empty receives of the Lambda pollers of one queue in a month: about two long polls a minute. An
 * assumption of this model not measured here (it depends on AWS's pollers, not on feedmerge).
 */
const POLLS_PER_QUEUE_MONTH = 2 * 43_200;
/** Lambda's own START, END and REPORT lines per invocation (not measurable here; their usual size). */
const PLATFORM_LOG_BYTES = 300;

/**
 * The expected length of a fetch invocation: `batch` fetches, each drawn from the measured ones — those of
 * outlets with news with probability `pNews`, else those of outlets without — worked `concurrency` at a
 * time, each next fetch starting when one finishes (shared/core/concurrency.ts `mapConcurrent`). Averaged
 * over seeded draws: the same rates give the same figure.
 */
export function expectedBatchSeconds(
  news: readonly number[],
  steady: readonly number[],
  pNews: number,
  batch: number,
  concurrency: number,
  /** Added to every fetch (a real outlet's network); `slowShare` of the fetches take `slowSeconds` instead. */
  real: { readonly addSeconds: number; readonly slowShare: number; readonly slowSeconds: number } = { addSeconds: 0, slowShare: 0, slowSeconds: 0 },
  draws = 4000,
): number {
  const without = steady.length > 0 ? steady : news;
  const withNews = news.length > 0 ? news : steady;
  if (withNews.length === 0) return 0;
  let seed = 12345;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pick = (xs: readonly number[]) => xs[Math.floor(random() * xs.length)]!;
  let total = 0;
  const free = new Float64Array(Math.max(1, Math.min(concurrency, batch)));
  for (let d = 0; d < draws; d++) {
    free.fill(0);
    for (let b = 0; b < batch; b++) {
      // The worker free first takes the next fetch.
      let w = 0;
      for (let k = 1; k < free.length; k++) if (free[k]! < free[w]!) w = k;
      const drawn = pick(random() < pNews ? withNews : without) + real.addSeconds;
      free[w]! += real.slowShare > 0 && random() < real.slowShare ? real.slowSeconds : drawn;
    }
    total += Math.max(...free);
  }
  return total / draws;
}

/** An outlet has news in a cycle with the Poisson chance of at least one of its new items falling in it. */
function newsChance(d: Pick<Deployment, 'newItemsPerOutletPerDay' | 'cyclesPerMonth'>): number {
  return 1 - Math.exp(-d.newItemsPerOutletPerDay / (d.cyclesPerMonth / 30));
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
  // A fetch invocation works its batch `fetchBatchConcurrency` at a time and lasts until its last fetch ends.
  const invocations = Math.ceil(d.outlets / d.fetchBatch) * d.cyclesPerMonth;
  const batch = Math.min(d.fetchBatch, d.outlets);
  const pNews = newsChance(d);
  const fetchGbSeconds = invocations * expectedBatchSeconds(r.fetchSeconds, r.steadyFetchSeconds, pNews, batch, d.fetchBatchConcurrency) * d.fetchMemoryGb;
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

/** What a cycle at scale adds to the measured fetch times: a real outlet's network and its stragglers. */
export interface ScaleAssumptions {
  /** Network time of a real outlet's fetch, added to each measured (local) fetch time. */
  readonly networkSeconds: number;
  /** Share of outlets that run to the fetch deadline. */
  readonly slowShare: number;
  readonly deadlineSeconds: number;
  /** Fetch invocations at once (infra `feedmerge:fetchConcurrency`). */
  readonly invocationsAtOnce: number;
}

export const SCALE_ASSUMPTIONS: ScaleAssumptions = { networkSeconds: 0.3, slowShare: 0.01, deadlineSeconds: 20, invocationsAtOnce: 10 };

export interface CycleAtScale {
  readonly outlets: number;
  readonly invocations: number;
  /** Expected length of one invocation (its batch worked `fetchBatchConcurrency` at a time). */
  readonly invocationSeconds: number;
  /** Rounds of `invocationsAtOnce` invocations × an invocation's expected length. */
  readonly cycleMinutes: number;
}

/**
 * How long one cycle's fetching takes at `outlets`: the measured fetch times plus a real outlet's network
 * time, `slowShare` of them replaced by the deadline, in batches of `fetchBatch` worked
 * `fetchBatchConcurrency` at a time, `invocationsAtOnce` invocations at once.
 */
export function cycleAtScale(outlets: number, d: Omit<Deployment, 'outlets'>, r: Pick<Rates, 'fetchSeconds' | 'steadyFetchSeconds'>, a: ScaleAssumptions = SCALE_ASSUMPTIONS): CycleAtScale {
  const pNews = newsChance(d);
  const invocations = Math.ceil(outlets / d.fetchBatch);
  const invocationSeconds = expectedBatchSeconds(r.fetchSeconds, r.steadyFetchSeconds, pNews, Math.min(d.fetchBatch, outlets), d.fetchBatchConcurrency, {
    addSeconds: a.networkSeconds,
    slowShare: a.slowShare,
    slowSeconds: a.deadlineSeconds,
  });
  const cycleMinutes = (Math.ceil(invocations / a.invocationsAtOnce) * invocationSeconds) / 60;
  return { outlets, invocations, invocationSeconds: Math.round(invocationSeconds * 100) / 100, cycleMinutes: Math.round(cycleMinutes * 10) / 10 };
}
