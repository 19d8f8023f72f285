/**
 * The CDK stack, synthesised (bundling skipped) and checked with aws-cdk-lib/assertions and cdk-nag.
 */
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { FeedmergeStack } from '../../infra/stack.ts';
import { FETCH_BATCH } from '../../shared/core/config.ts';
import { ANALYTICS_VIEWS } from '../../shared/analytics/views.ts';
import { ANALYTICS, BUCKET, JOURNAL, TABLE } from '../../shared/core/schema.ts';

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

function synth(context: Record<string, unknown> = {}): { template: Template; stack: FeedmergeStack } {
  const app = new App({ context: { ...NO_BUNDLING, ...context } });
  const stack = new FeedmergeStack(app, 'Test');
  return { template: Template.fromStack(stack), stack };
}

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

/** The statements of the inline policy attached to the role of the function whose logical id starts with `prefix`. */
function statementsOf(template: Template, prefix: string): Statement[] {
  const functions = template.findResources('AWS::Lambda::Function');
  const fnId = Object.keys(functions).find((id) => id.startsWith(prefix))!;
  const roleId = (functions[fnId]!.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
    (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === roleId),
  );
  return policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

const actionsOf = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat());

describe('FeedmergeStack', () => {
  let template: Template;
  beforeAll(() => {
    template = synth().template;
  });

  it('passes the AWS Solutions checks: no unacknowledged error, every acknowledgement with a reason', () => {
    const app = new App({ context: NO_BUNDLING });
    new FeedmergeStack(app, 'Nag');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).not.toThrow();
  });

  it('fails the AWS Solutions checks when a finding is not acknowledged (the check is live)', () => {
    const app = new App({ context: NO_BUNDLING });
    const stack = new FeedmergeStack(app, 'Nag');
    // A queue without a dead-letter queue, TLS enforcement or a reason: SQS3 and SQS4.
    new Queue(stack, 'Unchecked');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow();
  });

  it('deploys the table with the keys and indexes of shared/core/schema.ts, PITR, deletion protection, retained', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: TABLE.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey.name, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: TABLE.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      })),
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true })],
      // Journal records delete themselves once written out.
      TimeToLiveSpecification: { AttributeName: JOURNAL.ttlAttribute, Enabled: true },
    });
    expect(Object.values(template.findResources('AWS::DynamoDB::GlobalTable')).map((t) => t.DeletionPolicy)).toEqual(['Retain']);
  });

  it('keeps the bucket private, encrypted, versioned, TLS-only, with old feed versions expiring', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: Match.anyValue(),
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Prefix: 'feed/', NoncurrentVersionExpiration: { NoncurrentDays: 7 }, Status: 'Enabled' }),
          // Publish's cache is rewritten every cycle: its old versions go after a day.
          Match.objectLike({ Prefix: 'state/', NoncurrentVersionExpiration: { NoncurrentDays: 1 }, Status: 'Enabled' }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
    expect(Object.values(template.findResources('AWS::S3::Bucket')).map((b) => b.DeletionPolicy)).toEqual(['Retain']);
  });

  it('runs dispatch and publish on the schedule (default every 15 minutes)', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(15 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PipelineDispatch'), 'Arn'] } }), Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PipelinePublish'), 'Arn'] } })],
    });
    expect(synth({ 'feedmerge:scheduleMinutes': 5 }).template.findResources('AWS::Events::Rule')).toSatisfy((rules: object) =>
      JSON.stringify(rules).includes('rate(5 minutes)'),
    );
  });

  it('feeds fetch from a queue with a dead-letter queue, partial batch failures and bounded concurrency', () => {
    const queues = template.findResources('AWS::SQS::Queue');
    const fetchQueue = Object.entries(queues).find(([id]) => id.startsWith('PipelineFetchQueue'))![1];
    expect(fetchQueue.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [expect.stringMatching(/^PipelineFetchDeadLetters/), 'Arn'] },
      maxReceiveCount: 3,
    });
    expect(fetchQueue.Properties.SqsManagedSseEnabled).toBe(true);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: Match.stringLikeRegexp('^PipelineFetch') },
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PipelineFetchQueue'), 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      // A batch of 32 outlets, worked 8 at a time: more than 10 messages need a batching window.
      BatchSize: FETCH_BATCH,
      MaximumBatchingWindowInSeconds: 1,
      ScalingConfig: { MaximumConcurrency: 10 },
    });
    // Publish is triggered by fetch's "stories changed" signals, batched.
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: Match.stringLikeRegexp('^PipelinePublish') },
      MaximumBatchingWindowInSeconds: 60,
    });
  });

  it('runs three ARM64 Node.js functions with JSON logs, log retention and the queue URLs wired', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions).toHaveLength(3);
    for (const fn of functions) {
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Runtime).toMatch(/^nodejs2[2-9]\.x$/);
      expect(fn.Properties.LoggingConfig).toMatchObject({ LogFormat: 'JSON' });
      expect(Object.keys(fn.Properties.Environment.Variables)).toEqual(
        expect.arrayContaining(['FEEDMERGE_TABLE', 'FEEDMERGE_BUCKET', 'FEEDMERGE_FEED_URL', 'FEEDMERGE_FETCH_QUEUE_URL', 'FEEDMERGE_PUBLISH_QUEUE_URL']),
      );
      // Deployed, the fetcher never reaches loopback, private or link-local addresses.
      expect(fn.Properties.Environment.Variables.FEEDMERGE_DENY_PRIVATE_NETWORK).toBe('true');
      // Feed objects may be cached for one schedule interval (15 minutes by default).
      expect(fn.Properties.Environment.Variables.FEEDMERGE_FEED_MAX_AGE_SECONDS).toBe('900');
    }
    const hourly = Object.values(synth({ 'feedmerge:scheduleMinutes': 60 }).template.findResources('AWS::Lambda::Function'));
    for (const fn of hourly) expect(fn.Properties.Environment.Variables.FEEDMERGE_FEED_MAX_AGE_SECONDS).toBe('3600');
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('gives fetch no delete and publish no table write; no statement on "*"', () => {
    const fetch = actionsOf(statementsOf(template, 'PipelineFetch'));
    expect(fetch).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchGetItem', 's3:PutObject']));
    expect(fetch.filter((a) => /Delete|dynamodb:\*|s3:\*/.test(a) && a !== 'sqs:DeleteMessage')).toEqual([]);
    // Its batch writes (which could delete) are held to ITEM records.
    const batchWrites = statementsOf(template, 'PipelineFetch').filter((s) => [s.Action].flat().includes('dynamodb:BatchWriteItem'));
    expect(batchWrites).toHaveLength(1);
    expect([batchWrites[0]!.Action].flat()).toEqual(['dynamodb:BatchWriteItem']);
    expect(JSON.stringify(batchWrites[0])).toContain('"dynamodb:LeadingKeys":["ITEM#*"]');

    const publishStatements = statementsOf(template, 'PipelinePublish');
    const publish = actionsOf(publishStatements);
    expect(publish).toEqual(expect.arrayContaining(['dynamodb:Query', 's3:PutObject']));
    expect(publish.filter((a) => /^dynamodb:(Put|Delete|BatchWrite)/.test(a))).toEqual([]);
    // Its one table write, the feed's version marker, is held to the META partition.
    // Its cache: one object, read and written.
    expect(JSON.stringify(publishStatements.filter((s) => [s.Action].flat().includes('s3:PutObject')))).toContain(`/${BUCKET.publishStateKey}`);
    const updates = publishStatements.filter((s) => [s.Action].flat().includes('dynamodb:UpdateItem'));
    expect(updates).toHaveLength(1);
    expect(JSON.stringify(updates[0])).toContain('"dynamodb:LeadingKeys":["META"]');

    const dispatch = statementsOf(template, 'PipelineDispatch');
    // Dispatch reads the registry and queues jobs: nothing of the table (a paused outlet's fetch stops at its state).
    expect(actionsOf(dispatch).filter((a) => a.startsWith('dynamodb:'))).toEqual([]);

    // What each needs: reading a missing object must be a 404 (s3:ListBucket), not a 403.
    expect(fetch).toEqual(expect.arrayContaining(['s3:GetObject', 's3:ListBucket', 'dynamodb:GetItem', 'dynamodb:Query']));
    expect(publish).toEqual(expect.arrayContaining(['s3:GetObject', 's3:ListBucket', 'dynamodb:BatchGetItem', 'dynamodb:GetItem']));
    expect(actionsOf(dispatch)).toEqual(expect.arrayContaining(['s3:GetObject', 's3:ListBucket', 'sqs:SendMessage']));

    for (const statement of [...statementsOf(template, 'PipelineFetch'), ...statementsOf(template, 'PipelinePublish'), ...dispatch]) {
      expect([statement.Resource].flat()).not.toContain('*');
    }
  });

  it('serves feed/* through CloudFront over HTTPS with origin access control and index.html at the root', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Origins: [Match.objectLike({ OriginPath: '/feed', OriginAccessControlId: Match.anyValue() })],
      }),
    });
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({ DefaultTTL: 300, MaxTTL: 900 }),
    });
  });

  it('alarms on dead letters, dispatch errors and a feed not published for 4 intervals', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(4);
    expect(alarms.filter((a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible')).toHaveLength(2);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/Lambda', MetricName: 'Errors', Threshold: 0 });
    // Not published: the publish function's invocations less its errors (Lambda's free metrics).
    const notPublished = alarms.find((a) => a.Properties.Metrics)!;
    expect(notPublished.Properties).toMatchObject({ EvaluationPeriods: 4, Threshold: 1, ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching' });
    const metrics = notPublished.Properties.Metrics as Array<{ Expression?: string; MetricStat?: { Metric: { Namespace: string; MetricName: string } } }>;
    expect(metrics.find((m) => m.Expression)!.Expression).toBe('FILL(invocations, 0) - FILL(errors, 0)');
    expect(metrics.flatMap((m) => (m.MetricStat ? [`${m.MetricStat.Metric.Namespace} ${m.MetricStat.Metric.MetricName}`] : [])).sort()).toEqual(['AWS/Lambda Errors', 'AWS/Lambda Invocations']);
    // No alarm watches a custom metric (each would cost $0.30 a month).
    expect(JSON.stringify(alarms)).not.toContain('Feedmerge');
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    synth({ 'feedmerge:alarmEmail': 'ops@example.org' }).template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
    });
    // Fixed costs an operator can turn off (alarms) or on (the dashboard and the metrics only it shows).
    synth({ 'feedmerge:alarms': 'false' }).template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
  });

  it('deploys no dashboard and emits no custom metric unless asked', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
    const envOf = (t: Template) => Object.values(t.findResources('AWS::Lambda::Function')).map((f) => f.Properties.Environment?.Variables ?? {});
    expect(envOf(template).every((v) => v.FEEDMERGE_DETAILED_METRICS === undefined)).toBe(true);
    const detailed = synth({ 'feedmerge:dashboard': true }).template;
    detailed.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    expect(envOf(detailed).filter((v) => v.FEEDMERGE_TABLE).every((v) => v.FEEDMERGE_DETAILED_METRICS === 'true')).toBe(true);
    expect(() => synth({ 'feedmerge:dashboard': 'yes' })).toThrow(/feedmerge:dashboard must be true or false/);
  });

  it('outputs the feed URL, the table, the bucket, the Glue database and the Athena workgroup', () => {
    const outputs = template.findOutputs('*');
    expect(Object.keys(outputs).sort()).toEqual(['AthenaWorkGroup', 'BucketName', 'FeedUrl', 'GlueDatabase', 'TableName']);
  });

  it('defines the analytics tables in Glue from the shared schema, partitioned by projection, and an Athena workgroup', () => {
    template.resourceCountIs('AWS::Glue::Database', 1);
    template.resourceCountIs('AWS::Glue::Crawler', 0);
    const tables = Object.values(template.findResources('AWS::Glue::Table')).map((t) => t.Properties.TableInput);
    const logs = tables.filter((t) => t.TableType === 'EXTERNAL_TABLE');
    expect(logs.map((t) => t.Name).sort()).toEqual(Object.keys(ANALYTICS.logs).sort());
    for (const t of logs) {
      const def = ANALYTICS.logs[t.Name as keyof typeof ANALYTICS.logs];
      expect(t.StorageDescriptor.Columns.map((c: { Name: string }) => c.Name)).toEqual(def.columns.map((c) => c.name));
      expect(t.PartitionKeys).toEqual([{ Name: 'dt', Type: 'date' }]);
      expect(t.Parameters).toMatchObject({ 'projection.enabled': 'true', 'projection.dt.type': 'date', 'projection.dt.format': 'yyyy-MM-dd' });
      expect(JSON.stringify(t.Parameters['storage.location.template'])).toContain(`/analytics/${t.Name}/dt=\${dt}/`);
      expect(t.StorageDescriptor.SerdeInfo.SerializationLibrary).toBe('org.openx.data.jsonserde.JsonSerDe');
    }
    // `stories` and `copies` keep the logical ids of the tables they replaced: updated in place on upgrade.
    const logicalIdOf = (name: string) => Object.entries(template.findResources('AWS::Glue::Table')).find(([, t]) => t.Properties.TableInput.Name === name)![0];
    for (const name of Object.keys(ANALYTICS.tables)) expect(logicalIdOf(name)).toMatch(new RegExp(`^AnalyticsTable${name}[0-9A-F]{8}$`));
    // The views analysts query: Athena's encoding of the very SQL the local DuckDB runs.
    const views = tables.filter((t) => t.TableType === 'VIRTUAL_VIEW');
    expect(views.map((t) => t.Name)).toEqual(expect.arrayContaining(Object.keys(ANALYTICS.tables)));
    for (const t of views) {
      const encoded = /^\/\* Presto View: (.+) \*\/$/.exec(t.ViewOriginalText)![1]!;
      const definition = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as { originalSql: string; columns: Array<{ name: string }> };
      expect(definition.originalSql).toBe(ANALYTICS_VIEWS.find((v) => v.name === t.Name)!.sql);
      expect(definition.columns.map((c) => c.name)).toEqual(t.StorageDescriptor.Columns.map((c: { Name: string }) => c.Name));
      if (t.Name in ANALYTICS.tables) expect(definition.columns.map((c) => c.name)).toEqual(ANALYTICS.tables[t.Name as keyof typeof ANALYTICS.tables].columns.map((c) => c.name));
    }
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      WorkGroupConfiguration: Match.objectLike({
        EnforceWorkGroupConfiguration: true,
        BytesScannedCutoffPerQuery: Match.anyValue(),
        ResultConfiguration: { OutputLocation: Match.anyValue(), EncryptionConfiguration: { EncryptionOption: 'SSE_S3' } },
      }),
    });
    // publish writes the analytics copy (fetch only journals); nothing deletes it.
    const publish = statementsOf(template, 'PipelinePublish');
    expect(JSON.stringify(publish.filter((s) => [s.Action].flat().includes('s3:PutObject')))).toContain('/analytics/*');
    expect(JSON.stringify(statementsOf(template, 'PipelineFetch').filter((s) => [s.Action].flat().includes('s3:PutObject')))).not.toContain('/analytics/*');
  });

  it('refuses bad configuration with a message naming the key', () => {
    expect(() => synth({ 'feedmerge:scheduleMinutes': 'often' })).toThrow(/feedmerge:scheduleMinutes must be an integer/);
    expect(() => synth({ 'feedmerge:alarmEmail': 'nobody' })).toThrow(/feedmerge:alarmEmail is not an e-mail address/);
    expect(() => synth({ 'feedmerge:logRetentionDays': 10 })).toThrow(/feedmerge:logRetentionDays must be one of/);
  });
});
