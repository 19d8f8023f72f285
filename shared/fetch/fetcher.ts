/**
 * A polite, bounded HTTP GET for feeds.
 *
 * - Conditional: sends the ETag / Last-Modified stored from the previous fetch; a 304 costs nothing.
 * - Bounded: one deadline covers connect, headers and body; the body is read as a stream and
 *   abandoned as soon as it exceeds the size cap (a `Content-Length` over the cap is refused up front).
 * - Clear: every failure is a `FetchError` with a one-line reason that never includes credentials
 *   that may sit in the URL.
 */

export interface FetchLimits {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly userAgent: string;
}

export interface ConditionalHeaders {
  readonly etag?: string;
  readonly lastModified?: string;
}

export type FetchOutcome =
  | { readonly status: 304 }
  | {
      readonly status: 200;
      readonly body: Uint8Array;
      readonly contentType?: string;
      readonly etag?: string;
      readonly lastModified?: string;
    };

export class FetchError extends Error {
  constructor(
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

/** The URL as safe to print: no user-info, no query string (tokens often travel there). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return '<invalid URL>';
  }
}

export async function fetchFeed(feedUrl: string, conditional: ConditionalHeaders, limits: FetchLimits): Promise<FetchOutcome> {
  const { url, authorization } = splitCredentials(feedUrl);
  const headers: Record<string, string> = {
    'user-agent': limits.userAgent,
    accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
  };
  if (authorization) headers.authorization = authorization;
  if (conditional.etag) headers['if-none-match'] = conditional.etag;
  if (conditional.lastModified) headers['if-modified-since'] = conditional.lastModified;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetch(url, { headers, redirect: 'follow', signal: controller.signal });
    } catch (err) {
      throw new FetchError(
        controller.signal.aborted ? `timed out after ${limits.timeoutMs} ms` : `cannot connect: ${scrub(causeOf(err), feedUrl)}`,
      );
    }
    if (response.status === 304) {
      await response.body?.cancel();
      return { status: 304 };
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new FetchError(`HTTP ${response.status} ${response.statusText}`.trim(), response.status);
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      await response.body?.cancel();
      throw new FetchError(`feed is ${declared} bytes, over the ${limits.maxBytes}-byte cap`, 200);
    }
    const body = await readCapped(response, limits.maxBytes, controller, limits.timeoutMs);
    return {
      status: 200,
      body,
      contentType: response.headers.get('content-type') ?? undefined,
      etag: response.headers.get('etag') ?? undefined,
      lastModified: response.headers.get('last-modified') ?? undefined,
    };
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(response: Response, maxBytes: number, controller: AbortController, timeoutMs: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        controller.abort();
        throw new FetchError(`feed exceeds the ${maxBytes}-byte cap`, 200);
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof FetchError) throw err;
    throw new FetchError(controller.signal.aborted ? `timed out after ${timeoutMs} ms` : `body read failed: ${causeOf(err)}`, 200);
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks, size);
}

/** fetch() refuses URLs with user-info: send it as HTTP Basic credentials instead. */
function splitCredentials(feedUrl: string): { url: string; authorization?: string } {
  let u: URL;
  try {
    u = new URL(feedUrl);
  } catch {
    throw new FetchError('invalid URL');
  }
  if (!u.username && !u.password) return { url: feedUrl };
  const credentials = `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`;
  u.username = '';
  u.password = '';
  return { url: u.href, authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
}

/** Error texts from the HTTP stack may quote the URL; never let its secrets through. */
function scrub(message: string, feedUrl: string): string {
  return message.split(feedUrl).join(redactUrl(feedUrl));
}

function causeOf(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) return (cause as Error & { code?: string }).code ?? cause.message;
    return err.message;
  }
  return String(err);
}
