/**
 * The bench's cost model (bench/cost.ts): the README's prices and cycle times come from it, so its
 * arithmetic is checked on figures worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { DEPLOYED, PRICES, cycleAtScale, expectedBatchSeconds, monthlyCost, type Rates } from '../../bench/cost.ts';

const zero = { readUnits: 0, writeUnits: 0, s3Gets: 0, s3Puts: 0 };
const idle: Rates = {
  perFetch: zero,
  perNewItem: zero,
  perChangedCycle: zero,
  fetchSeconds: [0],
  steadyFetchSeconds: [0],
  logBytesPerFetch: 0,
  logBytesPerNewItem: 0,
  invocationLogBytes: 0,
};

describe('expectedBatchSeconds', () => {
  it('works a batch as a pool: each fetch starts when a worker is free, the batch ends with the last', () => {
    expect(expectedBatchSeconds([1], [1], 0.5, 8, 8)).toBe(1);
    expect(expectedBatchSeconds([1], [1], 0.5, 32, 8)).toBe(4);
    // 3 fetches of 1 s and 2 workers: one worker takes two.
    expect(expectedBatchSeconds([1], [1], 0, 3, 2)).toBe(2);
    // Always news (2 s) or never (0.5 s), one worker, four fetches.
    expect(expectedBatchSeconds([2], [0.5], 1, 4, 1)).toBe(8);
    expect(expectedBatchSeconds([2], [0.5], 0, 4, 1)).toBe(2);
  });

  it('gives the same figure for the same rates (seeded draws)', () => {
    const a = expectedBatchSeconds([0.1, 0.4, 3], [0.02, 0.05], 0.2, 32, 8);
    expect(expectedBatchSeconds([0.1, 0.4, 3], [0.02, 0.05], 0.2, 32, 8)).toBe(a);
  });
});

describe('monthlyCost', () => {
  it('charges a new item its read and write units, 2,880 cycles a month and 20 new items an outlet a day', () => {
    const rates: Rates = { ...idle, perNewItem: { readUnits: 10, writeUnits: 4, s3Gets: 0, s3Puts: 0 } };
    const base = monthlyCost({ outlets: 1000, ...DEPLOYED }, idle);
    const cost = monthlyCost({ outlets: 1000, ...DEPLOYED }, rates);
    const newItems = 1000 * 20 * 30;
    expect(cost.dynamodb - base.dynamodb).toBeCloseTo(newItems * (10 * PRICES.dynamoReadUnit + 4 * PRICES.dynamoWriteUnit), 2);
  });

  it('charges the alarms as fixed costs, whatever the outlets', () => {
    const small = monthlyCost({ outlets: 1, ...DEPLOYED }, idle);
    expect(small.cloudwatch).toBeGreaterThanOrEqual(DEPLOYED.alarms * PRICES.cloudwatchAlarm);
    expect(monthlyCost({ outlets: 1, ...DEPLOYED, alarms: 0 }, idle).cloudwatch).toBeLessThan(small.cloudwatch);
  });

  it('bills fetch time by invocation: batches of 32 outlets, 8 at once, 0.5 GB', () => {
    const rates: Rates = { ...idle, fetchSeconds: [1], steadyFetchSeconds: [1] };
    const withTime = monthlyCost({ outlets: 3200, ...DEPLOYED }, rates);
    const without = monthlyCost({ outlets: 3200, ...DEPLOYED }, idle);
    // 100 invocations a cycle, each 32 / 8 = 4 s at 0.5 GB.
    const expected = 100 * DEPLOYED.cyclesPerMonth * 4 * 0.5 * PRICES.lambdaArmGbSecond;
    expect(DEPLOYED.fetchBatch).toBe(32);
    expect(DEPLOYED.fetchBatchConcurrency).toBe(8);
    expect(withTime.lambda - without.lambda).toBeCloseTo(expected, 1);
  });
});

describe('cycleAtScale', () => {
  it('adds a real outlet\u2019s network and stragglers to the measured times, in rounds of invocations at once', () => {
    const fast = cycleAtScale(10_000, DEPLOYED, { fetchSeconds: [0.7], steadyFetchSeconds: [0.7] }, { networkSeconds: 0.3, slowShare: 0.001, deadlineSeconds: 1, invocationsAtOnce: 10 });
    // Every fetch 1 s: 32 / 8 = 4 s an invocation; 313 invocations in 32 rounds of 10.
    expect(fast.invocations).toBe(313);
    expect(fast.invocationSeconds).toBe(4);
    expect(fast.cycleMinutes).toBeCloseTo((32 * 4) / 60, 1);
    const stragglers = cycleAtScale(10_000, DEPLOYED, { fetchSeconds: [0.7], steadyFetchSeconds: [0.7] }, { networkSeconds: 0.3, slowShare: 0.01, deadlineSeconds: 20, invocationsAtOnce: 10 });
    // About 27 % of batches of 32 hold a 20 s fetch: an invocation lasts about 0.27 × 20 + 0.73 × 4 s.
    expect(stragglers.invocationSeconds).toBeGreaterThan(7);
    expect(stragglers.invocationSeconds).toBeLessThan(10);
  });
});
