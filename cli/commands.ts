/**
 * Every command's option table (parsed by options.ts) and the usage texts made from them: the help of
 * each command and the global usage list the options the parser accepts, and nothing else.
 */
import { EXIT_STATUS, helpText, synopsis, type CommandSpec, type OptionSpec } from './options.ts';

const HELP = { type: 'boolean', short: 'h', help: 'print this help' } as const satisfies OptionSpec;
/** Commands that write (run, outlets add/import) make the state folder; the others read it and need it. */
const STATE = { type: 'string', value: '<dir>', default: '.feedmerge', help: 'state folder of the embedded stores, made if absent' } as const satisfies OptionSpec;
const STATE_READ = {
  type: 'string',
  value: '<dir>',
  default: '.feedmerge',
  help: 'state folder to read (no state there: exit 1, nothing is created)',
} as const satisfies OptionSpec;
const AWS = { type: 'boolean', help: 'the deployed stack (FEEDMERGE_TABLE, FEEDMERGE_BUCKET, SDK credentials)' } as const satisfies OptionSpec;
const SINCE = { type: 'string', value: '<iso>', help: 'stories first published at or after this date (2026-11-20[T08:00Z])' } as const satisfies OptionSpec;
const UNTIL = { type: 'string', value: '<iso>', help: 'stories first published before this date' } as const satisfies OptionSpec;
const TABLE_FORMAT = { type: 'string', value: 'table|json|csv', default: 'table', help: 'output format' } as const satisfies OptionSpec;
const STATS = { type: 'boolean', help: 'print the DynamoDB and S3 requests used (and read units), on stderr' } as const satisfies OptionSpec;

export const RUN = {
  name: 'run',
  positionals: 0,
  required: ['feeds'],
  description: [
    'Fetches every outlet, deduplicates, publishes the merged feed; then serves it on',
    '127.0.0.1 and repeats every --every minutes. The ports are taken before the first',
    'cycle (one in use is an error at once). Ctrl-C or SIGTERM, at any time, stops it',
    'cleanly and it exits 0: fetches in flight finish (5 s at most), nothing more is',
    'fetched or published, the servers and stores are closed. A second signal, a',
    'second or more later, exits at once (130 for SIGINT, 143 for SIGTERM).',
  ],
  options: {
    feeds: { type: 'string', value: '<file>', help: 'the outlets, a JSON file {"outlets": [{"id", "name", "url"}]} (required)' },
    state: STATE,
    once: { type: 'boolean', help: 'one cycle, then exit (no server)' },
    every: { type: 'string', value: '<min>', default: '15', help: "minutes between cycles (1 to 10080); the feed's max-age too (1 min to 1 h)" },
    port: { type: 'string', value: '<n>', default: '8400', help: 'port of the merged feed on 127.0.0.1, 0 for any; must be free' },
    'serve-dir': { type: 'string', value: '<dir>', help: 'serve this folder on 127.0.0.1 and resolve relative outlet URLs against it' },
    'serve-port': {
      type: 'string',
      value: '<n>',
      help: 'port of the --serve-dir server, must be free if given (default 8401, else any)',
    },
    'deny-private-network': {
      type: 'boolean',
      help: 'refuse loopback and private addresses, as the deployed stack does',
    },
    help: HELP,
  },
} as const satisfies CommandSpec;

export const STORIES = {
  name: 'stories',
  positionals: 0,
  description: [
    'The deduplication records: one story per entry, newest first, with every copy.',
    'In the table, "*" under "earliest" marks the copy published first (the story\'s',
    'date and origin) and match "founded" the copy that created the story (JSON and',
    'CSV: match "first"); the other copies matched exact, near, title or merged.',
  ],
  options: {
    since: SINCE,
    until: UNTIL,
    outlet: { type: 'string', value: '<id>', help: 'only stories with a copy from this outlet (unknown outlet: exit 1)' },
    'min-copies': { type: 'string', value: '<n>', help: 'only stories with at least n copies (1 to 10000)' },
    search: { type: 'string', value: '<words>', help: 'only stories with all these words in a title' },
    limit: { type: 'string', value: '<n>', help: 'at most n stories (1 to 1000000)' },
    format: TABLE_FORMAT,
    stats: STATS,
    state: STATE_READ,
    aws: AWS,
    help: HELP,
  },
} as const satisfies CommandSpec;

export const STORY = {
  name: 'story',
  args: '<id>',
  positionals: 1,
  description: [
    'One story (its 24-hex-digit id, from feedmerge stories): its copies, each one\'s',
    'lag behind the first publisher and why it was merged, and its canonical text.',
    'An unknown id exits 1.',
  ],
  options: {
    since: { type: 'string', value: '<iso>', help: 'only the copies published at or after this date' },
    until: { type: 'string', value: '<iso>', help: 'only the copies published before this date' },
    format: TABLE_FORMAT,
    stats: STATS,
    state: STATE_READ,
    aws: AWS,
    help: HELP,
  },
} as const satisfies CommandSpec;

export const FLOWS = {
  name: 'flows',
  positionals: 0,
  description: ['How syndication flows: per (first publisher, later carrier), the stories carried.'],
  options: { since: SINCE, until: UNTIL, format: TABLE_FORMAT, stats: STATS, state: STATE_READ, aws: AWS, help: HELP },
} as const satisfies CommandSpec;

export const SQL = {
  name: 'sql',
  args: '"<query>"',
  positionals: 1,
  description: [
    'SQL (DuckDB) over the analytics copy of the records: tables stories and copies,',
    'the same as in Athena (README, "SQL"). An error in the query exits 2.',
  ],
  options: { format: TABLE_FORMAT, stats: STATS, state: STATE_READ, aws: AWS, help: HELP },
} as const satisfies CommandSpec;

export const REPORT = {
  name: 'report',
  positionals: 0,
  required: ['out'],
  description: [
    'A self-contained HTML page: stories per day, copies per outlet, first-publisher',
    'share, lags, the flows as a matrix (also at /report of the local server).',
  ],
  options: {
    out: { type: 'string', value: '<file>', help: 'the HTML file to write (required)' },
    since: SINCE,
    until: UNTIL,
    stats: STATS,
    state: STATE_READ,
    aws: AWS,
    help: HELP,
  },
} as const satisfies CommandSpec;

export const EXPORT_ANALYTICS = {
  name: 'export-analytics',
  positionals: 0,
  description: [
    'Rewrites the analytics copy of the stories in the range (records made before it',
    'was kept, or while FEEDMERGE_ANALYTICS was false); the pipeline keeps it',
    'up to date.',
  ],
  options: { since: SINCE, until: UNTIL, stats: STATS, state: STATE_READ, aws: AWS, help: HELP },
} as const satisfies CommandSpec;

export const OUTLETS_STATS = {
  name: 'outlets stats',
  positionals: 0,
  description: ['Per outlet: items, stories published first, copies of others\', median lag,', 'syndicated share.'],
  options: { since: SINCE, until: UNTIL, format: TABLE_FORMAT, stats: STATS, state: STATE_READ, aws: AWS, help: HELP },
} as const satisfies CommandSpec;

export const FEED = {
  name: 'feed',
  positionals: 0,
  description: ['Prints the merged feed as it is rendered now.'],
  options: {
    format: { type: 'string', value: 'rss|atom|json', default: 'rss', help: 'feed format' },
    limit: { type: 'string', value: '<n>', help: 'at most n stories, 1 to 1000 (default FEEDMERGE_FEED_LIMIT, else 50)' },
    state: STATE_READ,
    aws: AWS,
    help: HELP,
  },
} as const satisfies CommandSpec;

export const SERVE = {
  name: 'serve',
  args: '<dir>',
  positionals: 1,
  description: [
    'Serves a folder of feed files on 127.0.0.1 (with ETag/304), to try feedmerge on',
    'local files, until Ctrl-C or SIGTERM. A folder that does not exist, or a port',
    'in use, is an error (exit 2).',
  ],
  options: {
    port: { type: 'string', value: '<n>', default: '8401', help: 'port on 127.0.0.1, 0 for any; must be free' },
    help: HELP,
  },
} as const satisfies CommandSpec;

export const EVAL = {
  name: 'eval',
  args: '[<corpus dir>...]',
  positionals: 16,
  description: [
    'Runs one cycle on each corpus (default: the bundled examples/) and scores the',
    'stories against its truth.json: pairwise precision and recall, hard negatives.',
    'A corpus folder that does not exist is an error (exit 2).',
  ],
  options: { json: { type: 'boolean', help: 'print the scores as JSON' }, help: HELP },
} as const satisfies CommandSpec;

export const OUTLETS_LIST = {
  name: 'outlets list',
  positionals: 0,
  description: ['The outlet registry the dispatcher reads (s3://<bucket>/config/outlets.json),', 'each outlet with its fetch health. `feedmerge outlets` alone lists too.'],
  options: { format: { type: 'string', value: 'table|json', default: 'table', help: 'output format' }, state: STATE_READ, aws: AWS, help: HELP },
} as const satisfies CommandSpec;

export const OUTLETS_ADD = {
  name: 'outlets add',
  positionals: 0,
  required: ['id', 'name', 'url'],
  description: ['Adds an outlet to the registry, or replaces the one with that id.'],
  options: {
    id: { type: 'string', value: '<id>', help: 'lowercase letters, digits and dashes, at most 63 (required)' },
    name: { type: 'string', value: '<name>', help: 'the name the merged feed credits (required)' },
    url: { type: 'string', value: '<url>', help: "the outlet's feed, an absolute http(s) URL (required)" },
    state: STATE,
    aws: AWS,
    help: HELP,
  },
} as const satisfies CommandSpec;

export const OUTLETS_REMOVE = {
  name: 'outlets remove',
  positionals: 0,
  required: ['id'],
  description: ['Removes an outlet from the registry (an id not in it exits 1).'],
  options: { id: { type: 'string', value: '<id>', help: 'the outlet to remove (required)' }, state: STATE_READ, aws: AWS, help: HELP },
} as const satisfies CommandSpec;

export const OUTLETS_IMPORT = {
  name: 'outlets import',
  positionals: 0,
  oneOf: ['feeds', 'opml'],
  description: [
    'Replaces the registry with the outlets of a feeds file or of an OPML file. OPML:',
    'each <outline> with an xmlUrl (categories are walked) is an outlet named by its',
    'title (else text); its id is its feedmerge:id if it has one, else made from the',
    'name (else the host), unique; each id is printed with its outline\'s line.',
  ],
  options: {
    feeds: { type: 'string', value: '<file>', help: 'a feeds file, as run --feeds takes (this or --opml)' },
    opml: { type: 'string', value: '<file>', help: 'an OPML file, as feed readers export (this or --feeds)' },
    state: STATE,
    aws: AWS,
    help: HELP,
  },
} as const satisfies CommandSpec;

export const OUTLETS_EXPORT = {
  name: 'outlets export',
  positionals: 0,
  description: [
    'Writes the registry: json is a feeds file (outlets import --feeds and run --feeds',
    'read it); opml is OPML 2.0 for feed readers, each outline with the outlet\'s id in',
    'feedmerge:id (outlets import --opml keeps it).',
  ],
  options: {
    format: { type: 'string', value: 'json|opml', default: 'json', help: 'file format' },
    out: { type: 'string', value: '<file>', help: 'write to this file (default: stdout)' },
    state: STATE_READ,
    aws: AWS,
    help: HELP,
  },
} as const satisfies CommandSpec;

/** The outlets actions, by name; `outlets` alone lists. */
export const OUTLETS_ACTIONS = {
  list: OUTLETS_LIST,
  add: OUTLETS_ADD,
  remove: OUTLETS_REMOVE,
  import: OUTLETS_IMPORT,
  export: OUTLETS_EXPORT,
  stats: OUTLETS_STATS,
} as const;

const TOP: readonly CommandSpec[] = [RUN, STORIES, STORY, FLOWS, SQL, REPORT, EXPORT_ANALYTICS, FEED, SERVE, EVAL];
const OUTLETS: readonly CommandSpec[] = Object.values(OUTLETS_ACTIONS);

/** Every command's spec, by its name (`outlets stats` included). */
export const COMMAND_SPECS: ReadonlyMap<string, CommandSpec> = new Map([...TOP, ...OUTLETS].map((s) => [s.name, s]));

const indent = (text: string, by: number): string => text.replace(/\n/g, `\n${' '.repeat(by)}`);

function commandList(specs: readonly CommandSpec[]): string[] {
  return specs.flatMap((s) => {
    const [first = '', ...rest] = s.description;
    return [`  ${s.name.padEnd(16)} ${first}`, ...rest.map((l) => `  ${''.padEnd(16)} ${l}`)];
  });
}

/** `feedmerge outlets --help`: every action of the registry. */
export function outletsHelp(): string {
  return [
    'Usage:',
    ...OUTLETS.map((s) => `  ${indent(synopsis(s), 2)}`),
    '',
    'The outlet registry the dispatcher reads (s3://<bucket>/config/outlets.json).',
    '',
    'Actions:',
    ...commandList(OUTLETS),
    '',
    'feedmerge outlets <action> --help: that action\'s options.',
    '',
    EXIT_STATUS,
    '',
  ].join('\n');
}

export function globalUsage(): string {
  return [
    'feedmerge — merge syndicated copies of the same story into one feed',
    '',
    'Usage:',
    ...[...TOP, ...OUTLETS].map((s) => `  ${indent(synopsis(s), 2)}`),
    '',
    'Commands:',
    ...commandList([...TOP, ...OUTLETS]),
    '',
    'feedmerge <command> --help (or -h): that command\'s usage, every option it takes.',
    '',
    'Storage: embedded dynalite + s3rver under --state (default .feedmerge/), unless',
    'AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_DYNAMODB or AWS_ENDPOINT_URL_S3 point elsewhere.',
    '--aws (every command but run, serve and eval): the deployed stack, with the SDK\'s',
    'credentials and region and FEEDMERGE_TABLE / FEEDMERGE_BUCKET set to the stack outputs.',
    'Every command but run, outlets add and outlets import needs a state folder made by',
    'one of those three (none there: exit 1, and nothing is created).',
    '',
    EXIT_STATUS,
    '',
  ].join('\n');
}

export { helpText };
