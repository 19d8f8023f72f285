/**
 * The AWS-compatible stores the local runner uses: dynalite (DynamoDB API) and s3rver (S3 API),
 * on 127.0.0.1, persisted under the state folder — unless the AWS SDK's endpoint variables point
 * elsewhere (DynamoDB Local, LocalStack, real AWS), in which case nothing is started.
 *
 * A running `feedmerge run` holds the stores (LevelDB allows one process), so it publishes its
 * endpoints in `<state>/endpoints.json`; other commands on the same state folder connect to them.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { BUCKET, TABLE } from '../shared/core/schema.ts';
import { ConfigError } from '../shared/core/config.ts';
import { createClients } from '../functions/storage/clients.ts';
import { ensureBucket, ensureTable } from '../functions/storage/setup.ts';

export interface Stores {
  /** Where the stores are, for messages. */
  readonly description: string;
  close(): Promise<void>;
}

const ENDPOINT_VARS = ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL_S3'] as const;
// s3rver only accepts these; dynalite accepts anything.
const EMBEDDED_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

interface EndpointsFile {
  readonly pid: number;
  readonly dynamodb: string;
  readonly s3: string;
}

/**
 * Makes the stores available and points this process's environment (read by the handlers' SDK
 * clients) at them. `own`: this process must hold the stores (the runner); otherwise it may use
 * those of a runner already working on the same state folder.
 */
export async function openStores(stateDir: string, { own, aws = false }: { own: boolean; aws?: boolean }): Promise<Stores> {
  const env = process.env;
  if (aws) {
    // The deployed stack: the SDK's own credentials, region and endpoints; names from the stack outputs.
    if (!env.FEEDMERGE_TABLE || !env.FEEDMERGE_BUCKET) {
      throw new ConfigError('--aws needs FEEDMERGE_TABLE and FEEDMERGE_BUCKET (the stack outputs TableName and BucketName)');
    }
    return { description: `AWS: table ${env.FEEDMERGE_TABLE}, bucket ${env.FEEDMERGE_BUCKET}`, close: async () => {} };
  }
  env.AWS_REGION ??= 'us-east-1';
  env.FEEDMERGE_TABLE ??= TABLE.defaultName;
  env.FEEDMERGE_BUCKET ??= BUCKET.defaultName;
  if (ENDPOINT_VARS.some((name) => env[name])) {
    const clients = createClients({ s3ForcePathStyle: env.FEEDMERGE_S3_FORCE_PATH_STYLE === 'true' });
    if (own) await ensureStorage(clients, env);
    return { description: 'endpoints from AWS_ENDPOINT_URL*', close: async () => {} };
  }

  const dir = resolve(stateDir);
  const endpointsPath = join(dir, 'endpoints.json');
  const running = readRunningEndpoints(endpointsPath);
  if (running && !own) {
    const restore = pointAt(running.dynamodb, running.s3);
    return { description: `the stores of the runner (pid ${running.pid}) in ${dir}`, close: async () => restore() };
  }
  if (running && own) throw new Error(`another feedmerge run (pid ${running.pid}) is using ${dir}; stop it or pass --state <another dir>`);

  mkdirSync(join(dir, 'dynamodb'), { recursive: true });
  mkdirSync(join(dir, 's3'), { recursive: true });
  const dynamo = dynalite({ path: join(dir, 'dynamodb'), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((ok, fail) => {
    dynamo.once('error', fail);
    dynamo.listen(0, '127.0.0.1', () => ok());
  });
  const s3 = new S3rver({ address: '127.0.0.1', port: 0, directory: join(dir, 's3'), silent: true });
  const s3Address = await s3.run();
  const dynamoUrl = `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`;
  const s3Url = `http://127.0.0.1:${s3Address.port}`;
  const restoreEnv = pointAt(dynamoUrl, s3Url);
  const clients = createClients({ s3ForcePathStyle: true });
  await ensureStorage(clients, env);
  if (own) writeFileSync(endpointsPath, JSON.stringify({ pid: process.pid, dynamodb: dynamoUrl, s3: s3Url } satisfies EndpointsFile));

  let closed = false;
  return {
    description: `dynalite ${dynamoUrl} + s3rver ${s3Url}, data in ${dir}`,
    async close() {
      if (closed) return;
      closed = true;
      if (own) rmSync(endpointsPath, { force: true });
      clients.dynamodb.destroy();
      clients.s3.destroy();
      await Promise.all([s3.close(), new Promise<void>((ok) => dynamo.close(() => ok()))]);
      restoreEnv();
    },
  };
}

/** Points this process's SDK clients at the embedded stores; returns how to undo it. */
function pointAt(dynamoUrl: string, s3Url: string): () => void {
  const values: Record<string, string> = {
    ...EMBEDDED_CREDENTIALS,
    AWS_ENDPOINT_URL_DYNAMODB: dynamoUrl,
    AWS_ENDPOINT_URL_S3: s3Url,
    FEEDMERGE_S3_FORCE_PATH_STYLE: 'true',
  };
  const previous = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

async function ensureStorage(clients: ReturnType<typeof createClients>, env: NodeJS.ProcessEnv): Promise<void> {
  await ensureTable(clients.dynamodb, env.FEEDMERGE_TABLE ?? TABLE.defaultName);
  await ensureBucket(clients.s3, env.FEEDMERGE_BUCKET ?? BUCKET.defaultName);
}

function readRunningEndpoints(path: string): EndpointsFile | undefined {
  let parsed: EndpointsFile;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as EndpointsFile;
  } catch {
    return undefined;
  }
  try {
    process.kill(parsed.pid, 0); // is it alive?
    return parsed.pid === process.pid ? undefined : parsed;
  } catch {
    return undefined; // a crashed runner left it behind
  }
}
