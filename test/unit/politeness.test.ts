import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, MAX_DEFER_MS, nextFetchAfter, parseRetryAfter, stateNeedsWrite } from '../../shared/fetch/politeness.ts';
import type { OutletState } from '../../shared/core/model.ts';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const after = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates, and nothing else', () => {
    expect(parseRetryAfter('120', NOW)?.toISOString()).toBe(after(120_000));
    expect(parseRetryAfter('Fri, 20 Nov 2026 12:30:00 GMT', NOW)?.toISOString()).toBe(after(30 * 60_000));
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('-5', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });

  it('bounds what a server may ask: never more than a day, never in the past', () => {
    expect(parseRetryAfter(String(30 * 24 * 3600), NOW)?.toISOString()).toBe(after(MAX_DEFER_MS));
    expect(parseRetryAfter('Sun, 01 Jan 2040 00:00:00 GMT', NOW)?.toISOString()).toBe(after(MAX_DEFER_MS));
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:00 GMT', NOW)?.toISOString()).toBe(NOW.toISOString());
  });
});

describe('nextFetchAfter', () => {
  it('retries a first failure at the next cycle, then backs off exponentially up to a day', () => {
    expect(nextFetchAfter(NOW, 1)).toBeUndefined();
    expect(nextFetchAfter(NOW, 2)).toBe(after(BACKOFF_BASE_MS));
    expect(nextFetchAfter(NOW, 3)).toBe(after(2 * BACKOFF_BASE_MS));
    expect(nextFetchAfter(NOW, 4)).toBe(after(4 * BACKOFF_BASE_MS));
    expect(nextFetchAfter(NOW, 40)).toBe(after(MAX_DEFER_MS));
  });

  it('honours the server\u2019s Retry-After when it is later than the back-off, and the back-off when it is later', () => {
    expect(nextFetchAfter(NOW, 1, new Date(NOW.getTime() + 600_000))).toBe(after(600_000));
    expect(nextFetchAfter(NOW, 4, new Date(NOW.getTime() + 60_000))).toBe(after(4 * BACKOFF_BASE_MS));
  });
});

describe('stateNeedsWrite', () => {
  const at = (h: number) => new Date(Date.UTC(2026, 10, 20, h)).toISOString();
  const ok = (h: number, extra: Partial<OutletState> = {}): OutletState => ({
    outletId: 'o',
    etag: '"v1"',
    lastStatus: 304,
    lastFetchAt: at(h),
    lastSuccessAt: at(h),
    consecutiveFailures: 0,
    ...extra,
  });

  it('writes the first state, and any change of validators, status, failures, pause or error', () => {
    expect(stateNeedsWrite(undefined, ok(0))).toBe(true);
    expect(stateNeedsWrite(ok(0), ok(1, { etag: '"v2"' }))).toBe(true);
    expect(stateNeedsWrite(ok(0), ok(1, { lastStatus: 500 }))).toBe(true);
    expect(stateNeedsWrite(ok(0, { lastStatus: 500 }), ok(1))).toBe(true);
    expect(stateNeedsWrite(ok(0, { consecutiveFailures: 2, lastError: 'down' }), ok(1))).toBe(true);
    expect(stateNeedsWrite(ok(0), ok(1, { nextFetchAfter: at(3) }))).toBe(true);
  });

  it('writes nothing for the same outcome within a day, and refreshes the times once they are a day old', () => {
    expect(stateNeedsWrite(ok(0), ok(1))).toBe(false);
    // The 304 after the 200 that brought new items (same validators and digest): still the same outcome.
    expect(stateNeedsWrite(ok(0, { lastStatus: 200 }), ok(1))).toBe(false);
    expect(stateNeedsWrite(ok(0), ok(23))).toBe(false);
    expect(stateNeedsWrite(ok(0), ok(24))).toBe(true);
  });
});
