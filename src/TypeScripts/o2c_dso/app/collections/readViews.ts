/**
 * GET of the collections RESTlet: the prioritised worklist (one page) or one customer's detail.
 * Amounts leave as decimal strings with their currency (never floats); dates as YYYY-MM-DD. The
 * reads are a fixed number of searches whatever the account's size (the worklist is sorted and
 * paged in the search by the stored priority, domain/collections/priority.ts).
 */
import type { CalendarDate } from '../../domain/calendarDate';
import { formatAmountPlain } from '../../domain/collections/decimalText';
import { validateQuery, type CollectionsQuery } from '../../domain/collections/query';
import { errorAnswer, type ErrorAnswer } from './recordEvent';

/** A customer-metrics row of the worklist (base currency of its subsidiary). */
export interface WorklistRecord {
	readonly customerId: number;
	readonly name: string;
	readonly subsidiaryId: number;
	readonly subsidiaryName: string;
	readonly currency: string;
	readonly overdueMinor: number;
	readonly priorityMinor: number;
	readonly score: number | null;
	readonly segment: string;
	readonly maxDaysOverdue: number | null;
	readonly asOf: CalendarDate | null;
}

export interface PromiseRecord {
	readonly id: number;
	readonly externalId: string;
	readonly customerId: number;
	readonly madeOn: CalendarDate | null;
	readonly promisedDate: CalendarDate | null;
	readonly amountMinor: number;
	readonly currency: string;
	readonly invoiceIds: readonly number[];
	readonly status: string;
	readonly paidMinor: number | null;
	readonly note: string;
}

export interface DisputeRecord {
	readonly id: number;
	readonly externalId: string;
	readonly customerId: number;
	readonly invoiceId: number;
	readonly reason: string;
	readonly text: string;
	readonly openedOn: CalendarDate | null;
	readonly status: string;
	readonly resolvedOn: CalendarDate | null;
	readonly resolution: string;
}

export interface ContactAttemptRecord {
	readonly id: number;
	readonly externalId: string;
	readonly customerId: number;
	readonly on: CalendarDate | null;
	readonly outcome: string;
	readonly nextActionDate: CalendarDate | null;
	readonly collector: string;
	readonly note: string;
}

export interface ContactRecord {
	readonly id: number;
	readonly name: string;
	readonly email: string;
	readonly phone: string;
	readonly jobTitle: string;
	readonly on: CalendarDate | null;
}

export interface OpenInvoiceRecord {
	readonly id: number;
	readonly tranId: string;
	readonly date: CalendarDate | null;
	readonly dueDate: CalendarDate | null;
	readonly currency: string;
	readonly amountMinor: number;
	readonly openMinor: number;
	readonly daysOverdue: number | null;
	readonly disputed: boolean;
}

export interface WorklistFilter {
	readonly subsidiaryId: number | null;
	readonly segment: string | null;
	readonly collectorId: number | null;
}

export interface CollectionsReader {
	today(): CalendarDate;
	/** one page (0-based index) of the customers to call, by priority then internal id, and how many there are */
	worklistPage(
		filter: WorklistFilter,
		pageIndex: number,
		pageSize: number,
	): { total: number; rows: WorklistRecord[] };
	promisesOf(customerIds: readonly number[], onlyPending: boolean): PromiseRecord[];
	disputesOf(customerIds: readonly number[], onlyOpen: boolean): DisputeRecord[];
	/** contact attempts, latest first, at most `limit` */
	contactAttemptsOf(customerIds: readonly number[], limit: number): ContactAttemptRecord[];
	customer(id: number): { id: number; name: string; currency: string; subsidiaryId: number } | null;
	/** open invoices of the customer by due date, at most `limit` (+1 to tell there are more) */
	openInvoicesOf(customerId: number, limit: number): OpenInvoiceRecord[];
	contactsOf(customerId: number, limit: number): ContactRecord[];
}

const DETAIL_LIMIT = 200;

function promiseView(p: PromiseRecord): Record<string, unknown> {
	return {
		id: p.id,
		external_id: p.externalId,
		made_on: p.madeOn,
		promised_date: p.promisedDate,
		amount: formatAmountPlain(p.amountMinor, p.currency),
		currency: p.currency,
		invoice_ids: p.invoiceIds,
		status: p.status,
		paid_amount: p.paidMinor === null ? null : formatAmountPlain(p.paidMinor, p.currency),
		note: p.note,
	};
}

function disputeView(d: DisputeRecord): Record<string, unknown> {
	return {
		id: d.id,
		external_id: d.externalId,
		invoice_id: d.invoiceId,
		reason: d.reason,
		text: d.text,
		opened_on: d.openedOn,
		status: d.status,
		resolved_on: d.resolvedOn,
		resolution: d.resolution === '' ? null : d.resolution,
	};
}

function attemptView(a: ContactAttemptRecord): Record<string, unknown> {
	return {
		id: a.id,
		external_id: a.externalId,
		attempted_on: a.on,
		outcome: a.outcome,
		next_action_date: a.nextActionDate,
		collector: a.collector,
		note: a.note,
	};
}

function worklist(q: Extract<CollectionsQuery, { kind: 'worklist' }>, r: CollectionsReader): Record<string, unknown> {
	const { total, rows } = r.worklistPage(q, q.page - 1, q.pageSize);
	const ids = rows.map((x) => x.customerId);
	const promises = ids.length > 0 ? r.promisesOf(ids, true) : [];
	const disputes = ids.length > 0 ? r.disputesOf(ids, true) : [];
	const contacts = ids.length > 0 ? r.contactAttemptsOf(ids, 1000) : [];
	return {
		ok: true,
		kind: 'worklist',
		today: r.today(),
		as_of: rows.reduce<CalendarDate | null>(
			(m, x) => (x.asOf !== null && (m === null || x.asOf > m) ? x.asOf : m),
			null,
		),
		page: q.page,
		page_size: q.pageSize,
		total,
		pages: Math.ceil(total / q.pageSize),
		filters: { subsidiary_id: q.subsidiaryId, segment: q.segment, collector_id: q.collectorId },
		rows: rows.map((x, i) => {
			const mine = promises.filter((p) => p.customerId === x.customerId && p.promisedDate !== null);
			mine.sort((a, b) => ((a.promisedDate ?? '') < (b.promisedDate ?? '') ? -1 : 1));
			const next = mine[0];
			const last = contacts.find((c) => c.customerId === x.customerId);
			return {
				rank: (q.page - 1) * q.pageSize + i + 1,
				customer_id: x.customerId,
				name: x.name,
				subsidiary_id: x.subsidiaryId,
				subsidiary: x.subsidiaryName,
				currency: x.currency,
				overdue_amount: formatAmountPlain(x.overdueMinor, x.currency),
				priority: formatAmountPlain(x.priorityMinor, x.currency),
				score: x.score,
				segment: x.segment,
				max_days_overdue: x.maxDaysOverdue,
				open_promises: mine.length,
				next_promise:
					next === undefined
						? null
						: {
								promised_date: next.promisedDate,
								amount: formatAmountPlain(next.amountMinor, next.currency),
								currency: next.currency,
							},
				open_disputes: disputes.filter((d) => d.customerId === x.customerId).length,
				last_contact:
					last === undefined
						? null
						: { attempted_on: last.on, outcome: last.outcome, next_action_date: last.nextActionDate },
			};
		}),
	};
}

function detail(customerId: number, r: CollectionsReader): Record<string, unknown> | ErrorAnswer {
	const c = r.customer(customerId);
	if (c === null)
		return errorAnswer('INVALID_REQUEST', `customer ${String(customerId)} does not exist.`, [
			{ field: 'customer_id', rule: 'exists', message: `customer ${String(customerId)} does not exist` },
		]);
	const invoices = r.openInvoicesOf(customerId, DETAIL_LIMIT);
	const attempts = r.contactAttemptsOf([customerId], DETAIL_LIMIT);
	return {
		ok: true,
		kind: 'customer',
		today: r.today(),
		customer: { id: c.id, name: c.name, currency: c.currency, subsidiary_id: c.subsidiaryId },
		open_items: invoices.slice(0, DETAIL_LIMIT).map((i) => ({
			invoice_id: i.id,
			tran_id: i.tranId,
			date: i.date,
			due_date: i.dueDate,
			currency: i.currency,
			amount: formatAmountPlain(i.amountMinor, i.currency),
			open_amount: formatAmountPlain(i.openMinor, i.currency),
			days_overdue: i.daysOverdue,
			disputed: i.disputed,
		})),
		open_items_truncated: invoices.length > DETAIL_LIMIT,
		promises: r.promisesOf([customerId], false).map(promiseView),
		disputes: r.disputesOf([customerId], false).map(disputeView),
		contact_attempts: attempts.slice(0, DETAIL_LIMIT).map(attemptView),
		contacts: r.contactsOf(customerId, 20).map((x) => ({
			id: x.id,
			name: x.name,
			email: x.email,
			phone: x.phone,
			job_title: x.jobTitle,
			reported_on: x.on,
		})),
	};
}

/** Answers a GET with its query parameters (any object). */
export function readViews(params: unknown, r: CollectionsReader): Record<string, unknown> | ErrorAnswer {
	const v = validateQuery(params);
	if (!v.ok) return errorAnswer('INVALID_REQUEST', 'The query parameters are invalid: nothing was read.', v.errors);
	return v.value.kind === 'customer' ? detail(v.value.customerId, r) : worklist(v.value, r);
}
