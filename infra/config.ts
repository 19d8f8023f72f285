/**
 * Deployment configuration, from CDK context (`cdk.json` → "context", or `cdk deploy -c key=value`).
 * Every key is optional; bad values stop the synthesis with one clear message.
 */
import type { Node } from 'constructs';

export interface DeployConfig {
  /** Minutes between cycles (EventBridge schedule). */
  readonly scheduleMinutes: number;
  readonly feedTitle: string;
  readonly feedDescription?: string;
  /** Stories in the merged feed. */
  readonly feedLimit: number;
  /** Public base URL of the merged feed if it is served under your own domain (default: the CloudFront domain). */
  readonly feedUrl?: string;
  readonly fetchTimeoutSeconds: number;
  readonly maxFeedBytes: number;
  /** Fetch Lambdas running at once (SQS event source maximum concurrency, ≥ 2). */
  readonly fetchConcurrency: number;
  /** Alarm notifications go to this address (an SNS e-mail subscription), if set. */
  readonly alarmEmail?: string;
  /** The "feed not published" alarm fires after this many schedule intervals without a publish. */
  readonly notPublishedIntervals: number;
  readonly logRetentionDays: number;
  /**
   * The CloudWatch dashboard, and the metrics only it shows (`DETAILED_METRICS`): $3 a month beyond an
   * account's first three dashboards, $0.30 a metric. Off: the alarms' metrics only.
   */
  readonly dashboard: boolean;
  /** The alarms and their SNS topic ($0.10 an alarm a month). */
  readonly alarms: boolean;
}

export const DEFAULT_DEPLOY_CONFIG: DeployConfig = {
  scheduleMinutes: 15,
  feedTitle: 'feedmerge',
  feedLimit: 50,
  fetchTimeoutSeconds: 20,
  maxFeedBytes: 10 * 1024 * 1024,
  fetchConcurrency: 10,
  notPublishedIntervals: 4,
  logRetentionDays: 30,
  dashboard: false,
  alarms: true,
};

const PREFIX = 'feedmerge:';

export function readDeployConfig(node: Node): DeployConfig {
  const get = (key: string): unknown => node.tryGetContext(`${PREFIX}${key}`);
  const int = (key: keyof DeployConfig, min: number, max: number): number => {
    const raw = get(key);
    if (raw === undefined) return DEFAULT_DEPLOY_CONFIG[key] as number;
    const value = typeof raw === 'number' ? raw : /^\d+$/.test(String(raw)) ? Number(raw) : Number.NaN;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`context ${PREFIX}${key} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    }
    return value;
  };
  const text = (key: keyof DeployConfig): string | undefined => {
    const raw = get(key);
    if (raw === undefined || raw === '') return undefined;
    if (typeof raw !== 'string') throw new Error(`context ${PREFIX}${key} must be a string`);
    return raw;
  };
  const flag = (key: 'dashboard' | 'alarms'): boolean => {
    const raw = get(key);
    if (raw === undefined) return DEFAULT_DEPLOY_CONFIG[key];
    if (raw === true || raw === 'true') return true;
    if (raw === false || raw === 'false') return false;
    throw new Error(`context ${PREFIX}${key} must be true or false, got ${JSON.stringify(raw)}`);
  };
  const alarmEmail = text('alarmEmail');
  if (alarmEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) throw new Error(`context ${PREFIX}alarmEmail is not an e-mail address`);
  const feedUrl = text('feedUrl');
  if (feedUrl && !/^https:\/\/[^\s]+\/$/.test(feedUrl)) throw new Error(`context ${PREFIX}feedUrl must be an https URL ending in /`);
  return {
    scheduleMinutes: int('scheduleMinutes', 1, 1440),
    feedTitle: text('feedTitle') ?? DEFAULT_DEPLOY_CONFIG.feedTitle,
    feedDescription: text('feedDescription'),
    feedLimit: int('feedLimit', 1, 1000),
    feedUrl,
    fetchTimeoutSeconds: int('fetchTimeoutSeconds', 1, 120),
    maxFeedBytes: int('maxFeedBytes', 1024, 100 * 1024 * 1024),
    fetchConcurrency: int('fetchConcurrency', 2, 1000),
    alarmEmail,
    notPublishedIntervals: int('notPublishedIntervals', 1, 96),
    logRetentionDays: retention(int('logRetentionDays', 1, 3653)),
    dashboard: flag('dashboard'),
    alarms: flag('alarms'),
  };
}

/** The retention periods CloudWatch Logs accepts. */
const RETENTIONS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

function retention(days: number): number {
  if (!RETENTIONS.includes(days)) throw new Error(`context ${PREFIX}logRetentionDays must be one of ${RETENTIONS.join(', ')}`);
  return days;
}
