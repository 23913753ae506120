import { isValidBsn } from '@samenspoor/domain';

import { household, testBsn } from './household';
import { hash32, Prng, seedWords } from './prng';
import { RegionModel } from './region-model';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Prng', () => {
  it('gives the same sequence for the same seed words and another for other words', () => {
    const draws = (prng: Prng) => Array.from({ length: 5 }, () => prng.uint32());
    expect(draws(new Prng(1, 2, 3, 4))).toEqual(draws(new Prng(1, 2, 3, 4)));
    expect(draws(new Prng(1, 2, 3, 5))).not.toEqual(draws(new Prng(1, 2, 3, 4)));
  });

  it('draws uniformly in [0, 1) and integers within their bounds', () => {
    const prng = new Prng(7, 0, 0, 0);
    const values = Array.from({ length: 10_000 }, () => prng.next());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    const dice = new Set(Array.from({ length: 1_000 }, () => prng.int(1, 6)));
    expect(dice).toEqual(new Set([1, 2, 3, 4, 5, 6]));
  });

  it('draws weighted values in proportion to their weights', () => {
    const prng = new Prng(9, 0, 0, 0);
    const draws = Array.from({ length: 10_000 }, () =>
      prng.weighted([
        ['a', 1],
        ['b', 3],
      ] as const),
    );
    const b = draws.filter((d) => d === 'b').length / draws.length;
    expect(b).toBeGreaterThan(0.72);
    expect(b).toBeLessThan(0.78);
    expect(
      prng
        .weightedDistinct(
          [
            ['x', 1],
            ['y', 1],
            ['z', 1],
          ] as const,
          5,
        )
        .sort(),
    ).toEqual(['x', 'y', 'z']);
  });

  it('keeps log-normal draws within their bounds around the median', () => {
    const prng = new Prng(11, 0, 0, 0);
    const spread = { median: 20, sigma: 0.6, min: 3, max: 60 };
    const values = Array.from({ length: 5_000 }, () => prng.logNormal(spread)).sort(
      (a, b) => a - b,
    );
    expect(values[0]).toBeGreaterThanOrEqual(3);
    expect(values[values.length - 1]).toBeLessThanOrEqual(60);
    const median = values[values.length / 2] ?? 0;
    expect(median).toBeGreaterThan(18);
    expect(median).toBeLessThan(22);
  });

  it('formats UUIDs as version 4, all distinct', () => {
    const prng = new Prng(13, 0, 0, 0);
    const ids = Array.from({ length: 10_000 }, () => prng.uuid());
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('takes any safe integer as a seed, and nothing else', () => {
    expect(seedWords(0)).toEqual([0, 0]);
    expect(seedWords(2 ** 32 + 5)).toEqual([5, 1]);
    expect(seedWords(-1)).toEqual([0xffffffff, 0xffffffff]);
    expect(() => seedWords(Number.NaN)).toThrow(RangeError);
    expect(() => seedWords(2 ** 60)).toThrow(RangeError);
    expect(hash32('accare')).not.toBe(hash32('elker'));
  });
});

describe('household', () => {
  it('makes test BSNs (999990000–999999999) that pass the elfproef', () => {
    const prng = new Prng(17, 0, 0, 0);
    for (let i = 0; i < 1_000; i++) {
      const bsn = testBsn(prng);
      expect(bsn).toMatch(/^9999\d{5}$/);
      expect(isValidBsn(bsn)).toBe(true);
    }
  });

  it('puts the youth first and gives parents a plausible age', () => {
    const prng = new Prng(19, 0, 0, 0);
    for (let i = 0; i < 500; i++) {
      const { members, youth, parents } = household(prng, 2026);
      expect(members[0]).toBe(youth);
      expect(new Set(members.map((m) => m.memberId)).size).toBe(members.length);
      const bsns = members.flatMap((m) => (m.bsn === undefined ? [] : [m.bsn]));
      expect(new Set(bsns).size).toBe(bsns.length);
      for (const parent of parents) {
        expect((youth.birthYear ?? 0) - (parent.birthYear ?? 0)).toBeGreaterThanOrEqual(19);
      }
    }
  });
});

describe('RegionModel', () => {
  it('writes times exactly as Date.prototype.toISOString', () => {
    const model = new RegionModel({ families: 1, seed: 1, end: '2026-06-01T00:00:00Z' });
    const prng = new Prng(23, 0, 0, 0);
    for (let i = 0; i < 5_000; i++) {
      const ms = Math.floor(Date.UTC(2020, 0, 1) + prng.next() * 10 * 365 * 86_400_000);
      expect(model.iso(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('derives the same professional from the same seed, with a pool that grows with the region', () => {
    const organisation = {
      key: 'accare',
      name: 'Accare',
      kind: 'provider' as const,
      disciplines: ['GZ-psycholoog'],
      involvement: 0.3,
    };
    const pool = (families: number) => {
      const model = new RegionModel({ families, seed: 1, end: '2026-06-01T00:00:00Z' });
      const prng = new Prng(29, 0, 0, 0);
      return new Set(
        Array.from({ length: 2_000 }, () => model.professional(organisation, prng).id),
      );
    };
    expect(pool(100)).toEqual(pool(100));
    expect(pool(100).size).toBeLessThan(5);
    expect(pool(10_000).size).toBe(100);
  });
});
