/**
 * CloudFront in front of the merged feed: HTTPS only, the bucket private behind origin access control,
 * only `feed/*` reachable (the origin path), short TTLs so a new cycle shows within minutes.
 * Content types come from the objects themselves (the publisher sets them).
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BUCKET } from '../shared/core/schema.ts';

export class Delivery extends Construct {
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: { readonly bucket: s3.IBucket; readonly scheduleMinutes: number }) {
    super(scope, id);
    // A reader never sees a feed older than one cycle: TTLs follow the schedule.
    const cachePolicy = new cloudfront.CachePolicy(this, 'FeedCache', {
      comment: 'Merged feed: TTLs within one schedule interval; the publisher sets Cache-Control max-age to the interval',
      defaultTtl: Duration.minutes(Math.min(5, props.scheduleMinutes)),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.minutes(props.scheduleMinutes),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'feedmerge merged feed',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(props.bucket, { originPath: `/${BUCKET.feedPrefix.replace(/\/$/, '')}` }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy,
        compress: true,
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
    });
    const acks: Array<[string, string]> = [
      ['AwsSolutions-CFR1', 'A public news feed is meant for readers everywhere: no geo restriction.'],
      ['AwsSolutions-CFR2', 'Static, cached, read-only feed files behind GET/HEAD only: a WAF adds cost without a threat to mitigate.'],
      ['AwsSolutions-CFR3', 'Reader requests are not needed for operations; CloudFront metrics cover traffic. Standard logging needs an ACL-enabled bucket, which the storage bucket deliberately is not.'],
      ['AwsSolutions-CFR4', 'The default *.cloudfront.net certificate does not allow choosing the minimum TLS version; set feedmerge:feedUrl with your own domain and certificate to enforce TLSv1.2_2021.'],
    ];
    for (const [ackId, reason] of acks) Validations.of(this.distribution).acknowledge({ id: ackId, reason });
  }
}
