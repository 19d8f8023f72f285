import { describe, expect, it } from 'vitest';
import { COMMAND_SPECS, globalUsage, outletsHelp } from '../../cli/commands.ts';
import { helpText, parseCommand, synopsis, UsageError, wantsHelp, type CommandSpec } from '../../cli/options.ts';
import { count } from '../../cli/plural.ts';
import { summaryLine, type CycleSummary } from '../../cli/cycle.ts';

const SPEC = {
  name: 'demo',
  positionals: 1,
  description: ['A demo.'],
  options: {
    limit: { type: 'string', value: '<n>', help: 'at most n' },
    format: { type: 'string', value: 'a|b', default: 'a', help: 'format' },
    once: { type: 'boolean', help: 'once' },
    help: { type: 'boolean', short: 'h', help: 'print this help' },
  },
} as const satisfies CommandSpec;

function usageError(args: string[]): string {
  try {
    parseCommand(SPEC, args);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message.split('\n')).toHaveLength(1);
    return (err as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('parseCommand', () => {
  it('parses values, defaults, booleans and positionals, and says which options were given', () => {
    const parsed = parseCommand(SPEC, ['x', '--limit', '5', '--once']);
    expect(parsed.values).toEqual({ limit: '5', format: 'a', once: true, help: false });
    expect(parsed.positionals).toEqual(['x']);
    expect([...parsed.given].sort()).toEqual(['limit', 'once']);
    expect(parseCommand(SPEC, ['--limit=7', '--format', 'b']).values).toMatchObject({ limit: '7', format: 'b' });
  });

  it('gives a value that starts with "-" to its option (the option then says what it accepts)', () => {
    expect(parseCommand(SPEC, ['--limit', '-3']).values.limit).toBe('-3');
    expect(parseCommand(SPEC, ['--limit', '--']).values.limit).toBe('--');
  });

  it('refuses, in one line each: an unknown option, a missing value, a value for a flag, an extra argument', () => {
    expect(usageError(['--bogus'])).toBe('unknown option "--bogus": see feedmerge demo --help');
    expect(usageError(['-x'])).toBe('unknown option "-x": see feedmerge demo --help');
    expect(usageError(['--limit'])).toBe('--limit needs a value: --limit <n>');
    expect(usageError(['--limit', '--once'])).toBe('--limit needs a value: --limit <n>');
    expect(usageError(['--once=yes'])).toBe('--once takes no value, got "yes"');
    expect(usageError(['a', 'b'])).toBe('unexpected argument "b": see feedmerge demo --help');
  });

  it('finds -h and --help before "--" only', () => {
    expect(wantsHelp(['--limit', '3', '-h'])).toBe(true);
    expect(wantsHelp(['--help'])).toBe(true);
    expect(wantsHelp(['--', '--help'])).toBe(false);
  });
});

describe('the usage texts', () => {
  it('list, for every command, every option its parser accepts, each with a description', () => {
    for (const spec of COMMAND_SPECS.values()) {
      const help = helpText(spec);
      expect(help.startsWith(`Usage: feedmerge ${spec.name}`)).toBe(true);
      for (const [name, option] of Object.entries(spec.options)) {
        const line = help.split('\n').find((l) => l.startsWith(`  ${option.short ? `-${option.short}, ` : ''}--${name}`));
        expect(line, `${spec.name} --${name}`).toBeDefined();
        expect(line!.trim().length).toBeGreaterThan(`--${name}`.length + 5);
        // What the help lists, the parser takes.
        const args = option.type === 'string' ? [`--${name}`, 'x'] : [`--${name}`];
        expect(parseCommand(spec, args).given.has(name)).toBe(true);
      }
      // --aws wherever the records or the registry are read or written (run has its own stores).
      if (!['eval', 'serve', 'run'].includes(spec.name)) expect(help).toMatch(/\n {2}--aws {2,}\S/);
      if (spec.name !== 'eval' && spec.name !== 'serve') expect(help).toMatch(/\n {2}--state <dir> {2,}\S/);
    }
  });

  it('put --format and --aws in the global usage where they apply, and point to <command> --help', () => {
    const usage = globalUsage();
    for (const spec of COMMAND_SPECS.values()) expect(usage).toContain(synopsis(spec).split('\n')[0]);
    expect(usage).toContain('feedmerge stories [--since <iso>]');
    expect(usage).toMatch(/feedmerge feed \[--format rss\|atom\|json\] \[--limit <n>\] \[--state <dir> \| --aws\]/);
    expect(usage).toContain('feedmerge <command> --help');
    expect(outletsHelp()).toContain('feedmerge outlets import (--feeds <file> | --opml <file>)');
  });

  it('keep every line of the synopses under 100 columns', () => {
    for (const spec of COMMAND_SPECS.values()) for (const line of `Usage: ${synopsis(spec)}`.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });
});

describe('counts', () => {
  it('use the singular for 1 only', () => {
    expect(count(1, 'story', 'stories')).toBe('1 story');
    expect(count(0, 'story', 'stories')).toBe('0 stories');
    expect(count(2, 'outlet')).toBe('2 outlets');
    expect(count(1, 'copy', 'copies')).toBe('1 copy');
  });

  it('are right in the cycle summary', () => {
    const one: CycleSummary = {
      outlets: 1, fetched: 1, notModified: 0, failed: 0, deferred: 0, items: 1, newStories: 1, merged: 1, nearMerged: 0, reports: [],
      publish: { stories: 1, written: ['rss'] }, durationMs: 1200,
    };
    expect(summaryLine(one)).toBe('cycle: 1 outlet — 1 fetched, 0 not modified, 0 failed; 1 item seen, 1 new story, 1 copy merged; 1 story in the feed, feed updated (rss); 1.20 s');
    expect(summaryLine({ ...one, outlets: 2, items: 2, newStories: 2, merged: 0, publish: { stories: 2, written: [] } })).toBe(
      'cycle: 2 outlets — 1 fetched, 0 not modified, 0 failed; 2 items seen, 2 new stories, 0 copies merged; 2 stories in the feed, feed unchanged; 1.20 s',
    );
    expect(summaryLine({ ...one, stopped: { notFetched: 1 } })).toBe(
      'cycle: 1 outlet — 1 fetched, 0 not modified, 0 failed; 1 item seen, 1 new story, 1 copy merged; stopped: 1 outlet not fetched, feed not published (the next cycle publishes); 1.20 s',
    );
  });
});
