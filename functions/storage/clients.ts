/**
 * AWS SDK v3 clients, the same in Lambda and locally. Endpoints come from the SDK's own environment
 * convention (`AWS_ENDPOINT_URL_DYNAMODB`, `AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL`), credentials from
 * its default chain: the only difference between deployed and local is that environment.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { RuntimeConfig } from '../../shared/core/config.ts';

export interface AwsClients {
  readonly dynamodb: DynamoDBClient;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
}

/** Called with every pair of clients created: how eval and bench attach their request meters. */
export const clientObservers: Array<(clients: AwsClients) => void> = [];

export function createClients(config: Pick<RuntimeConfig, 's3ForcePathStyle'>): AwsClients {
  const clients: AwsClients = {
    dynamodb: new DynamoDBClient({ maxAttempts: 5 }),
    s3: new S3Client({
      maxAttempts: 5,
      forcePathStyle: config.s3ForcePathStyle,
      // Checksums only where S3 requires them: s3rver mis-stores aws-chunked bodies, and our bodies are small.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
    sqs: new SQSClient({ maxAttempts: 5 }),
  };
  for (const observe of clientObservers) observe(clients);
  return clients;
}
