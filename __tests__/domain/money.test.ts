import fc from 'fast-check';
import {
	abs,
	add,
	allocateMinor,
	compare,
	CurrencyMismatchError,
	equals,
	formatAmount,
	formatMoney,
	fromDecimal,
	money,
	Money,
	subtract,
	sum,
	toDecimal,
	zero,
} from '../../src/TypeScripts/o2c_dso/domain/money';

const usd = (minor: number): Money<'USD'> => money(minor, 'USD');

describe('money()', () => {
	it('keeps integer minor units and the currency', () => {
		expect(money(123456, 'USD')).toEqual({ minor: 123456, currency: 'USD' });
	});
	it('normalises -0 to 0', () => {
		expect(Object.is(money(-0, 'USD').minor, 0)).toBe(true);
	});
	it.each([[1.5], [Number.NaN], [Number.POSITIVE_INFINITY], [2 ** 53]])('rejects %p minor units', (minor) => {
		expect(() => money(minor, 'USD')).toThrow(RangeError);
	});
	it.each([[''], [' USD']])('rejects currency code %p', (code) => {
		expect(() => money(1, code)).toThrow(/currency/i);
	});
});

describe('fromDecimal', () => {
	it.each<[number | string, number]>([
		['1234.56', 123456],
		[1234.56, 123456],
		['-0.5', -50],
		[-0.5, -50],
		['', 0],
		['   ', 0],
		['0', 0],
		['-0', 0],
		['-0.00', 0],
		['7820000', 782000000],
		['7820000.00', 782000000],
		['.5', 50],
		['5.', 500],
		['+12.3', 1230],
		[' 42.10 ', 4210],
		// floats whose `x * 100` is not an integer in binary
		[19.99, 1999], // 19.99 * 100 = 1998.9999999999998
		[0.07, 7], // 0.07 * 100 = 7.000000000000001
		[1.15, 115], // 1.15 * 100 = 114.99999999999999
		[4.35, 435], // 4.35 * 100 = 434.99999999999994
		[1e-7, 0],
		// third decimal rounds half away from zero, on the decimal text
		['1.005', 101],
		[1.005, 101],
		['1.0049999', 100],
		['-1.005', -101],
		['-0.004', 0],
		['-0.005', -1],
		['2.675', 268],
		['1e3', 100000],
		['1.5E-1', 15],
	])('%p → %p minor', (value, minor) => {
		const m = fromDecimal(value, 'USD');
		expect(m.minor).toBe(minor);
		expect(Object.is(m.minor, -0)).toBe(false);
		expect(m.currency).toBe('USD');
	});

	it.each<[unknown]>([
		['abc'],
		['1,234.56'],
		['$5'],
		['1.2.3'],
		['-'],
		['.'],
		['1e'],
		[Number.NaN],
		[Number.POSITIVE_INFINITY],
		[null],
		[undefined],
	])('rejects %p with a message naming it', (value) => {
		expect(() => fromDecimal(value as string, 'USD')).toThrow();
	});
	it('names the bad text in the error', () => {
		expect(() => fromDecimal('1,234.56', 'USD')).toThrow(/"1,234.56"/);
	});
	it('rejects amounts beyond 2^53 minor units', () => {
		expect(() => fromDecimal('90071992547409.93', 'USD')).toThrow(RangeError);
		expect(() => fromDecimal('123456789012345678901234', 'USD')).toThrow(RangeError);
		expect(fromDecimal('90071992547409.91', 'USD').minor).toBe(9007199254740991);
	});

	it('round-trips: fromDecimal(toDecimal(m)) == m (|m| < 2^46 units)', () => {
		fc.assert(
			fc.property(fc.integer({ min: -(2 ** 46) * 100 + 1, max: 2 ** 46 * 100 - 1 }), (minor) => {
				expect(fromDecimal(toDecimal(usd(minor)), 'USD').minor).toBe(minor);
				expect(fromDecimal(String(toDecimal(usd(minor))), 'USD').minor).toBe(minor);
			}),
		);
	});
	it('agrees with the textbook Math.round(x * 100) on 2-decimal floats', () => {
		fc.assert(
			fc.property(fc.integer({ min: -1e12, max: 1e12 }), (minor) => {
				const x = minor / 100;
				expect(fromDecimal(x, 'USD').minor).toBe(Math.round(x * 100) + 0);
			}),
		);
	});
});

describe('toDecimal', () => {
	it.each([
		[123456, 1234.56],
		[-50, -0.5],
		[0, 0],
		[1999, 19.99],
		[782000000, 7820000],
	])('%p minor → %p', (minor, value) => {
		expect(toDecimal(usd(minor))).toBe(value);
	});
});

describe('arithmetic', () => {
	it.each([
		[100, 250, 350, -150],
		[-100, 100, 0, -200],
		[0, 0, 0, 0],
		[123456, -23456, 100000, 146912],
	])('add/subtract %p and %p', (a, b, s, d) => {
		expect(add(usd(a), usd(b))).toEqual(usd(s));
		expect(subtract(usd(a), usd(b))).toEqual(usd(d));
	});
	it('throws CurrencyMismatchError when plain-string currencies differ', () => {
		const a: Money = money(1, 'USD');
		const b: Money = money(1, 'EUR');
		expect(() => add(a, b)).toThrow(CurrencyMismatchError);
		expect(() => subtract(a, b)).toThrow(/USD with EUR/);
		expect(() => compare(a, b)).toThrow(CurrencyMismatchError);
	});
	it('abs, zero, equals', () => {
		expect(abs(usd(-5)).minor).toBe(5);
		expect(zero('EUR')).toEqual({ minor: 0, currency: 'EUR' });
		expect(equals(usd(1), money(1, 'EUR'))).toBe(false);
		expect(equals(usd(1), usd(1))).toBe(true);
	});
	it('sum adds a list and checks every currency', () => {
		expect(sum([usd(1), usd(2), usd(-10)], 'USD').minor).toBe(-7);
		expect(sum([], 'USD')).toEqual(usd(0));
		const mixed: Money[] = [money(1, 'USD'), money(1, 'EUR')];
		expect(() => sum<string>(mixed, 'USD')).toThrow(CurrencyMismatchError);
	});
	it('compare orders amounts', () => {
		expect([compare(usd(1), usd(2)), compare(usd(2), usd(2)), compare(usd(3), usd(2))]).toEqual([-1, 0, 1]);
		expect([usd(3), usd(-1), usd(2)].sort(compare).map((m) => m.minor)).toEqual([-1, 2, 3]);
	});
	it('add is commutative and associative, zero is the identity', () => {
		const amount = fc.integer({ min: -1e13, max: 1e13 }).map(usd);
		fc.assert(
			fc.property(amount, amount, amount, (a, b, c) => {
				expect(add(a, b)).toEqual(add(b, a));
				expect(add(add(a, b), c)).toEqual(add(a, add(b, c)));
				expect(add(a, zero('USD'))).toEqual(a);
				expect(subtract(add(a, b), b)).toEqual(a);
			}),
		);
	});
});

describe('allocateMinor', () => {
	it.each<[number, number[], number[]]>([
		[1003, [50, 50], [502, 501]],
		[100, [1, 1, 1], [34, 33, 33]],
		[-100, [1, 1, 1], [-34, -33, -33]],
		[5, [70, 30], [4, 1]], // 3.5 / 1.5: tie → first
		[1, [0, 1], [0, 1]],
		[2, [1, 0, 1], [1, 0, 1]],
		[0, [1, 2], [0, 0]],
		[10, [33.3, 33.3, 33.4], [3, 3, 4]],
		[782000000, [100], [782000000]],
	])('allocateMinor(%p, %j) → %j', (total, ratios, expected) => {
		expect(allocateMinor(total, ratios)).toEqual(expected);
	});
	it.each<[number[]]>([[[]], [[0, 0]], [[-1, 2]], [[Number.NaN]], [[1e308, 1e308]]])(
		'rejects ratios %j',
		(ratios) => {
			expect(() => allocateMinor(100, ratios)).toThrow(RangeError);
		},
	);
	it('preserves the total, gives zero ratios nothing, and stays within one unit of the exact share', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -1e13, max: 1e13 }),
				fc
					.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 12 })
					.filter((r) => r.some((x) => x > 0)),
				(total, ratios) => {
					const shares = allocateMinor(total, ratios);
					const ratioSum = ratios.reduce((a, b) => a + b, 0);
					expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
					shares.forEach((s, i) => {
						expect(Number.isSafeInteger(s)).toBe(true);
						if (ratios[i] === 0) expect(s).toBe(0);
						expect(Math.abs(s - (total * (ratios[i] as number)) / ratioSum)).toBeLessThan(1 + 1e-6);
					});
				},
			),
		);
	});
});

describe('formatting', () => {
	it.each([
		[782000000, 'USD 7,820,000.00', '7,820,000.00'],
		[123456, 'USD 1,234.56', '1,234.56'],
		[-1250, 'USD -12.50', '-12.50'],
		[5, 'USD 0.05', '0.05'],
		[0, 'USD 0.00', '0.00'],
		[99999, 'USD 999.99', '999.99'],
		[100000, 'USD 1,000.00', '1,000.00'],
		[123456789012, 'USD 1,234,567,890.12', '1,234,567,890.12'],
	])('%p minor', (minor, withCode, plain) => {
		expect(formatMoney(usd(minor))).toBe(withCode);
		expect(formatAmount(usd(minor))).toBe(plain);
	});
});
