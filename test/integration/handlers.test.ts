/**
 * The Lambda handlers invoked with the event shapes AWS delivers, against dynalite + s3rver over HTTP.
 * SQS itself is played by a small HTTP server speaking its JSON protocol, to see what dispatch sends.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventBridgeEvent, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch as dispatchWith } from '../../functions/dispatch/handler.ts';
import { fetchJobs } from '../../functions/fetch/handler.ts';
import { publish as publishWith } from '../../functions/publish/handler.ts';
import { createClients } from '../../functions/storage/clients.ts';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import type { Outlet } from '../../shared/core/model.ts';
import { ARTICLES, OUTLETS, renderFeed } from '../fixtures/feeds.ts';
import { startHarness, type Harness, runtime } from './harness.ts';

/** The handlers, given the harness's runtime. */
const fetch = (event: SQSEvent): Promise<SQSBatchResponse> => fetchJobs(runtime(), event);
const dispatch = (event?: unknown) => dispatchWith(runtime(), event);
const publish = (event?: unknown) => publishWith(runtime(), event);

const scheduled: EventBridgeEvent<'Scheduled Event', Record<string, never>> = {
  version: '0',
  id: 'd77bcbc4-0b2b-4d45-9694-b1df99175cfb',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: '2026-11-20T12:00:00Z',
  region: 'eu-west-1',
  resources: ['arn:aws:events:eu-west-1:123456789012:rule/Feedmerge-Schedule'],
  detail: {},
};

function sqsRecord(messageId: string, body: string): SQSRecord {
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1763640000000',
      SenderId: 'AROAEXAMPLE',
      ApproximateFirstReceiveTimestamp: '1763640000001',
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:FetchQueue',
    awsRegion: 'eu-west-1',
  };
}

/** Enough of SQS's JSON protocol for SendMessage and SendMessageBatch. */
async function fakeSqs(): Promise<{ url: string; sent: Array<{ queue: string; body: string }>; close: () => Promise<void> }> {
  const sent: Array<{ queue: string; body: string }> = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const input = JSON.parse(raw) as { QueueUrl: string; MessageBody?: string; Entries?: Array<{ Id: string; MessageBody: string }> };
      const md5 = (s: string) => createHash('md5').update(s).digest('hex');
      res.setHeader('content-type', 'application/x-amz-json-1.0');
      if (target.endsWith('SendMessageBatch')) {
        for (const e of input.Entries ?? []) sent.push({ queue: input.QueueUrl, body: e.MessageBody });
        res.end(JSON.stringify({ Successful: (input.Entries ?? []).map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}`, MD5OfMessageBody: md5(e.MessageBody) })), Failed: [] }));
      } else if (target.endsWith('SendMessage')) {
        sent.push({ queue: input.QueueUrl, body: input.MessageBody ?? '' });
        res.end(JSON.stringify({ MessageId: 'm-1', MD5OfMessageBody: md5(input.MessageBody ?? '') }));
      } else {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: 'InvalidAction', message: target }));
      }
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

describe('a fresh deployment, before any outlet is registered', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('dispatches nothing and publishes an empty feed, without failing', async () => {
    expect(await dispatch(scheduled)).toEqual({ jobs: [], queued: 0 });
    expect(await publish(scheduled)).toMatchObject({ stories: 0, written: ['rss', 'atom', 'json', 'html'] });
  });
});

describe('handlers with AWS event shapes', () => {
  let h: Harness;
  let sqs: Awaited<ReturnType<typeof fakeSqs>>;
  let outlets: Outlet[];

  beforeAll(async () => {
    sqs = await fakeSqs();
    h = await startHarness({
      AWS_ENDPOINT_URL_SQS: sqs.url,
      FEEDMERGE_FETCH_QUEUE_URL: `${sqs.url}/123456789012/FetchQueue`,
      FEEDMERGE_PUBLISH_QUEUE_URL: `${sqs.url}/123456789012/PublishQueue`,
    });
    outlets = OUTLETS.map((style, i) => {
      h.routes.set(`/${style.id}.xml`, { kind: 'feed', body: renderFeed(style, ARTICLES.map((article, n) => ({ article, published: new Date(Date.UTC(2026, 10, 18, n + i)) }))) });
      return { id: style.id, name: style.name, url: `${h.baseUrl}${style.id}.xml` };
    });
    await h.registerOutlets(outlets);
  });
  afterAll(async () => {
    await h?.close();
    await sqs?.close();
  });

  it('dispatch, on a scheduled event, sends one fetch job per registered outlet to the fetch queue', async () => {
    const result = await dispatch(scheduled);
    expect(result.queued).toBe(outlets.length);
    const jobs = sqs.sent.filter((m) => m.queue.endsWith('/FetchQueue')).map((m) => JSON.parse(m.body));
    expect(jobs).toEqual(outlets.map((outlet) => ({ outlet })));
  });

  it('fetch, on an SQS batch with one poisoned record, reports only that record and processes the others', async () => {
    const event: SQSEvent = {
      Records: [
        sqsRecord('a', JSON.stringify({ outlet: outlets[0] })),
        sqsRecord('poison', '{"outlet": {"id": "x"'),
        sqsRecord('b', JSON.stringify({ outlet: outlets[1] })),
        sqsRecord('no-url', JSON.stringify({ outlet: { id: 'y', name: 'Y' } })),
      ],
    };
    const response = await fetch(event);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'poison' }, { itemIdentifier: 'no-url' }] });
    const stories = await runtime().table.listStories();
    expect(stories).toHaveLength(ARTICLES.length);
    expect(stories.every((s) => s.copies.length === 2)).toBe(true);
    // New stories were recorded: publish is signalled once for the batch.
    expect(sqs.sent.filter((m) => m.queue.endsWith('/PublishQueue'))).toHaveLength(1);
  });

  it('fetch works the outlets of a batch concurrently (one host still at most two at a time)', async () => {
    let inFlight = 0;
    let peak = 0;
    const slow = createServer((req, res) => {
      peak = Math.max(peak, ++inFlight);
      setTimeout(() => {
        inFlight--;
        const id = (req.url ?? '').replace(/\W/g, '');
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title><item><title>Item ${id}</title><guid>${id}</guid><description>Slow news ${id}.</description></item></channel></rss>`,
        );
      }, 150);
    });
    await new Promise<void>((ok) => slow.listen(0, '127.0.0.1', () => ok()));
    try {
      const port = (slow.address() as AddressInfo).port;
      const records = ['s1', 's2', 's3', 's4'].map((id) => sqsRecord(id, JSON.stringify({ outlet: { id, name: id, url: `http://127.0.0.1:${port}/${id}.xml` } })));
      expect(await fetch({ Records: records })).toEqual({ batchItemFailures: [] });
      expect(peak).toBe(2);
      for (const id of ['s1', 's2', 's3', 's4']) expect(await runtime().table.getState(id)).toMatchObject({ lastStatus: 200 });
    } finally {
      await new Promise((ok) => slow.close(ok));
    }
  });

  it('fetch reports an outlet that is down as fetched-and-failed, not as a failed record (no retry storm)', async () => {
    h.routes.set('/gone.xml', { kind: 'status', status: 410 });
    const response = await fetch({ Records: [sqsRecord('gone', JSON.stringify({ outlet: { id: 'gone', name: 'Gone', url: `${h.baseUrl}gone.xml` } }))] });
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await runtime().table.getState('gone')).toMatchObject({ consecutiveFailures: 1, lastStatus: 410 });
  });

  it('fetch logs a line per outlet that failed or changed something, none for a steady one, and one metrics line per batch', async () => {
    h.routes.set('/gone2.xml', { kind: 'status', status: 404 });
    const lines: string[] = [];
    const log = console.log;
    const name = process.env.AWS_LAMBDA_FUNCTION_NAME;
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'feedmerge-fetch-test';
    console.log = (line: string) => void lines.push(line);
    try {
      // outlets[0] was fetched before and has not changed (a 304, or the same body); gone2 is down.
      const response = await fetch({ Records: [sqsRecord('a', JSON.stringify({ outlet: outlets[0] })), sqsRecord('g', JSON.stringify({ outlet: { id: 'gone2', name: 'Gone', url: `${h.baseUrl}gone2.xml` } }))] });
      expect(response).toEqual({ batchItemFailures: [] });
    } finally {
      console.log = log;
      if (name === undefined) delete process.env.AWS_LAMBDA_FUNCTION_NAME;
      else process.env.AWS_LAMBDA_FUNCTION_NAME = name;
    }
    const parsed = lines.map((l) => JSON.parse(l) as { message: string; outletId?: string; _aws?: { CloudWatchMetrics: Array<{ Metrics: Array<{ Name: string }> }> }; OutletsFetched?: number; OutletsFailed?: number });
    expect(parsed.map((p) => [p.message, p.outletId])).toEqual([['outlet fetched', 'gone2'], ['fetch batch', undefined]]);
    const summary = parsed[1]!;
    expect(summary).toMatchObject({ OutletsFetched: 1, OutletsFailed: 1, outlets: 2 });
    // No custom metric by default (each is billed): the figures ride along as fields.
    expect(summary._aws).toBeUndefined();
  });

  it('publish, on a scheduled event or an SQS signal, writes the feed only when it changed', async () => {
    const first = await publish(scheduled);
    expect(first.written).toEqual(['rss', 'atom', 'json', 'html']);
    expect(first.stories).toBe(ARTICLES.length);
    const again = await publish({ Records: [sqsRecord('signal', '{"reason":"stories changed"}')] });
    expect(again.written).toEqual([]);
    // CloudFront serves the objects with the content type they were stored with.
    const s3 = createClients({ connection: h.connection }).s3;
    const types: Record<string, string | undefined> = {};
    for (const key of ['feed/feed.xml', 'feed/feed.atom', 'feed/feed.json', 'feed/index.html']) {
      types[key] = (await s3.send(new HeadObjectCommand({ Bucket: runtime().config.bucketName, Key: key }))).ContentType;
    }
    s3.destroy();
    expect(types).toEqual({
      'feed/feed.xml': 'application/rss+xml; charset=utf-8',
      'feed/feed.atom': 'application/atom+xml; charset=utf-8',
      'feed/feed.json': 'application/feed+json; charset=utf-8',
      'feed/index.html': 'text/html; charset=utf-8',
    });
  });
});
