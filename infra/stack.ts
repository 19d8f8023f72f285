/**
 * The feedmerge stack: what runs locally, deployed.
 *
 *   EventBridge schedule ─▶ dispatch ─▶ fetch queue (DLQ) ─▶ fetch (×N, partial batch failures)
 *                      │                                        │ "stories changed"
 *                      └──────────────▶ publish ◀── publish queue (batched) ◀┘
 *   fetch, publish ─▶ DynamoDB table + S3 bucket ─▶ CloudFront (feed/*) ─▶ readers
 *                                      └─ analytics/ (JSON Lines) ─▶ Glue tables ─▶ Athena workgroup
 */
import { CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { readDeployConfig, type DeployConfig } from './config.ts';
import { Storage } from './storage.ts';
import { Pipeline } from './pipeline.ts';
import { Delivery } from './delivery.ts';
import { Monitoring } from './monitoring.ts';
import { Analytics } from './analytics.ts';

export interface FeedmergeStackProps extends StackProps {
  /** Overrides the configuration read from CDK context (tests). */
  readonly config?: DeployConfig;
}

export class FeedmergeStack extends Stack {
  readonly storage: Storage;
  readonly pipeline: Pipeline;
  readonly delivery: Delivery;
  readonly analytics: Analytics;

  constructor(scope: Construct, id: string, props: FeedmergeStackProps = {}) {
    super(scope, id, props);
    const config = props.config ?? readDeployConfig(this.node);
    this.storage = new Storage(this, 'Storage');
    this.delivery = new Delivery(this, 'Delivery', { bucket: this.storage.bucket, scheduleMinutes: config.scheduleMinutes });
    this.pipeline = new Pipeline(this, 'Pipeline', {
      config,
      table: this.storage.table,
      bucket: this.storage.bucket,
      feedUrl: config.feedUrl ?? `https://${this.delivery.distribution.distributionDomainName}/`,
    });
    new Monitoring(this, 'Monitoring', { config, pipeline: this.pipeline });
    this.analytics = new Analytics(this, 'Analytics', { bucket: this.storage.bucket });

    new CfnOutput(this, 'FeedUrl', {
      value: `${config.feedUrl ?? `https://${this.delivery.distribution.distributionDomainName}/`}feed.xml`,
      description: 'The merged RSS feed (also feed.atom, feed.json, and an HTML page at /)',
    });
    new CfnOutput(this, 'TableName', { value: this.storage.table.tableName });
    new CfnOutput(this, 'AthenaWorkGroup', { value: this.analytics.workGroupName, description: 'Athena workgroup for the analysts\' SQL' });
    new CfnOutput(this, 'GlueDatabase', { value: this.analytics.databaseName, description: 'Glue database with the tables stories and copies' });
    new CfnOutput(this, 'BucketName', { value: this.storage.bucket.bucketName, description: 'Outlet registry: s3://<bucket>/config/outlets.json' });

    // The basic execution role's managed policy grants CloudWatch Logs writes only.
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'AWSLambdaBasicExecutionRole grants only CloudWatch Logs writes, which every function needs for its logs.',
    });
  }
}
