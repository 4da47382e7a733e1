/**
 * Test shorthands for amounts. The core takes amounts as `Minor<C>` (money.ts: integer minor units
 * branded with their currency), so a test's literal numbers are branded here. Unchecked on
 * purpose: a test must also be able to hand the core a bad value (1.5, NaN) to see it refused.
 */
import type { Minor } from '../../src/TypeScripts/o2c_dso/domain/money';

/** A number of minor units as an amount of currency `C` (unchecked). @example m(120000) // 1,200.00 */
export function m<C extends string = string>(minor: number): Minor<C> {
	return minor as Minor<C>;
}

/** Currency units as an amount in minor units. @example units(1200) // 120000 */
export function units<C extends string = string>(x: number): Minor<C> {
	return Math.round(x * 100) as Minor<C>;
}
