/**
 * SQL at scale over the analytics copy of the records (`ANALYTICS` in shared/core/schema.ts): a Glue
 * database with the tables `stories` and `copies` over `s3://<bucket>/analytics/<table>/dt=…/`, partitioned
 * by projection (no crawler, no partition to add: a new day is queryable at once), and an Athena workgroup
 * with its result location. The columns come from the same definition as the local DuckDB views
 * (cli/sql.ts), so a query runs unchanged in `feedmerge sql` and in Athena.
 */
import { Aws, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ANALYTICS, type AnalyticsTable } from '../shared/core/schema.ts';

/** Athena stops a query that would scan more than this: a guard against a runaway bill. */
const BYTES_SCANNED_CUTOFF = 10 * 1024 ** 3;

const GLUE_TYPES = { string: 'string', timestamp: 'timestamp', int: 'int', double: 'double' } as const;

export interface AnalyticsProps {
  readonly bucket: s3.IBucket;
}

export class Analytics extends Construct {
  readonly databaseName: string;
  readonly workGroupName: string;

  constructor(scope: Construct, id: string, props: AnalyticsProps) {
    super(scope, id);
    // Glue names are lower-case with underscores; one database per stack.
    this.databaseName = `${Stack.of(this).stackName.toLowerCase().replace(/[^a-z0-9]+/g, '_')}_analytics`;
    const database = new glue.CfnDatabase(this, 'Database', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: { name: this.databaseName, description: 'feedmerge deduplication records (analytics copy)' },
    });

    for (const [name, def] of Object.entries(ANALYTICS.tables) as Array<[AnalyticsTable, (typeof ANALYTICS.tables)[AnalyticsTable]]>) {
      const location = `s3://${props.bucket.bucketName}/${ANALYTICS.prefix}${name}/`;
      const table = new glue.CfnTable(this, `Table-${name}`, {
        catalogId: Aws.ACCOUNT_ID,
        databaseName: this.databaseName,
        tableInput: {
          name,
          description: def.description,
          tableType: 'EXTERNAL_TABLE',
          parameters: {
            classification: 'json',
            'projection.enabled': 'true',
            'projection.dt.type': 'date',
            'projection.dt.format': 'yyyy-MM-dd',
            'projection.dt.range': `${ANALYTICS.firstDay},NOW`,
            'projection.dt.interval': '1',
            'projection.dt.interval.unit': 'DAYS',
            'storage.location.template': `${location}dt=\${dt}/`,
          },
          partitionKeys: [{ name: 'dt', type: 'date' }],
          storageDescriptor: {
            location,
            columns: def.columns.map((c) => ({ name: c.name, type: GLUE_TYPES[c.type] })),
            inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
            outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
            serdeInfo: {
              serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
              // A malformed line is skipped rather than failing the query. Timestamps are written in
              // java.sql.Timestamp's form (`yyyy-MM-dd HH:mm:ss.SSS`), which the SerDe reads by default.
              parameters: { 'ignore.malformed.json': 'true' },
            },
          },
        },
      });
      table.node.addDependency(database);
    }

    this.workGroupName = `${Stack.of(this).stackName}-analytics`;
    new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: this.workGroupName,
      description: 'feedmerge analysts: SQL over the analytics copy of the records',
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: BYTES_SCANNED_CUTOFF,
        resultConfiguration: {
          outputLocation: `s3://${props.bucket.bucketName}/${ANALYTICS.resultsPrefix}`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        },
      },
    });
  }
}
