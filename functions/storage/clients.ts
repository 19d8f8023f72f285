/**
 * AWS SDK v3 clients, the same in Lambda and locally. Deployed (and with --aws), endpoints, region and
 * credentials come from the SDK's own defaults; locally, a `Connection` names the embedded stores. The
 * only difference between deployed and local is that connection.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';

export interface AwsClients {
  readonly dynamodb: DynamoDBClient;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
}

/** Where the clients connect when not to AWS itself (the embedded dynalite and s3rver, a proxy in a test). */
export interface Connection {
  readonly endpoints: { readonly dynamodb?: string; readonly s3?: string; readonly sqs?: string };
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Path-style bucket addressing (s3rver needs it). */
  readonly forcePathStyle: boolean;
}

export interface ClientOptions {
  readonly connection?: Connection;
  /** Called with the clients built: how eval and bench attach their request meters. */
  readonly observe?: (clients: AwsClients) => void;
  /** Path-style bucket addressing without a connection (other S3-compatible endpoints). */
  readonly forcePathStyle?: boolean;
}

export function createClients(options: ClientOptions = {}): AwsClients {
  const c = options.connection;
  const common = c ? { region: c.region, credentials: { ...c.credentials } } : {};
  const clients: AwsClients = {
    dynamodb: new DynamoDBClient({ maxAttempts: 5, ...common, ...(c?.endpoints.dynamodb ? { endpoint: c.endpoints.dynamodb } : {}) }),
    s3: new S3Client({
      maxAttempts: 5,
      ...common,
      ...(c?.endpoints.s3 ? { endpoint: c.endpoints.s3 } : {}),
      forcePathStyle: c?.forcePathStyle ?? options.forcePathStyle ?? false,
      // Checksums only where S3 requires them: s3rver mis-stores aws-chunked bodies, and our bodies are small.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
    sqs: new SQSClient({ maxAttempts: 5, ...common, ...(c?.endpoints.sqs ? { endpoint: c.endpoints.sqs } : {}) }),
  };
  options.observe?.(clients);
  return clients;
}
