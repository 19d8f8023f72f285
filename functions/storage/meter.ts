/**
 * Request and capacity accounting for the AWS clients (eval and bench, never in Lambda).
 *
 * DynamoDB capacity comes from `ReturnConsumedCapacity: TOTAL` (dynalite reports table capacity only).
 * Index writes are added the way DynamoDB bills them for KEYS_ONLY indexes: one write unit when an
 * item gains index keys, two when they change (delete + put), none when they stay the same — worked
 * out from the old item (`ReturnValues: ALL_OLD`) and the new key values. A write that fails its
 * condition is billed like one that succeeds (one unit here).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { TABLE } from '../../shared/core/schema.ts';

export interface DynamoCounts {
  requests: number;
  readUnits: number;
  writeUnits: number;
  indexWriteUnits: number;
}

export class RequestMeter {
  readonly dynamodb = new Map<string, DynamoCounts>();
  readonly s3 = new Map<string, number>();

  totals(): { dynamoRequests: number; readUnits: number; writeUnits: number; s3Requests: number } {
    let dynamoRequests = 0;
    let readUnits = 0;
    let writeUnits = 0;
    for (const c of this.dynamodb.values()) {
      dynamoRequests += c.requests;
      readUnits += c.readUnits;
      writeUnits += c.writeUnits + c.indexWriteUnits;
    }
    return { dynamoRequests, readUnits, writeUnits, s3Requests: [...this.s3.values()].reduce((a, b) => a + b, 0) };
  }

  reset(): void {
    this.dynamodb.clear();
    this.s3.clear();
  }

  counts(command: string): DynamoCounts {
    let c = this.dynamodb.get(command);
    if (!c) this.dynamodb.set(command, (c = { requests: 0, readUnits: 0, writeUnits: 0, indexWriteUnits: 0 }));
    return c;
  }
}

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand']);
const CAPACITY = new Set([...WRITES, 'GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand']);

type Attr = Record<string, unknown>;
interface Input {
  ReturnConsumedCapacity?: string;
  ReturnValues?: string;
  Item?: Attr;
  UpdateExpression?: string;
  ExpressionAttributeValues?: Attr;
}
interface Output {
  ConsumedCapacity?: { CapacityUnits?: number } | Array<{ CapacityUnits?: number }>;
  Attributes?: Attr;
}

const INDEXES = TABLE.indexes.map((i) => [i.partitionKey.name, i.sortKey.name] as const);

export function meterDynamo(client: DynamoDBClient, meter: RequestMeter): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName);
      const input = args.input as Input;
      if (CAPACITY.has(command)) input.ReturnConsumedCapacity = 'TOTAL';
      // Index writes are worked out from the old item: asked for here unless the caller asked for it already.
      const watchIndexes = (command === 'PutItemCommand' || command === 'UpdateItemCommand') && (input.ReturnValues === undefined || input.ReturnValues === 'ALL_OLD');
      if (watchIndexes) input.ReturnValues = 'ALL_OLD';
      const counts = meter.counts(command);
      counts.requests++;
      try {
        const result = await next(args);
        const output = result.output as Output;
        const consumed = [output.ConsumedCapacity ?? []].flat().reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
        if (WRITES.has(command)) counts.writeUnits += consumed;
        else counts.readUnits += consumed;
        if (watchIndexes) counts.indexWriteUnits += indexWrites(input, output.Attributes);
        return result;
      } catch (err) {
        if ((err as { name?: string }).name === 'ConditionalCheckFailedException') counts.writeUnits += 1;
        throw err;
      }
    },
    { step: 'initialize', name: 'feedmergeMeter' },
  );
}

/** KEYS_ONLY index writes of a PutItem/UpdateItem, from the old item and the new index key values. */
function indexWrites(input: Input, old: Attr | undefined): number {
  const newValue = (key: string): unknown => {
    if (input.Item) return input.Item[key];
    const placeholder = input.UpdateExpression?.match(new RegExp(`\\b${key}\\s*=\\s*(:\\w+)`))?.[1];
    return placeholder ? input.ExpressionAttributeValues?.[placeholder] : undefined;
  };
  let units = 0;
  for (const [pk, sk] of INDEXES) {
    const next = [newValue(pk), newValue(sk)];
    if (next[0] === undefined && next[1] === undefined) continue;
    if (old?.[pk] === undefined) units += 1;
    else if (JSON.stringify([old[pk], old[sk]]) !== JSON.stringify(next)) units += 2;
  }
  return units;
}

export function meterS3(client: S3Client, meter: RequestMeter): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName);
      meter.s3.set(command, (meter.s3.get(command) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'feedmergeMeter' },
  );
}
