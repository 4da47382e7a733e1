import { round2, roundTo } from '../../src/TypeScripts/o2c_dso/domain/rounding';

describe('round2', () => {
	it.each<[number, number]>([
		[58.35820895522388, 58.36], // 7,820,000 / (4,020,000 / 30)
		[47.23076923076923, 47.23], // 6,140,000 / (3,900,000 / 30)
		[11.127439724454646, 11.13],
		[1.005, 1.01], // Math.round(1.005 * 100) / 100 gives 1
		[-2.675, -2.68], // half away from zero
		[2.675, 2.68],
		[-0.004, 0],
		[0.125, 0.13],
		[10, 10],
		[1e-9, 0],
		[123456789.555, 123456789.56],
	])('round2(%p) = %p', (x, expected) => {
		expect(round2(x)).toBe(expected);
		expect(Object.is(round2(x), -0)).toBe(false);
	});
	it('keeps null and non-finite values', () => {
		expect(round2(null)).toBeNull();
		expect(round2(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
		expect(round2(Number.NaN)).toBeNaN();
	});
});

describe('roundTo', () => {
	it.each<[number, number, number]>([
		[58.358208955, 1, 58.4],
		[73.71428571428571, 1, 73.7],
		[67.54491017964072, 0, 68],
		[55.92948717948718, 1, 55.9],
		[-0.5, 0, -1],
		[0.5, 0, 1],
		[1e22, 2, 1e22],
	])('roundTo(%p, %p) = %p', (x, decimals, expected) => {
		expect(roundTo(x, decimals)).toBe(expected);
	});
	it('rejects bad decimal counts', () => {
		expect(() => roundTo(1, -1)).toThrow(RangeError);
		expect(() => roundTo(1, 1.5)).toThrow(RangeError);
	});
});
