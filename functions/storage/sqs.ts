/** SQS adapter: the fan-out of fetch jobs, and the "something changed, publish" signal. */
import { SendMessageBatchCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FetchJob } from '../../shared/core/model.ts';

const BATCH = 10;

export class JobQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  /** Sends one message per job (in batches of ten); throws if any could not be sent. */
  async sendJobs(jobs: readonly FetchJob[]): Promise<void> {
    for (let i = 0; i < jobs.length; i += BATCH) {
      const batch = jobs.slice(i, i + BATCH);
      const res = await this.client.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: batch.map((job, n) => ({ Id: String(n), MessageBody: JSON.stringify(job) })),
        }),
      );
      if (res.Failed && res.Failed.length > 0) {
        throw new Error(`SQS refused ${res.Failed.length} fetch jobs: ${res.Failed.map((f) => f.Code).join(', ')}`);
      }
    }
  }

  async send(body: unknown): Promise<void> {
    await this.client.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(body) }));
  }
}
