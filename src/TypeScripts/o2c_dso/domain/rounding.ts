/**
 * Presentation rounding for ratios (DSO, CEI, shares). Ratios are computed unrounded and rounded
 * once, at presentation, half away from zero on the number's shortest decimal text, so
 * `round2(1.005)` is 1.01 and `round2(-2.675)` is -2.68 (where `Math.round(x * 100) / 100` gives
 * 1 and -2.67). Pure: no `N/*`.
 */
import { scaleDecimalString } from './decimal';

/**
 * Rounds half away from zero to `decimals` places (0–10); non-finite values pass through.
 * @example roundTo(58.358208955, 1) // 58.4
 */
export function roundTo(x: number, decimals: number): number {
	if (!Number.isInteger(decimals) || decimals < 0 || decimals > 10) {
		throw new RangeError(`roundTo: decimals must be an integer 0-10, got ${String(decimals)}`);
	}
	if (!Number.isFinite(x)) return x;
	const scaled = scaleDecimalString(String(x), decimals);
	if (scaled === null || !Number.isSafeInteger(scaled)) return x; // too large to carry decimals anyway
	const result = scaled / 10 ** decimals;
	return result === 0 ? 0 : result;
}

/**
 * Rounds to 2 decimals for display (null stays null).
 * @example round2(58.358208955) // 58.36
 */
export function round2(x: number): number;
export function round2(x: number | null): number | null;
export function round2(x: number | null): number | null {
	return x === null ? null : roundTo(x, 2);
}

/**
 * A number as whole hundredths, rounded half away from zero on its shortest decimal text: the ONE
 * way every rule compares days and percentages (alert threshold, floor, terms shift, escalation,
 * actions), so float noise never decides (32.2 − 22.2 = 10.000000000000004 is 1000 hundredths).
 * Throws on a non-finite number or one too large for hundredths.
 * @example toHundredths(10.000000000000004) // 1000
 */
export function toHundredths(x: number): number {
	if (!Number.isFinite(x)) throw new RangeError(`${String(x)} is not a finite number`);
	const scaled = scaleDecimalString(String(x), 2);
	if (scaled === null || !Number.isSafeInteger(scaled)) throw new RangeError(`${String(x)} is out of range`);
	return scaled;
}

/** Whole hundredths back to a number (never -0). @example fromHundredths(1113) // 11.13 */
export function fromHundredths(h: number): number {
	const v = h / 100;
	return v === 0 ? 0 : v;
}
