/**
 * The analysts' page: stories per day, copies per outlet, first-publisher share, the lag distribution and
 * the syndication flows (a matrix), from the same functions as `outlets stats` and `flows`.
 *
 * Self-contained: the charts are SVG drawn here, the style inline; no script, no font, no request leaves
 * the page. Every number in it is also in the page's tables (`data-*` attributes name them for checks).
 */
import { flows, lagMinutes, median, outletStats, type Flow, type OutletStats, type SyndicatedStory } from './syndication.ts';

export interface ReportOptions {
  readonly title: string;
  /** When the report was made (ISO 8601). */
  readonly generatedAt: string;
  /** The range it covers, as asked (ISO 8601), if any. */
  readonly since?: string;
  readonly until?: string;
}

/** Lag buckets of the distribution chart: upper bounds in minutes. */
const LAG_BUCKETS: ReadonlyArray<readonly [string, number]> = [
  ['< 15 min', 15],
  ['15–60 min', 60],
  ['1–3 h', 180],
  ['3–6 h', 360],
  ['6–12 h', 720],
  ['12–24 h', 1440],
  ['1–2 d', 2880],
  ['> 2 d', Infinity],
];

export interface ReportData {
  readonly stories: number;
  readonly copies: number;
  readonly perDay: ReadonlyArray<readonly [string, number]>;
  readonly outlets: readonly OutletStats[];
  readonly flows: readonly Flow[];
  readonly lags: ReadonlyArray<readonly [string, number]>;
  readonly medianLagMinutes: number | null;
}

export function reportData(stories: readonly SyndicatedStory[]): ReportData {
  const perDay = new Map<string, number>();
  const lags: number[] = [];
  for (const s of stories) {
    const day = s.story.published.slice(0, 10);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
    for (const c of s.copies) if (c.outletId !== s.story.outletId) lags.push(lagMinutes(s.story, c));
  }
  const buckets = LAG_BUCKETS.map(([label]) => [label, 0] as [string, number]);
  for (const lag of lags) buckets[LAG_BUCKETS.findIndex(([, max]) => lag < max)]![1]++;
  return {
    stories: stories.length,
    copies: stories.reduce((n, s) => n + s.copies.length, 0),
    perDay: [...perDay].sort(([a], [b]) => a.localeCompare(b)),
    outlets: outletStats(stories),
    flows: flows(stories),
    lags: buckets,
    medianLagMinutes: median(lags),
  };
}

export function renderReport(stories: readonly SyndicatedStory[], options: ReportOptions): string {
  const d = reportData(stories);
  const range = options.since || options.until ? ` · first published ${options.since ? `from ${options.since.slice(0, 10)}` : ''}${options.until ? ` until ${options.until.slice(0, 10)}` : ''}` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(options.title)} — syndication report</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${esc(options.title)} <span>syndication report</span></h1>
<p class="meta">Made ${esc(options.generatedAt.slice(0, 16).replace('T', ' '))} UTC${esc(range)}</p>
</header>
<section class="tiles">
${tile('stories', d.stories)}${tile('copies', d.copies)}${tile('outlets', d.outlets.length)}${tile('median lag', d.medianLagMinutes === null ? '—' : lagText(d.medianLagMinutes), 'median-lag')}
</section>
${d.stories === 0 ? '<p class="empty">No stories in this range yet.</p>' : sections(d)}
<footer>feedmerge · the same numbers as <code>feedmerge outlets stats</code> and <code>feedmerge flows</code></footer>
</body>
</html>
`;
}

function sections(d: ReportData): string {
  return `<section>
<h2>Stories per day</h2>
${columns(d.perDay.map(([day, n]) => ({ label: day.slice(5), value: n, title: `${day}: ${n} stories` })))}
</section>
<section>
<h2>Copies per outlet</h2>
<p class="legend"><i class="first"></i> published first <i class="copy"></i> copies of other outlets' stories</p>
${stackedBars(d.outlets)}
</section>
<section>
<h2>First-publisher share</h2>
${bars(d.outlets.map((o) => ({ label: o.outlet, value: o.firstPublished, text: `${o.firstPublished} (${pct(o.firstPublished / Math.max(1, d.stories))})` })).sort((a, b) => b.value - a.value))}
</section>
<section>
<h2>How late the copies come</h2>
${columns(d.lags.map(([label, n]) => ({ label, value: n, title: `${label}: ${n} copies` })))}
</section>
<section>
<h2>Syndication flows</h2>
<p class="legend">Rows published first; columns carried later. Each cell: stories.</p>
${matrix(d.flows)}
</section>
<section>
<h2>Outlets</h2>
${outletTable(d.outlets)}
</section>`;
}

function tile(label: string, value: string | number, key = label): string {
  return `<div class="tile"><b data-total="${esc(key)}">${esc(String(value))}</b><span>${esc(label)}</span></div>\n`;
}

/** Vertical bars (one per label), as SVG scaled to its box. */
function columns(items: ReadonlyArray<{ label: string; value: number; title: string }>): string {
  const max = Math.max(1, ...items.map((i) => i.value));
  // Wide enough for the longest label (9 px type, about 5.5 px a character).
  const w = Math.max(40, Math.ceil(Math.max(0, ...items.map((i) => i.label.length)) * 5.5) + 14);
  const h = 140;
  const bars = items
    .map((item, i) => {
      const bh = Math.round((item.value / max) * (h - 30));
      const x = i * w + 6;
      return `<g><title>${esc(item.title)}</title><rect x="${x}" y="${h - 18 - bh}" width="${w - 12}" height="${bh}" class="bar"/>
<text x="${x + (w - 12) / 2}" y="${h - 22 - bh}" class="num">${item.value}</text><text x="${x + (w - 12) / 2}" y="${h - 4}" class="lab">${esc(item.label)}</text></g>`;
    })
    .join('\n');
  return `<svg viewBox="0 0 ${Math.max(w * items.length + 12, 200)} ${h}" role="img" class="chart">${bars}</svg>`;
}

/** Horizontal bars with a label and a number. */
function bars(items: ReadonlyArray<{ label: string; value: number; text: string }>): string {
  const max = Math.max(1, ...items.map((i) => i.value));
  return `<div class="hbars">${items
    .map((i) => `<div class="row"><span class="name">${esc(i.label)}</span><span class="track"><span class="fill first" style="width:${((i.value / max) * 100).toFixed(1)}%"></span></span><span class="val">${esc(i.text)}</span></div>`)
    .join('\n')}</div>`;
}

function stackedBars(outlets: readonly OutletStats[]): string {
  const max = Math.max(1, ...outlets.map((o) => o.items));
  return `<div class="hbars">${outlets
    .map((o) => {
      const own = o.items - o.copiesOfOthers;
      return `<div class="row"><span class="name">${esc(o.outlet)}</span><span class="track"><span class="fill first" style="width:${((own / max) * 100).toFixed(1)}%"></span><span class="fill copy" style="width:${((o.copiesOfOthers / max) * 100).toFixed(1)}%"></span></span><span class="val">${o.items}</span></div>`;
    })
    .join('\n')}</div>`;
}

/** The flows as a from × to matrix, cells shaded by count. */
function matrix(rows: readonly Flow[]): string {
  if (rows.length === 0) return '<p class="empty">No story was carried by more than one outlet.</p>';
  const from = [...new Set(rows.map((r) => r.from))].sort();
  const to = [...new Set(rows.map((r) => r.to))].sort();
  const count = new Map(rows.map((r) => [`${r.from}\u0000${r.to}`, r.count]));
  const max = Math.max(...rows.map((r) => r.count));
  const head = `<tr><th></th>${to.map((t) => `<th class="col"><span>${esc(t)}</span></th>`).join('')}</tr>`;
  const body = from
    .map((f) => {
      const cells = to
        .map((t) => {
          const n = count.get(`${f}\u0000${t}`) ?? 0;
          const alpha = n === 0 ? 0 : 0.15 + 0.85 * (n / max);
          return `<td data-from="${esc(f)}" data-to="${esc(t)}" style="background:rgba(37,99,235,${alpha.toFixed(2)});color:${alpha > 0.55 ? '#fff' : '#1f2937'}">${n || ''}</td>`;
        })
        .join('');
      return `<tr><th>${esc(f)}</th>${cells}</tr>`;
    })
    .join('\n');
  return `<div class="scroll"><table class="matrix">${head}\n${body}</table></div>`;
}

function outletTable(outlets: readonly OutletStats[]): string {
  const rows = outlets
    .map(
      (o) =>
        `<tr data-outlet="${esc(o.outlet)}"><th>${esc(o.outlet)}</th><td data-key="items">${o.items}</td><td data-key="firstPublished">${o.firstPublished}</td><td data-key="copiesOfOthers">${o.copiesOfOthers}</td><td data-key="medianLagMinutes">${o.medianLagMinutes ?? ''}</td><td data-key="syndicatedShare">${o.syndicatedShare}</td></tr>`,
    )
    .join('\n');
  return `<div class="scroll"><table class="outlets"><thead><tr><th>outlet</th><th>items</th><th>first published</th><th>copies of others</th><th>median lag (min)</th><th>syndicated share</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

function lagText(minutes: number): string {
  if (minutes < 60) return `${Math.round(minutes)} min`;
  if (minutes < 1440) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} d`;
}

function pct(x: number): string {
  return `${Math.round(x * 100)} %`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2937;background:#f8fafc;margin:0 auto;max-width:1000px;padding:16px}
h1{font-size:1.5em;margin:.2em 0}h1 span{font-weight:400;color:#64748b}h2{font-size:1.1em;margin:0 0 .6em}
.meta,.legend,footer{color:#64748b;font-size:.9em}section{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:14px 16px;margin:14px 0}
.tiles{display:flex;gap:12px;flex-wrap:wrap;background:none;border:0;padding:0}.tile{flex:1 1 140px;background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:10px 14px}
.tile b{display:block;font-size:1.6em}.tile span{color:#64748b}
.chart{width:100%;height:auto;max-height:220px}.bar{fill:#2563eb}.num{font-size:10px;text-anchor:middle;fill:#1f2937}.lab{font-size:9px;text-anchor:middle;fill:#64748b}
.hbars .row{display:flex;align-items:center;gap:8px;margin:3px 0}.hbars .name{flex:0 0 150px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.hbars .track{flex:1;display:flex;height:14px;background:#f1f5f9;border-radius:3px;overflow:hidden}.hbars .val{flex:0 0 90px;text-align:right;font-variant-numeric:tabular-nums}
.fill.first,i.first{background:#2563eb}.fill.copy,i.copy{background:#93c5fd}i{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px;border-radius:2px}
.scroll{overflow-x:auto}table{border-collapse:collapse;font-variant-numeric:tabular-nums}th,td{padding:4px 8px;border-bottom:1px solid #e2e8f0;text-align:right}
th{text-align:left;font-weight:600}.matrix td{text-align:center;min-width:34px}.matrix th.col{height:110px;vertical-align:bottom}
.matrix th.col span{display:inline-block;writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}
.empty{color:#64748b}@media (max-width:600px){.hbars .name{flex-basis:90px}.hbars .val{flex-basis:60px}}
`;
