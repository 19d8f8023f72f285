/**
 * The command-line contract, driven as scripts drive it: separate processes, stdout parsed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Parser from 'rss-parser';
import { feedmerge } from './cli-process.ts';

describe('feedmerge CLI', () => {
  let dir: string;
  let state: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'feedmerge-cli-'));
    state = join(dir, 'state');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('run --deny-private-network refuses outlets served on this machine, reports each, and still exits 0', async () => {
    const guarded = join(dir, 'guarded');
    const run = await feedmerge(
      'run', '--feeds', 'examples/feeds.json', '--serve-dir', 'examples/feeds', '--serve-port', '0', '--state', guarded, '--once', '--deny-private-network',
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/cycle: 6 outlets — 0 fetched, 0 not modified, 6 failed/);
    expect(run.stderr).toMatch(/refused: 127\.0\.0\.1 is a private address/);
    // Each outlet's health shows the refusal.
    const listed = JSON.parse((await feedmerge('outlets', 'list', '--format', 'json', '--state', guarded)).stdout) as {
      outlets: Array<{ id: string; health: { consecutiveFailures: number; lastError: string | null; lastStatus: number | null } }>;
    };
    expect(listed.outlets).toHaveLength(6);
    for (const o of listed.outlets) expect(o.health).toMatchObject({ consecutiveFailures: 1, lastStatus: null, lastError: expect.stringMatching(/refused: /) });
  });

  it('run --once on the bundled examples, then stories --format json lists every item once', async () => {
    const run = await feedmerge('run', '--feeds', 'examples/feeds.json', '--serve-dir', 'examples/feeds', '--serve-port', '0', '--state', state, '--once');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/cycle: 6 outlets — 6 fetched, 0 not modified, 0 failed; 31 items seen/);

    const stories = await feedmerge('stories', '--state', state, '--format', 'json');
    expect(stories.code).toBe(0);
    const parsed = JSON.parse(stories.stdout) as Array<{ id: string; outlet: string; copies: Array<{ url: string; match: string; outlet: string }> }>;
    const copies = parsed.flatMap((s) => s.copies);
    expect(copies).toHaveLength(31);
    expect(new Set(copies.map((c) => c.url)).size).toBe(31);
    for (const story of parsed) {
      expect(Object.keys(story)).toEqual(['id', 'title', 'url', 'outlet', 'published', 'firstSeen', 'copies']);
      expect(story.copies.filter((c) => c.match === 'first')).toHaveLength(1);
      expect(story.copies.map((c) => c.outlet)).toContain(story.outlet);
    }
    expect(parsed.some((s) => s.copies.length >= 4)).toBe(true);

    const pinecrest = await feedmerge('stories', '--state', state, '--format', 'json', '--outlet', 'pinecrest-post');
    const mine = JSON.parse(pinecrest.stdout) as Array<{ copies: Array<{ outlet: string }> }>;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((s) => s.copies.some((c) => c.outlet === 'pinecrest-post'))).toBe(true);

    const recent = await feedmerge('stories', '--state', state, '--format', 'json', '--since', '2026-11-20T00:00:00Z');
    const late = JSON.parse(recent.stdout) as Array<{ published: string }>;
    expect(late.length).toBeGreaterThan(0);
    expect(late.length).toBeLessThan(parsed.length);
    expect(late.every((s) => s.published >= '2026-11-20T00:00:00.000Z')).toBe(true);

    const csv = await feedmerge('stories', '--state', state, '--format', 'csv');
    const rows = csv.stdout.trimEnd().split('\r\n');
    expect(rows[0]).toBe('story_id,story_title,story_outlet,story_published,story_first_seen,outlet,url,guid,title,published,match,score');
    expect(rows).toHaveLength(32);

    // The table: a header, each story's earliest copy marked once, the counts at the end.
    const table = (await feedmerge('stories', '--state', state)).stdout.trimEnd().split('\n');
    expect(table.slice(0, 2)).toEqual([
      'published         story                     title',
      '    earliest  match    score  outlet                published         url',
    ]);
    expect(table.at(-1)).toBe(`${parsed.length} stories, 31 copies`);
    expect(table.filter((l) => l.startsWith('    *  '))).toHaveLength(parsed.length);
    expect(table.filter((l) => /^ {4}[* ] {9}founded /.test(l))).toHaveLength(parsed.length);

    const feed = await feedmerge('feed', '--state', state, '--format', 'rss', '--limit', '3');
    expect(feed.code).toBe(0);
    expect((await new Parser().parseString(feed.stdout)).items).toHaveLength(3);
  });

  it('rejects a bad feeds file with one line naming the field and the line', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{\n  "outlets": [\n    { "id": "a", "name": "A", "url": "https://a.example/feed" },\n    { "id": "b", "name": "B" }\n  ]\n}\n');
    const res = await feedmerge('run', '--feeds', bad, '--state', state, '--once');
    expect(res.code).toBe(2);
    expect(res.stderr.trim()).toBe(`feedmerge run: ${bad}:4: outlets[1].url is missing`);

    writeFileSync(bad, '{ "outlets": [\n  { "id": "a", "name": "A", "url": "https://a.example/feed" },\n]}\n');
    const syntax = await feedmerge('run', '--feeds', bad, '--state', state, '--once');
    expect(syntax.code).toBe(2);
    // Line and column, and the problem in words.
    expect(syntax.stderr.trim()).toBe(`feedmerge run: ${bad}:3:1: invalid JSON: a trailing comma before "]" (JSON allows none)`);
  });

  it('manages the outlet registry: add, list, remove, and refuses a bad id', async () => {
    const registry = join(dir, 'registry');
    expect((await feedmerge('outlets', 'add', '--id', 'north', '--name', 'North', '--url', 'https://north.example/feed', '--state', registry)).code).toBe(0);
    expect((await feedmerge('outlets', 'add', '--id', 'south', '--name', 'South', '--url', 'https://south.example/rss', '--state', registry)).code).toBe(0);
    const listed = JSON.parse((await feedmerge('outlets', 'list', '--format', 'json', '--state', registry)).stdout) as { outlets: Array<{ id: string }> };
    expect(listed.outlets.map((o) => o.id)).toEqual(['north', 'south']);
    expect(listed.outlets[0]).toMatchObject({ health: { lastStatus: null, lastFetchAt: null, consecutiveFailures: 0, nextFetchAfter: null } });
    expect((await feedmerge('outlets', 'remove', '--id', 'north', '--state', registry)).code).toBe(0);
    const after = JSON.parse((await feedmerge('outlets', 'list', '--format', 'json', '--state', registry)).stdout) as { outlets: Array<{ id: string }> };
    expect(after.outlets.map((o) => o.id)).toEqual(['south']);
    const bad = await feedmerge('outlets', 'add', '--id', 'Bad Id', '--name', 'B', '--url', 'https://b.example/', '--state', registry);
    expect(bad.code).toBe(2);
    // The flag is named, not a line of a generated file.
    expect(bad.stderr).toBe('feedmerge outlets add: --id "Bad Id": must be lowercase letters, digits and dashes (at most 63)\n');
  });

  it('rejects unknown options and formats with a usage error', async () => {
    expect((await feedmerge('stories', '--format', 'xml', '--state', state)).stderr).toContain('--format must be one of table, json, csv');
    const unknown = await feedmerge('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect((await feedmerge()).code).toBe(2);
    expect((await feedmerge('stories', '--since', 'March 7', '--state', state)).stderr).toContain('--since must be an ISO 8601 date');
    const missing = await feedmerge('outlets', 'import', '--feeds', join(dir, 'nope.json'), '--state', state);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toMatch(/nope\.json: cannot read \(ENOENT\)$/);
    expect((await feedmerge('run', '--bogus')).code).toBe(2);
  });
});
