/**
 * The AWS-compatible stores the local runner uses: dynalite (DynamoDB API) and s3rver (S3 API),
 * on 127.0.0.1, persisted under the state folder — unless the AWS SDK's endpoint variables point
 * elsewhere (DynamoDB Local, LocalStack, real AWS), in which case nothing is started.
 *
 * A running `feedmerge run` holds the stores (LevelDB allows one process), so it publishes its
 * endpoints in `<state>/endpoints.json`; other commands on the same state folder connect to them.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { BUCKET, TABLE } from '../shared/core/schema.ts';
import { ConfigError } from '../shared/core/config.ts';
import { createClients, type AwsClients, type Connection } from '../functions/storage/clients.ts';
import { ensureBucket, ensureTable } from '../functions/storage/setup.ts';

export interface Stores {
  /** Where the stores are, for messages. */
  readonly description: string;
  /** How the SDK clients reach them; absent: the SDK's own defaults (AWS, or AWS_ENDPOINT_URL*). */
  readonly connection?: Connection;
  /** Configuration the stores imply (table and bucket names), under the caller's own variables. */
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/** A read command was pointed at a folder where no runner has kept state: there is nothing to read. */
export class MissingStateError extends Error {
  constructor(stateDir: string) {
    super(`no feedmerge state at ${stateDir}: run "feedmerge run --feeds <file>" first, or pass --state <dir>`);
    this.name = 'MissingStateError';
  }
}

/** Does this folder hold the embedded stores' data (as `feedmerge run` leaves it)? */
export function hasState(stateDir: string): boolean {
  const dir = resolve(stateDir);
  return ['dynamodb', 's3'].every((sub) => existsSync(join(dir, sub)) && statSync(join(dir, sub)).isDirectory());
}

const ENDPOINT_VARS = ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL_S3'] as const;

interface EndpointsFile {
  readonly pid: number;
  readonly dynamodb: string;
  readonly s3: string;
}

/** The embedded stores at these addresses (s3rver accepts only these credentials; dynalite any). */
function embedded(dynamodb: string, s3: string): Connection {
  return { endpoints: { dynamodb, s3 }, region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, forcePathStyle: true };
}

/**
 * Makes the stores available and says how to reach them (nothing in this process's environment is
 * changed). `own`: this process must hold the stores (the runner); otherwise it may use those of a
 * runner already working on the same state folder. `mustExist` (the commands that only read): a state
 * folder without the stores' data is a MissingStateError, and nothing is created — an empty store
 * would answer "0 stories" for a mistyped --state.
 */
export async function openStores(
  stateDir: string,
  {
    own,
    aws = false,
    mustExist = false,
    env = process.env,
  }: { own: boolean; aws?: boolean; mustExist?: boolean; env?: Readonly<Record<string, string | undefined>> },
): Promise<Stores> {
  const names = { FEEDMERGE_TABLE: env.FEEDMERGE_TABLE ?? TABLE.defaultName, FEEDMERGE_BUCKET: env.FEEDMERGE_BUCKET ?? BUCKET.defaultName };
  if (aws) {
    // The deployed stack: the SDK's own credentials, region and endpoints; names from the stack outputs.
    if (!env.FEEDMERGE_TABLE || !env.FEEDMERGE_BUCKET) {
      throw new ConfigError('--aws needs FEEDMERGE_TABLE and FEEDMERGE_BUCKET (the stack outputs TableName and BucketName)');
    }
    return { description: `AWS: table ${env.FEEDMERGE_TABLE}, bucket ${env.FEEDMERGE_BUCKET}`, env: names, close: async () => {} };
  }
  if (ENDPOINT_VARS.some((name) => env[name])) {
    // Other AWS-compatible endpoints (DynamoDB Local, LocalStack): the SDK reads them itself.
    if (own) {
      const clients = createClients({ forcePathStyle: env.FEEDMERGE_S3_FORCE_PATH_STYLE === 'true' });
      await ensureStorage(clients, names);
      destroy(clients);
    }
    return { description: 'endpoints from AWS_ENDPOINT_URL*', env: names, close: async () => {} };
  }

  const dir = resolve(stateDir);
  const endpointsPath = join(dir, 'endpoints.json');
  const running = readRunningEndpoints(endpointsPath);
  if (running && !own) {
    return { description: `the stores of the runner (pid ${running.pid}) in ${dir}`, connection: embedded(running.dynamodb, running.s3), env: names, close: async () => {} };
  }
  if (running && own) throw new Error(`another feedmerge run (pid ${running.pid}) is using ${dir}; stop it or pass --state <another dir>`);
  if (mustExist && !hasState(dir)) throw new MissingStateError(stateDir);

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
  const connection = embedded(dynamoUrl, s3Url);
  const clients = createClients({ connection });
  await ensureStorage(clients, names);
  destroy(clients);
  if (own) writeFileSync(endpointsPath, JSON.stringify({ pid: process.pid, dynamodb: dynamoUrl, s3: s3Url } satisfies EndpointsFile));

  let closed = false;
  return {
    description: `dynalite ${dynamoUrl} + s3rver ${s3Url}, data in ${dir}`,
    connection,
    env: names,
    async close() {
      if (closed) return;
      closed = true;
      if (own) rmSync(endpointsPath, { force: true });
      await Promise.all([s3.close(), new Promise<void>((ok) => dynamo.close(() => ok()))]);
    },
  };
}

function destroy(clients: AwsClients): void {
  clients.dynamodb.destroy();
  clients.s3.destroy();
  clients.sqs.destroy();
}

async function ensureStorage(clients: AwsClients, names: { FEEDMERGE_TABLE: string; FEEDMERGE_BUCKET: string }): Promise<void> {
  await ensureTable(clients.dynamodb, names.FEEDMERGE_TABLE);
  await ensureBucket(clients.s3, names.FEEDMERGE_BUCKET);
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
