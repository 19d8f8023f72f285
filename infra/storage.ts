/**
 * The table and the bucket, built from shared/core/schema.ts: the same names, keys and indexes the
 * local runner creates in dynalite and s3rver.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ANALYTICS, BUCKET, JOURNAL, TABLE, type KeyAttribute } from '../shared/core/schema.ts';

function attribute(key: KeyAttribute): dynamodb.Attribute {
  return { name: key.name, type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER };
}

export class Storage extends Construct {
  readonly table: dynamodb.TableV2;
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: attribute(TABLE.partitionKey),
      sortKey: attribute(TABLE.sortKey),
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Journal records (written out by publish within minutes) delete themselves: TTL deletes are free.
      timeToLiveAttribute: JOURNAL.ttlAttribute,
      globalSecondaryIndexes: TABLE.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: attribute(index.partitionKey),
        sortKey: attribute(index.sortKey),
        projectionType: dynamodb.ProjectionType.KEYS_ONLY,
      })),
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      // Versioned for the canonical copies and the registry (an operator's mistake can be undone);
      // superseded versions of the merged feed, rewritten every cycle, are transient.
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { id: 'feed-old-versions', prefix: BUCKET.feedPrefix, noncurrentVersionExpiration: Duration.days(7) },
        { id: 'registry-old-versions', prefix: 'config/', noncurrentVersionExpiration: Duration.days(90) },
        { id: 'abort-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // Written once per cycle and never rewritten (a rebuild adds objects): kept versions are few.
        { id: 'analytics-old-versions', prefix: ANALYTICS.prefix, noncurrentVersionExpiration: Duration.days(7) },
        // Publish's cache, rewritten every cycle: a superseded one is never read again.
        { id: 'state-old-versions', prefix: BUCKET.statePrefix, noncurrentVersionExpiration: Duration.days(1) },
        { id: 'athena-results', prefix: ANALYTICS.resultsPrefix, expiration: Duration.days(7), noncurrentVersionExpiration: Duration.days(1) },
      ],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Readers reach objects only through CloudFront; the functions are the only other principals and their calls are in CloudTrail.',
    });
  }
}
