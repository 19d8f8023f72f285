/**
 * publish: render the merged feed from the most recent stories and write each format to S3,
 * only when its bytes changed.
 */
import { publishFeeds, type PublishReport } from '../../shared/publish.ts';
import { runtime } from '../runtime.ts';

export async function handler(): Promise<PublishReport> {
  const { config, table, bucket } = runtime();
  return publishFeeds({ stories: table, contents: bucket, registry: bucket, objects: bucket, feed: config.feed });
}
