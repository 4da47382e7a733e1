/**
 * Per-customer metrics at an as-of date D, from the customer's transaction rows (invoices with
 * one row per application, unapplied payments and credit memos): open balance, overdue, aging,
 * max days overdue, oldest open invoice, credit-limit utilisation, days to pay and days late,
 * behaviour score and segment (domain `paymentBehaviour`), open promises to pay.
 *
 * Money is integer minor units of the subsidiary's base currency, except the credit limit,
 * utilisation's balance and promise amounts, which are in the customer's currency (a credit limit
 * is set in the customer's currency; the ratio never mixes the two).
 *
 * Open amount at D = open amount now + applications dated after D (on the emulator "now" is D; on
 * a live account a rerun of a past day re-opens what was paid since). Close date = the date of the
 * application that brought the open amount to zero.
 *
 * Disputed invoices (`custbody_o2c_disputed`) count everywhere the report counts money (balances,
 * aging, overdue, and the contract's `avgDaysToPay` / `avgDaysLate` over all invoices closed in the
 * 365 days); the domain leaves them out of the behaviour measures behind the score and segment.
 */
import { ageOpenItems, AgingItem } from '../../domain/aging';
import { CalendarDate } from '../../domain/calendarDate';
import {
	ClosedInvoice,
	OpenInvoice,
	paymentBehaviour,
	PaymentPromise,
	PaymentSegment,
	SegmentReason,
} from '../../domain/paymentBehaviour';
import type { AgingAmounts } from '../snapshot/types';

/** One row of the customer's detail search, as plain data (money in minor units). */
export interface CustomerRow {
	readonly kind: 'invoice' | 'payment' | 'credit';
	readonly transactionId: string;
	readonly subsidiaryId: string;
	readonly tranDate: CalendarDate;
	readonly dueDate: CalendarDate | null;
	/** |amount| in base currency. */
	readonly amountMinor: number;
	/** Open (invoice) or unapplied (payment, credit memo) amount now, base currency. */
	readonly remainingMinor: number;
	/** The same in the transaction's (customer's) currency. */
	readonly fxRemainingMinor: number;
	/** |amount| in the transaction's currency (0 when the input search does not carry it). */
	readonly fxAmountMinor: number;
	/** Invoice rows: one application (date, base amount, applying type), or none. */
	readonly appliedOn: CalendarDate | null;
	readonly appliedMinor: number;
	readonly applyingType: string;
	/** Invoice rows: the invoice is flagged as disputed (false for payments and credit memos). */
	readonly disputed: boolean;
}

/** What the customer record and its subsidiary say. */
export interface CustomerInfo {
	readonly customerId: string;
	readonly subsidiaryId: string;
	/** ISO code of the subsidiary's base currency. */
	readonly currency: string;
	/** Credit limit in the customer's currency (minor units); null without one. */
	readonly creditLimitMinor: number | null;
}

/** A promise to pay as recorded (status kept up to date by the emulated account / collectors). */
export interface PromiseRow {
	readonly promisedDate: CalendarDate;
	readonly madeOn: CalendarDate | null;
	/** Customer currency, minor units. */
	readonly amountMinor: number;
	readonly status: string;
}

export interface CustomerMetrics {
	readonly customerId: string;
	readonly subsidiaryId: string;
	readonly asOf: CalendarDate;
	readonly currency: string;
	/** Σ open invoices at D (= Σ aging). */
	readonly openMinor: number;
	readonly overdueMinor: number;
	/** Unapplied payments and credit memos at D. */
	readonly unappliedMinor: number;
	readonly aging: AgingAmounts;
	/** Days the most overdue open invoice is past due (≥ 0); null without open invoices. */
	readonly maxDaysOverdue: number | null;
	readonly oldestOpenDate: CalendarDate | null;
	readonly creditLimitMinor: number | null;
	readonly creditUtilisation: number | null;
	readonly avgDaysToPay: number | null;
	readonly avgDaysLate: number | null;
	/** Invoices closed in the 365 days ending D. */
	readonly closedCount: number;
	readonly score: number | null;
	readonly segment: PaymentSegment;
	readonly reasons: readonly SegmentReason[];
	/** Pending promises, their total (customer currency) and the earliest promised date. */
	readonly openPromises: number;
	readonly promisedMinor: number;
	readonly nextPromiseDate: CalendarDate | null;
}

/** Application types that reduce an invoice's open amount. */
const REDUCING_TYPES = new Set(['CustPymt', 'CustCred', 'DepAppl', '']);

interface InvoiceAcc {
	tranDate: CalendarDate;
	dueDate: CalendarDate | null;
	amountMinor: number;
	remainingMinor: number;
	fxRemainingMinor: number;
	fxAmountMinor: number;
	disputed: boolean;
	apps: { on: CalendarDate; minor: number }[];
}

/**
 * The metrics of one customer at `asOf`.
 * @example computeCustomerMetrics(rows, info, promises, d('2026-05-04')).aging['1-30']
 */
export function computeCustomerMetrics(
	rows: readonly CustomerRow[],
	info: CustomerInfo,
	promises: readonly PromiseRow[],
	asOf: CalendarDate,
): CustomerMetrics {
	const invoices = new Map<string, InvoiceAcc>();
	let unappliedMinor = 0;
	let fxUnappliedMinor = 0;
	const seenCredits = new Set<string>();
	for (const row of rows) {
		if (row.kind !== 'invoice') {
			// One row per payment / credit memo (no application join on them); count each once.
			if (row.tranDate > asOf || seenCredits.has(row.transactionId)) continue;
			seenCredits.add(row.transactionId);
			unappliedMinor += row.remainingMinor;
			fxUnappliedMinor += row.fxRemainingMinor;
			continue;
		}
		if (row.tranDate > asOf) continue;
		let inv = invoices.get(row.transactionId);
		if (inv === undefined) {
			inv = {
				tranDate: row.tranDate,
				dueDate: row.dueDate,
				amountMinor: row.amountMinor,
				remainingMinor: row.remainingMinor,
				fxRemainingMinor: row.fxRemainingMinor,
				fxAmountMinor: row.fxAmountMinor,
				disputed: row.disputed,
				apps: [],
			};
			invoices.set(row.transactionId, inv);
		}
		if (row.appliedOn !== null && REDUCING_TYPES.has(row.applyingType))
			inv.apps.push({ on: row.appliedOn, minor: row.appliedMinor });
	}

	const open: (AgingItem & OpenInvoice)[] = [];
	const closed: ClosedInvoice[] = [];
	let fxOpenMinor = 0;
	for (const inv of invoices.values()) {
		let appliedAfter = 0;
		let closeDate: CalendarDate | null = null;
		for (const a of inv.apps) {
			if (a.on > asOf) appliedAfter += a.minor;
			else if (closeDate === null || a.on > closeDate) closeDate = a.on;
		}
		const openAtD = inv.remainingMinor + appliedAfter;
		if (openAtD !== 0) {
			open.push({
				openMinor: openAtD,
				amountMinor: inv.amountMinor,
				tranDate: inv.tranDate,
				dueDate: inv.dueDate,
				disputed: inv.disputed,
			});
			// In the customer's currency: what is open now plus what was applied since, at the invoice's own rate.
			const fxAfter =
				appliedAfter === 0 || inv.amountMinor === 0
					? 0
					: Math.round((appliedAfter * (inv.fxAmountMinor || inv.amountMinor)) / inv.amountMinor);
			fxOpenMinor += inv.fxRemainingMinor + fxAfter;
		} else if (closeDate !== null) {
			closed.push({
				amountMinor: inv.amountMinor,
				tranDate: inv.tranDate,
				dueDate: inv.dueDate,
				closeDate,
				disputed: inv.disputed,
			});
		}
	}

	const aging = ageOpenItems(open, asOf);
	const promiseInputs: PaymentPromise[] = [];
	let openPromises = 0;
	let promisedMinor = 0;
	let nextPromiseDate: CalendarDate | null = null;
	for (const p of promises) {
		if (p.madeOn !== null && p.madeOn > asOf) continue;
		const status = p.status === 'kept' || p.status === 'broken' || p.status === 'cancelled' ? p.status : 'pending';
		promiseInputs.push({ promisedDate: p.promisedDate, amountMinor: p.amountMinor, status });
		if (status === 'pending') {
			openPromises++;
			promisedMinor += p.amountMinor;
			if (nextPromiseDate === null || p.promisedDate < nextPromiseDate) nextPromiseDate = p.promisedDate;
		}
	}
	const behaviour = paymentBehaviour({
		asOf,
		closedInvoices: closed,
		openInvoices: open,
		promises: promiseInputs,
		creditLimitMinor: info.creditLimitMinor,
		// The limit is in the customer's currency: so is this balance (open invoices − unapplied).
		balanceMinor: fxOpenMinor - fxUnappliedMinor,
	});
	let oldestOpenDate: CalendarDate | null = null;
	for (const o of open)
		if (o.openMinor > 0 && (oldestOpenDate === null || o.tranDate < oldestOpenDate)) oldestOpenDate = o.tranDate;

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
		creditLimitMinor: info.creditLimitMinor,
		creditUtilisation: behaviour.creditUtilisation,
		avgDaysToPay: behaviour.avgDaysToPay,
		avgDaysLate: behaviour.avgDaysLate,
		closedCount: behaviour.closedCount,
		score: behaviour.score,
		segment: behaviour.segment,
		reasons: behaviour.reasons,
		openPromises,
		promisedMinor,
		nextPromiseDate,
	};
}

/** Whether a customer belongs in the report's customer list: open balance ≠ 0 or an invoice closed in the 365 days. */
export function isReportable(m: CustomerMetrics): boolean {
	return m.openMinor !== 0 || m.closedCount > 0;
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
