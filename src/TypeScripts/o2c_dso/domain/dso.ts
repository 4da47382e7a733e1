/**
 * The DSO family: standard (W-day window), countback, best possible, average days delinquent,
 * collection effectiveness index, and the split of a DSO change into A/R and sales. Formulas
 * from shared/reference/ar-domain.md §1.
 *
 * Inputs are integer minor units of ONE currency (the subsidiary's base currency); outputs are
 * plain unrounded numbers (round at presentation with {@link round2}). Undefined ratios are
 * `null`, never `Infinity` or `NaN`. Pure: no `N/*`, no clock.
 */
import { assertMinorUnits, Minor } from './money';
import { fromHundredths, toHundredths } from './rounding';
export { round2, roundTo } from './rounding';

function assertWindow(windowDays: number): void {
	if (!Number.isSafeInteger(windowDays) || windowDays <= 0) {
		throw new RangeError(`windowDays must be a positive whole number of days, got ${String(windowDays)}`);
	}
}

/**
 * Standard DSO: A/R ÷ (credit sales in the window ÷ window days); null when sales ≤ 0. A negative
 * A/R (customer credit balance) gives a negative DSO.
 * @example standardDso(782000000, 402000000, 30) // 58.358… (report 58.36; "58.4" rounded)
 */
export function standardDso<C extends string>(
	arMinor: Minor<C>,
	creditSalesMinor: Minor<NoInfer<C>>,
	windowDays: number,
): number | null {
	assertMinorUnits(arMinor, 'arMinor');
	assertMinorUnits(creditSalesMinor, 'creditSalesMinor');
	assertWindow(windowDays);
	if (creditSalesMinor <= 0) return null;
	const dso = (arMinor * windowDays) / creditSalesMinor;
	return dso === 0 ? 0 : dso;
}

/**
 * Best possible DSO: the standard formula with only current (not yet due) A/R in the numerator.
 * @example bestPossibleDso(310000, 300000, 30) // 31
 */
export function bestPossibleDso<C extends string>(
	currentArMinor: Minor<C>,
	creditSalesMinor: Minor<NoInfer<C>>,
	windowDays: number,
): number | null {
	return standardDso(currentArMinor, creditSalesMinor, windowDays);
}

/**
 * Average days delinquent = DSO − BPDSO (null if either is null).
 * @example averageDaysDelinquent(58.36, 31) // 27.36
 */
export function averageDaysDelinquent(dso: number | null, bestPossible: number | null): number | null {
	if (dso === null || bestPossible === null) return null;
	const add = dso - bestPossible;
	return add === 0 ? 0 : add;
}

/**
 * Change `this − prior` of two DSO values; null when either is null (no sales in a window).
 * @example dsoDelta(58.358, 47.231) // 11.127
 */
export function dsoDelta(current: number | null, prior: number | null): number | null {
	return averageDaysDelinquent(current, prior);
}

/** One period of sales history for countback: credit sales (minor units) and its length in days. */
export interface CountbackPeriod<C extends string = string> {
	readonly salesMinor: Minor<C>;
	readonly days: number;
}

/**
 * Why a countback has no value: `ok` (it has one); `beyond-horizon` (the A/R is larger than all
 * the sales history given: DSO > `lowerBoundDays`); `negative-ar` (a credit balance has no age).
 */
export type CountbackStatus = 'ok' | 'beyond-horizon' | 'negative-ar';

/** Result of {@link countbackDso}. */
export interface CountbackResult {
	/** Countback DSO, null unless `status` is `ok`. */
	readonly dso: number | null;
	readonly status: CountbackStatus;
	/** Days fully covered before stopping: the DSO when `ok` is at least this; shown as "> N days" otherwise. */
	readonly lowerBoundDays: number;
	/** Periods used, including the partly covered one. */
	readonly periodsUsed: number;
}

/**
 * Countback ("exhaustion") DSO: walk back from the newest period, subtracting each period's sales
 * from the A/R and adding its days, until a period's sales cover what is left; that period adds
 * (remaining A/R ÷ its sales) × its days. `periods` are newest first. A/R 0 gives 0.
 *
 * A period without sales (a month that starts on a weekend, seen on its 1st; a quiet month) covers
 * none of the A/R: it adds its days and the walk goes on. (Oracle HFM's routine stops at such a
 * period instead; that makes the figure vanish on the first day of a month with no invoice yet and
 * come back the next day, which no controller can read.) Sales below zero count as none.
 * @example countbackDso(21200000, [{ salesMinor: 10000000, days: 30 }, { salesMinor: 8000000, days: 30 }, { salesMinor: 7000000, days: 30 }]).dso // 73.71…
 */
export function countbackDso<C extends string>(
	arMinor: Minor<C>,
	periods: readonly CountbackPeriod<NoInfer<C>>[],
): CountbackResult {
	assertMinorUnits(arMinor, 'arMinor');
	if (arMinor < 0) return { dso: null, status: 'negative-ar', lowerBoundDays: 0, periodsUsed: 0 };
	let remaining: number = arMinor;
	let days = 0;
	let used = 0;
	for (const period of periods) {
		if (remaining === 0) break;
		assertMinorUnits(period.salesMinor, 'salesMinor');
		if (!Number.isFinite(period.days) || period.days <= 0)
			throw new RangeError(`countback period days must be > 0, got ${String(period.days)}`);
		used++;
		if (period.salesMinor <= 0) {
			days += period.days;
			continue;
		}
		if (remaining <= period.salesMinor) {
			return {
				dso: days + (remaining / period.salesMinor) * period.days,
				status: 'ok',
				lowerBoundDays: days,
				periodsUsed: used,
			};
		}
		remaining -= period.salesMinor;
		days += period.days;
	}
	if (remaining === 0) return { dso: days, status: 'ok', lowerBoundDays: days, periodsUsed: used };
	return { dso: null, status: 'beyond-horizon', lowerBoundDays: days, periodsUsed: used };
}

/** Inputs of {@link collectionEffectivenessIndex}, amounts in minor units of currency `C`. */
export interface CeiInput<C extends string = string> {
	/** A/R at the start of the period. */
	readonly beginArMinor: Minor<C>;
	/** Credit sales over the whole period. */
	readonly creditSalesMinor: Minor<C>;
	/** Number of months N in the period. */
	readonly months: number;
	/** Total A/R at the end of the period. */
	readonly endArMinor: Minor<C>;
	/** Current (not yet due) A/R at the end of the period. */
	readonly endCurrentArMinor: Minor<C>;
}

/**
 * CEI (CRF), in percent: [Begin AR + Sales/N − End AR] ÷ [Begin AR + Sales/N − End current AR] × 100;
 * null when the denominator is ≤ 0.
 * @example collectionEffectivenessIndex({ beginArMinor: 620000, creditSalesMinor: 1089000, months: 3, endArMinor: 634000, endCurrentArMinor: 359000 }) // 55.93…
 */
export function collectionEffectivenessIndex<C extends string>(input: CeiInput<C>): number | null {
	assertMinorUnits(input.beginArMinor, 'beginArMinor');
	assertMinorUnits(input.creditSalesMinor, 'creditSalesMinor');
	assertMinorUnits(input.endArMinor, 'endArMinor');
	assertMinorUnits(input.endCurrentArMinor, 'endCurrentArMinor');
	if (!Number.isSafeInteger(input.months) || input.months <= 0)
		throw new RangeError(`months must be a positive integer, got ${String(input.months)}`);
	// Multiply through by N so the arithmetic stays on integers until the final division.
	const n = input.months;
	const base = input.beginArMinor * n + input.creditSalesMinor;
	const denominator = base - input.endCurrentArMinor * n;
	if (denominator <= 0) return null;
	const cei = ((base - input.endArMinor * n) / denominator) * 100;
	return cei === 0 ? 0 : cei;
}

/** Inputs of {@link splitDsoChange}: the two windows' A/R and credit sales (minor units of `C`) and W. */
export interface DsoChangeInput<C extends string = string> {
	readonly arMinor: { readonly this: Minor<C>; readonly prior: Minor<C> };
	readonly creditSalesMinor: { readonly this: Minor<C>; readonly prior: Minor<C> };
	readonly windowDays: number;
}

/** Why DSO moved, in days: the part from the A/R and the part from sales, adding up to the change. */
export interface DsoChangeSplit {
	/** The change this − prior; with `deltaHundredths`, the rule's own rounded delta. */
	readonly delta: number;
	/** From the A/R moving (at the two windows' average daily sales). */
	readonly fromAr: number;
	/** From the sales moving (at the two windows' average A/R): lower sales raise DSO. */
	readonly fromSales: number;
}

/**
 * Splits the DSO change into the part from the A/R and the part from sales, the midpoint way
 * (each factor's change valued at the average of the other factor; the two-factor Shapley split,
 * which adds up exactly, where "A/R first" or "sales first" orders would each give a different
 * answer). With DSO = A × W ÷ S and r = W ÷ S:
 *
 *   fromAr    = (A₁ − A₀) × (r₀ + r₁) ÷ 2
 *   fromSales = (r₁ − r₀) × (A₀ + A₁) ÷ 2          fromAr + fromSales = DSO₁ − DSO₀
 *
 * Shown figures are hundredths: when `deltaHundredths` (the alert rule's delta) is given, `fromAr`
 * is rounded to hundredths and `fromSales` is the rest, so the two add up to the rule's delta to
 * the hundredth. Null when a window has no sales (no DSO to split).
 * @example splitDsoChange({ arMinor: { this: 165000, prior: 150000 }, creditSalesMinor: { this: 88000, prior: 100000 }, windowDays: 30 }) // { delta: 11.25, fromAr: 4.8068…, fromSales: 6.4431… }
 */
export function splitDsoChange<C extends string>(
	input: DsoChangeInput<C>,
	deltaHundredths?: number,
): DsoChangeSplit | null {
	const { arMinor: a, creditSalesMinor: s, windowDays: w } = input;
	assertMinorUnits(a.this, 'arMinor.this');
	assertMinorUnits(a.prior, 'arMinor.prior');
	assertMinorUnits(s.this, 'creditSalesMinor.this');
	assertMinorUnits(s.prior, 'creditSalesMinor.prior');
	assertWindow(w);
	if (s.this <= 0 || s.prior <= 0) return null;
	const r0 = w / s.prior;
	const r1 = w / s.this;
	const fromAr = ((a.this - a.prior) * (r0 + r1)) / 2;
	const fromSales = ((r1 - r0) * (a.prior + a.this)) / 2;
	if (deltaHundredths === undefined) return { delta: fromAr + fromSales, fromAr, fromSales };
	assertMinorUnits(deltaHundredths, 'deltaHundredths');
	const arH = toHundredths(fromAr);
	return {
		delta: fromHundredths(deltaHundredths),
		fromAr: fromHundredths(arH),
		fromSales: fromHundredths(deltaHundredths - arH),
	};
}
