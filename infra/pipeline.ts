/**
 * The three functions, their queues and schedule, and least-privilege permissions:
 * - dispatch reads the registry object and sends to the fetch queue (nothing of the table);
 * - fetch reads/writes the table (no deletes: no DeleteItem, no BatchWriteItem), reads/writes canonical
 *   copies under content/ and writes the analytics copy under analytics/ (no deletes), consumes the fetch queue and signals the publish queue;
 * - publish reads the table and the canonical copies and registry, writes feed/* and, of the table, only
 *   the feed's version marker (UpdateItem on the META partition).
 */
import { FETCH_BATCH, FETCH_BATCH_CONCURRENCY, PUBLISH_TIMEOUT_SECONDS } from '../shared/core/config.ts';
import { type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { ANALYTICS, BUCKET, keys } from '../shared/core/schema.ts';
import type { DeployConfig } from './config.ts';

export interface PipelineProps {
  readonly config: DeployConfig;
  readonly table: dynamodb.ITableV2;
  readonly bucket: s3.IBucket;
  /** Public base URL of the merged feed, ending in `/`. */
  readonly feedUrl: string;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Attempts before a fetch job goes to the dead-letter queue. */
const MAX_RECEIVES = 3;

export class Pipeline extends Construct {
  readonly dispatch: NodejsFunction;
  readonly fetch: NodejsFunction;
  readonly publish: NodejsFunction;
  readonly fetchQueue: sqs.Queue;
  readonly fetchDeadLetters: sqs.Queue;
  readonly publishQueue: sqs.Queue;
  readonly publishDeadLetters: sqs.Queue;
  readonly schedule: events.Rule;

  constructor(scope: Construct, id: string, props: PipelineProps) {
    super(scope, id);
    const { config, table, bucket } = props;
    // Worst case per fetch invocation: every outlet of the batch hits the fetch deadline, plus ingest time,
    // FETCH_BATCH_CONCURRENCY at a time.
    const rounds = Math.ceil(FETCH_BATCH / FETCH_BATCH_CONCURRENCY);
    const fetchTimeout = Duration.seconds(Math.min(900, rounds * (config.fetchTimeoutSeconds + 15) + 30));

    this.fetchDeadLetters = this.queue('FetchDeadLetters', Duration.days(14));
    this.fetchQueue = this.queue('FetchQueue', Duration.days(1), {
      // AWS recommends a visibility timeout of at least six times the consumer's timeout.
      visibilityTimeout: Duration.seconds(fetchTimeout.toSeconds() * 6),
      deadLetterQueue: { queue: this.fetchDeadLetters, maxReceiveCount: MAX_RECEIVES },
    });
    this.publishDeadLetters = this.queue('PublishDeadLetters', Duration.days(14));
    this.publishQueue = this.queue('PublishQueue', Duration.hours(1), {
      visibilityTimeout: Duration.minutes(6),
      deadLetterQueue: { queue: this.publishDeadLetters, maxReceiveCount: MAX_RECEIVES },
    });

    const environment = {
      FEEDMERGE_TABLE: table.tableName,
      FEEDMERGE_BUCKET: bucket.bucketName,
      FEEDMERGE_FEED_URL: props.feedUrl,
      FEEDMERGE_FEED_TITLE: config.feedTitle,
      ...(config.feedDescription ? { FEEDMERGE_FEED_DESCRIPTION: config.feedDescription } : {}),
      FEEDMERGE_FEED_LIMIT: String(config.feedLimit),
      // Readers and caches may keep a feed object one schedule interval: at most that late for a change.
      FEEDMERGE_FEED_MAX_AGE_SECONDS: String(config.scheduleMinutes * 60),
      FEEDMERGE_FETCH_TIMEOUT_MS: String(config.fetchTimeoutSeconds * 1000),
      FEEDMERGE_MAX_FEED_BYTES: String(config.maxFeedBytes),
      // Deployed, the fetcher never reaches loopback, private or link-local addresses (instance metadata).
      FEEDMERGE_DENY_PRIVATE_NETWORK: 'true',
      FEEDMERGE_FETCH_QUEUE_URL: this.fetchQueue.queueUrl,
      FEEDMERGE_PUBLISH_QUEUE_URL: this.publishQueue.queueUrl,
      ...(config.dashboard ? { FEEDMERGE_DETAILED_METRICS: 'true' } : {}),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // A larger young generation: the text path allocates many short-lived strings (npm run bench).
      NODE_OPTIONS: '--max-semi-space-size=64 --enable-source-maps',
    };

    // Memory from measurement: `feedmerge eval` on the dev corpus (8 outlets, 634 new items, two cycles)
    // peaks at 250 MB of RSS with dynalite, s3rver and the TypeScript loader in the same process; a fetch
    // invocation holds one feed at a time (at most maxFeedBytes) and is network-bound.
    this.dispatch = this.function('Dispatch', 'dispatch', { environment, memorySize: 256, timeout: Duration.seconds(60), config });
    this.fetch = this.function('Fetch', 'fetch', { environment, memorySize: 512, timeout: fetchTimeout, config });
    this.publish = this.function('Publish', 'publish', { environment, memorySize: 512, timeout: Duration.seconds(PUBLISH_TIMEOUT_SECONDS), config });

    this.fetch.addEventSource(
      new SqsEventSource(this.fetchQueue, {
        batchSize: FETCH_BATCH,
        // A batch of more than 10 messages needs a batching window: dispatch sends a cycle's jobs at once,
        // so the batches fill at once too.
        maxBatchingWindow: Duration.seconds(1),
        reportBatchItemFailures: true,
        maxConcurrency: config.fetchConcurrency,
      }),
    );
    this.publish.addEventSource(
      new SqsEventSource(this.publishQueue, {
        // "Stories changed" signals pile up while outlets are fetched: one publish per window.
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(60),
        reportBatchItemFailures: false,
        maxConcurrency: 2,
      }),
    );

    this.schedule = new events.Rule(this, 'Schedule', {
      description: 'feedmerge cycle: dispatch the outlets, and publish even if nothing changed',
      schedule: events.Schedule.rate(Duration.minutes(config.scheduleMinutes)),
      targets: [new targets.LambdaFunction(this.dispatch), new targets.LambdaFunction(this.publish)],
    });

    this.grantPermissions(table, bucket);
  }

  private queue(id: string, retention: Duration, props: Partial<sqs.QueueProps> = {}): sqs.Queue {
    return new sqs.Queue(this, id, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: retention,
      ...props,
    });
  }

  private function(
    id: string,
    name: 'dispatch' | 'fetch' | 'publish',
    opts: { environment: Record<string, string>; memorySize: number; timeout: Duration; config: DeployConfig },
  ): NodejsFunction {
    const logGroup = new logs.LogGroup(this, `${id}Logs`, { retention: opts.config.logRetentionDays as logs.RetentionDays });
    return new NodejsFunction(this, id, {
      entry: `${ROOT}functions/${name}/handler.ts`,
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: opts.memorySize,
      timeout: opts.timeout,
      environment: opts.environment,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      logGroup,
      projectRoot: ROOT,
      depsLockFilePath: `${ROOT}package-lock.json`,
      bundling: {
        format: OutputFormat.CJS,
        target: 'node22',
        minify: true,
        sourceMap: true,
        // The Lambda runtime ships AWS SDK v3, but bundling pins the version that was tested.
        externalModules: [],
      },
    });
  }

  private grantPermissions(table: dynamodb.ITableV2, bucket: s3.IBucket): void {
    const objects = (prefix: string) => bucket.arnForObjects(`${prefix}*`);
    const indexes = `${table.tableArn}/index/*`;

    // Without s3:ListBucket, S3 answers 403 instead of 404 for a missing key — and the adapters rely on
    // "not found" (a feed object not yet published, a registry not yet imported). It lists keys only.
    const listBucket = new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] });
    for (const fn of [this.dispatch, this.fetch, this.publish]) fn.addToRolePolicy(listBucket);

    this.dispatch.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects(BUCKET.registryKey)] }));
    this.fetchQueue.grantSendMessages(this.dispatch);

    this.fetch.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
        resources: [table.tableArn],
      }),
    );
    // ITEM records are written a chunk at a time. A batch write could also delete: it is held to them.
    this.fetch.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:BatchWriteItem'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${keys.item('', '').pk.replace(/#+$/, '')}#*`] } },
      }),
    );
    this.fetch.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [objects(BUCKET.contentPrefix)] }),
    );
    this.publishQueue.grantSendMessages(this.fetch);

    this.publish.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'], resources: [table.tableArn, indexes] }),
    );
    this.publish.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [objects(BUCKET.contentPrefix), bucket.arnForObjects(BUCKET.registryKey), objects(BUCKET.feedPrefix)],
      }),
    );
    this.publish.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [objects(BUCKET.feedPrefix)] }));
    // Its cache of what it read for the last rendering (one object).
    this.publish.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [bucket.arnForObjects(BUCKET.publishStateKey)] }),
    );
    // The cycle's analytics logs, written out from the journal (analytics/<log>/dt=…/export-<time>.json).
    this.publish.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [objects(ANALYTICS.prefix)] }));
    Validations.of(this.publish).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${resourceToken(bucket)}.Arn>/analytics/*]`,
      reason: 'Analytics objects are named by day and time of export (analytics/<log>/dt=<day>/export-<time>.json): the prefix is as narrow as the keys allow.',
    });
    // Its one table write: the feed's version marker (META/FEED), what it last rendered. Nothing else.
    this.publish.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:UpdateItem'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [keys.feedMarker().pk] } },
      }),
    );

    const contentReason =
      'Canonical copies are named by their content hash (content/<hash>.json) and merged-feed objects by format (feed/*): the keys cannot be listed at deploy time, the prefix is as narrow as they allow.';
    for (const fn of [this.fetch, this.publish]) {
      Validations.of(fn).acknowledge({ id: `AwsSolutions-IAM5[Resource::<${resourceToken(bucket)}.Arn>/content/*]`, reason: contentReason });
    }
    Validations.of(this.publish).acknowledge({ id: `AwsSolutions-IAM5[Resource::<${resourceToken(bucket)}.Arn>/feed/*]`, reason: contentReason });
    Validations.of(this.publish).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${resourceToken(table)}.Arn>/index/*]`,
      reason: 'publish queries the index of the table (byPublished); index ARNs are children of the table ARN.',
    });
  }
}

/** How cdk-nag names a resource's ARN in IAM findings: `<LogicalId.Arn>`. */
function resourceToken(construct: Construct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}
