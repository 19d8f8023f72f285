/**
 * Validation of external configuration at the boundary: the feeds file and the runtime environment.
 * Errors are one line, name the field (and, for files, the line), and never carry a stack trace.
 */
import { ALLOW_PRIVATE, DENY_PRIVATE, type NetworkPolicy } from '../fetch/network-guard.ts';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
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

/**
 * Parses a feeds file: `{ "outlets": [ { "id", "name", "url" } ] }`. Relative URLs are resolved against
 * `baseUrl` when one is given (the local runner's example server), and are an error otherwise.
 */
export function parseOutletsJson(text: string, source: string, baseUrl?: string): OutletsFile {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length;
  const fail = (message: string, node?: Node): never => {
    throw new ConfigError(`${source}${node ? `:${lineOf(node.offset)}` : ''}: ${message}`);
  };
  if (errors.length > 0 || !root) {
    const first = errors[0];
    throw new ConfigError(`${source}:${first ? lineOf(first.offset) : 1}: invalid JSON (${first ? printParseErrorCode(first.error) : 'empty file'})`);
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
    if (!OUTLET_ID.test(id)) {
      fail(`${where}.id ${JSON.stringify(id)} must be lowercase letters, digits and dashes (at most 63)`, findNodeAtLocation(node, ['id']));
    }
    if (seen.has(id)) fail(`${where}.id ${JSON.stringify(id)} is listed twice`, findNodeAtLocation(node, ['id']));
    seen.add(id);
    const name = field('name');
    const rawUrl = field('url');
    let url: URL;
    try {
      url = baseUrl ? new URL(rawUrl, baseUrl) : new URL(rawUrl);
    } catch {
      return fail(`${where}.url ${JSON.stringify(rawUrl)} is not an absolute http(s) URL`, findNodeAtLocation(node, ['url']));
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      fail(`${where}.url must use http or https, not ${url.protocol}`, findNodeAtLocation(node, ['url']));
    }
    return { id, name, url: url.href };
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

export const DEFAULTS = {
  feedTitle: 'feedmerge',
  feedDescription: 'One item per story: syndicated copies merged, the originating outlet credited.',
  feedBaseUrl: 'http://127.0.0.1:8400/',
  feedLimit: 50,
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
