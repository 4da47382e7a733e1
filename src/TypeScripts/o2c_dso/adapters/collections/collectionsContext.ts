/**
 * The CollectionsContextSource port over today's records: promises from `customrecord_o2c_promise`
 * (custrecord_o2c_pr_*), the contact from the customer record (email, phone; a contact person's name
 * once the RESTlet issue's contact records exist), disputes from the invoices' Disputed box only
 * (the invoice search reads it). When the RESTlet issue adds its dispute and contact records, this
 * file is the one to change. Costs: promises 10 (one search page), contact 1 (lookupFields).
 */
import * as search from 'N/search';
import type { CollectionsContextSource } from '../../app/collections/push';
import type { ContactInfo, PromiseInfo } from '../../domain/collections/pushPayload';
import { fromDecimal } from '../../domain/money';
import { fromNsDate } from '../nsDate';
import { forEachRow, valueOf } from '../searches/searchKit';

const PROMISE = 'customrecord_o2c_promise';
const P = {
	customer: 'custrecord_o2c_pr_customer',
	date: 'custrecord_o2c_pr_date',
	amount: 'custrecord_o2c_pr_amount',
	status: 'custrecord_o2c_pr_status',
	invoices: 'custrecord_o2c_pr_invoices',
} as const;

function promisesOf(customerId: string): PromiseInfo[] {
	const s = search.create({
		type: PROMISE,
		filters: [[P.customer, 'anyof', customerId], 'AND', ['isinactive', 'is', 'F']],
		columns: ['internalid', P.date, P.amount, P.status, P.invoices],
	});
	const out: PromiseInfo[] = [];
	forEachRow(s, (row) => {
		const date = fromNsDate(valueOf(row, { name: P.date }));
		if (date === null) return;
		out.push({
			id: row.id,
			promisedDate: date,
			amountMinor: fromDecimal(valueOf(row, { name: P.amount }), 'customer').minor,
			status: valueOf(row, { name: P.status }).trim().toLowerCase() || 'pending',
			invoiceIds: valueOf(row, { name: P.invoices })
				.split(',')
				.map((x) => x.trim())
				.filter((x) => /^\d+$/.test(x)),
		});
	});
	return out;
}

function contactOf(customerId: string): ContactInfo | null {
	const c = search.lookupFields({ type: 'customer', id: customerId, columns: ['email', 'phone'] });
	const t = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
	const email = t(c.email);
	const phone = t(c.phone);
	return email === null && phone === null ? null : { name: null, phone, email };
}

export const nsCollectionsContext: CollectionsContextSource = {
	promisesOf,
	contactOf,
	disputedInvoiceIds: () => new Set<string>(),
};
