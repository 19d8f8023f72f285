/** Machine-readable renderings of the deduplication records for `feedmerge stories`. */
import type { StoryWithCopies } from '../shared/core/model.ts';
import { lagMinutes } from '../shared/analytics/syndication.ts';
import { copyKeyOf } from '../shared/core/schema.ts';
import { count } from './plural.ts';

/** The public JSON shape of one story (see README, "feedmerge stories"). Extend, don't break. */
export function storyJson({ story, copies }: StoryWithCopies) {
  return {
    id: story.storyId,
    title: story.title,
    url: story.url,
    outlet: story.outletId,
    published: story.published,
    firstSeen: story.firstSeen,
    copies: copies.map((c) => ({
      outlet: c.outletId,
      url: c.url,
      guid: c.guid,
      title: c.title,
      published: c.published,
      match: c.match,
      score: c.score,
      /** Minutes after the story's first publication. */
      lagMinutes: lagMinutes(story, c),
      /** Why the copy is in this story ('' in records older than this field). */
      evidence: c.evidence ?? '',
    })),
  };
}

const CSV_COLUMNS = [
  'story_id', 'story_title', 'story_outlet', 'story_published', 'story_first_seen',
  'outlet', 'url', 'guid', 'title', 'published', 'match', 'score',
] as const;

/** One row per copy (RFC 4180), story columns repeated: loads straight into a spreadsheet or SQL. */
export function storiesCsv(stories: readonly StoryWithCopies[]): string {
  return csv(
    CSV_COLUMNS,
    stories.flatMap(({ story, copies }) =>
      copies.map((c) => [story.storyId, story.title, story.outletId, story.published, story.firstSeen, c.outletId, c.url, c.guid, c.title, c.published, c.match, c.score]),
    ),
  );
}

/** RFC 4180 with a header row: every CSV the CLI prints. */
export function csv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return `${[header.join(','), ...rows.map((r) => r.map((v) => csvField(String(v))).join(','))].join('\r\n')}\r\n`;
}

function csvField(raw: string): string {
  // Outlet text that starts like a formula is neutralised: spreadsheets would run it.
  const value = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const date = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

/**
 * The human table: a story line (its date is its earliest copy's), then its copies, earliest first.
 * Two marks that used to be one: "earliest" is the copy published first — the origin the feed credits —
 * and match "founded" the copy that created the story (JSON and CSV keep `first` for it). A backlog copy
 * can be published before the founder, so the two differ.
 */
export function storiesTable(stories: readonly StoryWithCopies[]): string {
  const lines: string[] = [
    `${'published'.padEnd(16)}  ${'story'.padEnd(24)}  title`,
    `    ${'earliest'.padEnd(8)}  ${'match'.padEnd(7)}  score  ${'outlet'.padEnd(20)}  ${'published'.padEnd(16)}  url`,
  ];
  for (const { story, copies } of stories) {
    lines.push(`${date(story.published)}  ${story.storyId.padEnd(24)}  ${story.title}`);
    // The record names its origin copy; if that copy is not listed (records older than the field), the earliest listed is.
    const origin =
      copies.find((c) => copyKeyOf(c.outletId, c.itemKey) === story.originCopy) ??
      copies.reduce<(typeof copies)[number] | undefined>((a, c) => (a === undefined || c.published < a.published ? c : a), undefined);
    for (const c of copies) {
      const match = c.match === 'first' ? 'founded' : c.match;
      lines.push(`    ${(c === origin ? '*' : '').padEnd(8)}  ${match.padEnd(7)}  ${c.score.toFixed(2)}   ${c.outletId.padEnd(20)}  ${date(c.published).padEnd(16)}  ${c.url}`);
    }
  }
  lines.push(`${count(stories.length, 'story', 'stories')}, ${count(stories.reduce((n, s) => n + s.copies.length, 0), 'copy', 'copies')}`);
  return `${lines.join('\n')}\n`;
}
