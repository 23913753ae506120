/**
 * A small seeded pseudo-random number generator for the region simulation: SFC32 (Chris Doty-Humphrey's "small
 * fast chaotic" generator, 128 bits of state), so that the simulation stays pure and every seed gives the same
 * region. Not for anything that must be unpredictable.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Four 32-bit words of state; different words give independent streams. */
  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    // Mix the seed words before the first draw, as SFC32's author recommends.
    for (let i = 0; i < 15; i++) this.uint32();
  }

  /** The next 32 random bits, as an unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** A uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('cannot pick from an empty list');
    return item;
  }

  /** One value, drawn with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let r = this.next() * total;
    for (const [value, weight] of entries) {
      r -= weight;
      if (r < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (last === undefined) throw new RangeError('cannot draw from an empty list');
    return last[0];
  }

  /** Up to `count` distinct values, each draw weighted among the values not drawn yet. */
  weightedDistinct<T>(entries: readonly (readonly [T, number])[], count: number): T[] {
    const left = [...entries];
    const drawn: T[] = [];
    while (drawn.length < count && left.length > 0) {
      const value = this.weighted(left);
      drawn.push(value);
      left.splice(
        left.findIndex(([v]) => v === value),
        1,
      );
    }
    return drawn;
  }

  /** A standard normal draw (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A log-normal draw with the given median and spread, clamped to [min, max]. */
  logNormal(spread: {
    readonly median: number;
    readonly sigma: number;
    readonly min: number;
    readonly max: number;
  }): number {
    const value = spread.median * Math.exp(spread.sigma * this.normal());
    return Math.min(spread.max, Math.max(spread.min, value));
  }

  /** A UUID formatted as version 4 (RFC 9562): 122 random bits, deterministic for the seed. */
  uuid(): string {
    const a = this.uint32();
    const b = this.uint32();
    const c = this.uint32();
    const d = this.uint32();
    return (
      hex(a >>> 24) +
      hex(a >>> 16) +
      hex(a >>> 8) +
      hex(a) +
      '-' +
      hex(b >>> 24) +
      hex(b >>> 16) +
      '-' +
      // The version nibble (4) and the variant bits (10).
      hex(((b >>> 8) & 0x0f) | 0x40) +
      hex(b) +
      '-' +
      hex(((c >>> 24) & 0x3f) | 0x80) +
      hex(c >>> 16) +
      '-' +
      hex(c >>> 8) +
      hex(c) +
      hex(d >>> 24) +
      hex(d >>> 16) +
      hex(d >>> 8) +
      hex(d)
    );
  }
}

/** Two hex digits per byte: `toString(16)` is slow for numbers above 2³¹, and ids are drawn by the million. */
const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex(byte: number): string {
  return HEX_BYTES[byte & 0xff] ?? '00';
}

/** The seed as two 32-bit words; any safe integer is a seed. */
export function seedWords(seed: number): readonly [number, number] {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`the seed must be a safe integer, not ${seed}`);
  }
  return [seed >>> 0, Math.floor(seed / 4_294_967_296) >>> 0];
}

/** FNV-1a: a 32-bit hash of a string, to turn names into seed words. */
export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
