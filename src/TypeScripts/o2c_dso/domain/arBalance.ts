/**
 * A/R balance and credit sales at any as-of date from daily flows, with prefix sums so that many
 * dates (daily snapshots, the 30-vs-prior-30 comparison, countback months) cost O(log n) each.
 *
 * Contract (shared/dataset-format.md §2), one subsidiary, base currency, minor units:
 * - A/R balance at D = Σ invoices dated ≤ D − Σ payments and credit memos dated ≤ D, applied or
 *   not (the general-ledger balance);
 * - credit sales in a window of W days ending D = Σ invoices dated in [D − W + 1, D];
 * - standard DSO uses D (`this`) and D − W (`prior`).
 * Pure: no `N/*`, no clock.
 */
import { assertMinorUnits, Minor, minorUnits } from './money';
import { addDays, CalendarDate, daysBetween, startOfMonth, toEpochDay } from './calendarDate';
import { CountbackPeriod, CountbackResult, countbackDso, dsoDelta, standardDso } from './dso';

/** Amounts of one day in currency `C` (minor units, positive: the field says the direction). */
export interface DailyFlow<C extends string = string> {
	readonly date: CalendarDate;
	/** Invoices dated that day (raise A/R; count as credit sales). */
	readonly invoicesMinor: Minor<C>;
	/** Customer payments dated that day, applied or not (lower A/R). */
	readonly paymentsMinor: Minor<C>;
	/** Credit memos dated that day, applied or not (lower A/R). */
	readonly creditsMinor: Minor<C>;
}

/** Queries over a set of daily flows of currency `C`; see {@link buildArLedger}. */
export interface ArLedger<C extends string = string> {
	/** A/R balance at the end of `d` (minor units). */
	arBalanceAt(d: CalendarDate): Minor<C>;
	/** Invoices dated in [d − windowDays + 1, d] (minor units). */
	creditSalesInWindow(d: CalendarDate, windowDays: number): Minor<C>;
	/** Invoices dated in [from, to], inclusive (0 when `to` < `from`). */
	invoicesBetween(from: CalendarDate, to: CalendarDate): Minor<C>;
}

/**
 * Indexes daily flows (any order; several rows for one date are added up) for A/R and sales
 * queries at any date. `openingBalanceMinor` is the A/R before the first flow (default 0).
 * @example buildArLedger(flows).arBalanceAt(parseCalendarDate('2026-05-04'))
 */
export function buildArLedger<C extends string>(
	flows: readonly DailyFlow<C>[],
	openingBalanceMinor: Minor<NoInfer<C>> = minorUnits<C>(0),
): ArLedger<C> {
	assertMinorUnits(openingBalanceMinor, 'openingBalanceMinor');
	const byDay = new Map<number, { inv: number; out: number }>();
	for (const f of flows) {
		assertMinorUnits(f.invoicesMinor, `invoicesMinor on ${f.date}`);
		assertMinorUnits(f.paymentsMinor, `paymentsMinor on ${f.date}`);
		assertMinorUnits(f.creditsMinor, `creditsMinor on ${f.date}`);
		const day = toEpochDay(f.date);
		const entry = byDay.get(day) ?? { inv: 0, out: 0 };
		entry.inv += f.invoicesMinor;
		entry.out += f.paymentsMinor + f.creditsMinor;
		byDay.set(day, entry);
	}
	const days = Array.from(byDay.keys()).sort((a, b) => a - b);
	// cumInv[i] / cumOut[i]: totals over days[0..i-1]; index 0 is "before any flow".
	const cumInv: number[] = [0];
	const cumOut: number[] = [0];
	days.forEach((day, i) => {
		const entry = byDay.get(day) as { inv: number; out: number };
		cumInv.push((cumInv[i] as number) + entry.inv);
		cumOut.push((cumOut[i] as number) + entry.out);
	});
	/** Number of flow days ≤ day (binary search). */
	const countUpTo = (day: number): number => {
		let lo = 0;
		let hi = days.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if ((days[mid] as number) <= day) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	};
	const invoicesUpTo = (day: number): number => cumInv[countUpTo(day)] as number;
	return {
		arBalanceAt(d) {
			const k = countUpTo(toEpochDay(d));
			return minorUnits<C>(openingBalanceMinor + (cumInv[k] as number) - (cumOut[k] as number), 'A/R balance');
		},
		creditSalesInWindow(d, windowDays) {
			if (!Number.isSafeInteger(windowDays) || windowDays <= 0)
				throw new RangeError(`windowDays must be a positive integer, got ${String(windowDays)}`);
			const end = toEpochDay(d);
			return minorUnits<C>(invoicesUpTo(end) - invoicesUpTo(end - windowDays), 'credit sales');
		},
		invoicesBetween(from, to) {
			const start = toEpochDay(from);
			const end = toEpochDay(to);
			return minorUnits<C>(end < start ? 0 : invoicesUpTo(end) - invoicesUpTo(start - 1), 'invoices');
		},
	};
}

/** Standard DSO of one window: the A/R at its end, its credit sales and the ratio. */
export interface DsoWindow<C extends string = string> {
	readonly asOf: CalendarDate;
	readonly arMinor: Minor<C>;
	readonly creditSalesMinor: Minor<C>;
	readonly dso: number | null;
}

/** `this` window ending D, `prior` window ending D − W, and `delta` = this − prior (null if either is null). */
export interface DsoComparison<C extends string = string> {
	readonly windowDays: number;
	readonly this: DsoWindow<C>;
	readonly prior: DsoWindow<C>;
	readonly delta: number | null;
}

/**
 * Standard DSO at `asOf` and at `asOf − windowDays`, as the report's `dso.this` / `dso.prior`.
 * @example compareDsoWindows(ledger, parseCalendarDate('2026-05-04'), 30).delta // 11.13 in the worked example
 */
export function compareDsoWindows<C extends string>(
	ledger: ArLedger<C>,
	asOf: CalendarDate,
	windowDays: number,
): DsoComparison<C> {
	const window = (end: CalendarDate): DsoWindow<C> => {
		const arMinor = ledger.arBalanceAt(end);
		const creditSalesMinor = ledger.creditSalesInWindow(end, windowDays);
		return { asOf: end, arMinor, creditSalesMinor, dso: standardDso(arMinor, creditSalesMinor, windowDays) };
	};
	const current = window(asOf);
	const prior = window(addDays(asOf, -windowDays));
	return { windowDays, this: current, prior, delta: dsoDelta(current.dso, prior.dso) };
}

/** A dated period, inclusive at both ends. */
export interface DatePeriod {
	readonly from: CalendarDate;
	readonly to: CalendarDate;
	readonly days: number;
}

/**
 * `count` consecutive periods ending at `asOf`, newest first. Without `lengthDays`: calendar
 * months, the first running from the 1st of asOf's month to asOf (a whole month when asOf is a
 * month end); with `lengthDays`: fixed slices of that many days.
 * @example trailingPeriods(parseCalendarDate('2026-05-04'), 2) // [{ from: '2026-05-01', to: '2026-05-04', days: 4 }, { from: '2026-04-01', to: '2026-04-30', days: 30 }]
 */
export function trailingPeriods(asOf: CalendarDate, count: number, lengthDays?: number): DatePeriod[] {
	if (!Number.isSafeInteger(count) || count < 0)
		throw new RangeError(`count must be a whole number ≥ 0, got ${String(count)}`);
	if (lengthDays !== undefined && (!Number.isSafeInteger(lengthDays) || lengthDays <= 0)) {
		throw new RangeError(`lengthDays must be a positive integer, got ${String(lengthDays)}`);
	}
	const periods: DatePeriod[] = [];
	let to = asOf;
	for (let i = 0; i < count; i++) {
		const from = lengthDays === undefined ? startOfMonth(to) : addDays(to, -(lengthDays - 1));
		periods.push({ from, to, days: daysBetween(from, to) + 1 });
		to = addDays(from, -1);
	}
	return periods;
}

/**
 * Countback DSO at `asOf` over trailing periods (calendar months by default, see
 * {@link trailingPeriods}), from the ledger's A/R at asOf and invoices per period.
 * @example countbackDsoAt(ledger, parseCalendarDate('2026-04-30'), 12)
 */
export function countbackDsoAt<C extends string>(
	ledger: ArLedger<C>,
	asOf: CalendarDate,
	maxPeriods = 12,
	lengthDays?: number,
): CountbackResult {
	const periods: CountbackPeriod<C>[] = trailingPeriods(asOf, maxPeriods, lengthDays).map((p) => ({
		salesMinor: ledger.invoicesBetween(p.from, p.to),
		days: p.days,
	}));
	return countbackDso(ledger.arBalanceAt(asOf), periods);
}
