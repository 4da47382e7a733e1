/**
 * The floor of each nightly job: the fewest units it can cost on an account's data, computed from
 * the dataset (never from the scripts): the result pages its searches must fetch at 1,000 rows a
 * page, the records it must write, at the emulator's unit costs (local/emulator/governance.ts),
 * plus fixed costs (reading the settings, starting the next job of the chain). A read the product
 * defines as a saved search (the A/R reads an admin can open and tune, the subsidiaries' list: the
 * brief's "from saved searches") also pays its `search.load` (5): NetSuite runs a saved search
 * only after loading it. The benchmark divides what the scripts used by these figures.
 *
 * What each job must read and write (one night covering day D):
 * - snapshot: one record per subsidiary and day due (first run: the 90-day backfill; a steady
 *   night: the new day), created; rows: one grouped row per subsidiary and day of the range and
 *   its DSO window (sales, balance), and one per subsidiary, day and aging bucket; one per sales
 *   order billed in the window (the lead time averages each order's last invoice date against its
 *   order date: a per-order maximum no grouped row can hold); the snapshot records already in the
 *   backfill range (which days are missing, which record a rerun replaces).
 * - customer metrics: one record per customer with anything open at D or an invoice closed in the
 *   365 days to D (created on the first run, updated after; the records of customers that left
 *   updated once more); rows: one per open invoice, one per invoice closed in the 365 days, one per
 *   customer (credit position), one per promise, and (after the first run) one per existing record
 *   (its internal id).
 * - forecast: one prediction per open invoice (created, updated while open, deleted when closed),
 *   the subsidiary's forecast and its 13 weeks; rows: open invoices, invoices closed in 365 days
 *   (the payment history), promises, and (after the first run) the existing predictions.
 * - DSO alert: one evaluation record per subsidiary and night, one email per alert that fires,
 *   the next job started; rows: the snapshots at D, D − W and D − 2W of each subsidiary (the rule
 *   and the escalation's persistence), the settings, the seasonality calendar, the alert period's
 *   evaluation records (one email per period); for each subsidiary whose rule fires (sent or a
 *   duplicate of the period's email: the record keeps its investigation and escalation) one row
 *   per customer with anything open at D or D − W (its aging at both dates and its credit); for
 *   each email, the subsidiary's stored cash-in forecast it shows.
 * A job whose floor exceeds one execution's limit needs at least floor / limit executions (a
 * scheduled script reschedules: one submit and the fixed reads again per extra execution).
 */
import type { Dataset, DsTransaction } from '../data/dataset';
import { UNIT_COSTS } from '../emulator/governance';

export const ROWS_PER_PAGE = 1_000;
/** days the snapshot keeps filled (custscript_o2c_backfill_days' default) */
export const BACKFILL_DAYS = 90;
/** the DSO window (the alert's default) */
export const WINDOW_DAYS = 30;
/** a customer stays in the metrics while it has an invoice closed this many days back */
export const HISTORY_DAYS = 365;
export const FORECAST_WEEKS = 13;

const cost = (api: string): number => {
	const c = UNIT_COSTS[api];
	if (c === undefined) throw new Error(`no unit cost for ${api}`);
	return c;
};
/** the emulator's unit costs the floor is priced at */
export const PRICES = {
	search: cost('Search.runPaged'),
	page: cost('PagedData.fetch'),
	load: cost('search.load'),
	create: cost('record.create.custom') + cost('Record.save.custom'),
	update: cost('record.submitFields.custom'),
	remove: cost('record.delete.custom'),
	email: cost('email.send'),
	submit: cost('MapReduceScriptTask.submit'),
};

/** Units of one paged search returning `rows` rows (at least one page is fetched). */
export function searchUnits(rows: number): number {
	return PRICES.search + PRICES.page * Math.max(1, Math.ceil(rows / ROWS_PER_PAGE));
}

/** Units of a saved search returning `rows` rows: its load, then {@link searchUnits}. */
export function savedSearchUnits(rows: number): number {
	return PRICES.load + searchUnits(rows);
}

/** What the floor needs to know about the account on day D. */
export interface DayFacts {
	asOf: string;
	subsidiaries: number;
	/** invoices dated ≤ D with an open amount at D (ids) */
	openInvoices: Set<number>;
	/** invoices whose last application (≤ D) is in the 365 days ending D */
	closedInHistory: number;
	/** customers with anything open at D or an invoice closed in the 365 days (ids) */
	activeCustomers: Set<number>;
	/** promises made on or before D */
	promises: number;
	/** per sales order with an invoice dated ≤ D created from it: the latest such invoice's date */
	ordersLastInvoiced: string[];
}

function addDaysIso(date: string, days: number): string {
	const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
	return new Date(t).toISOString().slice(0, 10);
}

const CENT = 0.005;

/** The facts of day D from the dataset (applications count on their payment's or credit's date). */
export function dayFacts(ds: Dataset, asOf: string): DayFacts {
	const invoices = new Map<number, DsTransaction>();
	const applied = new Map<number, { amount: number; last: string }>();
	const unappliedCustomers = new Set<number>();
	const orders = new Set<number>();
	for (const t of ds.transactions) if (t.type === 'SalesOrd') orders.add(t.id);
	const lastInvoiced = new Map<number, string>();
	for (const t of ds.transactions) {
		if (t.tranDate > asOf) continue;
		if (t.type === 'CustInvc') {
			invoices.set(t.id, t);
			const order = t.createdFrom;
			if (
				order !== undefined &&
				order !== null &&
				orders.has(order) &&
				(lastInvoiced.get(order) ?? '') < t.tranDate
			)
				lastInvoiced.set(order, t.tranDate);
		} else if (t.type === 'CustPymt' || t.type === 'CustCred') {
			let used = 0;
			for (const a of t.apply ?? []) {
				used += a.amount;
				const s = applied.get(a.doc) ?? { amount: 0, last: '' };
				s.amount += a.amount;
				if (t.tranDate > s.last) s.last = t.tranDate;
				applied.set(a.doc, s);
			}
			if (t.amount - used > CENT) unappliedCustomers.add(t.entity);
		}
	}
	const historyFrom = addDaysIso(asOf, -HISTORY_DAYS);
	const openInvoices = new Set<number>();
	const activeCustomers = new Set<number>(unappliedCustomers);
	let closedInHistory = 0;
	for (const inv of invoices.values()) {
		const a = applied.get(inv.id);
		if (inv.amount - (a?.amount ?? 0) > CENT) {
			openInvoices.add(inv.id);
			activeCustomers.add(inv.entity);
		} else if (a !== undefined && a.last > historyFrom) {
			closedInHistory++;
			activeCustomers.add(inv.entity);
		}
	}
	return {
		asOf,
		subsidiaries: ds.subsidiaries.length,
		openInvoices,
		closedInHistory,
		activeCustomers,
		promises: (ds.promises ?? []).filter((p) => p.madeOn <= asOf).length,
		ordersLastInvoiced: [...lastInvoiced.values()],
	};
}

/**
 * Customers of subsidiary `subsidiaryId` with an invoice open at `asOf` or at `asOf − WINDOW_DAYS`
 * (the rows of the alert's investigation of that subsidiary).
 */
export function investigatedCustomers(ds: Dataset, asOf: string, subsidiaryId: number): number {
	const open = new Set([
		...dayFacts(ds, asOf).openInvoices,
		...dayFacts(ds, addDaysIso(asOf, -WINDOW_DAYS)).openInvoices,
	]);
	const customers = new Set<number>();
	for (const t of ds.transactions)
		if (t.type === 'CustInvc' && t.subsidiary === subsidiaryId && open.has(t.id)) customers.add(t.entity);
	return customers.size;
}

/** One job's floor on one night. */
export interface Floor {
	units: number;
	/** result pages (1,000 rows) its searches must fetch */
	pages: number;
	/** records it must create, update or delete */
	records: number;
	/** executions it needs at least (more than one: the floor exceeds one execution's limit) */
	executions: number;
	/** how the units add up, for the report */
	parts: Record<string, number>;
}

function floorOf(parts: Record<string, number>, pages: number, records: number, limit: number, perExtra = 0): Floor {
	let units = Object.values(parts).reduce((a, b) => a + b, 0);
	let executions = Math.max(1, Math.ceil(units / limit));
	if (executions > 1 && perExtra > 0) {
		// each further execution pays its submit and the fixed reads again
		for (;;) {
			const next = Math.max(1, Math.ceil((units + (executions - 1) * perExtra) / limit));
			if (next === executions) break;
			executions = next;
		}
		parts.reschedules = (executions - 1) * perExtra;
		units += parts.reschedules;
	}
	return { units, pages, records, executions, parts };
}

/** `first`: the night on an account the jobs never ran on; otherwise `previous` is the night before. */
export interface NightFacts {
	day: DayFacts;
	previous: DayFacts | null;
}

function pagesOf(rows: number): number {
	return Math.max(1, Math.ceil(rows / ROWS_PER_PAGE));
}

/** The A/R snapshot (a scheduled script: 10,000 units per execution). */
export function snapshotFloor(n: NightFacts): Floor {
	const subs = n.day.subsidiaries;
	const days = n.previous === null ? BACKFILL_DAYS : 1;
	const flowRows = subs * (days + WINDOW_DAYS);
	const agingRows = subs * days * 5;
	// orders billed in the windows of the days due: [first day − W + 1, D]
	const windowFrom = addDaysIso(n.day.asOf, 1 - days - WINDOW_DAYS + 1);
	const orderRows = n.day.ordersLastInvoiced.filter((d) => d >= windowFrom).length;
	// the records of the backfill range that exist: none on the first run, the other days after
	const existingRows = n.previous === null ? 0 : subs * (BACKFILL_DAYS - 1);
	const fixed = savedSearchUnits(subs) + searchUnits(subs); // subsidiaries, alert settings (the DSO window)
	const reads = savedSearchUnits(flowRows) + savedSearchUnits(agingRows);
	const parts = {
		'grouped rows': reads,
		'billed orders read': savedSearchUnits(orderRows),
		'existing snapshots read': searchUnits(existingRows),
		'records created': subs * days * PRICES.create,
		'settings read': fixed,
		'next job started': PRICES.submit,
	};
	return floorOf(
		parts,
		pagesOf(flowRows) + pagesOf(agingRows) + pagesOf(orderRows) + pagesOf(existingRows) + 2,
		subs * days,
		10_000,
		PRICES.submit + fixed + reads + parts['billed orders read'] + parts['existing snapshots read'],
	);
}

/** The customer metrics map/reduce (its total over stages; one reduce is 5,000 units). */
export function customerMetricsFloor(n: NightFacts): Floor {
	const active = n.day.activeCustomers;
	const before = n.previous?.activeCustomers ?? new Set<number>();
	let updated = 0;
	let created = 0;
	for (const c of active) {
		if (before.has(c)) updated++;
		else created++;
	}
	let left = 0;
	for (const c of before) if (!active.has(c)) left++;
	const rows = n.day.openInvoices.size + n.day.closedInHistory + active.size + n.day.promises;
	const idRows = n.previous === null ? 0 : before.size;
	const parts: Record<string, number> = {
		'rows read': savedSearchUnits(rows),
		'records created': created * PRICES.create,
		'records updated': (updated + left) * PRICES.update,
		'next job started': PRICES.submit,
	};
	if (idRows > 0) parts['existing records read'] = searchUnits(idRows);
	return floorOf(parts, pagesOf(rows) + (idRows > 0 ? pagesOf(idRows) : 0), created + updated + left, Infinity);
}

/** The payment forecast map/reduce. */
export function forecastFloor(n: NightFacts): Floor {
	const open = n.day.openInvoices;
	const before = n.previous?.openInvoices ?? new Set<number>();
	let updated = 0;
	let created = 0;
	for (const i of open) {
		if (before.has(i)) updated++;
		else created++;
	}
	let deleted = 0;
	for (const i of before) if (!open.has(i)) deleted++;
	const subsRecords = n.day.subsidiaries * (1 + FORECAST_WEEKS);
	const rows = open.size + n.day.closedInHistory + n.day.promises;
	const idRows = n.previous === null ? 0 : before.size + subsRecords;
	const parts: Record<string, number> = {
		'rows read': savedSearchUnits(rows),
		'predictions created': created * PRICES.create,
		'predictions updated': updated * PRICES.update,
		'predictions deleted': deleted * PRICES.remove,
		'subsidiary forecasts written': subsRecords * (n.previous === null ? PRICES.create : PRICES.update),
		'next job started': PRICES.submit,
	};
	if (idRows > 0) parts['existing records read'] = searchUnits(idRows);
	return floorOf(
		parts,
		pagesOf(rows) + (idRows > 0 ? pagesOf(idRows) : 0),
		created + updated + deleted + subsRecords,
		Infinity,
	);
}

/** What the DSO alert did on a night that its floor depends on (the rule's outcome on the data). */
export interface AlertNight {
	/** emails sent (alerts that fired with the period's email still due) */
	emails: number;
	/** per subsidiary whose rule fired (sent or duplicate): its customers with anything open at D or D − W */
	investigated: number[];
}

/** The DSO alert map/reduce. */
export function alertFloor(n: NightFacts, alerts: AlertNight): Floor {
	const subs = n.day.subsidiaries;
	const snapshotRows = subs * 3;
	// the period is the calendar month: its evaluation records so far, one per subsidiary and night
	// the alert ran (none before its first night)
	const periodRows = n.previous === null ? 0 : subs * (Number(n.day.asOf.slice(8, 10)) - 1);
	const parts: Record<string, number> = {
		'snapshots read': searchUnits(snapshotRows),
		'settings read': savedSearchUnits(subs) + searchUnits(subs) + searchUnits(0), // subsidiaries, settings, calendar
		'period evaluations read': searchUnits(periodRows),
		'evaluations written': subs * PRICES.create,
		'emails sent': alerts.emails * PRICES.email,
		// an email shows the subsidiary's stored cash-in forecast: its record and 13 weeks, one search
		'forecasts read': alerts.emails * searchUnits(1 + FORECAST_WEEKS),
		'next job started': PRICES.submit,
	};
	const investigation = alerts.investigated.reduce((u, customers) => u + savedSearchUnits(customers), 0);
	if (investigation > 0) parts['investigations read'] = investigation;
	const investigationPages = alerts.investigated.reduce((p, customers) => p + pagesOf(customers), 0);
	return floorOf(
		parts,
		pagesOf(snapshotRows) + pagesOf(periodRows) + 3 + investigationPages + alerts.emails,
		subs,
		Infinity,
	);
}

export const FLOOR_SCRIPTS = {
	customscript_o2c_ar_snapshot_ss: 'snapshot',
	customscript_o2c_cust_metrics_mr: 'customer metrics',
	customscript_o2c_forecast_mr: 'forecast',
	customscript_o2c_dso_alert_mr: 'DSO alert',
} as const;

/** Every nightly job's floor on one night (keyed by script id). */
export function nightFloors(n: NightFacts, alerts: AlertNight): Record<keyof typeof FLOOR_SCRIPTS, Floor> {
	return {
		customscript_o2c_ar_snapshot_ss: snapshotFloor(n),
		customscript_o2c_cust_metrics_mr: customerMetricsFloor(n),
		customscript_o2c_forecast_mr: forecastFloor(n),
		customscript_o2c_dso_alert_mr: alertFloor(n, alerts),
	};
}
