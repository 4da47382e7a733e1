/**
 * The A/R ledger's inputs, aggregated on the server per subsidiary (base currency):
 * - `customsearch_o2c_ar_opening`: A/R before a date, GROUP subsidiary, type; SUM amount;
 * - `customsearch_o2c_ar_daily`: daily movements in a date range, GROUP subsidiary, type,
 *   trandate; SUM amount.
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

const SUB: Col = { name: 'subsidiary', summary: search.Summary.GROUP };
const TYPE: Col = { name: 'type', summary: search.Summary.GROUP };
const DATE: Col = { name: 'trandate', summary: search.Summary.GROUP };
const AMOUNT: Col = { name: 'amount', summary: search.Summary.SUM };

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
			columns: [SUB, TYPE, DATE, AMOUNT].map(column),
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

/**
 * Daily invoices, payments and credit memos per subsidiary for `[from, to]` (minor units, base currency).
 * @example loadArDailyFlows(d('2025-01-01'), d('2026-05-04'), currencyOf).get('1')
 */
export function loadArDailyFlows(
	from: CalendarDate,
	to: CalendarDate,
	currencyOf: CurrencyOf,
	searchId?: string,
): Map<string, DailyFlow[]> {
	const s = ensureSavedSearch(AR_DAILY, searchId);
	andFilters(s, [['trandate', 'within', toNsDate(from), toNsDate(to)]]);
	const out = new Map<string, DailyFlow[]>();
	forEachRow(s, (row) => {
		const sub = valueOf(row, SUB);
		const type = valueOf(row, TYPE);
		if (!AR_TYPES.has(type)) return;
		const amount = magnitude(row, currencyOf(sub));
		const date = requireNsDate(valueOf(row, DATE), 'trandate');
		const flow: DailyFlow = {
			date,
			invoicesMinor: type === 'CustInvc' ? amount : zeroMinor(),
			paymentsMinor: type === 'CustPymt' ? amount : zeroMinor(),
			creditsMinor: type === 'CustCred' ? amount : zeroMinor(),
		};
		let list = out.get(sub);
		if (list === undefined) out.set(sub, (list = []));
		list.push(flow);
	});
	return out;
}
