/**
 * INDEPENDENT reference computation of the A/R figures a report must contain, written straight
 * from ../shared/dataset-format.md section 2 and deliberately simple: plain loops over the raw
 * dataset, integer cents, no code shared with src/TypeScripts (do not import the domain modules
 * here). Other tests use it to check the product's report.
 *
 * Conventions (all from the contract unless marked "choice"):
 * - base amount of a transaction = amount × exchangeRate (missing rate = 1), computed exactly on
 *   the decimal texts and rounded to cents half away from zero.
 * - A/R balance at D = Σ base invoices dated ≤ D − Σ base payments and credit memos dated ≤ D.
 * - open amount of an invoice at D = amount − applications dated ≤ D (transaction currency);
 *   choice: its base value is open × the invoice's exchange rate, rounded to cents.
 * - credit sales in a W-day window ending D = Σ base invoices dated in [D − W + 1, D].
 * - DSO = A/R ÷ (sales ÷ W), null when the sales are 0; this uses D, prior uses D − W.
 * - days overdue = D − dueDate (tranDate when no due date); buckets current ≤ 0, 1-30, 31-60,
 *   61-90, 90+.
 * - closeDate = date of the application that brings the open amount to zero; it was closed by a
 *   payment when a payment is among that date's applications, else by a credit memo (a return);
 *   days to pay = closeDate − tranDate; days late = max(0, closeDate − dueDate); averages weighted
 *   by the invoice's base amount over invoices a PAYMENT closed in [D − 364, D]; null when none.
 *   Returns (closed by a credit memo in that window) are counted with their base amount.
 * - choice: maxDaysOverdue = max over open invoices of max(0, days overdue), null without open
 *   invoices; overdue = open amount of invoices with days overdue > 0.
 * - the project's one basis for part-of-the-A/R figures (README, SCORING.md): the unapplied cash
 *   and credits (open invoices − A/R balance) pay the oldest open invoices first, so the overdue
 *   part of the A/R is max(0, gross overdue − unapplied) (the gross overdue when "unapplied" is a
 *   debit) and the current part is the balance minus it. Written here as that closed formula, not
 *   as the product's walk over the buckets.
 * - best possible DSO = current part × W ÷ sales; ADD = DSO − BPDSO (null without sales).
 * - CEI of [first, last] = (B + S − E) ÷ (B + S − E current) × 100 with B the A/R at first − 1,
 *   S the invoices of the period, E the A/R at last and E current its current part (N = 1); null
 *   when the denominator is ≤ 0. Month to date: from the 1st of D's month; last month: the last
 *   full calendar month.
 * - countback: calendar months back from D (D's month from its 1st to D, then whole months, 12 in
 *   all); each month's invoices cover the A/R left, a month without invoices only adds its days;
 *   the month that covers the rest adds (left ÷ its sales) × its days; null for a negative A/R or
 *   when 12 months do not cover it; 0 for no A/R.
 * Transaction types other than CustInvc, CustPymt and CustCred are ignored.
 */
import type { Dataset, DsTransaction } from '../../local/data/dataset';

export const BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export type Bucket = (typeof BUCKETS)[number];
/** Amounts per aging bucket, in cents. */
export type Aging = Record<Bucket, number>;

export interface OracleSubsidiary {
	id: number;
	name: string;
	currency: string;
	/** all money in cents of the subsidiary's base currency */
	arBalance: number;
	arBalancePrior: number;
	creditSalesThis: number;
	creditSalesPrior: number;
	dsoThis: number | null;
	dsoPrior: number | null;
	dsoDelta: number | null;
	aging: Aging;
	/** Σ open invoice amounts (= Σ aging) */
	openInvoices: number;
	bestPossibleDso: number | null;
	averageDaysDelinquent: number | null;
	countbackDso: number | null;
	ceiMonthToDate: number | null;
	ceiLastMonth: number | null;
}

export interface OracleCustomer {
	id: number;
	subsidiary: number;
	/** cents, base currency: Σ open invoice amounts (= Σ aging) */
	openBalance: number;
	/** cents: open amount of invoices past due */
	overdue: number;
	/** cents: Σ base invoices − Σ base payments and credit memos (the customer's ledger balance) */
	netBalance: number;
	maxDaysOverdue: number | null;
	aging: Aging;
	avgDaysToPay: number | null;
	avgDaysLate: number | null;
	/** invoices a payment closed in the 365 days ending D */
	closedCount: number;
	/** invoices a credit memo closed in the 365 days ending D, and their base amount (cents) */
	returnedCount: number;
	returnedAmount: number;
}

export interface OracleInvoice {
	id: number;
	entity: number;
	subsidiary: number;
	tranDate: string;
	/** dueDate, or tranDate when missing */
	agingDate: string;
	dueDate: string | null;
	/** cents, transaction currency */
	amount: number;
	/** cents, base currency */
	base: number;
	/** cents at D, transaction currency / base currency */
	open: number;
	openBase: number;
	closeDate: string | null;
	/** what closed it: a payment, or only credit memos on the close date (a return) */
	closedBy: 'payment' | 'credit' | null;
	disputed: boolean;
}

export interface OracleResult {
	asOf: string;
	windowDays: number;
	subsidiaries: OracleSubsidiary[];
	customers: OracleCustomer[];
}

// --- small helpers -----------------------------------------------------------------------------

const dayCache = new Map<string, number>();

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export function dayNumber(date: string): number {
	let n = dayCache.get(date);
	if (n === undefined) {
		const y = Number(date.slice(0, 4));
		const m = Number(date.slice(5, 7));
		const d = Number(date.slice(8, 10));
		n = Math.round(Date.UTC(y, m - 1, d) / 86400000);
		if (dayCache.size < 100000) dayCache.set(date, n);
	}
	return n;
}

export function dateOf(day: number): string {
	return new Date(day * 86400000).toISOString().slice(0, 10);
}

/** Integer cents of an amount written with at most 2 decimals. */
export function toCents(amount: number): number {
	return Math.round(amount * 100);
}

/** Cents back to a decimal amount. */
export function fromCents(cents: number): number {
	return cents / 100;
}

/** A finite number as an exact decimal: digits × 10^-scale. */
function decimal(x: number): { digits: bigint; scale: number } {
	let text = String(x);
	let exp = 0;
	const e = text.indexOf('e');
	if (e >= 0) {
		exp = Number(text.slice(e + 1));
		text = text.slice(0, e);
	}
	const dot = text.indexOf('.');
	const frac = dot < 0 ? '' : text.slice(dot + 1);
	const digits = BigInt(text.replace('.', ''));
	let scale = frac.length - exp;
	let d = digits;
	if (scale < 0) {
		d = digits * 10n ** BigInt(-scale);
		scale = 0;
	}
	return { digits: d, scale };
}

/** cents × rate rounded to cents, half away from zero, computed exactly. */
export function convertCents(cents: number, rate: number | undefined): number {
	if (rate === undefined || rate === 1) return cents;
	const { digits, scale } = decimal(rate);
	const product = BigInt(cents) * digits;
	const div = 10n ** BigInt(scale);
	const negative = product < 0n;
	const abs = negative ? -product : product;
	let q = abs / div;
	if ((abs % div) * 2n >= div) q += 1n;
	return Number(negative ? -q : q);
}

/** Base cents of a transaction's amount. */
export function baseCents(tx: DsTransaction): number {
	return convertCents(toCents(tx.amount), tx.exchangeRate);
}

function emptyAging(): Aging {
	return { current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0 };
}

export function bucketOf(daysOverdue: number): Bucket {
	if (daysOverdue <= 0) return 'current';
	if (daysOverdue <= 30) return '1-30';
	if (daysOverdue <= 60) return '31-60';
	if (daysOverdue <= 90) return '61-90';
	return '90+';
}

// --- invoices --------------------------------------------------------------------------------

const invoicesCache = new WeakMap<Dataset, Map<string, OracleInvoice[]>>();

/** {@link invoicesAt}, remembered per dataset and date (the figures of one day read it several times). */
function openAt(ds: Dataset, asOf: string): OracleInvoice[] {
	let byDate = invoicesCache.get(ds);
	if (byDate === undefined) invoicesCache.set(ds, (byDate = new Map<string, OracleInvoice[]>()));
	let list = byDate.get(asOf);
	if (list === undefined) {
		if (byDate.size > 8) byDate.clear();
		byDate.set(asOf, (list = invoicesAt(ds, asOf)));
	}
	return list;
}

/** Every invoice dated ≤ D with its open amount and close date at D. */
export function invoicesAt(ds: Dataset, asOf: string): OracleInvoice[] {
	const D = dayNumber(asOf);
	// applications dated ≤ D, per invoice, in date order
	const apps = new Map<number, { day: number; cents: number; payment: boolean }[]>();
	for (const tx of ds.transactions) {
		if (tx.type !== 'CustPymt' && tx.type !== 'CustCred') continue;
		const day = dayNumber(tx.tranDate);
		if (day > D) continue;
		for (const a of tx.apply ?? []) {
			const list = apps.get(a.doc) ?? [];
			list.push({ day, cents: toCents(a.amount), payment: tx.type === 'CustPymt' });
			apps.set(a.doc, list);
		}
	}
	const result: OracleInvoice[] = [];
	for (const tx of ds.transactions) {
		if (tx.type !== 'CustInvc') continue;
		if (dayNumber(tx.tranDate) > D) continue;
		const amount = toCents(tx.amount);
		const list = (apps.get(tx.id) ?? []).slice().sort((a, b) => a.day - b.day);
		let paid = 0;
		let closeDay: number | null = null;
		for (const a of list) {
			paid += a.cents;
			if (closeDay === null && paid >= amount) closeDay = a.day;
		}
		const closeDate = closeDay === null ? null : dateOf(closeDay);
		const closedBy =
			closeDay === null ? null : list.some((a) => a.day === closeDay && a.payment) ? 'payment' : 'credit';
		const open = amount - paid;
		const dueDate = tx.dueDate ?? null;
		result.push({
			id: tx.id,
			entity: tx.entity,
			subsidiary: tx.subsidiary,
			tranDate: tx.tranDate,
			agingDate: dueDate ?? tx.tranDate,
			dueDate,
			amount,
			base: baseCents(tx),
			open,
			openBase: convertCents(open, tx.exchangeRate),
			closeDate,
			closedBy,
			disputed: tx.disputed === true,
		});
	}
	return result;
}

// --- the report figures ----------------------------------------------------------------------

function arBalance(ds: Dataset, subsidiary: number, D: number): number {
	let total = 0;
	for (const tx of ds.transactions) {
		if (tx.subsidiary !== subsidiary) continue;
		if (dayNumber(tx.tranDate) > D) continue;
		if (tx.type === 'CustInvc') total += baseCents(tx);
		else if (tx.type === 'CustPymt' || tx.type === 'CustCred') total -= baseCents(tx);
	}
	return total;
}

function creditSales(ds: Dataset, subsidiary: number, D: number, windowDays: number): number {
	let total = 0;
	for (const tx of ds.transactions) {
		if (tx.type !== 'CustInvc' || tx.subsidiary !== subsidiary) continue;
		const day = dayNumber(tx.tranDate);
		if (day >= D - windowDays + 1 && day <= D) total += baseCents(tx);
	}
	return total;
}

/** DSO = A/R ÷ (sales ÷ W); null when sales are 0. */
export function dso(arCents: number, salesCents: number, windowDays: number): number | null {
	if (salesCents === 0) return null;
	return arCents / (salesCents / windowDays);
}

function invoicesBetween(ds: Dataset, subsidiary: number, first: number, last: number): number {
	let total = 0;
	for (const tx of ds.transactions) {
		if (tx.type !== 'CustInvc' || tx.subsidiary !== subsidiary) continue;
		const day = dayNumber(tx.tranDate);
		if (day >= first && day <= last) total += baseCents(tx);
	}
	return total;
}

/** The current part of the A/R at `day` (see the header: unapplied credit pays the oldest first). */
function netCurrentAt(ds: Dataset, subsidiary: number, day: number): number {
	const balance = arBalance(ds, subsidiary, day);
	let open = 0;
	let overdue = 0;
	for (const inv of openAt(ds, dateOf(day))) {
		if (inv.subsidiary !== subsidiary || inv.open === 0) continue;
		open += inv.openBase;
		if (day - dayNumber(inv.agingDate) > 0) overdue += inv.openBase;
	}
	const unapplied = open - balance;
	const overdueLeft = unapplied > 0 ? Math.max(0, overdue - unapplied) : overdue;
	return balance - overdueLeft;
}

/** First day (day number) of the month `back` months before the month of `day`. */
function monthStart(day: number, back = 0): number {
	const d = new Date(day * 86400000);
	return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1) / 86400000);
}

function cei(ds: Dataset, subsidiary: number, first: number, last: number): number | null {
	const begin = arBalance(ds, subsidiary, first - 1);
	const sales = invoicesBetween(ds, subsidiary, first, last);
	const end = arBalance(ds, subsidiary, last);
	const denominator = begin + sales - netCurrentAt(ds, subsidiary, last);
	return denominator <= 0 ? null : ((begin + sales - end) / denominator) * 100;
}

function countback(ds: Dataset, subsidiary: number, D: number): number | null {
	let left = arBalance(ds, subsidiary, D);
	if (left < 0) return null;
	let days = 0;
	for (let back = 0; back < 12 && left > 0; back++) {
		const first = monthStart(D, back);
		const last = back === 0 ? D : monthStart(D, back - 1) - 1;
		const length = last - first + 1;
		const sales = invoicesBetween(ds, subsidiary, first, last);
		if (sales <= 0) {
			days += length;
			continue;
		}
		if (left <= sales) return days + (left / sales) * length;
		left -= sales;
		days += length;
	}
	return left === 0 ? days : null;
}

/** The figures of a report at `asOf` (money in cents). */
export function oracleReport(ds: Dataset, asOf: string, windowDays = 30): OracleResult {
	const D = dayNumber(asOf);
	const invoices = openAt(ds, asOf);

	const subsidiaries: OracleSubsidiary[] = ds.subsidiaries.map((s) => {
		const ar = arBalance(ds, s.id, D);
		const arPrior = arBalance(ds, s.id, D - windowDays);
		const salesThis = creditSales(ds, s.id, D, windowDays);
		const salesPrior = creditSales(ds, s.id, D - windowDays, windowDays);
		const aging = emptyAging();
		let openInvoices = 0;
		for (const inv of invoices) {
			if (inv.subsidiary !== s.id || inv.open === 0) continue;
			aging[bucketOf(D - dayNumber(inv.agingDate))] += inv.openBase;
			openInvoices += inv.openBase;
		}
		const dsoThis = dso(ar, salesThis, windowDays);
		const dsoPrior = dso(arPrior, salesPrior, windowDays);
		const bpdso = dso(netCurrentAt(ds, s.id, D), salesThis, windowDays);
		const thisMonth = monthStart(D);
		return {
			id: s.id,
			name: s.name,
			currency: s.currency,
			arBalance: ar,
			arBalancePrior: arPrior,
			creditSalesThis: salesThis,
			creditSalesPrior: salesPrior,
			dsoThis,
			dsoPrior,
			dsoDelta: dsoThis === null || dsoPrior === null ? null : dsoThis - dsoPrior,
			aging,
			openInvoices,
			bestPossibleDso: bpdso,
			averageDaysDelinquent: dsoThis === null || bpdso === null ? null : dsoThis - bpdso,
			countbackDso: countback(ds, s.id, D),
			ceiMonthToDate: cei(ds, s.id, thisMonth, D),
			ceiLastMonth: cei(ds, s.id, monthStart(D, 1), thisMonth - 1),
		};
	});

	// per customer: its invoices and its ledger balance (grouped first to stay linear)
	const invoicesOf = new Map<number, OracleInvoice[]>();
	for (const inv of invoices) {
		const list = invoicesOf.get(inv.entity) ?? [];
		list.push(inv);
		invoicesOf.set(inv.entity, list);
	}
	const netOf = new Map<number, number>();
	for (const tx of ds.transactions) {
		if (dayNumber(tx.tranDate) > D) continue;
		if (tx.type === 'CustInvc') netOf.set(tx.entity, (netOf.get(tx.entity) ?? 0) + baseCents(tx));
		else if (tx.type === 'CustPymt' || tx.type === 'CustCred')
			netOf.set(tx.entity, (netOf.get(tx.entity) ?? 0) - baseCents(tx));
	}

	const customers: OracleCustomer[] = [];
	for (const c of ds.customers) {
		const aging = emptyAging();
		let openBalance = 0;
		let overdue = 0;
		let maxDaysOverdue: number | null = null;
		let weight = 0;
		let toPay = 0;
		let late = 0;
		let closedCount = 0;
		let returnedCount = 0;
		let returnedAmount = 0;
		for (const inv of invoicesOf.get(c.id) ?? []) {
			if (inv.open !== 0) {
				const daysOverdue = D - dayNumber(inv.agingDate);
				aging[bucketOf(daysOverdue)] += inv.openBase;
				openBalance += inv.openBase;
				if (daysOverdue > 0) overdue += inv.openBase;
				maxDaysOverdue = Math.max(maxDaysOverdue ?? 0, Math.max(0, daysOverdue));
			}
			if (inv.closeDate !== null) {
				const close = dayNumber(inv.closeDate);
				if (close >= D - 364 && close <= D && inv.closedBy === 'credit') {
					returnedCount++;
					returnedAmount += inv.base;
				} else if (close >= D - 364 && close <= D) {
					closedCount++;
					weight += inv.base;
					toPay += inv.base * (close - dayNumber(inv.tranDate));
					late += inv.base * Math.max(0, close - dayNumber(inv.agingDate));
				}
			}
		}
		if (openBalance === 0 && closedCount === 0 && returnedCount === 0) continue;
		customers.push({
			id: c.id,
			subsidiary: c.subsidiary,
			openBalance,
			overdue,
			netBalance: netOf.get(c.id) ?? 0,
			maxDaysOverdue,
			aging,
			avgDaysToPay: weight === 0 ? null : toPay / weight,
			avgDaysLate: weight === 0 ? null : late / weight,
			closedCount,
			returnedCount,
			returnedAmount,
		});
	}
	return { asOf, windowDays, subsidiaries, customers };
}
