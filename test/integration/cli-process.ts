/**
 * The CLI driven as scripts drive it: a separate process, stdout and stderr captured, the exit code kept.
 * The SDK's endpoint variables are removed so that the CLI uses its own embedded stores.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const BIN = join(import.meta.dirname, '../../cli/bin.mjs');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `feedmerge <args>` with these variables added to this process's environment. */
export async function feedmergeWith(extra: Record<string, string>, ...args: string[]): Promise<CliResult> {
  const env = { ...process.env, ...extra };
  for (const name of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL_S3']) delete env[name];
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { env, maxBuffer: 256 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

export function feedmerge(...args: string[]): Promise<CliResult> {
  return feedmergeWith({}, ...args);
}
