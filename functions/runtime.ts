/**
 * The wiring every handler shares: configuration from the environment, validated once per
 * container, and the storage adapters built on the SDK clients.
 */
import { loadRuntimeConfig, type RuntimeConfig } from '../shared/core/config.ts';
import { createClients } from './storage/clients.ts';
import { DynamoStore } from './storage/dynamo.ts';
import { S3Store } from './storage/s3.ts';
import { JobQueue } from './storage/sqs.ts';
import { HostGate } from '../shared/fetch/host-gate.ts';

export interface Runtime {
  readonly config: RuntimeConfig;
  readonly table: DynamoStore;
  readonly bucket: S3Store;
  /** Deployed only (see RuntimeConfig). */
  readonly fetchQueue?: JobQueue;
  readonly publishQueue?: JobQueue;
  /** This process's bound on concurrent fetches per host (shared by every job it runs). */
  readonly hosts: HostGate;
}

let cached: { readonly key: string; readonly runtime: Runtime } | undefined;

/** Built on first use; rebuilt if the environment changed (the local runner sets it before the first call). */
export function runtime(env: NodeJS.ProcessEnv = process.env): Runtime {
  const key = JSON.stringify(
    Object.entries(env).filter(([k]) => k.startsWith('FEEDMERGE_') || k.startsWith('AWS_')).sort(),
  );
  if (cached?.key === key) return cached.runtime;
  const config = loadRuntimeConfig(env);
  const clients = createClients(config);
  const runtime: Runtime = {
    config,
    table: new DynamoStore(clients.dynamodb, config.tableName),
    bucket: new S3Store(clients.s3, config.bucketName),
    fetchQueue: config.fetchQueueUrl ? new JobQueue(clients.sqs, config.fetchQueueUrl) : undefined,
    publishQueue: config.publishQueueUrl ? new JobQueue(clients.sqs, config.publishQueueUrl) : undefined,
    hosts: new HostGate(config.fetch.perHost),
  };
  cached = { key, runtime };
  return runtime;
}
