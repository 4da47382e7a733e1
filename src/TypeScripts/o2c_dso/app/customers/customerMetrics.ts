/**
 * Per-customer metrics at an as-of date D, from the customer's transaction rows (invoices with
 * one row per application, unapplied payments and credit memos): open balance, overdue, aging,
 * max days overdue, oldest open invoice, credit-limit utilisation, days to pay and days late,
 * returns, behaviour score and segment (domain `paymentBehaviour`), open promises to pay.
 *
 * Money is integer minor units of the subsidiary's base currency, except the credit position
 * (limit, balance, unbilled orders: the customer record's figures, in the customer's currency, as
 * NetSuite keeps them; `domain/credit.ts`) and promise amounts, which are in the customer's
 * currency. Utilisation never mixes the two.
 *
 * Open amount at D = open amount now + applications dated after D (on the emulator "now" is D; on
 * a live account a rerun of a past day re-opens what was paid since). Close date = the date of the
 * application that brought the open amount to zero; the invoice was PAID when a payment (or a
 * deposit application) is among that date's applications, RETURNED when only credit memos are
 * (dataset-format.md §2: a credit-memo closure is not a payment).
 *
 * Disputed invoices (`custbody_o2c_disputed`) count everywhere the report counts money (balances,
 * aging, overdue, and the contract's `avgDaysToPay` / `avgDaysLate` over all invoices closed in the
 * 365 days); the domain leaves them out of the behaviour measures behind the score and segment.
 */
import { AgingAmounts, AgingItem } from '../../domain/aging';
import { CalendarDate } from '../../domain/calendarDate';
import { CreditPosition, creditUtilisation } from '../../domain/credit';
import { Minor, plus, zeroMinor } from '../../domain/money';
import {
	agedBehaviour,
	ClosedBy,
	ClosedInvoice,
	OpenInvoice,
	PaymentPromise,
	PaymentSegment,
	SegmentReason,
} from '../../domain/paymentBehaviour';

/** One row of the customer's detail search, as plain data (money in minor units of the base currency `B`). */
export interface CustomerRow<B extends string = string> {
	readonly kind: 'invoice' | 'payment' | 'credit';
	readonly transactionId: string;
	readonly subsidiaryId: string;
	readonly tranDate: CalendarDate;
	readonly dueDate: CalendarDate | null;
	/** |amount| in base currency. */
	readonly amountMinor: Minor<B>;
	/** Open (invoice) or unapplied (payment, credit memo) amount now, base currency. */
	readonly remainingMinor: Minor<B>;
	/** Invoice rows: one application (date, base amount, applying type), or none. */
	readonly appliedOn: CalendarDate | null;
	readonly appliedMinor: Minor<B>;
	readonly applyingType: string;
	/** Invoice rows: the invoice is flagged as disputed (false for payments and credit memos). */
	readonly disputed: boolean;
}

/** What the customer record and its subsidiary say: base currency `B`, the customer's currency `K`. */
export interface CustomerInfo<B extends string = string, K extends string = string> {
	readonly customerId: string;
	readonly subsidiaryId: string;
	/** ISO code of the subsidiary's base currency. */
	readonly currency: B;
	/** The customer record's credit limit, balance and unbilled orders, in the customer's currency. */
	readonly credit: CreditPosition<K>;
}

/** A promise to pay as recorded (status kept up to date by the emulated account / collectors). */
export interface PromiseRow<K extends string = string> {
	readonly promisedDate: CalendarDate;
	readonly madeOn: CalendarDate | null;
	/** Customer currency, minor units. */
	readonly amountMinor: Minor<K>;
	readonly status: string;
}

/** A customer's figures: base-currency amounts `B`, credit and promises in its own currency `K`. */
export interface CustomerMetrics<B extends string = string, K extends string = string> {
	readonly customerId: string;
	readonly subsidiaryId: string;
	readonly asOf: CalendarDate;
	readonly currency: B;
	/** Σ open invoices at D (= Σ aging). */
	readonly openMinor: Minor<B>;
	readonly overdueMinor: Minor<B>;
	/** Unapplied payments and credit memos at D. */
	readonly unappliedMinor: Minor<B>;
	readonly aging: AgingAmounts<B>;
	/** Days the most overdue open invoice is past due (≥ 0); null without open invoices. */
	readonly maxDaysOverdue: number | null;
	readonly oldestOpenDate: CalendarDate | null;
	/** Customer's currency (of the credit limit). */
	readonly creditCurrency: K;
	readonly creditLimitMinor: Minor<K> | null;
	/** (balance + unbilled orders) ÷ limit, customer currency (`domain/credit.ts`). */
	readonly creditUtilisation: number | null;
	readonly avgDaysToPay: number | null;
	readonly avgDaysLate: number | null;
	/** Invoices a payment closed in the 365 days ending D. */
	readonly closedCount: number;
	/** Invoices a credit memo closed in the 365 days ending D (returns) and their amount (base). */
	readonly returnedCount: number;
	readonly returnedMinor: Minor<B>;
	readonly score: number | null;
	readonly segment: PaymentSegment;
	readonly reasons: readonly SegmentReason[];
	/** Pending promises, their total (customer currency) and the earliest promised date. */
	readonly openPromises: number;
	readonly promisedMinor: Minor<K>;
	readonly nextPromiseDate: CalendarDate | null;
}

/** Application types that reduce an invoice's open amount. */
const REDUCING_TYPES = new Set(['CustPymt', 'CustCred', 'DepAppl', '']);
/** Application types that are not payments: an invoice they close was returned (credited). */
const CREDIT_TYPES = new Set(['CustCred']);

interface InvoiceAcc<B extends string> {
	tranDate: CalendarDate;
	dueDate: CalendarDate | null;
	amountMinor: Minor<B>;
	remainingMinor: Minor<B>;
	disputed: boolean;
	apps: { on: CalendarDate; minor: Minor<B>; type: string }[];
}

/** The invoices (one per transaction id, applications gathered) and the unapplied credit at D. */
function gatherRows<B extends string>(
	rows: readonly CustomerRow<B>[],
	asOf: CalendarDate,
): { invoices: InvoiceAcc<B>[]; unappliedMinor: Minor<B> } {
	const invoices = new Map<string, InvoiceAcc<B>>();
	let unappliedMinor = zeroMinor<B>();
	const seenCredits = new Set<string>();
	for (const row of rows) {
		if (row.tranDate > asOf) continue;
		if (row.kind !== 'invoice') {
			// One row per payment / credit memo (no application join on them); count each once.
			if (seenCredits.has(row.transactionId)) continue;
			seenCredits.add(row.transactionId);
			unappliedMinor = plus(unappliedMinor, row.remainingMinor);
			continue;
		}
		let inv = invoices.get(row.transactionId);
		if (inv === undefined) {
			inv = {
				tranDate: row.tranDate,
				dueDate: row.dueDate,
				amountMinor: row.amountMinor,
				remainingMinor: row.remainingMinor,
				disputed: row.disputed,
				apps: [],
			};
			invoices.set(row.transactionId, inv);
		}
		if (row.appliedOn !== null && REDUCING_TYPES.has(row.applyingType))
			inv.apps.push({ on: row.appliedOn, minor: row.appliedMinor, type: row.applyingType });
	}
	return { invoices: [...invoices.values()], unappliedMinor };
}

/**
 * Each invoice at D: open (amount now + applied after D), or closed on its last application date
 * ≤ D, by a payment when one is among that date's applications, else by a credit memo.
 */
function invoicesAtDate<B extends string>(
	invoices: readonly InvoiceAcc<B>[],
	asOf: CalendarDate,
): { open: (AgingItem<B> & OpenInvoice<B>)[]; closed: ClosedInvoice<B>[] } {
	const open: (AgingItem<B> & OpenInvoice<B>)[] = [];
	const closed: ClosedInvoice<B>[] = [];
	for (const inv of invoices) {
		let appliedAfter = zeroMinor<B>();
		let closeDate: CalendarDate | null = null;
		for (const a of inv.apps) {
			if (a.on > asOf) appliedAfter = plus(appliedAfter, a.minor);
			else if (closeDate === null || a.on > closeDate) closeDate = a.on;
		}
		const openAtD = plus(inv.remainingMinor, appliedAfter);
		if (openAtD !== 0) {
			open.push({
				openMinor: openAtD,
				amountMinor: inv.amountMinor,
				tranDate: inv.tranDate,
				dueDate: inv.dueDate,
				disputed: inv.disputed,
			});
		} else if (closeDate !== null) {
			const on = closeDate;
			const closedBy: ClosedBy = inv.apps.some((a) => a.on === on && !CREDIT_TYPES.has(a.type))
				? 'payment'
				: 'credit';
			closed.push({
				amountMinor: inv.amountMinor,
				tranDate: inv.tranDate,
				dueDate: inv.dueDate,
				closeDate,
				closedBy,
				disputed: inv.disputed,
			});
		}
	}
	return { open, closed };
}

/** Promises made by D: the behaviour's inputs, and the pending ones' count, total and next date. */
function promisesAtDate<K extends string>(promises: readonly PromiseRow<K>[], asOf: CalendarDate) {
	const inputs: PaymentPromise<K>[] = [];
	let openPromises = 0;
	let promisedMinor = zeroMinor<K>();
	let nextPromiseDate: CalendarDate | null = null;
	for (const p of promises) {
		if (p.madeOn !== null && p.madeOn > asOf) continue;
		// partial: the promised date passed with less than the amount paid, so it was not kept (a broken one)
		const status =
			p.status === 'partial'
				? 'broken'
				: p.status === 'kept' || p.status === 'broken' || p.status === 'cancelled'
					? p.status
					: 'pending';
		inputs.push({ promisedDate: p.promisedDate, amountMinor: p.amountMinor, status });
		if (status === 'pending') {
			openPromises++;
			promisedMinor = plus(promisedMinor, p.amountMinor);
			if (nextPromiseDate === null || p.promisedDate < nextPromiseDate) nextPromiseDate = p.promisedDate;
		}
	}
	return { inputs, openPromises, promisedMinor, nextPromiseDate };
}

/**
 * The metrics of one customer at `asOf`.
 * @example computeCustomerMetrics(rows, info, promises, d('2026-05-04')).aging['1-30']
 */
export function computeCustomerMetrics<B extends string, K extends string>(
	rows: readonly CustomerRow<B>[],
	info: CustomerInfo<NoInfer<B>, K>,
	promises: readonly PromiseRow<NoInfer<K>>[],
	asOf: CalendarDate,
): CustomerMetrics<B, K> {
	const { invoices, unappliedMinor } = gatherRows(rows, asOf);
	const { open, closed } = invoicesAtDate(invoices, asOf);
	const promised = promisesAtDate(promises, asOf);
	// one domain pass over the open invoices gives the aging and the behaviour's open figures
	const { aging, behaviour } = agedBehaviour({
		asOf,
		closedInvoices: closed,
		openInvoices: open,
		promises: promised.inputs,
		creditUtilisation: creditUtilisation(info.credit),
	});
	let oldestOpenDate: CalendarDate | null = null;
	for (const o of open)
		if (o.openMinor > 0 && (oldestOpenDate === null || o.tranDate < oldestOpenDate)) oldestOpenDate = o.tranDate;
	const limit = info.credit.limitMinor;

	return {
		customerId: info.customerId,
		subsidiaryId: info.subsidiaryId,
		asOf,
		currency: info.currency,
		openMinor: aging.totalMinor,
		overdueMinor: behaviour.overdueMinor,
		unappliedMinor,
		aging: aging.buckets,
		maxDaysOverdue: open.length === 0 ? null : behaviour.maxDaysOverdue,
		oldestOpenDate,
		creditCurrency: info.credit.currency,
		creditLimitMinor: limit !== null && limit > 0 ? limit : null,
		creditUtilisation: behaviour.creditUtilisation,
		avgDaysToPay: behaviour.avgDaysToPay,
		avgDaysLate: behaviour.avgDaysLate,
		closedCount: behaviour.closedCount,
		returnedCount: behaviour.returnedCount,
		returnedMinor: behaviour.returnedMinor,
		score: behaviour.score,
		segment: behaviour.segment,
		reasons: behaviour.reasons,
		openPromises: promised.openPromises,
		promisedMinor: promised.promisedMinor,
		nextPromiseDate: promised.nextPromiseDate,
	};
}

/** One day of a customer's aging history (JSON on the metrics record, for trends). */
export interface AgingHistoryEntry {
	readonly d: CalendarDate;
	/** current, 1-30, 31-60, 61-90, 90+ in minor units. */
	readonly b: readonly [number, number, number, number, number];
}

/** Days of daily aging kept on the customer record (enough for week over week and a month's trend). */
export const HISTORY_DAYS = 35;

/**
 * Adds (or replaces) the day's entry and keeps the latest {@link HISTORY_DAYS} days.
 * @example mergeHistory(previous, d('2026-05-04'), aging)
 */
export function mergeHistory(
	previous: readonly AgingHistoryEntry[],
	asOf: CalendarDate,
	aging: AgingAmounts,
): AgingHistoryEntry[] {
	const entry: AgingHistoryEntry = {
		d: asOf,
		b: [aging.current, aging['1-30'], aging['31-60'], aging['61-90'], aging['90+']],
	};
	const kept = previous.filter((e) => e.d !== asOf);
	kept.push(entry);
	kept.sort((a, b) => (a.d < b.d ? -1 : 1));
	return kept.slice(-HISTORY_DAYS);
}
