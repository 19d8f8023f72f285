/**
 * Alarms and a dashboard. Metrics come from the functions' embedded-metric-format logs
 * (namespace `Feedmerge`): outlets fetched/failed, items, new stories, merges, publishes.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../functions/metrics.ts';
import type { DeployConfig } from './config.ts';
import type { Pipeline } from './pipeline.ts';

export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: { readonly config: DeployConfig; readonly pipeline: Pipeline }) {
    super(scope, id);
    const { config, pipeline } = props;
    this.topic = new sns.Topic(this, 'Alarms', { displayName: 'feedmerge alarms', enforceSSL: true });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason: 'CloudWatch alarms publish to this topic; with the AWS-managed SNS key they could not, and alarm texts carry no secrets.',
    });
    if (config.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(config.alarmEmail));
    const interval = Duration.minutes(config.scheduleMinutes);
    const metric = (name: string, statistic = 'Sum') =>
      new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: name, statistic, period: interval });

    // `feedmerge:alarms=false` leaves them out ($0.10 each a month): for a trial, never for a deployment left alone.
    const alarm = (id: string, props: cloudwatch.AlarmProps) => {
      if (!config.alarms) return undefined;
      const a = new cloudwatch.Alarm(this, id, props);
      a.addAlarmAction(new actions.SnsAction(this.topic));
      this.alarms.push(a);
      return a;
    };
    alarm('FetchDeadLetters', {
      alarmDescription: 'Fetch jobs failed three times (storage errors or unreadable jobs): see the fetch logs, then redrive the DLQ.',
      metric: pipeline.fetchDeadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm('PublishDeadLetters', {
      alarmDescription: 'Publish signals failed three times: see the publish logs.',
      metric: pipeline.publishDeadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    // Alarms watch outcomes that need a person: work lost (dead letters), a cycle not started (dispatch
    // errors: nothing else would show it, publish's schedule runs on), the feed gone stale. A fetch or
    // publish error, or a throttle, is retried by its queue and needs no one unless the retries run out,
    // which the dead-letter alarms report; their counts are on the dashboard. Each alarm metric is $0.10 a month.
    alarm('DispatchErrors', {
      alarmDescription: 'Dispatch failed (uncaught exception or timeout): this cycle fetched nothing. See the dispatch logs.',
      metric: pipeline.dispatch.metricErrors({ period: interval }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    // A publish that ran without error (a skip included: the feed was current) is Lambda's own invocations
    // less its errors: free metrics, where a custom `Published` metric would cost $0.30 a month. (An alarm
    // on two metrics is billed as two alarm metrics: $0.20.)
    alarm('NotPublished', {
      alarmDescription: `The merged feed has not been published for ${config.notPublishedIntervals} schedule intervals.`,
      metric: new cloudwatch.MathExpression({
        expression: 'FILL(invocations, 0) - FILL(errors, 0)',
        usingMetrics: { invocations: pipeline.publish.metricInvocations({ period: interval }), errors: pipeline.publish.metricErrors({ period: interval }) },
        period: interval,
        label: 'publishes without error',
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: config.notPublishedIntervals,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });

    // The dashboard ($3 a month beyond an account's first three) and the metrics only it shows: opt-in.
    if (!config.dashboard) return;
    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { defaultInterval: Duration.days(1) });
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'Outlets per cycle', left: [metric('OutletsFetched'), metric('OutletsFailed'), metric('OutletsDispatched'), metric('OutletsDeferred')], width: 12 }),
      new cloudwatch.GraphWidget({ title: 'Items, new stories and merges per cycle', left: [metric('Items'), metric('NewStories'), metric('Merged')], width: 12 }),
      new cloudwatch.GraphWidget({ title: 'Publishes and feed objects written', left: [metric('Published'), metric('FeedObjectsWritten')], width: 12 }),
      new cloudwatch.GraphWidget({
        title: 'Errors, throttles, dead letters',
        left: [
          pipeline.fetch.metricErrors(),
          pipeline.publish.metricErrors(),
          pipeline.dispatch.metricErrors(),
          pipeline.fetch.metricThrottles(),
          pipeline.publish.metricThrottles(),
          pipeline.dispatch.metricThrottles(),
        ],
        right: [pipeline.fetchDeadLetters.metricApproximateNumberOfMessagesVisible()],
        width: 12,
      }),
    );
  }
}
