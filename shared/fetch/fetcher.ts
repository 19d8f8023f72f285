/**
 * A polite, bounded, guarded HTTP GET for feeds (undici).
 *
 * - Conditional: sends the ETag / Last-Modified stored from the previous fetch; a 304 costs nothing.
 * - Bounded: one deadline covers every hop, connect, headers and body; the body is read as a stream and
 *   abandoned as soon as it exceeds the size cap (a `Content-Length` over the cap is refused up front);
 *   at most `MAX_REDIRECTS` redirects in all (a loop costs 11 requests at most).
 * - Guarded (network-guard.ts): every hop's address — a literal IP, or the resolver's answer, which is
 *   then the address connected to (no second resolution, no DNS-rebinding window) — is checked against
 *   the network policy before any byte is sent.
 * - Clear: every failure is a `FetchError` with a one-line reason that never includes credentials
 *   that may sit in the URL; credentials are never sent to another origin a redirect points at.
 */
import { isIP } from 'node:net';
import { lookup as dnsLookup } from 'node:dns/promises';
import { Agent, fetch as undiciFetch } from 'undici';
import { ALLOW_PRIVATE, refusalOf, type NetworkPolicy } from './network-guard.ts';

/** Redirects followed in all, per fetch. */
export const MAX_REDIRECTS = 10;

/** Name → addresses: the system resolver, or one a test controls. */
export type Resolver = (hostname: string) => Promise<readonly { readonly address: string; readonly family: number }[]>;

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export interface FetchLimits {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly userAgent: string;
  /** Which addresses may be connected to (default: private networks allowed, link-local never). */
  readonly network?: NetworkPolicy;
  /** How names resolve (default: the system's resolver). */
  readonly resolve?: Resolver;
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

/** A hop whose address the network policy refuses. */
class RefusedAddress extends Error {}

export class FetchError extends Error {
  constructor(
    message: string,
    readonly httpStatus?: number,
    /** The server's `Retry-After` header, on a 429 or 503. */
    readonly retryAfter?: string,
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
  const policy = limits.network ?? ALLOW_PRIVATE;
  const headers: Record<string, string> = {
    'user-agent': limits.userAgent,
    accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
  };
  if (conditional.etag) headers['if-none-match'] = conditional.etag;
  if (conditional.lastModified) headers['if-modified-since'] = conditional.lastModified;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  const agent = guardedAgent(policy, limits.resolve ?? systemResolver);
  const origin = new URL(url).origin;
  try {
    let hop = new URL(url);
    let response: Awaited<ReturnType<typeof undiciFetch>>;
    for (let redirects = 0; ; redirects++) {
      checkLiteralHost(hop, policy);
      // Credentials travel to the origin they were given for, never to one a redirect names.
      const hopHeaders = authorization && hop.origin === origin ? { ...headers, authorization } : headers;
      try {
        response = await undiciFetch(hop, { headers: hopHeaders, redirect: 'manual', signal: controller.signal, dispatcher: agent });
      } catch (err) {
        const refused = refusedCause(err);
        if (refused) throw new FetchError(`refused: ${refused}`);
        throw new FetchError(
          controller.signal.aborted ? `timed out after ${limits.timeoutMs} ms` : `cannot connect: ${scrub(causeOf(err), feedUrl)}`,
        );
      }
      if (![301, 302, 303, 307, 308].includes(response.status)) break;
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (!location) throw new FetchError(`HTTP ${response.status} redirect without a Location`, response.status);
      if (redirects >= MAX_REDIRECTS) throw new FetchError(`more than ${MAX_REDIRECTS} redirects`, response.status);
      try {
        hop = new URL(location, hop);
      } catch {
        throw new FetchError(`HTTP ${response.status} redirect to an invalid URL`, response.status);
      }
      if (hop.protocol !== 'http:' && hop.protocol !== 'https:') throw new FetchError(`redirect to a ${hop.protocol} URL`, response.status);
    }
    if (response.status === 304) {
      await response.body?.cancel();
      return { status: 304 };
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      const retryAfter = response.status === 429 || response.status === 503 ? (response.headers.get('retry-after') ?? undefined) : undefined;
      throw new FetchError(`HTTP ${response.status} ${response.statusText}`.trim(), response.status, retryAfter);
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
    void agent.close().catch(() => undefined);
  }
}

/** A connection pool whose every connection goes to an address the policy allows, resolved once. */
function guardedAgent(policy: NetworkPolicy, resolve: Resolver): Agent {
  type Callback = (err: Error | null, address?: string | { address: string; family: number }[], family?: number) => void;
  const lookup = (hostname: string, options: { all?: boolean }, callback: Callback) => {
    resolve(hostname)
      .then((addresses) => {
        if (addresses.length === 0) throw new Error(`${hostname} does not resolve`);
        // One refused address refuses the name: a name that also points inside is no outlet.
        for (const a of addresses) {
          const why = refusalOf(a.address, policy);
          if (why) throw new RefusedAddress(`${hostname} resolves to ${why}`);
        }
        const chosen = addresses[0]!;
        if (options.all) callback(null, [{ address: chosen.address, family: chosen.family }]);
        else callback(null, chosen.address, chosen.family);
      })
      .catch((err: Error) => callback(err));
  };
  return new Agent({ connect: { lookup: lookup as never } });
}

/** A literal IP in the URL is connected to without a lookup: judged here. */
function checkLiteralHost(url: URL, policy: NetworkPolicy): void {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) === 0) return;
  const why = refusalOf(host, policy);
  if (why) throw new FetchError(`refused: ${host} is ${why}`);
}

function refusedCause(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = (e as Error & { cause?: unknown }).cause, depth++) {
    if (e instanceof RefusedAddress) return e.message;
  }
  return undefined;
}

interface StreamedBody {
  readonly body: { getReader(): ReadableStreamDefaultReader<Uint8Array> } | null;
}

async function readCapped(response: StreamedBody, maxBytes: number, controller: AbortController, timeoutMs: number): Promise<Uint8Array> {
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
