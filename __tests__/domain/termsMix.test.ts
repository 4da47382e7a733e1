import { termsMix, termsMixShift, TERMS_SHIFT_THRESHOLD_DAYS } from '../../src/TypeScripts/o2c_dso/domain/termsMix';
import { m } from '../support/minor';

describe('termsMix', () => {
	const mix = termsMix([
		{ termsDays: 30, amountMinor: m(300) },
		{ termsDays: 60, amountMinor: m(100) },
		{ termsDays: null, amountMinor: m(100) },
		{ termsDays: 30, amountMinor: m(100) },
	]);
	it('groups amounts by terms, ascending, no terms last', () => {
		expect(mix.totalMinor).toBe(600);
		expect(mix.rows.map((r) => [r.termsDays, r.amountMinor, r.count])).toEqual([
			[30, 400, 2],
			[60, 100, 1],
			[null, 100, 1],
		]);
	});
	it('gives shares and percents of the total', () => {
		expect(mix.rows.map((r) => r.share)).toEqual([400 / 600, 100 / 600, 100 / 600]);
		expect(mix.rows[0]?.percent).toBeCloseTo(66.6667, 4);
	});
	it('weighted-average terms over sales with terms: (400·30 + 100·60) / 500 = 36', () => {
		expect(mix.weightedAverageTermsDays).toBe(36);
	});
	it('handles no sales and credit-only totals', () => {
		expect(termsMix([])).toEqual({ rows: [], totalMinor: m(0), weightedAverageTermsDays: null });
		const credit = termsMix([{ termsDays: 30, amountMinor: m(-50) }]);
		expect(credit.rows[0]).toEqual({ termsDays: 30, amountMinor: m(-50), count: 1, share: null, percent: null });
		expect(credit.weightedAverageTermsDays).toBeNull();
	});
	it('rejects bad input', () => {
		expect(() => termsMix([{ termsDays: -1, amountMinor: m(1) }])).toThrow(RangeError);
		expect(() => termsMix([{ termsDays: 30, amountMinor: m(0.5) }])).toThrow(RangeError);
	});
});

describe('termsMixShift', () => {
	const allNet30 = termsMix([{ termsDays: 30, amountMinor: m(1_000) }]);
	it.each<[string, number, boolean, number]>([
		// current mix: share of Net 60 among Net 30 / Net 60 sales → weighted average
		['20 % moved to Net 60: 30 + 0.2·30 = 36', 200, true, 6],
		['1/6 moved: 30 + 5 = 35, exactly the threshold', 1_000 / 6, true, 5],
		['10 % moved: 33', 100, false, 3],
		['none moved', 0, false, 0],
	])('%s', (_name, net60, shifted, delta) => {
		const current = termsMix([
			{ termsDays: 30, amountMinor: m(1_000 - Math.round(net60)) },
			{ termsDays: 60, amountMinor: m(Math.round(net60)) },
		]);
		const result = termsMixShift(allNet30, current);
		expect(result.deltaDays).toBeCloseTo(delta, 1);
		expect(result.shiftedLonger).toBe(shifted);
		expect(result.thresholdDays).toBe(TERMS_SHIFT_THRESHOLD_DAYS);
	});
	it('compares in hundredths: 35.3 − 30.3 (4.999999999999996 in floats) is a 5-day shift', () => {
		// prior: 70 % Net 30 + 30 % Net 31 = 30.3; current: 70 % Net 35 + 30 % Net 36 = 35.3
		const prior = termsMix([
			{ termsDays: 30, amountMinor: m(700) },
			{ termsDays: 31, amountMinor: m(300) },
		]);
		const current = termsMix([
			{ termsDays: 35, amountMinor: m(700) },
			{ termsDays: 36, amountMinor: m(300) },
		]);
		const result = termsMixShift(prior, current);
		expect(result.deltaDays).toBeCloseTo(5, 10);
		expect(result.shiftedLonger).toBe(true);
		// and 4.99 stays below
		expect(
			termsMixShift(
				termsMix([{ termsDays: 30, amountMinor: m(100) }]),
				termsMix([{ termsDays: 34.99, amountMinor: m(100) }]),
			).shiftedLonger,
		).toBe(false);
	});
	it('a move to shorter terms is not a shift', () => {
		expect(termsMixShift(termsMix([{ termsDays: 60, amountMinor: m(1) }]), allNet30)).toMatchObject({
			shiftedLonger: false,
			deltaDays: -30,
		});
	});
	it('is false with an unknown side, and takes a custom threshold', () => {
		expect(termsMixShift(termsMix([]), allNet30)).toMatchObject({ shiftedLonger: false, deltaDays: null });
		expect(termsMixShift(allNet30, termsMix([{ termsDays: 32, amountMinor: m(1) }]), 2).shiftedLonger).toBe(true);
		expect(() => termsMixShift(allNet30, allNet30, 0)).toThrow(RangeError);
	});
});
