/**
 * What the last document of an outlet carried, kept in its fetch state: one short entry per item (a
 * prefix of its item key and of its raw hash), newest first. An item of the next document found there
 * unchanged costs no read — a feed whose body changes only in its `lastBuildDate`, or that a server sends
 * whole every time, reads none of its `ITEM` records; only items not found there are read.
 *
 * 48 bits of the key (no two of one outlet's items collide) and 32 of the raw hash (an edit escapes
 * notice once in four billion), in base64url: 14 characters an item — a 50-item feed's digest keeps the
 * state record near one write unit.
 */
export const SEEN_ITEMS = 200;
const KEY_HEX = 12;
const RAW_HEX = 8;
const ENTRY = 14;

export function seenEntry(itemKey: string, rawHash: string): string {
  return Buffer.from(`${itemKey.slice(0, KEY_HEX)}${rawHash.slice(0, RAW_HEX)}`, 'hex').toString('base64url').padEnd(ENTRY, '_');
}

/** The digest of a document's items (newest first, as a feed lists them; the first `SEEN_ITEMS`). */
export function seenDigest(items: ReadonlyArray<{ readonly itemKey: string; readonly rawHash: string }>): string {
  return items
    .slice(0, SEEN_ITEMS)
    .map((it) => seenEntry(it.itemKey, it.rawHash))
    .join('');
}

/** The entries of a stored digest (anything malformed reads as nothing seen). */
export function parseSeen(digest: string | undefined): Set<string> {
  const out = new Set<string>();
  if (!digest || digest.length % ENTRY !== 0 || !/^[A-Za-z0-9_-]*$/.test(digest)) return out;
  for (let i = 0; i < digest.length; i += ENTRY) out.add(digest.slice(i, i + ENTRY));
  return out;
}
