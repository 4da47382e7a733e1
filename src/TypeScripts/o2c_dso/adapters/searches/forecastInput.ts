/**
 * The forecast's inputs, all from one saved search, `customsearch_o2c_forecast_input`: invoice main
 * lines (posting, base currency) with their applications outer-joined, one row per application
 * (payment, credit memo or deposit application), sorted by invoice and applying transaction
 * internal id (a unique order: a customer's rows may span several pages). At run time it is
 * narrowed to what D needs: invoices dated ≤ D that are open now or were closed on or after
 * D − 364 (history of the 365 days ending D, and invoices open at D that were paid since on a rerun).
 *
 * - The map/reduce input is that search **grouped by customer and subsidiary** with row counts
 *   (all rows, and the open invoices' rows: the record writes a customer needs), read by
 *   getInputData and cut into batches of customers (adapters/customerRun.ts): map/reduce keeps
 *   every input key and value until it is processed, capped at 200 MB (Oracle help "Map/Reduce
 *   Governance"); one row per invoice application would not fit an L account (the customer
 *   metrics input measured 355 MB for 1M invoices).
 * - Each reduce (one batch) reads its customers' detail rows (`entity anyof`): 5 to load, 5 + 5
 *   per 1,000 rows, for the whole batch.
 * - The pooled histories read one subsidiary's invoices paid in full in the look-back.
 *
 * When the deployment names NetSuite's own predicted-payment-date field
 * (`custscript_o2c_fc_native_field`, empty by default: its internal id is not documented), that
 * column is added to the detail rows at run time so both dates can be stored side by side.
 */
import * as search from 'N/search';
import { CalendarDate, addDays } from '../../domain/calendarDate';
import { fromDecimal } from '../../domain/money';
import type { ApplicationKind, InvoiceRow } from '../../domain/paymentHistory';
import { PREDICTION_RULES } from '../../domain/paymentPrediction';
import { fromNsDate, requireNsDate, toNsDate } from '../nsDate';
import {
	Col,
	SavedSearchSpec,
	andFilters,
	baseCurrencySettings,
	ensureSavedSearch,
	forEachRow,
	countByCustomer,
	CustomerCount,
	rawValue,
	requireColumns,
	valueOf,
} from './searchKit';

const DISPUTED = 'custbody_o2c_disputed';
const APPLYING = 'applyingtransaction';

/** Detail columns the forecast reads. */
const C = {
	entity: { name: 'entity' },
	subsidiary: { name: 'subsidiary' },
	tranDate: { name: 'trandate' },
	dueDate: { name: 'duedate' },
	amount: { name: 'amount' },
	fxAmount: { name: 'fxamount' },
	remaining: { name: 'amountremaining' },
	fxRemaining: { name: 'fxamountremaining' },
	appliedOn: { name: 'trandate', join: APPLYING },
	applyingType: { name: 'type', join: APPLYING },
	applied: { name: 'applyinglinkamount' },
	disputed: { name: DISPUTED },
} as const satisfies Record<string, Col>;

export const FORECAST_INPUT: SavedSearchSpec = {
	id: 'customsearch_o2c_forecast_input',
	title: 'O2C DSO: forecast input (invoices with their applications)',
	create: () =>
		search.create({
			type: 'transaction',
			settings: baseCurrencySettings(),
			filters: [['mainline', 'is', 'T'], 'AND', ['posting', 'is', 'T'], 'AND', ['type', 'anyof', 'CustInvc']],
			columns: [
				search.createColumn({ name: 'internalid', sort: search.Sort.ASC }),
				search.createColumn({ name: 'internalid', join: APPLYING, sort: search.Sort.ASC }),
				...Object.values(C).map((c: Col) => search.createColumn({ name: c.name, join: c.join })),
			],
		}),
};

/** The saved search narrowed to as-of date `asOf` (5 units to load; 10 the first time). */
function narrowed(asOf: CalendarDate, searchId: string | undefined): search.Search {
	const s = ensureSavedSearch(FORECAST_INPUT, searchId);
	andFilters(s, [
		['trandate', 'onorbefore', toNsDate(asOf)],
		'AND',
		[
			['status', 'anyof', 'CustInvc:A'],
			'OR',
			['closedate', 'onorafter', toNsDate(addDays(asOf, 1 - PREDICTION_RULES.lookbackDays))],
		],
	]);
	return s;
}

/**
 * The map/reduce input at `asOf`: every customer with an invoice open or paid in the look-back, its
 * subsidiaries and its detail rows, in input order (the narrowed search grouped: 10 + 5 per 1,000).
 * @example forecastInputCounts(asOf).get('100')?.rows
 */
export function forecastInputCounts(asOf: CalendarDate, searchId?: string): Map<string, CustomerCount> {
	return countByCustomer(narrowed(asOf, searchId));
}

/**
 * The invoices open at `asOf` (open now, or closed after it: a rerun of a past night), per customer:
 * the invoices that get a prediction record tonight (one row per invoice: 5 + 5 per 1,000).
 * @example forecastOpenInvoices(asOf).get('100') // Set { '2', '7' }
 */
export function forecastOpenInvoices(asOf: CalendarDate, searchId?: string): Map<string, Set<string>> {
	const s = narrowed(asOf, searchId);
	andFilters(s, [['status', 'anyof', 'CustInvc:A'], 'OR', ['closedate', 'after', toNsDate(asOf)]]);
	s.columns = [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), search.createColumn(C.entity)];
	const out = new Map<string, Set<string>>();
	forEachRow(s, (r) => {
		const customerId = valueOf(r, C.entity);
		const set = out.get(customerId);
		if (set === undefined) out.set(customerId, new Set([r.id]));
		else set.add(r.id);
	});
	return out;
}

/** A deposit application is cash the customer paid in advance: a payment. */
const KIND: Record<string, ApplicationKind> = { CustPymt: 'payment', DepAppl: 'payment', CustCred: 'credit' };

function minor(text: string): number {
	// Hundredths whatever the currency; the label only names the amount in messages.
	return Math.abs(fromDecimal(text, 'base').minor);
}

/** An invoice row with its customer and subsidiary, as the forecast works with it. */
export interface ForecastInputRow {
	readonly customerId: string;
	readonly subsidiaryId: string;
	readonly row: InvoiceRow;
}

function toRow(r: search.Result, nativeField: string | undefined): ForecastInputRow {
	const appliedOn = fromNsDate(valueOf(r, C.appliedOn));
	const disputed = rawValue(r, C.disputed);
	return {
		customerId: valueOf(r, C.entity),
		subsidiaryId: valueOf(r, C.subsidiary),
		row: {
			invoiceId: r.id,
			tranDate: requireNsDate(valueOf(r, C.tranDate), 'trandate'),
			dueDate: fromNsDate(valueOf(r, C.dueDate)),
			amountMinor: minor(valueOf(r, C.amount)),
			fxAmountMinor: minor(valueOf(r, C.fxAmount)),
			openNowMinor: minor(valueOf(r, C.remaining)),
			fxOpenNowMinor: minor(valueOf(r, C.fxRemaining)),
			disputed: disputed === true || disputed === 'T',
			application:
				appliedOn === null
					? null
					: {
							on: appliedOn,
							minor: minor(valueOf(r, C.applied)),
							kind: KIND[valueOf(r, C.applyingType)] ?? 'other',
						},
			nativePrediction: nativeField === undefined ? null : fromNsDate(valueOf(r, { name: nativeField })),
		},
	};
}

function rowsOf(s: search.Search, nativeField?: string): ForecastInputRow[] {
	requireColumns(s, Object.values(C), 'forecast input');
	if (nativeField !== undefined) s.columns = [...s.columns, search.createColumn({ name: nativeField })];
	const out: ForecastInputRow[] = [];
	forEachRow(s, (r) => out.push(toRow(r, nativeField)));
	return out;
}

/**
 * The detail rows at `asOf` of a batch of customers, per customer in the search's order: 5 (load)
 * + 5 (runPaged) + 5 per 1,000 rows for the whole batch.
 * @example forecastRowsOf(['100', '101'], asOf).get('100')
 */
export function forecastRowsOf(
	customerIds: readonly string[],
	asOf: CalendarDate,
	searchId?: string,
	nativeField?: string,
): Map<string, ForecastInputRow[]> {
	const out = new Map<string, ForecastInputRow[]>();
	if (customerIds.length === 0) return out;
	const s = narrowed(asOf, searchId);
	andFilters(s, [['entity', 'anyof', ...customerIds]]);
	for (const r of rowsOf(s, nativeField)) {
		const list = out.get(r.customerId);
		if (list === undefined) out.set(r.customerId, [r]);
		else list.push(r);
	}
	return out;
}

/** One subsidiary's invoices paid in full in the look-back ending `asOf` (5 units to load). */
function poolSearch(asOf: CalendarDate, subsidiaryId: string, searchId: string | undefined): search.Search {
	const s = ensureSavedSearch(FORECAST_INPUT, searchId);
	andFilters(s, [
		['subsidiary', 'anyof', subsidiaryId],
		'AND',
		['trandate', 'onorbefore', toNsDate(asOf)],
		'AND',
		['status', 'anyof', 'CustInvc:B'],
		'AND',
		['closedate', 'within', toNsDate(addDays(asOf, 1 - PREDICTION_RULES.lookbackDays)), toNsDate(asOf)],
	]);
	return s;
}

/**
 * One subsidiary's invoices paid in full in the look-back ending `asOf`: the rows of its pooled
 * histories (5 + 5 + 5 per 1,000 rows).
 * @example forecastPoolRows(asOf, '1')
 */
export function forecastPoolRows(asOf: CalendarDate, subsidiaryId: string, searchId?: string): ForecastInputRow[] {
	return rowsOf(poolSearch(asOf, subsidiaryId, searchId));
}

/**
 * The rows {@link forecastPoolRows} would read for each subsidiary (the search's result count,
 * nothing fetched: 10 units a subsidiary), so getInputData knows what building its pools costs.
 * @example forecastPoolRowCounts(asOf, ['1', '2']).get('2')
 */
export function forecastPoolRowCounts(
	asOf: CalendarDate,
	subsidiaryIds: readonly string[],
	searchId?: string,
): Map<string, number> {
	const out = new Map<string, number>();
	for (const id of subsidiaryIds) out.set(id, poolSearch(asOf, id, searchId).runPaged({ pageSize: 1000 }).count);
	return out;
}
