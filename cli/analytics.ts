/**
 * Renderings of the analysts' answers (`story`, `outlets stats`, `flows`) as table, JSON or CSV.
 * The numbers come from shared/analytics/syndication.ts; this module only lays them out.
 */
import type { StoryWithCopies } from '../shared/core/model.ts';
import type { Flow, OutletStats } from '../shared/analytics/syndication.ts';
import { csv, storyJson } from './output.ts';
import { count } from './plural.ts';

export type Format = 'table' | 'json' | 'csv';

/** `feedmerge story <id>`: the story as `stories` prints it, with its canonical text. */
export function storyDetailJson(story: StoryWithCopies, text: readonly string[] | undefined) {
  return { ...storyJson(story), text: text ?? null };
}

export function renderStory(story: StoryWithCopies, text: readonly string[] | undefined, format: Format): string {
  const detail = storyDetailJson(story, text);
  if (format === 'json') return `${JSON.stringify(detail, null, 2)}\n`;
  if (format === 'csv') {
    return csv(
      ['story_id', 'outlet', 'url', 'title', 'published', 'lag_minutes', 'match', 'score', 'evidence'],
      detail.copies.map((c) => [detail.id, c.outlet, c.url, c.title, c.published, c.lagMinutes, c.match, c.score, c.evidence]),
    );
  }
  const width = terminalWidth();
  const lines = [
    detail.title,
    `${detail.id} · first published by ${detail.outlet} at ${shortDate(detail.published)} · ${count(detail.copies.length, 'copy', 'copies')}`,
    detail.url,
    '',
    ...table(
      ['outlet', 'published', 'lag', 'match', 'score', 'evidence'],
      detail.copies.map((c) => [c.outlet, shortDate(c.published), lag(c.lagMinutes), c.match, c.score.toFixed(2), c.evidence]),
      width,
    ),
  ];
  if (text && text.length > 0) lines.push('', ...text.flatMap((p) => [...wrap(p, Math.min(width, 100)), '']));
  return `${lines.join('\n').trimEnd()}\n`;
}

export function renderOutletStats(rows: readonly OutletStats[], format: Format): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  const cells = rows.map((r) => [r.outlet, r.items, r.firstPublished, r.copiesOfOthers, r.medianLagMinutes ?? '', r.syndicatedShare]);
  if (format === 'csv') return csv(['outlet', 'items', 'first_published', 'copies_of_others', 'median_lag_minutes', 'syndicated_share'], cells);
  return `${table(
    ['outlet', 'items', 'first', 'copies of others', 'median lag', 'syndicated'],
    rows.map((r) => [r.outlet, r.items, r.firstPublished, r.copiesOfOthers, r.medianLagMinutes === null ? '—' : lag(r.medianLagMinutes), `${Math.round(r.syndicatedShare * 100)} %`]),
    terminalWidth(),
  ).join('\n')}\n${count(rows.length, 'outlet')}\n`;
}

export function renderFlows(rows: readonly Flow[], format: Format): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  const cells = rows.map((r) => [r.from, r.to, r.count]);
  if (format === 'csv') return csv(['from', 'to', 'count'], cells);
  return `${table(['first published by', 'carried later by', 'stories'], cells, terminalWidth()).join('\n')}\n${count(rows.length, 'flow')}\n`;
}

/** `feedmerge sql`: rows as a table, a JSON array of row objects, or CSV. */
export function renderRows(columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>, format: Format): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const cells = rows.map((r) => columns.map((c) => cell(r[c])));
  if (format === 'csv') return csv(columns, cells);
  return `${table(columns, rows.map((r) => columns.map((c) => (typeof r[c] === 'number' ? (r[c] as number) : cell(r[c])))), terminalWidth()).join('\n')}\n${count(rows.length, 'row')}\n`;
}

/** "+2 h 10 min", "+45 min", "0". */
export function lag(minutes: number): string {
  if (minutes <= 0) return '0';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = Math.round(minutes % 60);
  const parts = [days ? `${days} d` : '', hours ? `${hours} h` : '', mins && days === 0 ? `${mins} min` : ''].filter(Boolean);
  return `+${parts.join(' ')}`;
}

function shortDate(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

function terminalWidth(): number {
  return Math.max(60, process.stdout.columns ?? 120);
}

/**
 * Aligned columns with a header row; the last column takes what the terminal has left and is cut
 * with an ellipsis (the JSON and CSV renderings carry everything).
 */
export function table(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>, width: number): string[] {
  const text = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...text.map((r) => (r[i] ?? '').length)));
  const fixed = widths.slice(0, -1).reduce((n, w) => n + w + 2, 0);
  widths[widths.length - 1] = Math.max(8, Math.min(widths.at(-1)!, width - fixed));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  return text.map((r) =>
    r
      .map((cell, i) => {
        const w = widths[i]!;
        const cut = cell.length > w ? `${cell.slice(0, w - 1)}…` : cell;
        return numeric[i] ? cut.padStart(w) : i === r.length - 1 ? cut : cut.padEnd(w);
      })
      .join('  ')
      .trimEnd(),
  );
}

function wrap(paragraph: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
