/**
 * The 13-week cash-in forecast of a subsidiary at D: what its invoices open at D are expected to
 * bring in each week (week 1 = D + 1 … D + 7), with a low/high band, and what is expected only
 * after the 13 weeks (the part of it already overdue at D called out).
 *
 * Each invoice's open amount is spread over the weeks by the probabilities of its possible
 * payment dates (`PaymentPrediction.outcomes`) and split into whole minor units (largest
 * remainder), so the weeks plus "after the horizon" add up exactly to the open amount.
 *
 * **The band.** A week's receipts are a sum of uncertain payments. Invoices of one customer are
 * taken to move together (a customer that pays one invoice late usually pays its others late:
 * consecutive invoices' lateness correlates at 0.67 in the real A/R history), customers
 * independently. So a customer's spread in a week is Σ open × √(p (1 − p)) over its invoices
 * (p = the invoice's chance of being paid that week) and the subsidiary's variance is the sum of
 * its customers' squared spreads. The band is expected ± z × √variance with z = 0.8416, the 20th
 * and 80th percentiles of a normal distribution (the same 20–80 as the invoices' intervals),
 * never below zero nor above what is open. The backtest measures how often actual receipts fall
 * inside (README "Forecast"). Pure: no `N/*`, no clock.
 */
import { CalendarDate, addDays, daysBetween } from './calendarDate';
import { allocateMinor, Money, money } from './money';
import type { Outcome } from './paymentPrediction';

export const FORECAST_RULES = {
	weeks: 13,
	/** Standard normal quantile of the 80th percentile: the band is the 20–80 range. */
	bandZ: 0.8416,
} as const;

/**
 * Share of the outcomes' weight in each week (index 0 = D + 1 … D + 7) and, at index `weeks`,
 * after the horizon. Dates on or before D count in week 1.
 * @example weekShares([{ date: d('2026-05-12'), weight: 1 }], d('2026-05-04')) // week index 1 = 1
 */
export function weekShares(outcomes: readonly Outcome[], asOf: CalendarDate, weeks = FORECAST_RULES.weeks): number[] {
	const shares = new Array<number>(weeks + 1).fill(0);
	let total = 0;
	for (const o of outcomes) total += o.weight;
	if (!(total > 0)) throw new RangeError('weekShares: outcomes carry no weight');
	for (const o of outcomes) {
		const day = Math.max(1, daysBetween(asOf, o.date));
		const index = Math.min(weeks, Math.floor((day - 1) / 7));
		shares[index] = (shares[index] as number) + o.weight / total;
	}
	return shares;
}

/** An open invoice as the forecast sees it. */
export interface ForecastInvoice {
	/** Open amount at D, base currency minor units. */
	readonly openMinor: number;
	/** Past due at D. */
	readonly overdue: boolean;
	readonly outcomes: readonly Outcome[];
}

/** One customer's part of its subsidiary's forecast (plain numbers: a map/reduce value). */
export interface ForecastPart {
	/** Expected minor units per week, then after the horizon (weeks + 1 entries). */
	readonly expected: readonly number[];
	/** The customer's spread per week (Σ open × √(p(1 − p))), then after the horizon. */
	readonly spread: readonly number[];
	/** Expected after the horizon from invoices overdue at D. */
	readonly overdueBeyond: number;
	readonly open: number;
	readonly invoices: number;
}

/**
 * A customer's part: its open invoices spread over the weeks.
 * @example forecastPart([{ openMinor: 10000, overdue: false, outcomes }], asOf).expected
 */
export function forecastPart(invoices: readonly ForecastInvoice[], asOf: CalendarDate): ForecastPart {
	const n = FORECAST_RULES.weeks + 1;
	const expected = new Array<number>(n).fill(0);
	const spread = new Array<number>(n).fill(0);
	let overdueBeyond = 0;
	let open = 0;
	for (const inv of invoices) {
		if (!Number.isSafeInteger(inv.openMinor) || inv.openMinor <= 0)
			throw new RangeError(
				`forecastPart: open amounts must be positive minor units, got ${String(inv.openMinor)}`,
			);
		const shares = weekShares(inv.outcomes, asOf);
		const parts = allocateMinor(inv.openMinor, shares);
		for (let w = 0; w < n; w++) {
			const p = shares[w] as number;
			expected[w] = (expected[w] as number) + (parts[w] as number);
			spread[w] = (spread[w] as number) + inv.openMinor * Math.sqrt(Math.max(0, p * (1 - p)));
		}
		if (inv.overdue) overdueBeyond += parts[n - 1] as number;
		open += inv.openMinor;
	}
	return { expected, spread, overdueBeyond, open, invoices: invoices.length };
}

/** One week of a subsidiary's forecast. */
export interface ForecastWeek<C extends string = string> {
	/** 1 … 13. */
	readonly week: number;
	readonly start: CalendarDate;
	readonly end: CalendarDate;
	readonly expected: Money<C>;
	readonly low: Money<C>;
	readonly high: Money<C>;
}

export interface SubsidiaryForecast<C extends string = string> {
	readonly asOf: CalendarDate;
	readonly currency: C;
	readonly weeks: readonly ForecastWeek<C>[];
	/** Expected only after the 13 weeks. */
	readonly beyondHorizon: Money<C>;
	/** Of which from invoices already overdue at D. */
	readonly overdueBeyondHorizon: Money<C>;
	/** Σ open invoices at D = Σ weeks' expected + beyondHorizon. */
	readonly open: Money<C>;
	readonly invoices: number;
}

/**
 * The subsidiary's forecast from its customers' parts.
 * @example subsidiaryForecast(parts, d('2026-05-04'), 'USD').weeks[0].expected
 */
export function subsidiaryForecast<C extends string>(
	parts: readonly ForecastPart[],
	asOf: CalendarDate,
	currency: C,
): SubsidiaryForecast<C> {
	const n = FORECAST_RULES.weeks + 1;
	const expected = new Array<number>(n).fill(0);
	const variance = new Array<number>(n).fill(0);
	let overdueBeyond = 0;
	let open = 0;
	let invoices = 0;
	for (const part of parts) {
		if (part.expected.length !== n || part.spread.length !== n)
			throw new RangeError(`subsidiaryForecast: a part must have ${String(n)} weeks (13 + after the horizon)`);
		for (let w = 0; w < n; w++) {
			expected[w] = (expected[w] as number) + (part.expected[w] as number);
			variance[w] = (variance[w] as number) + (part.spread[w] as number) ** 2;
		}
		overdueBeyond += part.overdueBeyond;
		open += part.open;
		invoices += part.invoices;
	}
	const weeks: ForecastWeek<C>[] = [];
	for (let w = 0; w < FORECAST_RULES.weeks; w++) {
		const e = expected[w] as number;
		const half = FORECAST_RULES.bandZ * Math.sqrt(variance[w] as number);
		weeks.push({
			week: w + 1,
			start: addDays(asOf, 7 * w + 1),
			end: addDays(asOf, 7 * w + 7),
			expected: money(e, currency),
			low: money(Math.max(0, Math.round(e - half)), currency),
			high: money(Math.min(open, Math.round(e + half)), currency),
		});
	}
	return {
		asOf,
		currency,
		weeks,
		beyondHorizon: money(expected[n - 1] as number, currency),
		overdueBeyondHorizon: money(overdueBeyond, currency),
		open: money(open, currency),
		invoices,
	};
}

/**
 * Expected receipts of the first `weeks` weeks.
 * @example expectedWithin(forecast, 4).minor
 */
export function expectedWithin<C extends string>(f: SubsidiaryForecast<C>, weeks: number): Money<C> {
	let total = 0;
	for (const w of f.weeks.slice(0, weeks)) total += w.expected.minor;
	return money(total, f.currency);
}

/** What the DSO alert email shows of a subsidiary's stored forecast (minor units of `currency`). */
export interface CashOutlook {
	/** The forecast's as-of date (the night's run: normally the alert's own date). */
	readonly asOf: CalendarDate;
	readonly currency: string;
	/** Expected in weeks 1–4, and the payments received in the 28 days ending the forecast's date. */
	readonly next4Minor: number;
	readonly prior4Minor: number;
	readonly beyondMinor: number;
	readonly overdueBeyondMinor: number;
	/** Weeks 1–4 (or fewer when the stored forecast has fewer). */
	readonly weeks: readonly {
		readonly week: number;
		readonly start: CalendarDate;
		readonly end: CalendarDate;
		readonly expectedMinor: number;
		readonly lowMinor: number;
		readonly highMinor: number;
	}[];
}
