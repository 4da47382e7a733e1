/**
 * Test shorthands for amounts. The core takes amounts as `Minor<C>` (money.ts: integer minor units
 * branded with their currency), so a test's literal numbers are branded here. Unchecked on
 * purpose: a test must also be able to hand the core a bad value (1.5, NaN) to see it refused.
 */
import type { AgingAmounts } from '../../src/TypeScripts/o2c_dso/domain/aging';
import type { Minor } from '../../src/TypeScripts/o2c_dso/domain/money';

/** A number of minor units as an amount of currency `C` (unchecked). @example m(120000) // 1,200.00 */
export function m<C extends string = string>(minor: number): Minor<C> {
	return minor as Minor<C>;
}

/** Currency units as an amount in minor units. @example units(1200) // 120000 */
export function units<C extends string = string>(x: number): Minor<C> {
	return Math.round(x * 100) as Minor<C>;
}

/** Amounts per aging bucket as plain numbers of minor units (buckets left out are 0). */
export type Buckets = Partial<Record<keyof AgingAmounts, number>>;

/** An aging from plain numbers. @example agingOf({ '61-90': 120000000 }) */
export function agingOf(a: Buckets = {}): AgingAmounts {
	const all = { current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0, ...a };
	return {
		current: m(all.current),
		'1-30': m(all['1-30']),
		'31-60': m(all['31-60']),
		'61-90': m(all['61-90']),
		'90+': m(all['90+']),
	};
}
