/**
 * Money as the decimal strings of the collections payload: `1234.50`, `-0.05` (no thousands
 * separator, two decimals, a leading minus). Pure: no `N/*`.
 */
import { assertMinorUnits, MINOR_PER_UNIT } from '../money';

/** @example formatAmountPlain(123450, 'USD') // '1234.50' */
export function formatAmountPlain(minor: number, currency: string): string {
	assertMinorUnits(minor, `amount in ${currency}`);
	const magnitude = Math.abs(minor);
	const units = Math.floor(magnitude / MINOR_PER_UNIT);
	const cents = magnitude - units * MINOR_PER_UNIT;
	const text = `${String(units)}.${cents < 10 ? '0' : ''}${String(cents)}`;
	return minor < 0 ? `-${text}` : text;
}
