/**
 * Arithmetic the nightly A/R snapshot needs on top of the domain core: the A/R ledger rebuilt from
 * server-side daily totals (prefix sums, so A/R and sales at any date of a range cost one lookup),
 * and historical open items reconstructed from today's open amounts plus later applications
 * (so aging at a past date needs no stored snapshot).
 *
 * Contract (shared/dataset-format.md §2): A/R balance at D = Σ invoices dated ≤ D − Σ payments and
 * credit memos dated ≤ D; credit sales in a window = Σ invoices dated in it; open amount of an
 * invoice at D = amount − applications dated ≤ D. Amounts are integer minor units of one currency.
 * Pure: no `N/*`, no clock.
 */
import { CalendarDate, addDays, fromEpochDay, toEpochDay } from './calendarDate';
import { AgingItem } from './aging';

// ---------------------------------------------------------------------------------------------
// A/R ledger
// ---------------------------------------------------------------------------------------------

/** Totals of one calendar day (minor units, all ≥ 0; the kind says the direction). */
export interface DailyArFlow {
	readonly date: CalendarDate;
	/** Σ invoice amounts dated that day (A/R up; credit sales). */
	readonly invoicedMinor: number;
	/** Σ customer payment amounts dated that day (A/R down). */
	readonly paymentsMinor: number;
	/** Σ credit memo amounts dated that day (A/R down). */
	readonly creditsMinor: number;
}

/** Daily A/R movements over `[from, to]` with the balance just before `from`; read with the functions below. */
export interface ArLedger {
	readonly from: CalendarDate;
	readonly to: CalendarDate;
	/** A/R balance at the end of `from − 1`. */
	readonly openingMinor: number;
	/** prefix[i] = Σ of the first i days (index 0 = `from`). */
	readonly invoicedPrefix: readonly number[];
	readonly paymentsPrefix: readonly number[];
	readonly creditsPrefix: readonly number[];
}

function assertMinor(value: number, what: string): void {
	if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be integer minor units, got ${String(value)}`);
}

/**
 * Builds the ledger of `[from, to]` from the opening balance (A/R at `from − 1`) and the day totals
 * (several rows for one day add up; a row outside the range throws).
 * @example buildArLedger(100000, d('2026-01-01'), d('2026-01-31'), [{ date: d('2026-01-05'), invoicedMinor: 5000, paymentsMinor: 0, creditsMinor: 0 }])
 */
export function buildArLedger(openingMinor: number, from: CalendarDate, to: CalendarDate, flows: readonly DailyArFlow[]): ArLedger {
	assertMinor(openingMinor, 'openingMinor');
	const start = toEpochDay(from);
	const days = toEpochDay(to) - start + 1;
	if (days <= 0) throw new RangeError(`buildArLedger: empty range ${from}..${to}`);
	const inv = new Array<number>(days).fill(0);
	const pay = new Array<number>(days).fill(0);
	const cred = new Array<number>(days).fill(0);
	for (const f of flows) {
		const i = toEpochDay(f.date) - start;
		if (i < 0 || i >= days) throw new RangeError(`buildArLedger: flow dated ${f.date} is outside ${from}..${to}`);
		assertMinor(f.invoicedMinor, 'invoicedMinor');
		assertMinor(f.paymentsMinor, 'paymentsMinor');
		assertMinor(f.creditsMinor, 'creditsMinor');
		inv[i] = (inv[i] as number) + f.invoicedMinor;
		pay[i] = (pay[i] as number) + f.paymentsMinor;
		cred[i] = (cred[i] as number) + f.creditsMinor;
	}
	const prefix = (xs: number[]): number[] => {
		const out = [0];
		let acc = 0;
		for (const x of xs) out.push((acc += x));
		return out;
	};
	return { from, to, openingMinor, invoicedPrefix: prefix(inv), paymentsPrefix: prefix(pay), creditsPrefix: prefix(cred) };
}

/** Number of days of the ledger up to and including `d` (0 for `from − 1`); throws outside the range. */
function daysUpTo(ledger: ArLedger, d: CalendarDate): number {
	const n = toEpochDay(d) - toEpochDay(ledger.from) + 1;
	if (n < 0 || n > ledger.invoicedPrefix.length - 1) {
		throw new RangeError(`A/R ledger ${ledger.from}..${ledger.to} does not cover ${d}`);
	}
	return n;
}

/**
 * A/R balance at the end of `d` (`from − 1` ≤ d ≤ `to`): opening + invoices − payments − credits.
 * @example arBalanceAt(ledger, d('2026-01-05')) // 105000
 */
export function arBalanceAt(ledger: ArLedger, d: CalendarDate): number {
	const n = daysUpTo(ledger, d);
	return ledger.openingMinor + (ledger.invoicedPrefix[n] as number) - (ledger.paymentsPrefix[n] as number) - (ledger.creditsPrefix[n] as number);
}

function between(prefix: readonly number[], ledger: ArLedger, first: CalendarDate, last: CalendarDate): number {
	if (last < first) return 0;
	return (prefix[daysUpTo(ledger, last)] as number) - (prefix[daysUpTo(ledger, addDays(first, -1))] as number);
}

/** Σ invoices dated in `[first, last]` (credit sales); 0 when `last < first`. @example invoicedBetween(ledger, a, b) */
export function invoicedBetween(ledger: ArLedger, first: CalendarDate, last: CalendarDate): number {
	return between(ledger.invoicedPrefix, ledger, first, last);
}

/** Σ customer payments dated in `[first, last]`. @example paymentsBetween(ledger, a, b) */
export function paymentsBetween(ledger: ArLedger, first: CalendarDate, last: CalendarDate): number {
	return between(ledger.paymentsPrefix, ledger, first, last);
}

/** Σ credit memos dated in `[first, last]`. @example creditsBetween(ledger, a, b) */
export function creditsBetween(ledger: ArLedger, first: CalendarDate, last: CalendarDate): number {
	return between(ledger.creditsPrefix, ledger, first, last);
}

/** First and last day of the W-day window ending `end`. @example windowEndingOn(d('2026-05-04'), 30) // { first: '2026-04-05', last: '2026-05-04' } */
export function windowEndingOn(end: CalendarDate, windowDays: number): { first: CalendarDate; last: CalendarDate } {
	if (!Number.isSafeInteger(windowDays) || windowDays <= 0) throw new RangeError(`windowDays must be a positive integer, got ${String(windowDays)}`);
	return { first: addDays(end, 1 - windowDays), last: end };
}

/** Credit sales in the W days ending `end`. @example creditSalesInWindow(ledger, d('2026-05-04'), 30) */
export function creditSalesInWindow(ledger: ArLedger, end: CalendarDate, windowDays: number): number {
	const w = windowEndingOn(end, windowDays);
	return invoicedBetween(ledger, w.first, w.last);
}

// ---------------------------------------------------------------------------------------------
// Historical open items
// ---------------------------------------------------------------------------------------------

/**
 * Open amount now (at the reconstruction anchor) of the invoices sharing a key, a transaction date
 * and a due date: one row of a grouped "open invoices" search.
 */
export interface OpenInvoiceGroup<K extends string = string> {
	readonly key: K;
	readonly tranDate: CalendarDate;
	readonly dueDate: CalendarDate | null;
	readonly openMinor: number;
}

/** Applications dated `appliedOn` to invoices of one (key, transaction date, due date) group. */
export interface ApplicationGroup<K extends string = string> {
	readonly key: K;
	readonly tranDate: CalendarDate;
	readonly dueDate: CalendarDate | null;
	readonly appliedOn: CalendarDate;
	readonly appliedMinor: number;
}

/** Open invoices grouped for reconstruction, with the applications after `coveredAfter`. */
export interface OpenItemHistory<K extends string = string> {
	/** Applications dated after this day are all present; reconstruction works for dates ≥ it. */
	readonly coveredAfter: CalendarDate;
	readonly groups: ReadonlyArray<HistoryGroup<K>>;
}

interface HistoryGroup<K extends string> {
	readonly key: K;
	readonly tranDate: CalendarDate;
	readonly dueDate: CalendarDate | null;
	readonly openNowMinor: number;
	/** Applications sorted by date with suffix sums: appliedAfter[i] = Σ amounts of dates[i..]. */
	readonly dates: readonly number[];
	readonly appliedFrom: readonly number[];
}

/**
 * Indexes today's open amounts and the applications dated after `coveredAfter` (the rows of the two
 * grouped searches). The application rows must be complete for every date after `coveredAfter`,
 * including dates after the as-of date (they re-open amounts paid since).
 * @example buildOpenItemHistory(openRows, appRows, d('2026-01-31'))
 */
export function buildOpenItemHistory<K extends string>(
	open: ReadonlyArray<OpenInvoiceGroup<K>>,
	applications: ReadonlyArray<ApplicationGroup<K>>,
	coveredAfter: CalendarDate,
): OpenItemHistory<K> {
	const groups = new Map<string, { key: K; tranDate: CalendarDate; dueDate: CalendarDate | null; open: number; apps: Map<number, number> }>();
	const slot = (key: K, tranDate: CalendarDate, dueDate: CalendarDate | null) => {
		const id = `${key}|${tranDate}|${dueDate ?? ''}`;
		let g = groups.get(id);
		if (g === undefined) {
			g = { key, tranDate, dueDate, open: 0, apps: new Map() };
			groups.set(id, g);
		}
		return g;
	};
	for (const row of open) {
		assertMinor(row.openMinor, 'openMinor');
		slot(row.key, row.tranDate, row.dueDate).open += row.openMinor;
	}
	const cutoff = toEpochDay(coveredAfter);
	for (const row of applications) {
		assertMinor(row.appliedMinor, 'appliedMinor');
		const day = toEpochDay(row.appliedOn);
		if (day <= cutoff) continue; // outside the covered range: already reflected in older figures
		const g = slot(row.key, row.tranDate, row.dueDate);
		g.apps.set(day, (g.apps.get(day) ?? 0) + row.appliedMinor);
	}
	const out: Array<HistoryGroup<K>> = [];
	for (const g of groups.values()) {
		const dates = [...g.apps.keys()].sort((a, b) => a - b);
		const appliedFrom = new Array<number>(dates.length + 1).fill(0);
		for (let i = dates.length - 1; i >= 0; i--) appliedFrom[i] = (appliedFrom[i + 1] as number) + (g.apps.get(dates[i] as number) as number);
		out.push({ key: g.key, tranDate: g.tranDate, dueDate: g.dueDate, openNowMinor: g.open, dates, appliedFrom });
	}
	out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.tranDate < b.tranDate ? -1 : a.tranDate > b.tranDate ? 1 : (a.dueDate ?? '') < (b.dueDate ?? '') ? -1 : 1));
	return { coveredAfter, groups: out };
}

/** Σ applications dated after `day` (binary search over the sorted dates). */
function appliedAfter(g: HistoryGroup<string>, day: number): number {
	let lo = 0;
	let hi = g.dates.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if ((g.dates[mid] as number) <= day) lo = mid + 1;
		else hi = mid;
	}
	return g.appliedFrom[lo] as number;
}

/**
 * Open invoice items at `at` per key: for each group of invoices dated ≤ `at`, today's open amount
 * plus the applications dated after `at`. Groups with nothing open at `at` are left out.
 * Throws when `at` is before the covered range.
 * @example openItemsAt(history, d('2026-04-27')).get('1') // AgingItem[] for subsidiary 1
 */
export function openItemsAt<K extends string>(history: OpenItemHistory<K>, at: CalendarDate): Map<K, AgingItem[]> {
	if (at < history.coveredAfter) {
		throw new RangeError(`openItemsAt: ${at} is before the reconstructed range (applications after ${history.coveredAfter})`);
	}
	const day = toEpochDay(at);
	const out = new Map<K, AgingItem[]>();
	for (const g of history.groups) {
		if (g.tranDate > at) continue;
		const openMinor = g.openNowMinor + appliedAfter(g as HistoryGroup<string>, day);
		if (openMinor === 0) continue;
		let list = out.get(g.key);
		if (list === undefined) out.set(g.key, (list = []));
		list.push({ openMinor, tranDate: g.tranDate, dueDate: g.dueDate });
	}
	return out;
}

/** The epoch-day range helper used by callers iterating over dates. @example datesBetween(a, b) // [a, …, b] */
export function datesBetween(first: CalendarDate, last: CalendarDate): CalendarDate[] {
	const out: CalendarDate[] = [];
	for (let e = toEpochDay(first), end = toEpochDay(last); e <= end; e++) out.push(fromEpochDay(e));
	return out;
}
