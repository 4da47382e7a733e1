/**
 * Exact decimal-string arithmetic used by `money.ts` (`fromDecimal`) and `rounding.ts` (`round2`).
 *
 * Floats are never multiplied here: a decimal is parsed as digits, the decimal point is moved by
 * string manipulation and rounding is done on the digits, so "19.99" is 1999 and "1.005" rounds
 * to 101 (half away from zero) without the `19.99 * 100 = 1998.9999999999998` class of errors.
 * Pure: no `N/*`, no clock.
 */

/** Decimal literal accepted by {@link scaleDecimalString}: sign, digits, optional fraction and exponent. */
const DECIMAL_PATTERN = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Scales a decimal string by `10^scale` and rounds half away from zero to an integer; `null` when
 * the text is not a plain decimal (no grouping separators, no currency signs).
 * @example scaleDecimalString('-1234.565', 2) // -123457
 */
export function scaleDecimalString(text: string, scale: number): number | null {
	const match = DECIMAL_PATTERN.exec(text);
	if (match === null) return null;
	const sign = match[1] === '-' ? -1 : 1;
	const intPart = match[2] ?? '';
	const fracPart = match[3] ?? '';
	if (intPart.length === 0 && fracPart.length === 0) return null;
	const exponent = match[4] === undefined ? 0 : Number(match[4]);
	if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 400) return null;

	// All significant digits, and where the decimal point falls after scaling.
	const digits = intPart + fracPart;
	const pointAt = intPart.length + exponent + scale;
	let whole: string;
	let firstDropped: string;
	if (pointAt <= 0) {
		whole = '';
		firstDropped = pointAt === 0 ? digits.charAt(0) : '0';
	} else if (pointAt >= digits.length) {
		whole = digits + '0'.repeat(pointAt - digits.length);
		firstDropped = '0';
	} else {
		whole = digits.slice(0, pointAt);
		firstDropped = digits.charAt(pointAt);
	}
	const trimmed = whole.replace(/^0+/, '');
	if (trimmed.length > 16) return Number.NaN; // certainly beyond 2^53: caller reports it
	let magnitude = trimmed.length === 0 ? 0 : Number(trimmed);
	if (firstDropped >= '5') magnitude += 1; // half away from zero
	const result = sign * magnitude;
	return result === 0 ? 0 : result; // never -0
}
