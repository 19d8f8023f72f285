/**
 * The runtime every handler is given: its configuration (validated) and the storage adapters on their
 * SDK clients. Built explicitly — by the Lambda entry points from the function's environment, by the CLI,
 * the tests and the bench from theirs — and passed down; nothing reads a module-level cache.
 */
import { loadRuntimeConfig, type RuntimeConfig } from '../shared/core/config.ts';
import { createClients, type AwsClients, type ClientOptions } from './storage/clients.ts';
import { DynamoStore } from './storage/dynamo.ts';
import { S3Store } from './storage/s3.ts';
import { JobQueue } from './storage/sqs.ts';
import { HostGate } from '../shared/fetch/host-gate.ts';

export interface Runtime {
  readonly config: RuntimeConfig;
  readonly clients: AwsClients;
  readonly table: DynamoStore;
  readonly bucket: S3Store;
  /** Deployed only (see RuntimeConfig). */
  readonly fetchQueue?: JobQueue;
  readonly publishQueue?: JobQueue;
  /** This process's bound on concurrent fetches per host (shared by every job it runs). */
  readonly hosts: HostGate;
  /** Closes the clients' connections. */
  close(): void;
}

/** A runtime from configuration variables (`FEEDMERGE_*`) and, locally, a connection to the stores. */
export function createRuntime(env: Readonly<Record<string, string | undefined>>, options: ClientOptions = {}): Runtime {
  const config = loadRuntimeConfig(env);
  const clients = createClients({ forcePathStyle: config.s3ForcePathStyle, ...options });
  return {
    config,
    clients,
    table: new DynamoStore(clients.dynamodb, config.tableName),
    bucket: new S3Store(clients.s3, config.bucketName),
    fetchQueue: config.fetchQueueUrl ? new JobQueue(clients.sqs, config.fetchQueueUrl) : undefined,
    publishQueue: config.publishQueueUrl ? new JobQueue(clients.sqs, config.publishQueueUrl) : undefined,
    hosts: new HostGate(config.fetch.perHost),
    close() {
      clients.dynamodb.destroy();
      clients.s3.destroy();
      clients.sqs.destroy();
    },
  };
}

let lambda: Runtime | undefined;

/**
 * The Lambda entry points' runtime: built from the function's environment on the first invocation of an
 * execution environment and kept for the next ones (the SDK clients keep their connections warm).
 */
export function lambdaRuntime(): Runtime {
  return (lambda ??= createRuntime(process.env));
}
