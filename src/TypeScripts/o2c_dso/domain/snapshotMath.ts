/**
 * Arithmetic the nightly A/R snapshot needs on top of the domain core: historical open items
 * reconstructed from today's open amounts plus the applications dated after a past date, so aging
 * at any past date (week-over-week, CEI month ends, backfill, the alert's prior period) needs no
 * stored snapshot and no per-invoice rows. The A/R ledger itself is `arBalance.ts`.
 *
 * Contract (shared/dataset-format.md §2): open amount of an invoice at D = amount − applications
 * dated ≤ D, so open(D') = open(now) + applications dated in (D', now] for an invoice dated ≤ D'.
 * Amounts are integer minor units of one currency. Pure: no `N/*`, no clock.
 */
import { assertMinorUnits, Minor, minorUnits } from './money';
import { CalendarDate, toEpochDay } from './calendarDate';
import { AgingItem } from './aging';

// ---------------------------------------------------------------------------------------------
// Historical open items
// ---------------------------------------------------------------------------------------------

/**
 * Open amount now (at the reconstruction anchor) of the invoices sharing a key, a transaction date
 * and a due date: one row of a grouped "open invoices" search.
 */
export interface OpenInvoiceGroup<K extends string = string, C extends string = string> {
	readonly key: K;
	readonly tranDate: CalendarDate;
	readonly dueDate: CalendarDate | null;
	readonly openMinor: Minor<C>;
}

/** Applications dated `appliedOn` to invoices of one (key, transaction date, due date) group. */
export interface ApplicationGroup<K extends string = string, C extends string = string> {
	readonly key: K;
	readonly tranDate: CalendarDate;
	readonly dueDate: CalendarDate | null;
	readonly appliedOn: CalendarDate;
	readonly appliedMinor: Minor<C>;
}

/** Open invoices grouped for reconstruction, with the applications after `coveredAfter`. */
export interface OpenItemHistory<K extends string = string, C extends string = string> {
	/** Applications dated after this day are all present; reconstruction works for dates ≥ it. */
	readonly coveredAfter: CalendarDate;
	readonly groups: readonly HistoryGroup<K, C>[];
}

interface HistoryGroup<K extends string, C extends string> {
	readonly key: K;
	readonly tranDate: CalendarDate;
	readonly dueDate: CalendarDate | null;
	readonly openNowMinor: Minor<C>;
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
export function buildOpenItemHistory<K extends string, C extends string>(
	open: readonly OpenInvoiceGroup<K, C>[],
	applications: readonly ApplicationGroup<K, NoInfer<C>>[],
	coveredAfter: CalendarDate,
): OpenItemHistory<K, C> {
	const groups = new Map<
		string,
		{ key: K; tranDate: CalendarDate; dueDate: CalendarDate | null; open: number; apps: Map<number, number> }
	>();
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
		assertMinorUnits(row.openMinor, 'openMinor');
		slot(row.key, row.tranDate, row.dueDate).open += row.openMinor;
	}
	const cutoff = toEpochDay(coveredAfter);
	for (const row of applications) {
		assertMinorUnits(row.appliedMinor, 'appliedMinor');
		const day = toEpochDay(row.appliedOn);
		if (day <= cutoff) continue; // outside the covered range: already reflected in older figures
		const g = slot(row.key, row.tranDate, row.dueDate);
		g.apps.set(day, (g.apps.get(day) ?? 0) + row.appliedMinor);
	}
	const out: HistoryGroup<K, C>[] = [];
	for (const g of groups.values()) {
		const dates = [...g.apps.keys()].sort((a, b) => a - b);
		const appliedFrom = new Array<number>(dates.length + 1).fill(0);
		for (let i = dates.length - 1; i >= 0; i--)
			appliedFrom[i] = (appliedFrom[i + 1] as number) + (g.apps.get(dates[i] as number) as number);
		out.push({
			key: g.key,
			tranDate: g.tranDate,
			dueDate: g.dueDate,
			openNowMinor: minorUnits<C>(g.open),
			dates,
			appliedFrom,
		});
	}
	out.sort((a, b) =>
		a.key < b.key
			? -1
			: a.key > b.key
				? 1
				: a.tranDate < b.tranDate
					? -1
					: a.tranDate > b.tranDate
						? 1
						: (a.dueDate ?? '') < (b.dueDate ?? '')
							? -1
							: 1,
	);
	return { coveredAfter, groups: out };
}

/** Σ applications dated after `day` (binary search over the sorted dates). */
function appliedAfter(g: HistoryGroup<string, string>, day: number): number {
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
export function openItemsAt<K extends string, C extends string>(
	history: OpenItemHistory<K, C>,
	at: CalendarDate,
): Map<K, AgingItem<C>[]> {
	if (at < history.coveredAfter) {
		throw new RangeError(
			`openItemsAt: ${at} is before the reconstructed range (applications after ${history.coveredAfter})`,
		);
	}
	const day = toEpochDay(at);
	const out = new Map<K, AgingItem<C>[]>();
	for (const g of history.groups) {
		if (g.tranDate > at) continue;
		const openMinor = g.openNowMinor + appliedAfter(g, day);
		if (openMinor === 0) continue;
		let list = out.get(g.key);
		if (list === undefined) out.set(g.key, (list = []));
		list.push({ openMinor: minorUnits<C>(openMinor), tranDate: g.tranDate, dueDate: g.dueDate });
	}
	return out;
}
