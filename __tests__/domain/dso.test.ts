import fc from 'fast-check';
import {
	averageDaysDelinquent,
	bestPossibleDso,
	collectionEffectivenessIndex,
	countbackDso,
	CountbackPeriod,
	dsoDelta,
	round2,
	roundTo,
	standardDso,
} from '../../src/TypeScripts/o2c_dso/domain/dso';
import { m, units } from '../support/minor';

describe('standardDso', () => {
	it.each<[string, number, number, number, number, number]>([
		// name, AR, sales, W, exact (hand: AR × W ÷ sales), shown with 2 decimals
		['worked example, this window', 7_820_000, 4_020_000, 30, 234_600_000 / 4_020_000, 58.36],
		['worked example, prior window', 6_140_000, 3_900_000, 30, 184_200_000 / 3_900_000, 47.23],
		['seasonality table, steady', 6_000_000, 4_000_000, 30, 45, 45],
		['seasonality table, −30 %', 4_800_000, 2_800_000, 30, 144 / 2.8, 51.43],
		['seasonality table, −40 %', 4_400_000, 2_400_000, 30, 55, 55],
		['90-day denominator', 7_820_000, 12_060_000, 90, 58.35820895522388, 58.36],
		['no A/R', 0, 1_000, 30, 0, 0],
		['credit balance (negative A/R)', -1_000, 3_000, 30, -10, -10],
	])('%s', (_name, ar, sales, w, exact, shown) => {
		const dso = standardDso(units(ar), units(sales), w);
		expect(dso).toBeCloseTo(exact, 9);
		expect(round2(dso)).toBe(shown);
	});
	it('rounds the worked example to 58.4 and 47.2 with one decimal', () => {
		expect(roundTo(standardDso(units(7_820_000), units(4_020_000), 30) as number, 1)).toBe(58.4);
		expect(roundTo(standardDso(units(6_140_000), units(3_900_000), 30) as number, 1)).toBe(47.2);
	});
	it('the worked example delta is 11.13 days, above a 10-day threshold', () => {
		const delta = dsoDelta(
			standardDso(units(7_820_000), units(4_020_000), 30),
			standardDso(units(6_140_000), units(3_900_000), 30),
		);
		expect(delta).toBeCloseTo(58.358208955 - 47.230769231, 8);
		expect(round2(delta)).toBe(11.13);
		expect(delta as number).toBeGreaterThan(10);
	});
	it.each<[number]>([[0], [-1], [-500_000]])('is null (not Infinity/NaN) when sales are %p', (sales) => {
		expect(standardDso(units(7_820_000), m(sales), 30)).toBeNull();
		expect(standardDso(m(0), m(sales), 30)).toBeNull();
	});
	it.each<[number]>([[0], [-30], [1.5], [Number.NaN]])('rejects window %p', (w) => {
		expect(() => standardDso(m(100), m(100), w)).toThrow(RangeError);
	});
	it('rejects non-integer minor units', () => {
		expect(() => standardDso(m(100.5), m(100), 30)).toThrow(RangeError);
	});
	it('is never negative (or NaN) with A/R ≥ 0 and sales > 0 (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 1e14 }),
				fc.integer({ min: 1, max: 1e14 }),
				fc.integer({ min: 1, max: 3660 }),
				(ar, sales, w) => {
					const dso = standardDso(m(ar), m(sales), w) as number;
					expect(dso).toBeGreaterThanOrEqual(0);
					expect(Number.isFinite(dso)).toBe(true);
				},
			),
		);
	});
});

describe('bestPossibleDso / averageDaysDelinquent', () => {
	it('reproduces the report example: BPDSO 31.0, ADD 27.36', () => {
		// current A/R = 31 days of 134,000 daily sales
		const bp = bestPossibleDso(units(4_154_000), units(4_020_000), 30);
		expect(bp).toBeCloseTo(31, 10);
		const dso = standardDso(units(7_820_000), units(4_020_000), 30);
		expect(round2(averageDaysDelinquent(dso, bp))).toBe(27.36);
	});
	it('is null without sales, and ADD is null when either side is', () => {
		expect(bestPossibleDso(m(100), m(0), 30)).toBeNull();
		expect(averageDaysDelinquent(null, 3)).toBeNull();
		expect(averageDaysDelinquent(3, null)).toBeNull();
		expect(averageDaysDelinquent(45, 45)).toBe(0);
		expect(dsoDelta(null, 40)).toBeNull();
	});
});

describe('countbackDso', () => {
	const month = (sales: number, days = 30): CountbackPeriod => ({ salesMinor: units(sales), days });
	it.each<[string, number, CountbackPeriod[], number]>([
		// newest first; hand arithmetic in the name
		[
			'212k vs 100k/80k/70k: 30 + 30 + 32/70 × 30 = 73.7',
			212_000,
			[month(100_000), month(80_000), month(70_000)],
			60 + (32 / 70) * 30,
		],
		[
			'405 vs 205/158/167: 30 + 30 + 42/167 × 30 ≈ 68',
			405,
			[month(205), month(158), month(167)],
			60 + (42 / 167) * 30,
		],
		['seasonality −40 %: 4.4 vs 2.4/4.0 → 30 + 15', 4_400_000, [month(2_400_000), month(4_000_000)], 45],
		['seasonality −30 %: 4.8 vs 2.8/4.0 → 30 + 15', 4_800_000, [month(2_800_000), month(4_000_000)], 45],
		['A/R inside the newest month: 50/100 × 31', 50, [month(100, 31), month(100, 30)], 15.5],
		['A/R exactly all sales: 30 + 30 + 30', 250_000, [month(100_000), month(80_000), month(70_000)], 90],
		['zero sales in a month not reached', 50, [month(100), month(0)], 15],
		['no A/R', 0, [], 0],
	])('%s', (_name, ar, periods, expected) => {
		const result = countbackDso(units(ar), periods);
		expect(result.status).toBe('ok');
		expect(result.dso).toBeCloseTo(expected, 9);
	});
	it('rounds the reference examples as published (73.7 and 68)', () => {
		expect(
			roundTo(countbackDso(units(212_000), [month(100_000), month(80_000), month(70_000)]).dso as number, 1),
		).toBe(73.7);
		expect(roundTo(countbackDso(units(405), [month(205), month(158), month(167)]).dso as number, 0)).toBe(68);
	});
	it('reports beyond-horizon with the days covered when history runs out', () => {
		expect(countbackDso(units(300), [month(100), month(100)])).toEqual({
			dso: null,
			status: 'beyond-horizon',
			lowerBoundDays: 60,
			periodsUsed: 2,
		});
		expect(countbackDso(units(1), [])).toEqual({
			dso: null,
			status: 'beyond-horizon',
			lowerBoundDays: 0,
			periodsUsed: 0,
		});
	});
	it('walks through a month without sales: its days count, none of the A/R is covered', () => {
		// 150 vs 100 / 0 / 100: the first month covers 100 (30 days), the empty one adds its 30 days,
		// the third covers the last 50: 30 + 30 + 50/100 × 30 = 75.
		expect(countbackDso(units(150), [month(100), month(0), month(100)])).toEqual({
			dso: 75,
			status: 'ok',
			lowerBoundDays: 60,
			periodsUsed: 3,
		});
		// Sales below zero cover nothing either: 50 vs −20 / 100 → 30 + 50/100 × 30 = 45.
		expect(countbackDso(units(50), [month(-20), month(100)]).dso).toBeCloseTo(45, 12);
		// Only empty months: the A/R is beyond the horizon, with all their days covered.
		expect(countbackDso(units(50), [month(0), month(0)])).toEqual({
			dso: null,
			status: 'beyond-horizon',
			lowerBoundDays: 60,
			periodsUsed: 2,
		});
	});
	it('on the first day of a month with no invoice yet: the day adds 1, then last month covers the rest', () => {
		// The probe of issue 8: at 03-01 (a Sunday, no invoice) A/R 4,600 of February's 2,800 and
		// January's 3,100: 1 + 28 + 1,800/3,100 × 31 = 47.0; on 03-02 an invoice of 100 raises A/R to
		// 4,700: 2 days (100 of sales) + 28 + 1,800/3,100 × 31 = 48.0. Before the fix 03-01 was null.
		const mar1 = countbackDso(units(4_600), [month(0, 1), month(2_800, 28), month(3_100, 31)]);
		expect(mar1).toMatchObject({ status: 'ok', lowerBoundDays: 29, periodsUsed: 3 });
		expect(mar1.dso).toBeCloseTo(47, 12);
		const mar2 = countbackDso(units(4_700), [month(100, 2), month(2_800, 28), month(3_100, 31)]);
		expect(mar2.dso).toBeCloseTo(48, 12);
	});
	it('has no value for a credit balance', () => {
		expect(countbackDso(m(-100), [month(100)])).toEqual({
			dso: null,
			status: 'negative-ar',
			lowerBoundDays: 0,
			periodsUsed: 0,
		});
	});
	it('rejects periods without days', () => {
		expect(() => countbackDso(m(100), [{ salesMinor: m(100), days: 0 }])).toThrow(RangeError);
	});
	it('equals the standard DSO when every month has the same sales (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 1e10 }),
				fc.integer({ min: 1, max: 12 }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				(sales, n, share) => {
					const ar = Math.floor(sales * n * share);
					const result = countbackDso(
						m(ar),
						Array.from({ length: n }, () => ({ salesMinor: m(sales), days: 30 })),
					);
					expect(result.status).toBe('ok');
					expect(result.dso as number).toBeCloseTo(standardDso(m(ar), m(sales), 30) as number, 6);
				},
			),
		);
	});
	it('stays within [lowerBound, lowerBound + days of the last period used] (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 1e10 }),
				fc.array(
					fc.record({ salesMinor: fc.integer({ min: 1, max: 1e9 }), days: fc.integer({ min: 28, max: 31 }) }),
					{ maxLength: 12 },
				),
				(ar, periods) => {
					const result = countbackDso(
						m(ar),
						periods.map((p) => ({ salesMinor: m(p.salesMinor), days: p.days })),
					);
					if (result.status === 'ok') {
						const last = periods[result.periodsUsed - 1];
						expect(result.dso as number).toBeGreaterThanOrEqual(result.lowerBoundDays);
						expect(result.dso as number).toBeLessThanOrEqual(
							result.lowerBoundDays + (last ? last.days : 0) + 1e-9,
						);
					} else {
						expect(result.status).toBe('beyond-horizon');
						expect(result.lowerBoundDays).toBe(periods.reduce((a, p) => a + p.days, 0));
					}
				},
			),
		);
	});
});

describe('collectionEffectivenessIndex', () => {
	it('creditguru Jan–Mar: 55.9 %', () => {
		// [6,200 + 10,890/3 − 6,340] / [6,200 + 10,890/3 − 3,590] = 3,490 / 6,240
		const cei = collectionEffectivenessIndex({
			beginArMinor: units(6_200),
			creditSalesMinor: units(10_890),
			months: 3,
			endArMinor: units(6_340),
			endCurrentArMinor: units(3_590),
		});
		expect(cei).toBeCloseTo((3_490 / 6_240) * 100, 10);
		expect(roundTo(cei as number, 1)).toBe(55.9);
	});
	it('is 100 when everything past due was collected', () => {
		expect(
			collectionEffectivenessIndex({
				beginArMinor: m(1_000),
				creditSalesMinor: m(3_000),
				months: 3,
				endArMinor: m(500),
				endCurrentArMinor: m(500),
			}),
		).toBe(100);
	});
	it('is 0 when nothing was collected', () => {
		// begin 1,000 + 3,000/3 = 2,000 collectible; end AR 2,000; end current 500
		expect(
			collectionEffectivenessIndex({
				beginArMinor: m(1_000),
				creditSalesMinor: m(3_000),
				months: 3,
				endArMinor: m(2_000),
				endCurrentArMinor: m(500),
			}),
		).toBe(0);
	});
	it.each([
		[
			'no A/R and no sales',
			{ beginArMinor: m(0), creditSalesMinor: m(0), months: 1, endArMinor: m(0), endCurrentArMinor: m(0) },
		],
		[
			'current A/R above the collectible total',
			{
				beginArMinor: m(100),
				creditSalesMinor: m(300),
				months: 3,
				endArMinor: m(500),
				endCurrentArMinor: m(250),
			},
		],
	])('is null when the denominator is ≤ 0 (%s)', (_name, input) => {
		expect(collectionEffectivenessIndex(input)).toBeNull();
	});
	it('rejects a non-positive month count', () => {
		expect(() =>
			collectionEffectivenessIndex({
				beginArMinor: m(1),
				creditSalesMinor: m(1),
				months: 0,
				endArMinor: m(1),
				endCurrentArMinor: m(0),
			}),
		).toThrow(RangeError);
	});
});
