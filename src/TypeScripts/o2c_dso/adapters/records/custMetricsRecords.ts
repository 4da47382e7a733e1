/**
 * `customrecord_o2c_cust_metrics`: one record per customer holding its latest figures (base
 * currency of its subsidiary), their as-of date and a short JSON history of daily aging, upserted
 * by the text key = customer internal id. Also the customer facts the metrics need (credit
 * position in the customer's currency, subsidiary currency) and its promises to pay.
 *
 * Read per batch of customers (adapters/customerRun.ts), never per customer: their existing
 * records (5 + 5 per 1,000), their promises (5 + 5 per 1,000), their credit positions (5 + 5 per
 * 1,000) with the currency codes (10) and each subsidiary's base currency (1 + 1 per subsidiary);
 * then per customer only its write: create 2 + save 4, or submitFields 2.
 */
import * as record from 'N/record';
import * as search from 'N/search';
import type { CalendarDate } from '../../domain/calendarDate';
import { fromDecimal, money, toDecimal } from '../../domain/money';
import { collectionPriorityMinor } from '../../domain/collections/priority';
import type { AgingHistoryEntry, CustomerInfo, CustomerMetrics, PromiseRow } from '../../app/customers/customerMetrics';
import { fromNsDate, toNsDate, toNsDateValue } from '../nsDate';
import { creditOfCustomers, selectId } from '../searches/customerCredit';
import { loadCurrencyCodes } from '../searches/subsidiaries';
import { forEachRow, valueOf } from '../searches/searchKit';

export const CUST_METRICS = 'customrecord_o2c_cust_metrics';

const F = {
	key: 'custrecord_o2c_cm_key',
	customer: 'custrecord_o2c_cm_customer',
	subsidiary: 'custrecord_o2c_cm_subsidiary',
	asOf: 'custrecord_o2c_cm_as_of',
	currency: 'custrecord_o2c_cm_currency',
	open: 'custrecord_o2c_cm_open_balance',
	overdue: 'custrecord_o2c_cm_overdue',
	unapplied: 'custrecord_o2c_cm_unapplied',
	agCurrent: 'custrecord_o2c_cm_ag_current',
	ag1to30: 'custrecord_o2c_cm_ag_1_30',
	ag31to60: 'custrecord_o2c_cm_ag_31_60',
	ag61to90: 'custrecord_o2c_cm_ag_61_90',
	ag90plus: 'custrecord_o2c_cm_ag_90_plus',
	maxDaysOverdue: 'custrecord_o2c_cm_max_days_overdue',
	oldestOpen: 'custrecord_o2c_cm_oldest_open',
	creditCurrency: 'custrecord_o2c_cm_credit_currency',
	creditLimit: 'custrecord_o2c_cm_credit_limit',
	creditUtil: 'custrecord_o2c_cm_credit_util',
	avgDaysToPay: 'custrecord_o2c_cm_avg_days_to_pay',
	avgDaysLate: 'custrecord_o2c_cm_avg_days_late',
	paidCount: 'custrecord_o2c_cm_paid_count',
	returnedCount: 'custrecord_o2c_cm_returned_count',
	returnedAmount: 'custrecord_o2c_cm_returned_amount',
	score: 'custrecord_o2c_cm_score',
	priority: 'custrecord_o2c_cm_priority',
	segment: 'custrecord_o2c_cm_segment',
	reasons: 'custrecord_o2c_cm_reasons',
	promisesOpen: 'custrecord_o2c_cm_promises_open',
	promisedAmount: 'custrecord_o2c_cm_promised_amount',
	nextPromise: 'custrecord_o2c_cm_next_promise',
	history: 'custrecord_o2c_cm_history',
} as const;

/** The metrics record's field ids, for readers (portlets, the DSO alert). */
export const CUST_METRICS_FIELDS = F;

/** A customer's stored record: its internal id and its aging history. */
export interface StoredCustomerMetrics {
	readonly id: number;
	readonly history: AgingHistoryEntry[];
}

function historyOf(text: string): AgingHistoryEntry[] {
	if (text === '') return [];
	try {
		return JSON.parse(text) as AgingHistoryEntry[];
	} catch {
		return []; // a hand-edited field: start the history again rather than fail the customer
	}
}

/**
 * The existing records of a batch of customers by key (= customer id; the lowest internal id when a
 * concurrent run made two) with their histories: one search, 5 + 5 per 1,000 records.
 * @example existingCustomerMetrics(['100', '101']).get('100')?.id
 */
export function existingCustomerMetrics(customerIds: readonly string[]): Map<string, StoredCustomerMetrics> {
	const out = new Map<string, StoredCustomerMetrics>();
	if (customerIds.length === 0) return out;
	const s = search.create({
		type: CUST_METRICS,
		filters: [[F.customer, 'anyof', ...customerIds]],
		columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), F.key, F.history],
	});
	const wanted = new Set(customerIds);
	forEachRow(s, (row) => {
		const key = valueOf(row, { name: F.key });
		if (!wanted.has(key) || out.has(key)) return;
		out.set(key, {
			id: Number(valueOf(row, { name: 'internalid' })),
			history: historyOf(valueOf(row, { name: F.history })),
		});
	});
	return out;
}

type FieldValue = string | number | boolean | Date;

function values(m: CustomerMetrics, history: readonly AgingHistoryEntry[]): Record<string, FieldValue> {
	const cur = (minor: number): number => toDecimal(money(minor, m.currency));
	const opt = (x: number | null): number | string => x ?? '';
	return {
		[F.subsidiary]: m.subsidiaryId,
		[F.asOf]: toNsDateValue(m.asOf),
		[F.currency]: m.currency,
		[F.open]: cur(m.openMinor),
		[F.overdue]: cur(m.overdueMinor),
		[F.unapplied]: cur(m.unappliedMinor),
		[F.agCurrent]: cur(m.aging.current),
		[F.ag1to30]: cur(m.aging['1-30']),
		[F.ag31to60]: cur(m.aging['31-60']),
		[F.ag61to90]: cur(m.aging['61-90']),
		[F.ag90plus]: cur(m.aging['90+']),
		[F.maxDaysOverdue]: opt(m.maxDaysOverdue),
		[F.oldestOpen]: m.oldestOpenDate === null ? '' : toNsDateValue(m.oldestOpenDate),
		[F.creditCurrency]: m.creditCurrency,
		[F.creditLimit]: m.creditLimitMinor === null ? '' : toDecimal(money(m.creditLimitMinor, m.creditCurrency)),
		[F.creditUtil]: opt(m.creditUtilisation),
		[F.avgDaysToPay]: opt(m.avgDaysToPay),
		[F.avgDaysLate]: opt(m.avgDaysLate),
		[F.paidCount]: m.closedCount,
		[F.returnedCount]: m.returnedCount,
		[F.returnedAmount]: cur(m.returnedMinor),
		[F.score]: opt(m.score),
		[F.priority]: cur(collectionPriorityMinor(m.overdueMinor, m.score)),
		[F.segment]: m.segment,
		[F.reasons]: m.reasons.join(','),
		[F.promisesOpen]: m.openPromises,
		[F.promisedAmount]: cur(m.promisedMinor),
		[F.nextPromise]: m.nextPromiseDate === null ? '' : toNsDateValue(m.nextPromiseDate),
		[F.history]: JSON.stringify(history),
	};
}

/**
 * Creates the customer's record or updates `existingId` in place.
 * @example saveCustomerMetrics(metrics, history, existing?.id)
 */
export function saveCustomerMetrics(
	m: CustomerMetrics,
	history: readonly AgingHistoryEntry[],
	existingId: number | undefined,
): void {
	const v = values(m, history);
	if (existingId !== undefined) {
		record.submitFields({
			type: CUST_METRICS,
			id: existingId,
			values: v as never,
			options: { enableSourcing: false, ignoreMandatoryFields: true },
		});
		return;
	}
	const rec = record.create({ type: CUST_METRICS });
	rec.setValue({ fieldId: 'name', value: m.customerId });
	rec.setValue({ fieldId: F.key, value: m.customerId });
	rec.setValue({ fieldId: F.customer, value: m.customerId });
	for (const [fieldId, value] of Object.entries(v)) rec.setValue({ fieldId, value });
	rec.save();
}

/**
 * The customer facts of a batch: each subsidiary's base currency code and each customer's credit
 * position, read once for the batch (currency codes 10, 1 per subsidiary, credit 5 + 5 per 1,000
 * customers). The returned function throws, naming it, for a customer or subsidiary without a
 * currency, so that customer fails alone.
 * @example const infoOf = customerInfos(['100'], ['1']); infoOf('100', '1').currency // 'USD'
 */
export function customerInfos(
	customerIds: readonly string[],
	subsidiaryIds: readonly string[],
): (customerId: string, subsidiaryId: string) => CustomerInfo {
	const codes = loadCurrencyCodes();
	const base = new Map<string, string>();
	for (const id of new Set(subsidiaryIds)) {
		const s = search.lookupFields({ type: 'subsidiary', id, columns: ['currency'] });
		base.set(id, codes.get(selectId(s.currency)) ?? '');
	}
	const credit = creditOfCustomers(customerIds, codes);
	return (customerId, subsidiaryId) => {
		const currency = base.get(subsidiaryId) ?? '';
		if (currency === '') throw new Error(`Subsidiary ${subsidiaryId} has no base currency code`);
		const c = credit.get(customerId);
		if (c === undefined || c instanceof Error)
			throw c ?? new Error(`Customer ${customerId} was not found as a customer record`);
		return { customerId, subsidiaryId, currency, credit: c };
	};
}

/**
 * The promises to pay of a batch of customers, per customer in internal id order (5 + 5 per 1,000).
 * @example promisesOfCustomers(['100']).get('100')
 */
export function promisesOfCustomers(customerIds: readonly string[]): Map<string, PromiseRow[]> {
	const out = new Map<string, PromiseRow[]>();
	if (customerIds.length === 0) return out;
	const s = search.create({
		type: 'customrecord_o2c_promise',
		filters: [['custrecord_o2c_pr_customer', 'anyof', ...customerIds], 'AND', ['isinactive', 'is', 'F']],
		columns: [
			search.createColumn({ name: 'internalid', sort: search.Sort.ASC }),
			'custrecord_o2c_pr_customer',
			'custrecord_o2c_pr_date',
			'custrecord_o2c_pr_made_on',
			'custrecord_o2c_pr_amount',
			'custrecord_o2c_pr_status',
		],
	});
	forEachRow(s, (row) => {
		const date = fromNsDate(valueOf(row, { name: 'custrecord_o2c_pr_date' }));
		if (date === null) return;
		const customerId = valueOf(row, { name: 'custrecord_o2c_pr_customer' });
		const promise: PromiseRow = {
			promisedDate: date,
			madeOn: fromNsDate(valueOf(row, { name: 'custrecord_o2c_pr_made_on' })),
			amountMinor: fromDecimal(valueOf(row, { name: 'custrecord_o2c_pr_amount' }), 'customer').minor,
			status: valueOf(row, { name: 'custrecord_o2c_pr_status' }).trim().toLowerCase(),
		};
		const list = out.get(customerId);
		if (list === undefined) out.set(customerId, [promise]);
		else list.push(promise);
	});
	return out;
}

/** Records whose as-of date is before `asOf` (customers that left the input), id and key. */
export function staleCustomerMetrics(asOf: CalendarDate): { id: number; customerId: string }[] {
	const s = search.create({
		type: CUST_METRICS,
		filters: [[F.asOf, 'before', toNsDate(asOf)]],
		columns: ['internalid', F.key],
	});
	const out: { id: number; customerId: string }[] = [];
	forEachRow(s, (row) =>
		out.push({ id: Number(valueOf(row, { name: 'internalid' })), customerId: valueOf(row, { name: F.key }) }),
	);
	return out;
}
