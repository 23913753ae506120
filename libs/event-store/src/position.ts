import { InvalidPositionError } from './errors';
import type { Position } from './event-store';

const MAX_U64 = (1n << 64n) - 1n;
const TOKEN = /^[0-9a-f]{32}$/;

/**
 * The two numbers a position token encodes: for the SQL adapters the writing transaction's id and the event's
 * sequence within it, for KurrentDB the commit and prepare positions of `$all`. Ordered by `major`, then `minor`.
 */
export interface PositionParts {
  readonly major: bigint;
  readonly minor: bigint;
}

/** The position before every event. */
export const START: Position = '0'.repeat(32);

export function encodePosition({ major, minor }: PositionParts): Position {
  if (major < 0n || major > MAX_U64 || minor < 0n || minor > MAX_U64) {
    throw new RangeError(`position parts out of range: ${major}, ${minor}`);
  }
  return major.toString(16).padStart(16, '0') + minor.toString(16).padStart(16, '0');
}

export function decodePosition(token: Position): PositionParts {
  if (!isPosition(token)) throw new InvalidPositionError(String(token));
  return { major: BigInt(`0x${token.slice(0, 16)}`), minor: BigInt(`0x${token.slice(16)}`) };
}

/** True when the value is a well-formed position token. */
export function isPosition(value: unknown): value is Position {
  return typeof value === 'string' && TOKEN.test(value);
}

/** Negative when `a` comes before `b`, zero when equal, positive after. */
export function comparePositions(a: Position, b: Position): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
