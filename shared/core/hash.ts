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

const DIGITS36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Every two-digit base-36 string, `00` to `zz`. */
const PAIRS36 = Array.from({ length: 36 * 36 }, (_, i) => DIGITS36[Math.floor(i / 36)]! + DIGITS36[i % 36]!);

/**
 * `n.toString(36)` for a non-negative safe integer, several times faster: V8 converts doubles to a radix
 * through its general (fractional) path, and keys are made by the thousand per feed. Two digits per
 * division.
 */
export function base36(n: number): string {
  let s = '';
  while (n >= 36 * 36) {
    const q = Math.floor(n / (36 * 36));
    s = PAIRS36[n - q * 36 * 36]! + s;
    n = q;
  }
  return (n >= 36 ? PAIRS36[n]! : DIGITS36[n]!) + s;
}
