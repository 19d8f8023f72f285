/**
 * SQL at scale over the analytics copy of the records (`ANALYTICS` in shared/core/schema.ts): a Glue
 * database with the logs `story_log` and `copy_log` over `s3://<bucket>/analytics/<log>/dt=…/`,
 * partitioned by projection (no crawler, no partition to add: a new day is queryable at once), the views
 * analysts query (`stories`, `copies`, and the steps they read) from the very SQL the local DuckDB runs
 * (shared/analytics/views.ts), and an Athena workgroup with its result location. A query runs unchanged
 * in `feedmerge sql` and in Athena.
 */
import { Aws, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ANALYTICS, type AnalyticsColumnType, type AnalyticsLog } from '../shared/core/schema.ts';
import { ANALYTICS_VIEWS, type ViewDefinition } from '../shared/analytics/views.ts';

/** Athena stops a query that would scan more than this: a guard against a runaway bill. */
const BYTES_SCANNED_CUTOFF = 10 * 1024 ** 3;

/** Hive types (Glue columns) and Presto/Trino types (the encoded view definition). */
const GLUE_TYPES: Record<AnalyticsColumnType, string> = { string: 'string', timestamp: 'timestamp', int: 'int', bigint: 'bigint', double: 'double', date: 'date' };
const TRINO_TYPES: Record<AnalyticsColumnType, string> = { string: 'varchar', timestamp: 'timestamp(3)', int: 'integer', bigint: 'bigint', double: 'double', date: 'date' };

/** A Glue table that Athena reads as a view: its SQL and columns, encoded the way Athena stores views. */
function prestoView(databaseName: string, view: ViewDefinition): glue.CfnTable.TableInputProperty {
  const { name, sql, columns } = view;
  const definition = {
    originalSql: sql,
    catalog: 'awsdatacatalog',
    schema: databaseName,
    columns: columns.map((c) => ({ name: c.name, type: TRINO_TYPES[c.type] })),
  };
  return {
    name,
    description: name in ANALYTICS.tables ? ANALYTICS.tables[name as keyof typeof ANALYTICS.tables].description : `step of the analytics views (${name})`,
    tableType: 'VIRTUAL_VIEW',
    parameters: { presto_view: 'true', comment: 'Presto View' },
    viewOriginalText: `/* Presto View: ${Buffer.from(JSON.stringify(definition)).toString('base64')} */`,
    viewExpandedText: '/* Presto View */',
    storageDescriptor: { columns: columns.map((c) => ({ name: c.name, type: GLUE_TYPES[c.type] })), serdeInfo: {} },
  };
}

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

    for (const [name, def] of Object.entries(ANALYTICS.logs) as Array<[AnalyticsLog, (typeof ANALYTICS.logs)[AnalyticsLog]]>) {
      const location = `s3://${props.bucket.bucketName}/${ANALYTICS.prefix}${name}/`;
      const table = new glue.CfnTable(this, `Log-${name}`, {
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

    let previous: Construct = database;
    for (const view of ANALYTICS_VIEWS) {
      // `stories` and `copies` keep the construct ids of the tables they replace (an update in place: a
      // new resource of the same Glue name would be created before the old one is deleted, and fail).
      const id = view.name in ANALYTICS.tables ? `Table-${view.name}` : `View-${view.name}`;
      const table = new glue.CfnTable(this, id, {
        catalogId: Aws.ACCOUNT_ID,
        databaseName: this.databaseName,
        tableInput: prestoView(this.databaseName, view),
      });
      table.node.addDependency(previous);
      previous = table;
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
