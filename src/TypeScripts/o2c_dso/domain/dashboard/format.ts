/**
 * How dashboard figures are written (portlets, the drill-down page, the workbook page): whole
 * currency units in tables, days with one decimal, percentages with one decimal. Deterministic (no
 * Intl, no locale), so a test can rebuild the exact text from report.json. Pure: no `N/*`.
 */
import { formatAmount, money } from '../money';
import { roundTo } from '../rounding';
import type { PaymentSegment } from '../paymentBehaviour';

/**
 * Minor units as whole currency units, rounded half away from zero, with thousands separators.
 * @example formatWhole(123456789) // '1,234,568'
 * @example formatWhole(-50) // '-1'
 */
export function formatWhole(minor: number): string {
	const units = Math.sign(minor) * Math.round(Math.abs(minor) / 100);
	const text = formatAmount(money(units * 100, 'XXX'));
	return text.slice(0, text.length - 3);
}

/**
 * A change in whole units with its sign: `+12,000`, `-3,400`, `0`.
 * @example formatWholeChange(120000050) // '+1,200,001'
 */
export function formatWholeChange(minor: number): string {
	const text = formatWhole(minor);
	return text !== '0' && !text.startsWith('-') ? `+${text}` : text;
}

/**
 * Minor units with cents: `1,234.56` (the drill-down's invoice amounts).
 * @example formatCents(123456) // '1,234.56'
 */
export function formatCents(minor: number): string {
	return formatAmount(money(minor, 'XXX'));
}

/**
 * Days (DSO, days to pay) with one decimal, `—` when undefined.
 * @example formatDays(58.358) // '58.4'
 * @example formatDays(null) // '—'
 */
export function formatDays(days: number | null): string {
	if (days === null || !Number.isFinite(days)) return '—';
	return roundTo(days, 1).toFixed(1);
}

/**
 * A signed change in days: `+11.1`, `-0.4`, `0.0`.
 * @example formatDaysChange(11.13) // '+11.1'
 */
export function formatDaysChange(days: number | null): string {
	if (days === null || !Number.isFinite(days)) return '—';
	const r = roundTo(days, 1);
	return r > 0 ? `+${r.toFixed(1)}` : (r === 0 ? 0 : r).toFixed(1);
}

/**
 * A percentage already expressed in percent (CEI 87.25 → `87.3%`), `—` when undefined.
 * @example formatPercent(87.25) // '87.3%'
 */
export function formatPercent(pct: number | null): string {
	if (pct === null || !Number.isFinite(pct)) return '—';
	return `${roundTo(pct, 1).toFixed(1)}%`;
}

/**
 * `part` as a share of `whole` (both minor units) in whole percent; `—` when the whole is 0.
 * @example formatShare(250, 1000) // '25%'
 */
export function formatShare(part: number, whole: number): string {
	if (whole === 0) return '—';
	return `${roundTo((part / whole) * 100, 0).toFixed(0)}%`;
}

const SEGMENT_LABELS: Readonly<Record<PaymentSegment, string>> = {
	reliable: 'Reliable',
	'slow-but-reliable': 'Slow but reliable',
	deteriorating: 'Deteriorating',
	'at-risk': 'At risk',
	'insufficient-history': 'Not enough history',
};

/** The order segments are listed in: the ones needing attention first. */
export const SEGMENT_ORDER: readonly PaymentSegment[] = [
	'at-risk',
	'deteriorating',
	'slow-but-reliable',
	'reliable',
	'insufficient-history',
];

export function isPaymentSegment(s: string): s is PaymentSegment {
	return (SEGMENT_ORDER as readonly string[]).includes(s);
}

/**
 * A segment code as people read it; an unknown code is shown as stored.
 * @example segmentLabel('slow-but-reliable') // 'Slow but reliable'
 */
export function segmentLabel(segment: string): string {
	return isPaymentSegment(segment) ? SEGMENT_LABELS[segment] : segment;
}
