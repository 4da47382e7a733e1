/**
 * Money as integer minor units (hundredths of the currency unit, for every currency) plus an ISO
 * currency code. Immutable: every operation returns a new value.
 *
 * - `fromDecimal` is the ONE place where NetSuite decimals (strings such as "1234.56" or floats
 *   such as 1234.56) become minor units; call it only at the adapter boundary.
 * - Adding `Money<'USD'>` to `Money<'EUR'>` does not compile (`NoInfer`); with plain `string`
 *   currencies the same mistake throws {@link CurrencyMismatchError} at run time.
 * - Splitting uses {@link allocate} (largest remainder), never `x / n`.
 *
 * - The core's ports, ledger flows, aging items and customer rows carry amounts as
 *   {@link Minor}`<C>`: integer minor units BRANDED with their currency. A plain number is not an
 *   amount, and an amount of one currency is not one of another: `Minor<'EUR'>` where `Minor<'USD'>`
 *   is expected, or a subsidiary's base-currency amount where the customer's currency is expected
 *   (`CreditPosition<K>` next to `CustomerRow<B>`), does not compile. The brand exists only for the
 *   compiler (no run-time cost); this module is the only place that makes one ({@link minorUnits},
 *   the arithmetic below, `fromDecimal`). Currencies known only at run time (a subsidiary's ISO code)
 *   are the type parameter of the generic use cases, so two such currencies still never meet.
 *
 * Design follows dinero.js (see shared/reference/code-style-models.md §2.1, §5). Pure: no `N/*`.
 */
import { scaleDecimalString } from './decimal';

declare const CURRENCY: unique symbol;

/**
 * An amount in integer minor units of currency `C` (hundredths of the unit). A number at run time;
 * to the compiler, neither a plain number nor another currency's amount (see the module comment).
 * Reading it as a number (a ratio, a comparison, a stored value) needs nothing.
 */
export type Minor<C extends string = string> = number & { readonly [CURRENCY]: C };

/** An amount in integer minor units (hundredths) of currency `C`. */
export interface Money<C extends string = string> {
	/** Signed integer number of hundredths of the currency unit. */
	readonly minor: Minor<C>;
	/** Currency code, e.g. `'USD'`. */
	readonly currency: C;
}

/** What the read-only formatters accept: an amount and its currency code (a {@link Money} or a stored pair). */
export interface MoneyLike {
	readonly minor: number;
	readonly currency: string;
}

/** Thrown when two amounts in different currencies meet in one operation. */
export class CurrencyMismatchError extends Error {
	constructor(
		readonly left: string,
		readonly right: string,
	) {
		super(`Currency mismatch: cannot combine ${left} with ${right}`);
		this.name = 'CurrencyMismatchError';
		Object.setPrototypeOf(this, CurrencyMismatchError.prototype);
	}
}

/** Minor units per currency unit (hundredths for every currency, by project rule). */
export const MINOR_PER_UNIT = 100;

function assertCurrency(currency: string): void {
	if (typeof currency !== 'string' || currency.trim() === '' || currency.trim() !== currency) {
		throw new Error(`Invalid currency code ${JSON.stringify(currency)}: expected a non-empty code such as "USD"`);
	}
}

/**
 * Throws a RangeError naming `what` unless `value` is a safe integer: the one check every module
 * makes on an amount in minor units before it adds it up.
 * @example assertMinorUnits(123456, 'invoice amount') // passes; assertMinorUnits(12.5, 'x') throws
 */
export function assertMinorUnits(value: number, what: string): void {
	if (!Number.isSafeInteger(value)) {
		throw new RangeError(`${what} must be integer minor units (a safe integer), got ${String(value)}`);
	}
}

/**
 * Brands a whole number of minor units as an amount of currency `C` (checked: a safe integer, -0
 * becomes 0). The one way in for integers that are amounts: search values go through
 * {@link fromDecimal}, test fixtures and adapters' integer fields through here.
 * @example minorUnits<'USD'>(123456) // USD 1,234.56 as a Minor<'USD'>
 */
export function minorUnits<C extends string = string>(value: number, what = 'amount'): Minor<C> {
	assertMinorUnits(value, what);
	return (value === 0 ? 0 : value) as Minor<C>;
}

/** Zero of currency `C`. @example zeroMinor<'USD'>() // 0 */
export function zeroMinor<C extends string = string>(): Minor<C> {
	return 0 as Minor<C>;
}

/** a + b, both of currency `C`. @example plus(minorUnits<'USD'>(100), minorUnits<'USD'>(250)) // 350 */
export function plus<C extends string>(a: Minor<C>, b: Minor<NoInfer<C>>): Minor<C> {
	return minorUnits<C>(a + b, 'sum');
}

/** a − b, both of currency `C`. @example minus(minorUnits<'USD'>(100), minorUnits<'USD'>(250)) // -150 */
export function minus<C extends string>(a: Minor<C>, b: Minor<NoInfer<C>>): Minor<C> {
	return minorUnits<C>(a - b, 'difference');
}

/** −a. @example negated(minorUnits<'USD'>(100)) // -100 */
export function negated<C extends string>(a: Minor<C>): Minor<C> {
	return minorUnits<C>(0 - a, 'negation');
}

/** Σ of amounts of one currency (0 for none). @example sumOf([minorUnits<'USD'>(1), minorUnits<'USD'>(2)]) // 3 */
export function sumOf<C extends string>(list: readonly Minor<C>[]): Minor<C> {
	let total = 0;
	for (const x of list) total += x;
	return minorUnits<C>(total, 'sum');
}

/** The smaller of two amounts of one currency. @example minOf(minorUnits<'USD'>(5), minorUnits<'USD'>(3)) // 3 */
export function minOf<C extends string>(a: Minor<C>, b: Minor<NoInfer<C>>): Minor<C> {
	return a <= b ? a : b;
}

/**
 * a × numerator ÷ denominator, rounded to a whole minor unit half away from zero (a share of an
 * amount: daily sales = window sales × 1 ÷ W, a month of sales = window sales × 30 ÷ W).
 * @example scaledBy(minorUnits<'USD'>(100), 1, 30) // 3
 */
export function scaledBy<C extends string>(a: Minor<C>, numerator: number, denominator: number): Minor<C> {
	if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator === 0)
		throw new RangeError(`scaledBy: ${String(numerator)} / ${String(denominator)} is not a finite factor`);
	const exact = (a * numerator) / denominator;
	return minorUnits<C>(Math.sign(exact) * Math.round(Math.abs(exact)), 'scaled amount');
}

/**
 * Creates an amount from integer minor units; throws unless `minor` is a safe integer.
 * @example money(123456, 'USD') // USD 1,234.56
 */
export function money<C extends string>(minor: number, currency: C): Money<C> {
	assertCurrency(currency);
	return { minor: minorUnits<C>(minor, `money(${String(minor)}, ${currency})`), currency };
}

/** Zero in `currency`. @example zero('USD').minor // 0 */
export function zero<C extends string>(currency: C): Money<C> {
	return money(0, currency);
}

/**
 * Converts a NetSuite decimal (string or float) into minor units, exactly, rounding any third
 * decimal half away from zero. `''` (an empty NetSuite currency field) is zero. Strings are parsed
 * digit by digit; floats go through their shortest round-trip text (`String(x)`), so
 * `19.99` → 1999 and `1.005` → 101 rather than the float artefacts of `x * 100`.
 * Throws on text that is not a plain decimal (`'1,234.56'`, `'$5'`, `'abc'`), on non-finite
 * numbers, and beyond ±2^53 minor units.
 * @example fromDecimal('1234.56', 'USD').minor // 123456
 * @example fromDecimal(-0.5, 'EUR').minor // -50
 */
export function fromDecimal<C extends string>(value: number | string, currency: C): Money<C> {
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) {
			throw new RangeError(`fromDecimal: ${String(value)} is not a finite amount (${currency})`);
		}
		text = String(value);
	} else if (typeof value === 'string') {
		text = value.trim();
		if (text === '') return zero(currency);
	} else {
		throw new TypeError(`fromDecimal: expected a number or a string, got ${typeof value}`);
	}
	const minor = scaleDecimalString(text, 2);
	if (minor === null) {
		throw new Error(`fromDecimal: ${JSON.stringify(value)} is not a decimal amount (${currency})`);
	}
	assertMinorUnits(minor, `fromDecimal(${JSON.stringify(value)})`);
	return money(minor, currency);
}

/**
 * The amount as a decimal number of currency units (for writing a NetSuite currency field or a
 * JSON report); exact for |amount| below 2^46 units (≈ 70 trillion).
 * @example toDecimal(money(123456, 'USD')) // 1234.56
 */
export function toDecimal(m: MoneyLike): number {
	const value = m.minor / MINOR_PER_UNIT;
	return value === 0 ? 0 : value;
}

/** Throws {@link CurrencyMismatchError} unless both amounts share a currency. */
export function assertSameCurrency(a: Money, b: Money): void {
	if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
}

/**
 * Sum of two amounts of the same currency (compile-time and run-time checked).
 * @example add(money(100, 'USD'), money(250, 'USD')).minor // 350
 */
export function add<C extends string>(a: Money<C>, b: Money<NoInfer<C>>): Money<C> {
	assertSameCurrency(a, b);
	return money(a.minor + b.minor, a.currency);
}

/** Difference `a − b` of two amounts of the same currency. @example subtract(money(100, 'USD'), money(250, 'USD')).minor // -150 */
export function subtract<C extends string>(a: Money<C>, b: Money<NoInfer<C>>): Money<C> {
	assertSameCurrency(a, b);
	return money(a.minor - b.minor, a.currency);
}

/** Absolute value. @example abs(money(-100, 'USD')).minor // 100 */
export function abs<C extends string>(m: Money<C>): Money<C> {
	return money(Math.abs(m.minor), m.currency);
}

/**
 * Sum of a list in `currency` (zero when empty); throws if an item has another currency.
 * @example sum([money(1, 'USD'), money(2, 'USD')], 'USD').minor // 3
 */
export function sum<C extends string>(list: readonly Money<NoInfer<C>>[], currency: C): Money<C> {
	assertCurrency(currency);
	let total = 0;
	for (const item of list) {
		if (item.currency !== currency) throw new CurrencyMismatchError(currency, item.currency);
		total += item.minor;
	}
	return money(total, currency);
}

/** −1, 0 or 1 as `a` is below, equal to or above `b` (same currency only); usable in `sort`. @example compare(money(1, 'USD'), money(2, 'USD')) // -1 */
export function compare<C extends string>(a: Money<C>, b: Money<NoInfer<C>>): -1 | 0 | 1 {
	assertSameCurrency(a, b);
	return a.minor < b.minor ? -1 : a.minor > b.minor ? 1 : 0;
}

/** True when both amounts have the same currency and value. @example equals(money(1, 'USD'), money(1, 'USD')) // true */
export function equals(a: Money, b: Money): boolean {
	return a.currency === b.currency && a.minor === b.minor;
}

/**
 * Integer split of `total` minor units by `ratios` (largest remainder): shares sum exactly to
 * `total`, a zero ratio gets zero, ties go to the earlier ratio.
 * @example allocateMinor(1003, [50, 50]) // [502, 501]
 */
export function allocateMinor(total: number, ratios: readonly number[]): number[] {
	assertMinorUnits(total, 'allocate');
	if (ratios.length === 0) throw new RangeError('allocate: at least one ratio is required');
	let ratioSum = 0;
	for (const r of ratios) {
		if (!Number.isFinite(r) || r < 0)
			throw new RangeError(`allocate: ratios must be finite and ≥ 0, got ${String(r)}`);
		ratioSum += r;
	}
	if (!(ratioSum > 0)) throw new RangeError('allocate: ratios must not all be zero');
	if (!Number.isFinite(ratioSum)) throw new RangeError('allocate: ratios are too large to add up');

	const sign = total < 0 ? -1 : 1;
	const magnitude = Math.abs(total);
	const shares: number[] = [];
	const remainders: number[] = [];
	let allocated = 0;
	for (const r of ratios) {
		const exact = (magnitude * r) / ratioSum;
		const floor = Math.floor(exact);
		shares.push(floor);
		remainders.push(r === 0 ? -1 : exact - floor);
		allocated += floor;
	}
	// Indices by descending remainder, earlier index first on ties; zero ratios last.
	const order = ratios
		.map((_, i) => i)
		.sort((i, j) => (remainders[j] as number) - (remainders[i] as number) || i - j);
	const eligible = order.filter((i) => (ratios[i] as number) > 0);
	let leftover = magnitude - allocated;
	// Float error can leave floor sums one unit off; walk the eligible list as often as needed.
	for (let k = 0; leftover > 0; k = (k + 1) % eligible.length, leftover--) {
		const i = eligible[k] as number;
		shares[i] = (shares[i] as number) + 1;
	}
	for (let k = eligible.length - 1; leftover < 0; k = (k - 1 + eligible.length) % eligible.length) {
		const i = eligible[k] as number;
		if ((shares[i] as number) > 0) {
			shares[i] = (shares[i] as number) - 1;
			leftover++;
		}
	}
	return shares.map((s) => (s === 0 ? 0 : sign * s));
}

/** Groups an integer digit string by thousands with commas. */
function groupThousands(digits: string): string {
	let out = '';
	for (let i = 0; i < digits.length; i++) {
		if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
		out += digits.charAt(i);
	}
	return out;
}

/**
 * The amount as `-1,234,567.89` (comma thousands, two decimals, leading minus), no currency.
 * Deterministic: no `Intl`, no locale.
 * @example formatAmount(money(-782000000, 'USD')) // '-7,820,000.00'
 */
export function formatAmount(m: MoneyLike): string {
	const magnitude = Math.abs(m.minor);
	const units = Math.floor(magnitude / MINOR_PER_UNIT);
	const cents = magnitude - units * MINOR_PER_UNIT;
	const text = `${groupThousands(String(units))}.${cents < 10 ? '0' : ''}${String(cents)}`;
	return m.minor < 0 ? `-${text}` : text;
}

/**
 * The amount for display with its currency code first: `USD 7,820,000.00`, `EUR -12.50`.
 * @example formatMoney(money(782000000, 'USD')) // 'USD 7,820,000.00'
 */
export function formatMoney(m: MoneyLike): string {
	return `${m.currency} ${formatAmount(m)}`;
}
