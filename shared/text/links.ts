/**
 * Links as readers should get them: without the tracking parameters outlets and newsletters append
 * (`?utm_source=rss&utm_medium=feed`, `fbclid`, …). Records keep every URL as published; only what the
 * merged feed shows goes through here.
 *
 * A parameter is removed only when it is a known tracker: one that identifies a campaign, a click or a
 * mailing, and never selects what the page shows. Anything else stays, in its order and spelling.
 */

/**
 * `url` as an absolute http(s) URL (resolved against `base`), without credentials; undefined for any
 * other scheme or what does not parse. What a base for resolving, or a link or image shown, may be.
 */
export function httpUrl(url: string, base?: string): string | undefined {
  const trimmed = url.trim();
  if (!trimmed) return undefined;
  try {
    const resolved = new URL(trimmed, base);
    if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') return undefined;
    resolved.username = '';
    resolved.password = '';
    return resolved.href;
  } catch {
    return undefined;
  }
}

/** Exact names (case-insensitive) of tracking parameters. */
const TRACKING = new Set([
  // ad and social click ids
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id', 'igshid', 'epik',
  'srsltid', 's_kwcid', 'ef_id',
  // mailing tools (Mailchimp, HubSpot, Marketo, Vero, Omeda)
  'mc_cid', 'mc_eid', '_hsenc', '_hsmi', '__hstc', '__hssc', '__hsfp', 'hsctatracking', 'mkt_tok', 'vero_conv', 'vero_id',
  'oly_anon_id', 'oly_enc_id', 'rb_clickid', 'wickedid',
  // analytics cross-domain linkers
  '_ga', '_gl',
  // AT Internet (French and Belgian news sites tag their feeds' links with it)
  'xtor',
]);

/** Prefixes of tracking parameter families: `utm_source`, `utm_medium`, … */
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_'];

export function isTrackingParameter(name: string): boolean {
  const key = name.toLowerCase();
  return TRACKING.has(key) || TRACKING_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/**
 * The URL without tracking parameters (query and `#xtor=…` fragments). A URL that does not parse, or is
 * not http(s), is returned unchanged; so is one without trackers (byte for byte).
 */
export function cleanLink(url: string): string {
  const queryAt = url.indexOf('?');
  const hashAt = url.indexOf('#');
  if (queryAt < 0 && hashAt < 0) return url;
  if (!/^https?:\/\//i.test(url)) return url;
  const end = hashAt < 0 ? url.length : hashAt;
  const base = url.slice(0, queryAt >= 0 && queryAt < end ? queryAt : end);
  // The query split by hand, not through URLSearchParams: what stays keeps its exact encoding.
  const query = queryAt >= 0 && queryAt < end ? url.slice(queryAt + 1, end) : '';
  const kept = query.split('&').filter((pair) => pair !== '' && !isTrackingParameter(safeDecode(pair.split('=')[0]!)));
  const fragment = hashAt < 0 ? '' : url.slice(hashAt + 1);
  // "#xtor=RSS-3": a fragment that is only a tracker.
  const keptFragment = /^[\w.]+=/.test(fragment) && isTrackingParameter(fragment.split('=')[0]!) ? '' : fragment;
  return `${base}${kept.length > 0 ? `?${kept.join('&')}` : ''}${keptFragment ? `#${keptFragment}` : ''}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
