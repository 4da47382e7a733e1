import {
	mergeSamples,
	paidLaterThan,
	sampleOf,
	samplePercentile,
	sampleSize,
	shiftSample,
} from '../../src/TypeScripts/o2c_dso/domain/latenessSample';

describe('lateness samples', () => {
	it('counts each lateness once, sorted', () => {
		expect(sampleOf([3, -1, 3, 0])).toEqual([
			[-1, 1],
			[0, 1],
			[3, 2],
		]);
		expect(sampleSize(sampleOf([3, -1, 3, 0]))).toBe(4);
	});

	it('merges counts and keeps the order', () => {
		expect(
			mergeSamples(
				[[0, 1]],
				[
					[-2, 1],
					[0, 2],
					[5, 1],
				],
			),
		).toEqual([
			[-2, 1],
			[0, 3],
			[5, 1],
		]);
	});

	it('keeps only invoices paid later than an age (strictly)', () => {
		expect(paidLaterThan(sampleOf([-2, 4, 4, 9]), 4)).toEqual([[9, 1]]);
		expect(paidLaterThan(sampleOf([-2, 4]), -3)).toEqual([
			[-2, 1],
			[4, 1],
		]);
	});

	it('shifts by whole days only', () => {
		expect(shiftSample([[1, 2]], 10)).toEqual([[11, 2]]);
		expect(() => shiftSample([[1, 2]], 0.5)).toThrow(RangeError);
		expect(() => sampleOf([1.5])).toThrow(/whole days/);
	});
});

describe('samplePercentile (type 6, h = p(n + 1), rounded half up)', () => {
	// Worked by hand: n = 4, values 0 10 20 30.
	const four = sampleOf([0, 10, 20, 30]);
	it.each([
		[20, 0], // h = 1.0 → x1
		[50, 15], // h = 2.5 → 10 + 0.5 × 10
		[80, 30], // h = 4.0 → x4
		[40, 10], // h = 2.0 → x2
		[30, 5], // h = 1.5 → 0 + 0.5 × 10
	])('%i th percentile of 0, 10, 20, 30 is %i', (p, expected) => {
		expect(samplePercentile(four, p)).toBe(expected);
	});

	it('reads repeated values through their counts', () => {
		// 1, 1, 1, 5, 9: median h = 3 → 1; 80th h = 4.8 → 5 + 0.8 × 4 = 8.2 → 8
		const s = sampleOf([1, 1, 1, 5, 9]);
		expect(samplePercentile(s, 50)).toBe(1);
		expect(samplePercentile(s, 80)).toBe(8);
		// 20th h = 1.2 → 1
		expect(samplePercentile(s, 20)).toBe(1);
	});

	it('rounds halves up, also below zero', () => {
		expect(samplePercentile(sampleOf([-3, -2]), 50)).toBe(-2); // −2.5 → −2
		expect(samplePercentile(sampleOf([2, 3]), 50)).toBe(3); // 2.5 → 3
	});

	it('clamps to the extremes on small samples and is null when empty', () => {
		expect(samplePercentile(sampleOf([7]), 20)).toBe(7);
		expect(samplePercentile(sampleOf([7, 9]), 80)).toBe(9); // h = 2.4 ≥ n
		expect(samplePercentile([], 50)).toBeNull();
		expect(() => samplePercentile(four, 0)).toThrow(RangeError);
	});
});
