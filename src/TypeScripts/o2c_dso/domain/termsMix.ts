/**
 * Terms mix: how credit sales split by payment terms (days until due), and whether the mix moved
 * toward longer terms between two periods. Longer terms raise DSO without any change in payment
 * behaviour, so a DSO rise is read next to the terms mix. Amounts in minor units of one currency;
 * shares and averages are plain unrounded numbers. Pure: no `N/*`.
 */
import { assertMinorUnits, Minor, minorUnits } from './money';
import { toHundredths } from './rounding';

/** One credit sale (an invoice) and its terms; `termsDays` null = no terms on the invoice. */
export interface TermsSale<C extends string = string> {
	readonly termsDays: number | null;
	readonly amountMinor: Minor<C>;
}

/** Sales under one terms value. `share` in 0–1 and `percent` in 0–100 are null when the total is ≤ 0. */
export interface TermsMixRow<C extends string = string> {
	readonly termsDays: number | null;
	readonly amountMinor: Minor<C>;
	readonly count: number;
	readonly share: number | null;
	readonly percent: number | null;
}

/** Result of {@link termsMix}. */
export interface TermsMix<C extends string = string> {
	/** Ascending terms days, "no terms" last. */
	readonly rows: readonly TermsMixRow<C>[];
	readonly totalMinor: Minor<C>;
	/** Σ(amount × terms days) ÷ Σ amount over sales with terms; null when that amount is ≤ 0. */
	readonly weightedAverageTermsDays: number | null;
}

/**
 * Share of credit sales by terms days, in minor units and percent.
 * @example termsMix([{ termsDays: 30, amountMinor: 300 }, { termsDays: 60, amountMinor: 100 }]).weightedAverageTermsDays // 37.5
 */
export function termsMix<C extends string>(sales: readonly TermsSale<C>[]): TermsMix<C> {
	const groups = new Map<number | null, { amount: number; count: number }>();
	let total = 0;
	let withTerms = 0;
	let weightedDays = 0;
	for (const s of sales) {
		assertMinorUnits(s.amountMinor, 'termsMix: amountMinor');
		if (s.termsDays !== null && (!Number.isFinite(s.termsDays) || s.termsDays < 0)) {
			throw new RangeError(`termsMix: termsDays must be ≥ 0 or null, got ${String(s.termsDays)}`);
		}
		const g = groups.get(s.termsDays) ?? { amount: 0, count: 0 };
		g.amount += s.amountMinor;
		g.count += 1;
		groups.set(s.termsDays, g);
		total += s.amountMinor;
		if (s.termsDays !== null) {
			withTerms += s.amountMinor;
			weightedDays += s.amountMinor * s.termsDays;
		}
	}
	const keys = Array.from(groups.keys()).sort((a, b) => (a === null ? 1 : b === null ? -1 : a - b));
	const rows = keys.map((termsDays) => {
		const g = groups.get(termsDays) as { amount: number; count: number };
		const share = total > 0 ? g.amount / total : null;
		return {
			termsDays,
			amountMinor: minorUnits<C>(g.amount),
			count: g.count,
			share,
			percent: share === null ? null : share * 100,
		};
	});
	return {
		rows,
		totalMinor: minorUnits<C>(total),
		weightedAverageTermsDays: withTerms > 0 ? weightedDays / withTerms : null,
	};
}

/**
 * Default threshold of {@link termsMixShift}: 5 days of weighted-average terms. Standard DSO moves
 * roughly one for one with average terms, and 5 days is half the DSO alert's 10-day threshold: a
 * terms shift that size explains a good part of a DSO rise and is worth naming next to the alert.
 */
export const TERMS_SHIFT_THRESHOLD_DAYS = 5;

/** Result of {@link termsMixShift}. */
export interface TermsMixShift {
	/** True when the weighted-average terms rose by at least the threshold. */
	readonly shiftedLonger: boolean;
	readonly priorAverageDays: number | null;
	readonly currentAverageDays: number | null;
	/** current − prior average terms days; null when either is null. */
	readonly deltaDays: number | null;
	readonly thresholdDays: number;
}

/**
 * Whether the mix moved toward longer terms: weighted-average terms of `current` minus `prior`,
 * compared in hundredths of a day (so 35.3 − 30.3 = 4.999999999999996 counts as 5.00), is
 * ≥ `thresholdDays` (default {@link TERMS_SHIFT_THRESHOLD_DAYS}); false when either is unknown.
 * @example termsMixShift(termsMix(lastMonth), termsMix(thisMonth)).shiftedLonger
 */
export function termsMixShift<C extends string>(
	prior: TermsMix<C>,
	current: TermsMix<NoInfer<C>>,
	thresholdDays: number = TERMS_SHIFT_THRESHOLD_DAYS,
): TermsMixShift {
	if (!Number.isFinite(thresholdDays) || thresholdDays <= 0)
		throw new RangeError(`thresholdDays must be > 0, got ${String(thresholdDays)}`);
	const p = prior.weightedAverageTermsDays;
	const c = current.weightedAverageTermsDays;
	const deltaDays = p === null || c === null ? null : c - p;
	return {
		shiftedLonger: deltaDays !== null && toHundredths(deltaDays) >= toHundredths(thresholdDays),
		priorAverageDays: p,
		currentAverageDays: c,
		deltaDays,
		thresholdDays,
	};
}
