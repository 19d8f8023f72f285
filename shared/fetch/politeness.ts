/**
 * When to fetch an outlet again after a failure: the server's `Retry-After` (429, 503) if it gave one,
 * and an exponential back-off after consecutive failures — the later of the two. A first failure is
 * retried at the next cycle (a blip); the second waits one schedule interval, then two, four… up to a day.
 */
import type { OutletState } from '../core/model.ts';

/** The back-off's first step (the default schedule interval). */
export const BACKOFF_BASE_MS = 15 * 60 * 1000;
/** No outlet is left alone longer than this, whatever it asked for. */
export const MAX_DEFER_MS = 24 * 3600 * 1000;

/** A `Retry-After` value (delay-seconds or an HTTP date) as an instant, if it is one. */
export function parseRetryAfter(value: string | undefined, now: Date): Date | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  if (/^\d+$/.test(raw)) return new Date(now.getTime() + Math.min(Number(raw) * 1000, MAX_DEFER_MS));
  // An HTTP date names its day and month ("Fri, 20 Nov 2026 12:30:00 GMT"); "-5" is no date.
  const at = /[a-z]{3}/i.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return new Date(Math.min(Math.max(at, now.getTime()), now.getTime() + MAX_DEFER_MS));
}

/** The instant before which the outlet is not fetched again (ISO 8601), or undefined: at the next cycle. */
export function nextFetchAfter(now: Date, consecutiveFailures: number, retryAfter?: Date): string | undefined {
  const backoff = consecutiveFailures >= 2 ? Math.min(BACKOFF_BASE_MS * 2 ** (consecutiveFailures - 2), MAX_DEFER_MS) : 0;
  const until = Math.max(now.getTime() + backoff, retryAfter?.getTime() ?? 0);
  return until > now.getTime() ? new Date(until).toISOString() : undefined;
}

/**
 * How stale the remembered fetch times may grow while nothing else about an outlet changes: a steady
 * outlet (304s, or the same body) costs no write per fetch, and its health still says it is alive.
 */
export const STATE_REFRESH_MS = 24 * 3600 * 1000;

/**
 * Whether a fetch's outcome must be written: something the next fetch or an operator reads changed
 * (validators, digest, a failure's status, failures, pause, error), or the remembered times are older
 * than STATE_REFRESH_MS. A success answered differently (the 304 after the 200 that brought new items)
 * is no change: every changed outlet would otherwise cost a second write at its next fetch.
 */
export function stateNeedsWrite(previous: OutletState | undefined, next: OutletState): boolean {
  if (!previous) return true;
  const same = <K extends keyof OutletState>(k: K) => (previous[k] ?? null) === (next[k] ?? null);
  if (!(['etag', 'lastModified', 'lastError', 'consecutiveFailures', 'nextFetchAfter', 'seen'] as const).every(same)) return true;
  if (outcomeOf(previous.lastStatus) !== outcomeOf(next.lastStatus)) return true;
  const age = (at: string | undefined) => (at ? Date.parse(next.lastFetchAt ?? '') - Date.parse(at) : Infinity);
  return !(age(previous.lastFetchAt) < STATE_REFRESH_MS) || (next.lastSuccessAt !== undefined && !(age(previous.lastSuccessAt) < STATE_REFRESH_MS));
}

/** A status as the state's reader cares: any success is one outcome; each failing status its own. */
function outcomeOf(status: number | undefined): string {
  return status !== undefined && ((status >= 200 && status < 300) || status === 304) ? 'success' : String(status);
}
