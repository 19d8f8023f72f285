/**
 * The command line's usage contract, driven as a user meets it: each command's --help, and errors as
 * one line on stderr with the exit status the usage texts give (1 not found, 2 usage error).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_SPECS } from '../../cli/commands.ts';
import { mapConcurrent } from '../../shared/core/concurrency.ts';
import { feedmerge, feedmergeWith, type CliResult } from './cli-process.ts';

/** The result must be a failure with exactly this one line on stderr and nothing on stdout. */
function expectError(res: CliResult, code: number, line: string): void {
  expect(res.stderr.split('\n').filter(Boolean), res.stderr).toEqual([line]);
  expect(res.code).toBe(code);
  expect(res.stdout).toBe('');
}

describe('feedmerge <command> --help', () => {
  const COMMANDS = [
    'stories', 'run', 'outlets', 'story', 'flows', 'sql', 'report', 'export-analytics', 'outlets stats', 'feed', 'serve', 'eval',
    'outlets list', 'outlets add', 'outlets remove', 'outlets import', 'outlets export',
  ];

  it('prints each command\'s own usage with every option it accepts, on stdout, exit 0', async () => {
    const results = await mapConcurrent(COMMANDS, 4, async (command) => ({ command, res: await feedmerge(...command.split(' '), '--help') }));
    for (const { command, res } of results) {
      expect(res.code, command).toBe(0);
      expect(res.stderr, command).toBe('');
      if (command === 'outlets') {
        expect(res.stdout).toMatch(/^Usage:\n {2}feedmerge outlets list /);
        for (const action of ['list', 'add', 'remove', 'import', 'export', 'stats']) expect(res.stdout).toContain(`feedmerge outlets ${action} `);
        continue;
      }
      expect(res.stdout.startsWith(`Usage: feedmerge ${command} `) || res.stdout.startsWith(`Usage: feedmerge ${command}\n`), command).toBe(true);
      const spec = COMMAND_SPECS.get(command)!;
      for (const name of Object.keys(spec.options)) expect(res.stdout, `${command} --${name}`).toMatch(new RegExp(`\\n {2}(-\\w, )?--${name}\\b.* {2,}\\S`));
    }
    const byName = new Map(results.map(({ command, res }) => [command, res.stdout]));
    // The options the issue names, where they apply.
    for (const command of ['stories', 'story', 'flows', 'sql', 'report', 'export-analytics', 'outlets stats', 'feed']) {
      expect(byName.get(command)).toMatch(/\n {2}--aws /);
      expect(byName.get(command)).toMatch(/\n {2}--state <dir> /);
    }
    for (const command of ['stories', 'story', 'flows', 'sql', 'outlets stats']) expect(byName.get(command)).toMatch(/\n {2}--format table\|json\|csv /);
    expect(byName.get('feed')).toMatch(/\n {2}--format rss\|atom\|json /);
    expect(byName.get('run')).toMatch(/\n {2}--serve-port <n> /);
  }, 120_000);

  it('-h does the same; the global usage lists --aws and --format and points to <command> --help', async () => {
    const [short, long, global] = await Promise.all([feedmerge('feed', '-h'), feedmerge('feed', '--help'), feedmerge('--help')]);
    expect(short).toEqual(long);
    expect(global.code).toBe(0);
    expect(global.stdout).toContain('feedmerge feed [--format rss|atom|json] [--limit <n>] [--state <dir> | --aws]');
    expect(global.stdout).toContain('feedmerge <command> --help');
    expect(global.stdout).toMatch(/Exit status: 0 done/);
  });
});

describe('feedmerge usage errors', () => {
  let dir: string;
  let state: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'feedmerge-usage-'));
    state = join(dir, 'state');
    // A state folder with a registry (outlets add makes it): enough for the read commands.
    const add = await feedmerge('outlets', 'add', '--id', 'north', '--name', 'North', '--url', 'https://north.example/feed', '--state', state);
    expect(add).toMatchObject({ code: 0, stderr: '1 outlet in the registry\n' });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a bad --limit names the value, also one that starts with "-"', async () => {
    const [negative, word, missing] = await Promise.all([
      feedmerge('stories', '--limit', '-3', '--state', state),
      feedmerge('stories', '--limit', 'abc', '--state', state),
      feedmerge('stories', '--state', state, '--limit'),
    ]);
    expectError(negative, 2, 'feedmerge stories: --limit must be an integer from 1 to 1000000, got "-3"');
    expectError(word, 2, 'feedmerge stories: --limit must be an integer from 1 to 1000000, got "abc"');
    expectError(missing, 2, 'feedmerge stories: --limit needs a value: --limit <n>');
  });

  it('an unknown option names it and the help to read', async () => {
    const [stories, run, stats] = await Promise.all([
      feedmerge('stories', '--bogus', '--state', state),
      feedmerge('run', '--feeds', 'examples/feeds.json', '--aws'),
      feedmerge('outlets', 'stats', '--outlet', 'x', '--state', state),
    ]);
    expectError(stories, 2, 'feedmerge stories: unknown option "--bogus": see feedmerge stories --help');
    expectError(run, 2, 'feedmerge run: unknown option "--aws": see feedmerge run --help');
    expectError(stats, 2, 'feedmerge outlets stats: unknown option "--outlet": see feedmerge outlets stats --help');
  });

  it('a feeds file with a JSON syntax error gives the file, line and column, and the problem in words', async () => {
    const bad = join(dir, 'syntax.json');
    writeFileSync(bad, '{\n  "outlets": [\n    { "id": "a" "name": "A", "url": "https://a.example/" }\n  ]\n}\n');
    expectError(await feedmerge('run', '--feeds', bad, '--state', join(dir, 'unused'), '--once'), 2, `feedmerge run: ${bad}:3:17: invalid JSON: expected a comma, found "\\"name\\""`);
    expect(existsSync(join(dir, 'unused'))).toBe(false);
  });

  it('outlets add names the flag, not a line of a file', async () => {
    const [id, url, scheme] = await Promise.all([
      feedmerge('outlets', 'add', '--id', 'Bad', '--name', 'B', '--url', 'https://b.example/', '--state', state),
      feedmerge('outlets', 'add', '--id', 'ssh', '--name', 'S', '--url', 'http://example.org:22/feed', '--state', state),
      feedmerge('outlets', 'add', '--id', 'ftp', '--name', 'F', '--url', 'ftp://example.org/feed', '--state', state),
    ]);
    expectError(id, 2, 'feedmerge outlets add: --id "Bad": must be lowercase letters, digits and dashes (at most 63)');
    expectError(url, 2, 'feedmerge outlets add: --url "http://example.org:22/feed": port 22 is blocked by fetch (browsers\' bad-ports list); use the outlet\'s http(s) port');
    expectError(scheme, 2, 'feedmerge outlets add: --url "ftp://example.org/feed": must use http or https, not ftp:');
  });

  it('a feeds file with an outlet on a blocked port is refused before anything runs', async () => {
    const feeds = join(dir, 'ports.json');
    writeFileSync(feeds, '{\n  "outlets": [\n    { "id": "a", "name": "A", "url": "http://example.org:6000/feed" }\n  ]\n}\n');
    const [run, imported] = await Promise.all([
      feedmerge('run', '--feeds', feeds, '--state', join(dir, 'unused'), '--once'),
      feedmerge('outlets', 'import', '--feeds', feeds, '--state', state),
    ]);
    const reason = 'port 6000 is blocked by fetch (browsers\' bad-ports list); use the outlet\'s http(s) port';
    expectError(run, 2, `feedmerge run: ${feeds}:3: outlets[0].url "http://example.org:6000/feed": ${reason}`);
    expectError(imported, 2, `feedmerge outlets import: ${feeds}:3: outlets[0].url "http://example.org:6000/feed": ${reason}`);
  });

  it('read commands on a folder without state are errors, and create nothing', async () => {
    const nowhere = join(dir, 'nowhere');
    const line = (command: string) => `feedmerge ${command}: no feedmerge state at ${nowhere}: run "feedmerge run --feeds <file>" first, or pass --state <dir>`;
    const commands = [
      ['stories'], ['story', 'a'.repeat(24)], ['flows'], ['report', '--out', join(dir, 'r.html')], ['outlets', 'stats'],
      ['export-analytics'], ['sql', 'SELECT 1'], ['feed'], ['outlets', 'list'], ['outlets', 'export'],
    ];
    const results = await mapConcurrent(commands, 4, (args) => feedmerge(...args, '--state', nowhere));
    results.forEach((res, i) => {
      const name = commands[i]![0] === 'outlets' ? `outlets ${commands[i]![1]}` : commands[i]![0]!;
      expectError(res, 1, line(name));
    });
    expect(existsSync(nowhere)).toBe(false);
    expect(existsSync(join(dir, 'r.html'))).toBe(false);
  }, 120_000);

  it('serve of a folder that does not exist is an error', async () => {
    expectError(await feedmerge('serve', join(dir, 'nope')), 2, `feedmerge serve: ${join(dir, 'nope')}: no such folder`);
    // Names an object has by inheritance are no commands.
    for (const name of ['constructor', '__proto__', 'toString']) {
      expectError(await feedmerge(name), 2, `feedmerge: unknown command ${JSON.stringify(name)} (feedmerge --help lists them)`);
    }
    expectError(await feedmerge('help', 'constructor'), 2, 'feedmerge: unknown command "constructor" (feedmerge --help lists them)');
    // A corpus named but not there is an error, never skipped in silence.
    expectError(await feedmerge('eval', join(dir, 'no-corpus')), 2, `feedmerge eval: ${join(dir, 'no-corpus')}: no such corpus folder (a corpus holds truth.json and outlets.json or feeds.json)`);
  });

  it('a filter naming an unknown outlet lists the known ones', async () => {
    expectError(await feedmerge('stories', '--outlet', 'nosuch', '--state', state), 1, 'feedmerge stories: no outlet "nosuch": the known outlets are north');
    const known = await feedmerge('stories', '--outlet', 'north', '--state', state, '--format', 'json');
    expect(known).toMatchObject({ code: 0, stdout: '[]\n' });
  });

  it('outlets remove of an id not in the registry exits 1', async () => {
    expectError(await feedmerge('outlets', 'remove', '--id', 'south', '--state', state), 1, 'feedmerge outlets remove: no outlet "south" in the registry (feedmerge outlets list)');
  });
});

describe('ports in use', () => {
  let dir: string;
  let blocker: Server;
  let taken: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'feedmerge-ports-'));
    blocker = createServer();
    await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', () => ok()));
    taken = (blocker.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise<void>((ok) => blocker.close(() => ok()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('run with a --port in use fails at once, before any cycle, with one line (and the npm start form under npm)', async () => {
    const state = join(dir, 'run');
    const started = Date.now();
    const res = await feedmerge('run', '--feeds', 'examples/feeds.json', '--serve-dir', 'examples/feeds', '--serve-port', '0', '--state', state, '--port', String(taken));
    expect(res.code).toBe(2);
    expect(res.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(res.stderr).toMatch(new RegExp(`^feedmerge run: port ${taken} is in use: pass another with --port <n> \\(e\\.g\\. --port \\d+\\)\\n$`));
    expect(res.stderr).not.toMatch(/cycle/);
    expect(existsSync(state)).toBe(false);
    expect(Date.now() - started).toBeLessThan(30_000);
    const npm = await feedmergeWith({ npm_lifecycle_event: 'start' }, 'run', '--feeds', 'examples/feeds.json', '--state', state, '--port', String(taken));
    expect(npm.stderr).toMatch(new RegExp(`^feedmerge run: port ${taken} is in use: pass another with --port <n> \\(npm start -- --port \\d+\\)\\n$`));
  }, 60_000);

  it('--serve-port given and in use is an error too; serve --port as well', async () => {
    const [run, serve] = await Promise.all([
      feedmerge('run', '--feeds', 'examples/feeds.json', '--serve-dir', 'examples/feeds', '--serve-port', String(taken), '--port', '0', '--state', join(dir, 'sp')),
      feedmerge('serve', 'examples/feeds', '--port', String(taken)),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^feedmerge run: port ${taken} is in use: pass another with --serve-port <n> \\(e\\.g\\. --serve-port \\d+\\)\\n$`));
    expect(serve.code).toBe(2);
    expect(serve.stderr).toMatch(new RegExp(`^feedmerge serve: port ${taken} is in use: pass another with --port <n> \\(e\\.g\\. --port \\d+\\)\\n$`));
  }, 60_000);
});

describe('outlets import --opml and outlets export', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'feedmerge-opml-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports an OPML file (replacing the registry), shows each id, and round-trips through export', async () => {
    const state = join(dir, 'state');
    const opml = join(dir, 'subs.opml');
    writeFileSync(
      opml,
      `<?xml version="1.0"?>
<opml version="1.0">
  <head><title>Reader</title></head>
  <body>
    <outline text="News">
      <outline type="rss" text="Harbour News" xmlUrl="https://harbour.example/feed.xml"/>
      <outline type="rss" title="Valley &amp; Co" text="vc" xmlUrl="https://valley.example/rss?a=1&amp;b=2"/>
    </outline>
  </body>
</opml>
`,
    );
    await feedmerge('outlets', 'add', '--id', 'old', '--name', 'Old', '--url', 'https://old.example/', '--state', state);
    const imported = await feedmerge('outlets', 'import', '--opml', opml, '--state', state);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr.split('\n').filter(Boolean)).toEqual([
      '  harbour-news  "Harbour News" https://harbour.example/feed.xml (line 6)',
      '  valley-co     "Valley & Co" https://valley.example/rss?a=1&b=2 (line 7)',
      '2 outlets in the registry',
    ]);

    const json = await feedmerge('outlets', 'export', '--state', state);
    expect(json.code).toBe(0);
    const registry = JSON.parse(json.stdout) as { outlets: Array<{ id: string; name: string; url: string }> };
    expect(registry.outlets).toEqual([
      { id: 'harbour-news', name: 'Harbour News', url: 'https://harbour.example/feed.xml' },
      { id: 'valley-co', name: 'Valley & Co', url: 'https://valley.example/rss?a=1&b=2' },
    ]);

    // Export as OPML to a file, import it into another state: the same outlets, ids included.
    const out = join(dir, 'export.opml');
    const exported = await feedmerge('outlets', 'export', '--format', 'opml', '--out', out, '--state', state);
    expect(exported).toMatchObject({ code: 0, stdout: '', stderr: `2 outlets written to ${out}\n` });
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('<opml version="2.0"');
    expect(text).toContain('<outline type="rss" text="Valley &amp; Co" title="Valley &amp; Co" xmlUrl="https://valley.example/rss?a=1&amp;b=2" feedmerge:id="valley-co"/>');
    const other = join(dir, 'other');
    expect((await feedmerge('outlets', 'import', '--opml', out, '--state', other)).code).toBe(0);
    expect(JSON.parse((await feedmerge('outlets', 'export', '--state', other)).stdout)).toEqual(registry);
    // And the JSON export is a feeds file.
    const feeds = join(dir, 'feeds.json');
    writeFileSync(feeds, json.stdout);
    expect((await feedmerge('outlets', 'import', '--feeds', feeds, '--state', join(dir, 'third'))).code).toBe(0);
  }, 120_000);

  it('refuses a bad OPML file with one line naming the file and the outline', async () => {
    const opml = join(dir, 'bad.opml');
    writeFileSync(opml, '<opml version="2.0"><body>\n<outline text="A" xmlUrl="https://a.example/rss"/>\n<outline text="B" xmlUrl="file:///etc/passwd"/>\n</body></opml>\n');
    const [bad, both, none] = await Promise.all([
      feedmerge('outlets', 'import', '--opml', opml, '--state', join(dir, 'state')),
      feedmerge('outlets', 'import', '--opml', opml, '--feeds', 'examples/feeds.json', '--state', join(dir, 'state')),
      feedmerge('outlets', 'import', '--state', join(dir, 'state')),
    ]);
    expectError(bad, 2, `feedmerge outlets import: ${opml}:3: outline "B": xmlUrl "file:///etc/passwd" must use http or https, not file:`);
    expectError(both, 2, 'feedmerge outlets import: pass --feeds <file> or --opml <file>, not both');
    expectError(none, 2, 'feedmerge outlets import: outlets import needs --feeds <file> or --opml <file>');
  }, 60_000);
});
