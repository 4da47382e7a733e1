/**
 * The A/R ledger's inputs, aggregated on the server per subsidiary (base currency):
 * - `customsearch_o2c_ar_opening`: A/R before a date, GROUP subsidiary, type; SUM amount;
 * - `customsearch_o2c_ar_daily`: daily movements in a date range, GROUP subsidiary, type,
 *   trandate; SUM amount, SUM amountremaining (on the payments' rows: what is still unapplied, so
 *   the same rows give the receipts of the cash application rate).
 * Rows grow with subsidiaries × days × 3 types, never with invoices.
 *
 * Invoices raise A/R, payments and credit memos lower it (dataset-format.md §2). The direction is
 * taken from the type and the magnitude from |SUM(amount)|, so the result does not depend on the
 * sign convention of a main line (a payment's main line is the bank side in NetSuite).
 */
import * as search from 'N/search';
import { CalendarDate, addDays } from '../../domain/calendarDate';
import { abs, fromDecimal, Minor, negated, plus, zeroMinor } from '../../domain/money';
import type { DailyFlow } from '../../domain/arBalance';
import type { ReceiptFlow } from '../../app/snapshot/types';
import { requireNsDate, toNsDate } from '../nsDate';
import {
	Col,
	SavedSearchSpec,
	andFilters,
	baseCurrencySettings,
	column,
	ensureSavedSearch,
	forEachRow,
	hasColumn,
	postedMainLines,
	valueOf,
} from './searchKit';

const SUB: Col = { name: 'subsidiary', summary: search.Summary.GROUP };
const TYPE: Col = { name: 'type', summary: search.Summary.GROUP };
const DATE: Col = { name: 'trandate', summary: search.Summary.GROUP };
const AMOUNT: Col = { name: 'amount', summary: search.Summary.SUM };
const REMAINING: Col = { name: 'amountremaining', summary: search.Summary.SUM };

const AR_TYPES = new Set(['CustInvc', 'CustCred', 'CustPymt']);

/** A/R transactions: posting main lines of invoices, credit memos and customer payments. */
function arFilters(): unknown[] {
	return postedMainLines(['type', 'anyof', 'CustInvc', 'CustCred', 'CustPymt']);
}

export const AR_OPENING: SavedSearchSpec = {
	id: 'customsearch_o2c_ar_opening',
	title: 'O2C DSO: A/R balance before a date, by subsidiary (base currency)',
	create: () =>
		search.create({
			type: 'transaction',
			settings: baseCurrencySettings(),
			filters: arFilters(),
			columns: [SUB, TYPE, AMOUNT].map(column),
		}),
};

export const AR_DAILY: SavedSearchSpec = {
	id: 'customsearch_o2c_ar_daily',
	title: 'O2C DSO: daily A/R movements by subsidiary and type (base currency)',
	create: () =>
		search.create({
			type: 'transaction',
			settings: baseCurrencySettings(),
			filters: arFilters(),
			columns: [SUB, TYPE, DATE, AMOUNT, REMAINING].map(column),
		}),
};

/** Magnitude of a summed amount in minor units. */
function magnitude(row: search.Result, currency: string): Minor {
	return abs(fromDecimal(valueOf(row, AMOUNT), currency)).minor;
}

/** Currency code for a subsidiary id (amounts are converted with the subsidiary's base currency). */
export type CurrencyOf = (subsidiaryId: string) => string;

/**
 * A/R balance per subsidiary at the end of `before − 1` (minor units, base currency).
 * @example loadArOpening(d('2025-01-01'), currencyOf).get('1') // A/R at 2024-12-31
 */
export function loadArOpening(before: CalendarDate, currencyOf: CurrencyOf, searchId?: string): Map<string, Minor> {
	const s = ensureSavedSearch(AR_OPENING, searchId);
	andFilters(s, [['trandate', 'onorbefore', toNsDate(addDays(before, -1))]]);
	const out = new Map<string, Minor>();
	forEachRow(s, (row) => {
		const sub = valueOf(row, SUB);
		const type = valueOf(row, TYPE);
		if (!AR_TYPES.has(type)) return; // an admin-widened search: only these types move A/R here
		const amount = magnitude(row, currencyOf(sub));
		const signed = type === 'CustInvc' ? amount : negated(amount);
		out.set(sub, plus(out.get(sub) ?? zeroMinor(), signed));
	});
	return out;
}

/** The daily flows of a range, and the payments' receipts when the search has their unapplied amounts. */
export interface ArDailyMovements {
	readonly flows: Map<string, DailyFlow[]>;
	/** Customer payments per subsidiary and day (amount, unapplied); null when the search lacks SUM(amountremaining). */
	readonly receipts: Map<string, ReceiptFlow[]> | null;
}

/**
 * Daily invoices, payments and credit memos per subsidiary for `[from, to]` (minor units, base
 * currency), and from the payments' rows the receipts (amount and unapplied part).
 * @example loadArDailyFlows(d('2025-01-01'), d('2026-05-04'), currencyOf).flows.get('1')
 */
export function loadArDailyFlows(
	from: CalendarDate,
	to: CalendarDate,
	currencyOf: CurrencyOf,
	searchId?: string,
): ArDailyMovements {
	const s = ensureSavedSearch(AR_DAILY, searchId);
	andFilters(s, [['trandate', 'within', toNsDate(from), toNsDate(to)]]);
	const withRemaining = hasColumn(s, REMAINING);
	const flows = new Map<string, DailyFlow[]>();
	const receipts = new Map<string, ReceiptFlow[]>();
	forEachRow(s, (row) => {
		const sub = valueOf(row, SUB);
		const type = valueOf(row, TYPE);
		if (!AR_TYPES.has(type)) return;
		const currency = currencyOf(sub);
		const amount = magnitude(row, currency);
		const date = requireNsDate(valueOf(row, DATE), 'trandate');
		push(flows, sub, {
			date,
			invoicesMinor: type === 'CustInvc' ? amount : zeroMinor(),
			paymentsMinor: type === 'CustPymt' ? amount : zeroMinor(),
			creditsMinor: type === 'CustCred' ? amount : zeroMinor(),
		});
		if (withRemaining && type === 'CustPymt')
			push(receipts, sub, {
				date,
				amountMinor: amount,
				unappliedMinor: abs(fromDecimal(valueOf(row, REMAINING), currency)).minor,
			});
	});
	return { flows, receipts: withRemaining ? receipts : null };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
	let list = map.get(key);
	if (list === undefined) map.set(key, (list = []));
	list.push(value);
}
