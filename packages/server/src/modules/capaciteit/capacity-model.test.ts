// SPDX-License-Identifier: EUPL-1.2
// The pure capacity model and cost split of @zvh/shared against seed 002's tables.
import { describe, expect, it } from 'vitest';
import { CAPACITY_DEFAULTS, DEFAULT_COST_SPLIT_RULE, MUNICIPALITIES, computeCapacity, roundHalfAway, splitCosts, splitEqually } from '@zvh/shared';
import type { CapacitySettings } from '@zvh/shared';

const settings = CAPACITY_DEFAULTS as unknown as CapacitySettings;

describe('computeCapacity (seed 002)', () => {
  it('2017: 140/40/139 with 0.763/1.35 FTE', () => {
    const r = computeCapacity(settings, { informatievraag: 140, advies: 40, procesregie: 139, signaal: 0 }, { im: 0.763, pr: 1.35 });
    expect(r.hours).toEqual({ im: 3111, pr: 4730 });
    expect(r.neededFte).toEqual({ im: 2.22, pr: 3.38 });
    expect(r.shortageFte).toEqual({ im: -1.46, pr: -2.03 });
  });
  it('2018 Q1: 25/24/83 with 0.764/0.81 FTE (shortage from the unrounded need)', () => {
    const r = computeCapacity(settings, { informatievraag: 25, advies: 24, procesregie: 83, signaal: 0 }, { im: 0.764, pr: 0.81 });
    expect(r.hours).toEqual({ im: 1817.7, pr: 2826 });
    expect(r.neededFte).toEqual({ im: 1.3, pr: 2.02 });
    // seed 002 prints -0.54/-1.20 from the rounded need; the contract computes from the unrounded one
    expect(r.shortageFte).toEqual({ im: -0.53, pr: -1.21 });
  });
  it('2018 Q2: 70/41/98 with 0.76/1.38 FTE', () => {
    const r = computeCapacity(settings, { informatievraag: 70, advies: 41, procesregie: 98, signaal: 0 }, { im: 0.76, pr: 1.38 });
    expect(r.hours).toEqual({ im: 2292.3, pr: 3514 });
    expect(r.neededFte).toEqual({ im: 1.64, pr: 2.51 });
    expect(r.shortageFte).toEqual({ im: -0.88, pr: -1.13 });
  });
  it('2019-2022: 200/75/140/25 with 0.76/2.78 FTE, signals included', () => {
    const r = computeCapacity(settings, { informatievraag: 200, advies: 75, procesregie: 140, signaal: 25 }, { im: 0.76, pr: 2.78 });
    expect(r.hours).toEqual({ im: 3497.5, pr: 5600 });
    expect(r.neededFte).toEqual({ im: 2.5, pr: 4 });
    expect(r.shortageFte).toEqual({ im: -1.74, pr: -1.22 });
  });
  it('rounds halves away from zero without floating point surprises', () => {
    expect(roundHalfAway(1.005, 2)).toBe(1.01);
    expect(roundHalfAway(-1.005, 2)).toBe(-1.01);
    expect(roundHalfAway(2.675, 2)).toBe(2.68);
    expect(roundHalfAway(-0.001, 2)).toBe(0);
    expect(Object.is(roundHalfAway(-0.001, 2), -0)).toBe(false);
  });
});

describe('splitCosts', () => {
  const codes = MUNICIPALITIES.map((m) => m.code);
  const big = new Set(DEFAULT_COST_SPLIT_RULE.largeMunicipalities);
  it('208500: 48800 for Assen, Emmen and Hoogeveen, 6900 for the other nine', () => {
    const shares = splitCosts(208500, codes, DEFAULT_COST_SPLIT_RULE);
    expect(shares.size).toBe(12);
    for (const [code, amount] of shares) expect(amount, code).toBe(big.has(code) ? 48800 : 6900);
    expect([...shares.values()].reduce((a, b) => a + b, 0)).toBe(208500);
  });
  it('always sums to the total, the nine rounded down to hundreds, the three carrying the rest', () => {
    for (const total of [0, 1, 99, 1000, 200000, 208501, 408504, 999_999, 1_234_567]) {
      const shares = splitCosts(total, codes, DEFAULT_COST_SPLIT_RULE);
      expect([...shares.values()].reduce((a, b) => a + b, 0), String(total)).toBe(total);
      const small = [...shares].filter(([c]) => !big.has(c)).map(([, a]) => a);
      const large = [...shares].filter(([c]) => big.has(c)).map(([, a]) => a);
      for (const a of small) expect(a % 100).toBe(0);
      expect(new Set(small).size).toBeLessThanOrEqual(1);
      expect(Math.max(...large) - Math.min(...large)).toBeLessThanOrEqual(1);
    }
    // 408504 (seed 002's 2019 budget): 30% / 9 = 13616.8, rounded down to 13600
    const s = splitCosts(408504, codes, DEFAULT_COST_SPLIT_RULE);
    expect(s.get('GM1680')).toBe(13600);
    expect(s.get('GM0106')).toBe((408504 - 9 * 13600) / 3);
  });
  it('floors exact multiples exactly (0.29 x 100 is 28.999999999999996 in floating point)', () => {
    const s = splitCosts(10000, ['GM0106', 'GM1680'], { largeMunicipalities: ['GM0106'], smallShare: 0.29, rounding: 'hundreds-down' });
    expect(s.get('GM1680')).toBe(2900);
    expect(s.get('GM0106')).toBe(7100);
    const e = splitCosts(100, ['GM0106', 'GM1680'], { largeMunicipalities: ['GM0106'], smallShare: 0.29, rounding: 'euro' });
    expect(e.get('GM1680')).toBe(29);
  });
  it('shares equally when no municipality carries the rest', () => {
    const s = splitCosts(100, ['A', 'B', 'C'], { largeMunicipalities: [], smallShare: 0.3, rounding: 'hundreds-down' });
    expect([...s.values()]).toEqual([34, 33, 33]);
  });
  it('euro: seed 002\'s 2019-2022 table exactly, 95,317 for each of the three and 13,617 for each of the nine', () => {
    const euro = { ...DEFAULT_COST_SPLIT_RULE, rounding: 'euro' as const };
    const s = splitCosts(408504, codes, euro);
    const table: Record<string, number> = {
      GM1680: 13617, GM0106: 95317, GM1681: 13617, GM0109: 13617, GM1690: 13617, GM0114: 95317,
      GM0118: 95317, GM0119: 13617, GM1731: 13617, GM1699: 13617, GM1730: 13617, GM1701: 13617,
    };
    expect(Object.fromEntries(s)).toEqual(table);
    // and the 2018 table with the default rounding
    expect(Object.fromEntries(splitCosts(208500, codes, DEFAULT_COST_SPLIT_RULE)))
      .toEqual(Object.fromEntries(codes.map((c) => [c, big.has(c) ? 48800 : 6900])));
  });
  it('euro rounds the nine to the nearest euro (halves up), the three carry the rest equally and it always sums to the total', () => {
    const euro = { ...DEFAULT_COST_SPLIT_RULE, rounding: 'euro' as const };
    // 30% of 300 / 9 = 10 exactly; 30% of 315 / 9 = 10.5 -> 11 (half up); 30% of 312 / 9 = 10.4 -> 10
    expect(splitCosts(300, codes, euro).get('GM1680')).toBe(10);
    expect(splitCosts(315, codes, euro).get('GM1680')).toBe(11);
    expect(splitCosts(312, codes, euro).get('GM1680')).toBe(10);
    for (const total of [0, 1, 2, 99, 1000, 208500, 408504, 408505, 999_999, 1_234_567]) {
      const shares = splitCosts(total, codes, euro);
      expect([...shares.values()].reduce((a, b) => a + b, 0), String(total)).toBe(total);
      const large = [...shares].filter(([c]) => big.has(c)).map(([, a]) => a);
      expect(Math.max(...large) - Math.min(...large)).toBeLessThanOrEqual(1);
      for (const a of shares.values()) expect(a).toBeGreaterThanOrEqual(0);
    }
    // rounding up never leaves the carrying group below zero
    const s = splitCosts(2, ['GM0106', 'GM1680', 'GM1681'], { largeMunicipalities: ['GM0106'], smallShare: 1, rounding: 'euro' });
    expect([...s.values()].reduce((a, b) => a + b, 0)).toBe(2);
    expect(Math.min(...s.values())).toBeGreaterThanOrEqual(0);
  });
});

describe('splitEqually', () => {
  it('whole euros, remainder one euro each in list order', () => {
    expect(Object.fromEntries(splitEqually(15000, ['GM1680', 'GM1730', 'GM1690', 'GM0118', 'GM1731']))).toEqual(
      { GM1680: 3000, GM1730: 3000, GM1690: 3000, GM0118: 3000, GM1731: 3000 });
    expect([...splitEqually(15002, ['A', 'B', 'C', 'D', 'E']).values()]).toEqual([3001, 3001, 3000, 3000, 3000]);
    expect(splitEqually(100, []).size).toBe(0);
  });
});
