/**
 * Window figures the snapshot keeps per day, aggregated on the server per subsidiary:
 * - `customsearch_o2c_terms_daily`: invoices GROUP subsidiary, trandate, terms; SUM amount
 *   (credit sales by payment terms: the terms mix of any window);
 * - `customsearch_o2c_receipts_daily`: customer payments GROUP subsidiary, trandate; SUM amount,
 *   SUM amountremaining (received vs still unapplied: the cash application rate);
 * - `customsearch_o2c_billed_orders`: invoices created from billed sales orders, GROUP
 *   subsidiary, createdfrom; MIN sales order date, MAX invoice date (SO-to-invoice lead time).
 * Terms and receipts grow with subsidiaries × days; billed orders with the orders billed in the
 * range (one row per order).
 */
import * as search from 'N/search';
import { CalendarDate } from '../../domain/calendarDate';
import type { ReceiptFlow, TermsFlow } from '../../app/snapshot/types';
import { abs, fromDecimal } from '../../domain/money';
import { requireNsDate, toNsDate } from '../nsDate';
import {
	Col,
	SavedSearchSpec,
	andFilters,
	baseCurrencySettings,
	column,
	ensureSavedSearch,
	forEachRow,
	postedMainLines,
	valueOf,
} from './searchKit';

const G = search.Summary.GROUP;
const SUB: Col = { name: 'subsidiary', summary: G };
const DATE: Col = { name: 'trandate', summary: G };
const TERMS: Col = { name: 'terms', summary: G };
const AMOUNT: Col = { name: 'amount', summary: search.Summary.SUM };
const REMAINING: Col = { name: 'amountremaining', summary: search.Summary.SUM };
const ORDER: Col = { name: 'createdfrom', summary: G };
const ORDER_DATE: Col = { name: 'trandate', join: 'createdfrom', summary: search.Summary.MIN };
const LAST_INVOICE: Col = { name: 'trandate', summary: search.Summary.MAX };

export const TERMS_DAILY: SavedSearchSpec = {
	id: 'customsearch_o2c_terms_daily',
	title: 'O2C DSO: credit sales by subsidiary, day and payment terms (base currency)',
	create: () =>
		search.create({
			type: 'invoice',
			settings: baseCurrencySettings(),
			filters: postedMainLines(),
			columns: [SUB, DATE, TERMS, AMOUNT].map(column),
		}),
};

export const RECEIPTS_DAILY: SavedSearchSpec = {
	id: 'customsearch_o2c_receipts_daily',
	title: 'O2C DSO: customer payments by subsidiary and day, received and unapplied (base currency)',
	create: () =>
		search.create({
			type: 'customerpayment',
			settings: baseCurrencySettings(),
			filters: [['mainline', 'is', 'T']],
			columns: [SUB, DATE, AMOUNT, REMAINING].map(column),
		}),
};

export const BILLED_ORDERS: SavedSearchSpec = {
	id: 'customsearch_o2c_billed_orders',
	title: 'O2C DSO: billed sales orders, order date and last invoice date',
	create: () =>
		search.create({
			type: 'invoice',
			filters: [
				['mainline', 'is', 'T'],
				'AND',
				['createdfrom.type', 'anyof', 'SalesOrd'],
				'AND',
				['createdfrom.status', 'anyof', 'SalesOrd:G'],
			],
			columns: [SUB, ORDER, ORDER_DATE, LAST_INVOICE].map(column),
		}),
};

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
	let list = map.get(key);
	if (list === undefined) map.set(key, (list = []));
	list.push(value);
}

/**
 * Invoices per subsidiary, day and terms id (`''` = no terms) dated in [from, to].
 * @example loadTermsFlows(from, to, currencyOf).get('1')
 */
export function loadTermsFlows(
	from: CalendarDate,
	to: CalendarDate,
	currencyOf: (subsidiaryId: string) => string,
	searchId?: string,
): Map<string, TermsFlow[]> {
	const s = ensureSavedSearch(TERMS_DAILY, searchId);
	andFilters(s, [['trandate', 'within', toNsDate(from), toNsDate(to)]]);
	const out = new Map<string, TermsFlow[]>();
	forEachRow(s, (row) => {
		const sub = valueOf(row, SUB);
		push(out, sub, {
			date: requireNsDate(valueOf(row, DATE), 'trandate'),
			termsId: valueOf(row, TERMS),
			amountMinor: abs(fromDecimal(valueOf(row, AMOUNT), currencyOf(sub))).minor,
		});
	});
	return out;
}

/**
 * Customer payments per subsidiary and day dated in [from, to]: amount and unapplied part.
 * @example loadReceiptFlows(from, to, currencyOf).get('1')
 */
export function loadReceiptFlows(
	from: CalendarDate,
	to: CalendarDate,
	currencyOf: (subsidiaryId: string) => string,
	searchId?: string,
): Map<string, ReceiptFlow[]> {
	const s = ensureSavedSearch(RECEIPTS_DAILY, searchId);
	andFilters(s, [['trandate', 'within', toNsDate(from), toNsDate(to)]]);
	const out = new Map<string, ReceiptFlow[]>();
	forEachRow(s, (row) => {
		const sub = valueOf(row, SUB);
		const currency = currencyOf(sub);
		push(out, sub, {
			date: requireNsDate(valueOf(row, DATE), 'trandate'),
			amountMinor: abs(fromDecimal(valueOf(row, AMOUNT), currency)).minor,
			unappliedMinor: abs(fromDecimal(valueOf(row, REMAINING), currency)).minor,
		});
	});
	return out;
}

/**
 * Billed sales orders per subsidiary with an invoice dated in [from, to]: order date and the last
 * such invoice's date (an order whose last invoice is later is seen with that later date).
 * @example loadBilledOrders(from, to).get('1')
 */
export function loadBilledOrders(
	from: CalendarDate,
	to: CalendarDate,
	searchId?: string,
): Map<string, { orderDate: CalendarDate; lastInvoiceDate: CalendarDate }[]> {
	const s = ensureSavedSearch(BILLED_ORDERS, searchId);
	andFilters(s, [['trandate', 'within', toNsDate(from), toNsDate(to)]]);
	const out = new Map<string, { orderDate: CalendarDate; lastInvoiceDate: CalendarDate }[]>();
	forEachRow(s, (row) => {
		push(out, valueOf(row, SUB), {
			orderDate: requireNsDate(valueOf(row, ORDER_DATE), 'createdfrom.trandate'),
			lastInvoiceDate: requireNsDate(valueOf(row, LAST_INVOICE), 'trandate'),
		});
	});
	return out;
}

/** Below this many terms, one lookupFields each (1 unit) costs less than the terms search (10). */
const LOOKUPS_BELOW = 10;

/**
 * Payment terms: id, name and days until due (reference data): with `ids`, those terms only, one
 * `search.lookupFields` each (1 unit) while that is cheaper than the search of every terms (10
 * units); a terms id that no longer resolves is left out (the terms mix then names it by id).
 * @example loadTerms(['2']).find((t) => t.name === 'Net 30')?.days // 30
 */
export function loadTerms(ids?: readonly string[]): { id: string; name: string; days: number | null }[] {
	const wanted = ids === undefined ? null : [...new Set(ids)];
	const out: { id: string; name: string; days: number | null }[] = [];
	const daysOf = (v: unknown): number | null => (v === '' || v === null || v === undefined ? null : Number(v));
	if (wanted !== null && wanted.length < LOOKUPS_BELOW) {
		for (const id of wanted) {
			let fields: Record<string, unknown>;
			try {
				fields = search.lookupFields({ type: 'term', id, columns: ['name', 'daysuntildue'] });
			} catch {
				continue; // a deleted terms record: named by id, no days (as a terms missing from the search)
			}
			const name = fields.name;
			out.push({ id, name: typeof name === 'string' ? name : '', days: daysOf(fields.daysuntildue) });
		}
		return out;
	}
	const s = search.create({ type: 'term', columns: ['internalid', 'name', 'daysuntildue'] });
	forEachRow(s, (row) => {
		const id = valueOf(row, { name: 'internalid' });
		if (wanted !== null && !wanted.includes(id)) return;
		out.push({
			id,
			name: valueOf(row, { name: 'name' }),
			days: daysOf(valueOf(row, { name: 'daysuntildue' })),
		});
	});
	return out;
}
