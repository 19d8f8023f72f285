/**
 * The command line's option tables and what is made from them: the parser and the help. One table per
 * command, so that `feedmerge <command> --help` lists exactly what that command's parser accepts.
 */
import { parseArgs } from 'node:util';

/** A usage error: exit 2, one line on stderr. */
export class UsageError extends Error {}
/** What was asked for does not exist: exit 1, one line. */
export class NotFoundError extends Error {}

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** What a string option's value is, in the help and the synopsis: `<n>`, `table|json|csv`. */
  readonly value?: string;
  readonly default?: string;
  /** One line for the help. */
  readonly help: string;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

export interface CommandSpec<O extends OptionTable = OptionTable> {
  /** As typed: `stories`, `outlets stats`. */
  readonly name: string;
  /** The positional arguments, as the synopsis shows them: `<id>`, `[<corpus dir>...]`. */
  readonly args?: string;
  /** How many positional arguments it takes at most. */
  readonly positionals: number;
  /** Options the synopsis shows without brackets (the command checks them, with its own message). */
  readonly required?: readonly (keyof O & string)[];
  /** Options of which exactly one is given, shown as `(--a <x> | --b <y>)` (the command checks it). */
  readonly oneOf?: readonly (keyof O & string)[];
  /** What the command does, a few lines (the help and the global usage). */
  readonly description: readonly string[];
  readonly options: O;
}

/** The values parsed: booleans are false when absent, strings undefined unless they have a default. */
export type Values<O extends OptionTable> = {
  -readonly [K in keyof O]: O[K] extends { readonly type: 'boolean' } ? boolean : O[K] extends { readonly default: string } ? string : string | undefined;
};

export interface Parsed<O extends OptionTable> {
  readonly values: Values<O>;
  readonly positionals: string[];
  /** The options given on the command line (defaults not counted); given twice, the last one counts. */
  readonly given: ReadonlySet<string>;
}

/** Is help asked for (`-h`, `--help` before any `--`)? */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/**
 * Parses one command's arguments against its table. A value may start with '-' (`--limit -3` gives
 * "-3" to --limit, which then says what it accepts) unless it is one of the command's own options.
 */
export function parseCommand<O extends OptionTable>(spec: CommandSpec<O>, args: readonly string[]): Parsed<O> {
  const see = `see feedmerge ${spec.name} --help`;
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, o] of Object.entries(spec.options)) options[name] = { type: o.type, ...(o.short ? { short: o.short } : {}) };
  // Not strict: node's strict mode refuses values that start with '-' in a three-line message; the
  // tokens are checked here instead, each problem in one line.
  const { tokens, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: false, tokens: true });
  const known = new Set(Object.keys(spec.options).flatMap((name) => [`--${name}`, ...(spec.options[name]!.short ? [`-${spec.options[name]!.short}`] : [])]));
  const values: Record<string, string | boolean | undefined> = {};
  const given = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const o = spec.options[token.name];
    if (!o || !known.has(token.rawName)) throw new UsageError(`unknown option ${JSON.stringify(token.rawName)}: ${see}`);
    if (o.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value, got ${JSON.stringify(token.value)}`);
      values[token.name] = true;
    } else {
      const value = token.value;
      if (value === undefined || (!token.inlineValue && known.has(value))) {
        throw new UsageError(`${token.rawName} needs a value: ${token.rawName} ${o.value ?? '<value>'}`);
      }
      values[token.name] = value;
    }
    given.add(token.name);
  }
  if (positionals.length > spec.positionals) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[spec.positionals])}: ${see}`);
  for (const [name, o] of Object.entries(spec.options)) {
    if (values[name] === undefined) values[name] = o.type === 'boolean' ? false : o.default;
  }
  return { values: values as Values<O>, positionals, given };
}

/** Synopsis lines wrap before this column (after `Usage: `, under 100). */
const WIDTH = 92;

function optionLabel(name: string, o: OptionSpec): string {
  const long = `--${name}${o.type === 'string' ? ` ${o.value ?? '<value>'}` : ''}`;
  return o.short ? `-${o.short}, ${long}` : long;
}

/** `feedmerge stories [--since <iso>] ... [--state <dir> | --aws]`, wrapped under the command. */
export function synopsis(spec: CommandSpec): string {
  const parts: string[] = [];
  const names = Object.keys(spec.options).filter((n) => n !== 'help');
  // --state and --aws choose the stores: one or the other.
  const stores = names.includes('state') && names.includes('aws');
  const label = (name: string): string => {
    const o = spec.options[name]!;
    return `--${name}${o.type === 'string' ? ` ${o.value ?? '<value>'}` : ''}`;
  };
  for (const name of names) {
    if (stores && (name === 'state' || name === 'aws')) continue;
    if (spec.oneOf?.includes(name)) {
      if (name === spec.oneOf[0]) parts.push(`(${spec.oneOf.map(label).join(' | ')})`);
      continue;
    }
    parts.push(spec.required?.includes(name) ? label(name) : `[${label(name)}]`);
  }
  if (spec.args) parts.unshift(spec.args);
  if (stores) parts.push(`[--state ${spec.options.state!.value ?? '<dir>'} | --aws]`);
  const head = `feedmerge ${spec.name}`;
  const lines: string[] = [];
  let line = head;
  for (const part of parts) {
    if (line.length + 1 + part.length > WIDTH && line.trim() !== '') {
      lines.push(line);
      line = ' '.repeat(head.length);
    }
    line += ` ${part}`;
  }
  lines.push(line);
  return lines.join('\n');
}

export const EXIT_STATUS = [
  'Exit status: 0 done (also when stopped by Ctrl-C or SIGTERM); 1 not found (no state at',
  '--state, an unknown story or outlet) or failed while working; 2 usage error (unknown',
  'option, bad value, a file or folder that cannot be read or is invalid, a port in use).',
  'Errors are one line on stderr.',
].join('\n');

/** `feedmerge <command> --help`. */
export function helpText(spec: CommandSpec): string {
  const rows = Object.entries(spec.options).map(([name, o]) => {
    const extra = o.default !== undefined && !o.help.includes('default') ? ` (default ${o.default})` : '';
    return [optionLabel(name, o), `${o.help}${extra}`] as const;
  });
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return [
    `Usage: ${synopsis(spec).replace(/\n/g, '\n       ')}`,
    '',
    ...spec.description,
    '',
    'Options:',
    ...rows.map(([label, help]) => `  ${label.padEnd(width)}${help}`),
    '',
    EXIT_STATUS,
    '',
  ].join('\n');
}
