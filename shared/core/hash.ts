/** Fast non-cryptographic hashes for in-process keys (shingles, line shapes): FNV-1a. */

/** FNV-1a, 32 bits, with a seed. */
export function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export const SEED_A = 0x811c9dc5;
export const SEED_B = 0x01234567;

/** 53 bits (a safe integer) from two 32-bit FNV-1a hashes. */
export function hash53(text: string): number {
  return fnv1a(text, SEED_A) * 0x200000 + (fnv1a(text, SEED_B) & 0x1fffff);
}
