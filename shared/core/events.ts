/** Validation of the events the handlers receive. */
import type { FetchJob } from './model.ts';

export class EventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventError';
  }
}

export function parseFetchJob(event: unknown): FetchJob {
  const outlet = (event as { outlet?: unknown } | null)?.outlet as Record<string, unknown> | undefined;
  if (!outlet || typeof outlet !== 'object') throw new EventError('fetch job: missing "outlet"');
  for (const field of ['id', 'name', 'url'] as const) {
    if (typeof outlet[field] !== 'string' || outlet[field] === '') throw new EventError(`fetch job: outlet.${field} must be a non-empty string`);
  }
  return { outlet: { id: String(outlet.id), name: String(outlet.name), url: String(outlet.url) } };
}
