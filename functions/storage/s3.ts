/**
 * S3 adapter: canonical copies (content-addressed), the merged feed objects and the outlet registry.
 * Bodies are always strings/Buffers: s3rver would store aws-chunked framing for streamed bodies.
 */
import type { AnalyticsSink } from '../../shared/analytics/export.ts';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, NoSuchKey, NotFound, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import type { CanonicalContent, Outlet } from '../../shared/core/model.ts';
import type { ContentStore, PublishStateStore, RegistryStore } from '../../shared/core/ports.ts';
import { parseOutletsJson } from '../../shared/core/config.ts';
import { BUCKET, keys } from '../../shared/core/schema.ts';

export class S3Store implements ContentStore, RegistryStore, AnalyticsSink, PublishStateStore {
  /**
   * The request in flight per key. S3 replaces an object atomically; s3rver (the embedded S3) writes the
   * file in place, so two writes of one key at once (two outlets founding the same text) can leave one
   * JSON followed by the other's tail, and a read during a write can see half of it. One process's
   * requests for one key therefore go one after another — in Lambda as locally, at no cost elsewhere.
   */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  private byKey<T>(key: string, request: () => Promise<T>): Promise<T> {
    const previous = this.inFlight.get(key) ?? Promise.resolve();
    const mine = previous.catch(() => undefined).then(request);
    this.inFlight.set(key, mine);
    const clear = () => {
      if (this.inFlight.get(key) === mine) this.inFlight.delete(key);
    };
    mine.then(clear, clear);
    return mine;
  }

  private async put(key: string, body: string, contentType: string, cacheControl?: string): Promise<void> {
    await this.byKey(key, () =>
      this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType, CacheControl: cacheControl })),
    );
  }

  async putCanonical(content: CanonicalContent): Promise<void> {
    await this.put(keys.content(content.contentHash), JSON.stringify(content), 'application/json; charset=utf-8');
  }

  async putAnalytics(key: string, body: string): Promise<void> {
    await this.put(key, body, 'application/x-ndjson; charset=utf-8');
  }

  async getPublishState(): Promise<string | undefined> {
    return this.getText(BUCKET.publishStateKey);
  }

  async putPublishState(body: string): Promise<void> {
    await this.put(BUCKET.publishStateKey, body, 'application/json; charset=utf-8');
  }

  /** Every key under `prefix` (all pages). */
  async listKeys(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }

  async getCanonical(contentHash: string): Promise<CanonicalContent | undefined> {
    const text = await this.getText(keys.content(contentHash));
    return text === undefined ? undefined : (JSON.parse(text) as CanonicalContent);
  }

  /** The registry, or undefined if there is none yet; a registry that cannot be read or parsed throws. */
  async findOutlets(): Promise<Outlet[] | undefined> {
    const text = await this.getText(BUCKET.registryKey);
    return text === undefined ? undefined : parseOutletsJson(text, `s3://${this.bucket}/${BUCKET.registryKey}`).outlets;
  }

  async putOutlets(outlets: readonly Outlet[]): Promise<boolean> {
    return this.putIfChanged(BUCKET.registryKey, `${JSON.stringify({ outlets }, null, 2)}\n`, 'application/json; charset=utf-8');
  }

  /**
   * Writes the object only if its bytes differ from what is stored (compared by MD5, which is the
   * ETag of a single-part upload). Returns whether it wrote.
   */
  async putIfChanged(key: string, body: string, contentType: string, cacheControl?: string): Promise<boolean> {
    const md5 = createHash('md5').update(body, 'utf8').digest('hex');
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      if (head.ETag?.replaceAll('"', '') === md5) return false;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    await this.put(key, body, contentType, cacheControl);
    return true;
  }

  async getText(key: string): Promise<string | undefined> {
    return this.byKey(key, async () => {
      try {
        const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
        return await res.Body?.transformToString('utf-8');
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    });
  }
}

function isNotFound(err: unknown): boolean {
  if (err instanceof NoSuchKey || err instanceof NotFound) return true;
  const status = (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return status === 404;
}
