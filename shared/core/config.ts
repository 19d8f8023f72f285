/**
 * Validation of external configuration at the boundary: the feeds file and the runtime environment.
 * Errors are one line, name the field (and, for files, the line), and never carry a stack trace.
 */
import { ALLOW_PRIVATE, DENY_PRIVATE, type NetworkPolicy } from '../fetch/network-guard.ts';
import { findNodeAtLocation, ParseErrorCode, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Outlet } from './model.ts';
import { BUCKET, TABLE } from './schema.ts';
import { DEFAULT_THRESHOLDS, type NearThresholds } from '../dedup/similarity.ts';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface OutletsFile {
  readonly outlets: Outlet[];
}

const OUTLET_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Why an outlet id is refused (undefined: it is a valid id). */
export function outletIdProblem(id: string): string | undefined {
  return OUTLET_ID.test(id) ? undefined : 'must be lowercase letters, digits and dashes (at most 63)';
}

/**
 * The ports fetch refuses to connect to (https://fetch.spec.whatwg.org/#bad-port, as undici has them):
 * an outlet on one of them would fail every fetch with a bare "bad port", so it is refused when added.
 */
export const BLOCKED_PORTS: ReadonlySet<string> = new Set([
  '1', '7', '9', '11', '13', '15', '17', '19', '20', '21', '22', '23', '25', '37', '42', '43', '53', '69', '77', '79',
  '87', '95', '101', '102', '103', '104', '109', '110', '111', '113', '115', '117', '119', '123', '135', '137',
  '139', '143', '161', '179', '389', '427', '465', '512', '513', '514', '515', '526', '530', '531', '532',
  '540', '548', '554', '556', '563', '587', '601', '636', '989', '990', '993', '995', '1719', '1720', '1723',
  '2049', '3659', '4045', '4190', '5060', '5061', '6000', '6566', '6665', '6666', '6667', '6668', '6669', '6679',
  '6697', '10080',
]);

/** Why fetch would refuse this port ('' is the scheme's default port); undefined if it would not. */
export function blockedPortProblem(port: string): string | undefined {
  return BLOCKED_PORTS.has(port) ? `port ${port} is blocked by fetch (browsers' bad-ports list); use the outlet's http(s) port` : undefined;
}

/** An outlet URL checked: the absolute URL, or what is wrong with it (`invalid`, `scheme`, `port`). */
export type OutletUrlCheck =
  | { readonly ok: true; readonly url: string }
  | { readonly ok: false; readonly kind: 'invalid' | 'scheme' | 'port'; readonly reason: string };

export interface OutletRules {
  /**
   * Refuse URLs on ports fetch blocks. On where outlets enter (feeds files, OPML, `outlets add`); off
   * where a stored registry is read back, so that one outlet written before the rule cannot stop them all.
   */
  readonly rejectBlockedPorts?: boolean;
}

/** The URL rules every outlet obeys, wherever it comes from (feeds file, OPML, command line). */
export function checkOutletUrl(raw: string, baseUrl: string | undefined, rules: OutletRules = {}): OutletUrlCheck {
  let url: URL;
  try {
    url = baseUrl ? new URL(raw, baseUrl) : new URL(raw);
  } catch {
    return { ok: false, kind: 'invalid', reason: 'is not an absolute http(s) URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, kind: 'scheme', reason: `must use http or https, not ${url.protocol}` };
  const port = rules.rejectBlockedPorts ? blockedPortProblem(url.port) : undefined;
  if (port) return { ok: false, kind: 'port', reason: port };
  return { ok: true, url: url.href };
}

/** Line and column (both from 1) of a character offset, for messages that point into a file. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/** What a JSON syntax error means, in words, with what was found there. */
function jsonSyntaxProblem(text: string, error: ParseError): string {
  const token = text.slice(error.offset, error.offset + Math.max(error.length, 1)).slice(0, 20);
  const found = error.offset >= text.length || token.trim() === '' ? 'the end of the file' : JSON.stringify(token);
  const previous = text.slice(0, error.offset).trimEnd().at(-1);
  switch (error.error) {
    case ParseErrorCode.ValueExpected:
      if (previous === ',' && (token === ']' || token === '}')) return `a trailing comma before ${JSON.stringify(token)} (JSON allows none)`;
      return `expected a value, found ${found}`;
    case ParseErrorCode.CommaExpected:
      return `expected a comma, found ${found}`;
    case ParseErrorCode.ColonExpected:
      return `expected ":" after the property name, found ${found}`;
    case ParseErrorCode.PropertyNameExpected:
      return `expected a property name in double quotes, found ${found}`;
    case ParseErrorCode.CloseBraceExpected:
      return `expected "}", found ${found}`;
    case ParseErrorCode.CloseBracketExpected:
      return `expected "]", found ${found}`;
    case ParseErrorCode.EndOfFileExpected:
      return `expected the end of the file after the value, found ${found}`;
    case ParseErrorCode.InvalidCommentToken:
      return 'comments are not allowed in JSON';
    case ParseErrorCode.UnexpectedEndOfComment:
      return 'a comment is not closed';
    case ParseErrorCode.UnexpectedEndOfString:
      return 'a string is not closed (missing ")';
    case ParseErrorCode.UnexpectedEndOfNumber:
    case ParseErrorCode.InvalidNumberFormat:
      return `malformed number ${found}`;
    case ParseErrorCode.InvalidUnicode:
      return 'malformed \\u escape in a string';
    case ParseErrorCode.InvalidEscapeCharacter:
      return `invalid escape ${found} in a string`;
    case ParseErrorCode.InvalidCharacter:
      return 'a control character in a string (write it as an escape such as \\n)';
    case ParseErrorCode.InvalidSymbol:
      return `unexpected ${found}`;
    default:
      return printParseErrorCode(error.error);
  }
}

/**
 * Parses a feeds file: `{ "outlets": [ { "id", "name", "url" } ] }`. Relative URLs are resolved against
 * `baseUrl` when one is given (the local runner's example server), and are an error otherwise.
 */
export function parseOutletsJson(text: string, source: string, baseUrl?: string, rules: OutletRules = {}): OutletsFile {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const lineOf = (offset: number): number => lineColumn(text, offset).line;
  const fail = (message: string, node?: Node): never => {
    throw new ConfigError(`${source}${node ? `:${lineOf(node.offset)}` : ''}: ${message}`);
  };
  if (text.trim() === '') throw new ConfigError(`${source}:1:1: invalid JSON: the file is empty`);
  if (errors.length > 0 || !root) {
    const first = errors[0] ?? { error: ParseErrorCode.ValueExpected, offset: 0, length: 0 };
    const { line, column } = lineColumn(text, first.offset);
    throw new ConfigError(`${source}:${line}:${column}: invalid JSON: ${jsonSyntaxProblem(text, first)}`);
  }
  if (root.type !== 'object') fail('expected an object { "outlets": [...] }', root);
  const list = findNodeAtLocation(root, ['outlets']);
  if (!list) fail('missing field "outlets"', root);
  if (list!.type !== 'array') fail('"outlets" must be an array', list);
  const seen = new Set<string>();
  const outlets = (list!.children ?? []).map((node, i): Outlet => {
    const where = `outlets[${i}]`;
    if (node.type !== 'object') fail(`${where} must be an object`, node);
    const field = (name: string): string => {
      const value = findNodeAtLocation(node, [name]);
      if (!value) fail(`${where}.${name} is missing`, node);
      if (value!.type !== 'string' || String(value!.value).trim() === '') fail(`${where}.${name} must be a non-empty string`, value);
      return String(value!.value).trim();
    };
    const id = field('id');
    const idProblem = outletIdProblem(id);
    if (idProblem) fail(`${where}.id ${JSON.stringify(id)} ${idProblem}`, findNodeAtLocation(node, ['id']));
    if (seen.has(id)) fail(`${where}.id ${JSON.stringify(id)} is listed twice`, findNodeAtLocation(node, ['id']));
    seen.add(id);
    const name = field('name');
    const rawUrl = field('url');
    const url = checkOutletUrl(rawUrl, baseUrl, rules);
    if (!url.ok) {
      // The scheme is named in the reason; the other reasons need the value to make sense.
      const value = url.kind === 'scheme' ? '' : ` ${JSON.stringify(rawUrl)}${url.kind === 'port' ? ':' : ''}`;
      return fail(`${where}.url${value} ${url.reason}`, findNodeAtLocation(node, ['url']));
    }
    return { id, name, url: url.url };
  });
  if (outlets.length === 0) fail('"outlets" is empty', list);
  return { outlets };
}

/** Runtime configuration of the handlers, read from the environment (Lambda and local alike). */
export interface RuntimeConfig {
  readonly tableName: string;
  readonly bucketName: string;
  /** Deployed: the queue dispatch sends fetch jobs to. Unset locally: the runner calls fetch itself. */
  readonly fetchQueueUrl?: string;
  /** Deployed: the queue fetch signals "stories changed" on, which triggers publish. */
  readonly publishQueueUrl?: string;
  /** Path-style S3 URLs (s3rver needs them). */
  readonly s3ForcePathStyle: boolean;
  readonly feed: {
    readonly title: string;
    readonly description: string;
    /** Public base URL where the merged feed objects are served, ending in `/`. */
    readonly baseUrl: string;
    readonly limit: number;
    /** How long readers and caches may keep a feed object (Cache-Control max-age): one schedule interval. */
    readonly maxAgeSeconds: number;
  };
  /** Keep the analytics copy of the records (JSON Lines under analytics/ in the bucket) for SQL. */
  readonly analytics: boolean;
  /** The near-duplicate decision (see shared/similarity.ts for what each threshold guards against). */
  readonly dedup: NearThresholds;
  readonly fetch: {
    readonly timeoutMs: number;
    readonly maxBytes: number;
    readonly maxItems: number;
    readonly userAgent: string;
    /** Which addresses feeds may be fetched from (fetch/network-guard.ts). */
    readonly network: NetworkPolicy;
    /** At most this many fetches to one host (and port) at once, per process (fetch/host-gate.ts). */
    readonly perHost: number;
  };
}

/**
 * Outlets of one SQS batch a fetch invocation works at once: a fetch mostly waits on the network, and
 * billed time should track CPU, not waits (the host gate still keeps one host to a few requests).
 */
export const FETCH_BATCH_CONCURRENCY = 8;

/**
 * Outlets per fetch invocation (the SQS event source's batch size). More than the concurrency: while one
 * outlet waits on a slow server, the others of the batch go on, so an invocation is billed for about its
 * fetches' total time over the concurrency rather than for one slowest fetch per eight outlets; and fewer
 * invocations mean fewer Lambda requests, SQS receives and log lines (`npm run bench`'s cost model).
 */
export const FETCH_BATCH = 32;

/**
 * The publish function's timeout (infra/pipeline.ts). Publish's claim on the feed outlives it
 * (publish.ts `PUBLISH_CLAIM_MS`): Lambda stops a publish at its timeout, so a claim never expires under
 * a live one.
 */
export const PUBLISH_TIMEOUT_SECONDS = 120;

export const DEFAULTS = {
  feedTitle: 'feedmerge',
  feedDescription: 'One item per story: syndicated copies merged, the originating outlet credited.',
  feedBaseUrl: 'http://127.0.0.1:8400/',
  feedLimit: 50,
  /**
   * The default schedule's interval (15 minutes): a reader polling more often mostly gets the same bytes
   * (publish may also run between two schedules, when fetches changed stories: a reader then sees the
   * change up to one interval late).
   */
  feedMaxAgeSeconds: 900,
  timeoutMs: 20_000,
  perHost: 2,
  maxBytes: 10 * 1024 * 1024,
  maxItems: 1_000,
  userAgent: 'feedmerge/0.1 (+https://github.com/feedmerge/feedmerge)',
} as const;

type Env = Readonly<Record<string, string | undefined>>;

export function loadRuntimeConfig(env: Env): RuntimeConfig {
  const baseUrl = str(env, 'FEEDMERGE_FEED_URL', DEFAULTS.feedBaseUrl);
  try {
    const u = new URL(baseUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    throw new ConfigError(`FEEDMERGE_FEED_URL must be an absolute http(s) URL, got ${JSON.stringify(baseUrl)}`);
  }
  return {
    tableName: str(env, 'FEEDMERGE_TABLE', TABLE.defaultName),
    bucketName: str(env, 'FEEDMERGE_BUCKET', BUCKET.defaultName),
    fetchQueueUrl: env.FEEDMERGE_FETCH_QUEUE_URL?.trim() || undefined,
    publishQueueUrl: env.FEEDMERGE_PUBLISH_QUEUE_URL?.trim() || undefined,
    s3ForcePathStyle: env.FEEDMERGE_S3_FORCE_PATH_STYLE === 'true',
    feed: {
      title: str(env, 'FEEDMERGE_FEED_TITLE', DEFAULTS.feedTitle),
      description: str(env, 'FEEDMERGE_FEED_DESCRIPTION', DEFAULTS.feedDescription),
      baseUrl: baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`,
      limit: int(env, 'FEEDMERGE_FEED_LIMIT', DEFAULTS.feedLimit, 1, 1000),
      maxAgeSeconds: int(env, 'FEEDMERGE_FEED_MAX_AGE_SECONDS', DEFAULTS.feedMaxAgeSeconds, 0, 86_400),
    },
    // On unless turned off: the analysts' SQL reads it.
    analytics: env.FEEDMERGE_ANALYTICS === undefined || env.FEEDMERGE_ANALYTICS.trim() === '' ? true : bool(env, 'FEEDMERGE_ANALYTICS'),
    dedup: {
      containment: ratio(env, 'FEEDMERGE_NEAR_CONTAINMENT', DEFAULT_THRESHOLDS.containment),
      containmentWithTitle: ratio(env, 'FEEDMERGE_NEAR_CONTAINMENT_WITH_TITLE', DEFAULT_THRESHOLDS.containmentWithTitle),
      minShared: int(env, 'FEEDMERGE_NEAR_MIN_SHARED', DEFAULT_THRESHOLDS.minShared, 1, 10_000),
      coverage: ratio(env, 'FEEDMERGE_NEAR_COVERAGE', DEFAULT_THRESHOLDS.coverage),
      title: ratio(env, 'FEEDMERGE_NEAR_TITLE', DEFAULT_THRESHOLDS.title),
      conflictRatio: ratio(env, 'FEEDMERGE_NEAR_CONFLICT_RATIO', DEFAULT_THRESHOLDS.conflictRatio),
    },
    fetch: {
      timeoutMs: int(env, 'FEEDMERGE_FETCH_TIMEOUT_MS', DEFAULTS.timeoutMs, 100, 900_000),
      maxBytes: int(env, 'FEEDMERGE_MAX_FEED_BYTES', DEFAULTS.maxBytes, 1024, 1024 ** 3),
      maxItems: int(env, 'FEEDMERGE_MAX_ITEMS', DEFAULTS.maxItems, 1, 100_000),
      userAgent: str(env, 'FEEDMERGE_USER_AGENT', DEFAULTS.userAgent),
      perHost: int(env, 'FEEDMERGE_FETCHES_PER_HOST', DEFAULTS.perHost, 1, 64),
      // The deployed stack always denies private networks; the local runner allows them (its outlets
      // are served on 127.0.0.1) unless told otherwise. Link-local addresses are refused either way.
      network: bool(env, 'FEEDMERGE_DENY_PRIVATE_NETWORK') ? DENY_PRIVATE : ALLOW_PRIVATE,
    },
  };
}

function bool(env: Env, name: string): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(env[name])}`);
}

function str(env: Env, name: string, fallback: string): string {
  const value = env[name]?.trim();
  return value ? value : fallback;
}

function ratio(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = /^(0(\.\d+)?|1(\.0+)?)$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isNaN(value)) throw new ConfigError(`${name} must be a number from 0 to 1, got ${JSON.stringify(raw)}`);
  return value;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}
