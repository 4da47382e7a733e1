/**
 * `customsearch_o2c_forecast_input`: invoice main lines (posting, base currency) with their
 * applications outer-joined, one row per application (payment, credit memo or deposit
 * application). At run time it is narrowed to what D needs: invoices dated ≤ D that are open now
 * or were closed on or after D − 364 (history of the 365 days ending D, and invoices open at D
 * that were paid since on a rerun). The forecast map/reduce reads it twice: as its input (every
 * customer, paged by the platform outside governance) and, per subsidiary, for the pooled
 * histories (only invoices paid in full: `forecastPoolSearch`).
 *
 * When the deployment names NetSuite's own predicted-payment-date field
 * (`custscript_o2c_fc_native_field`, empty by default: its internal id is not documented), the
 * column is added at run time so both dates can be stored side by side.
 */
import * as search from 'N/search';
import { CalendarDate, addDays } from '../../domain/calendarDate';
import { fromDecimal } from '../../domain/money';
import type { ApplicationKind, InvoiceRow } from '../../domain/paymentHistory';
import { fromNsDate, requireNsDate, toNsDate } from '../nsDate';
import { SavedSearchSpec, andFilters, baseCurrencySettings, ensureSavedSearch } from './searchKit';
import { PREDICTION_RULES } from '../../domain/paymentPrediction';

const DISPUTED = 'custbody_o2c_disputed';

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
				'entity',
				'subsidiary',
				'trandate',
				'duedate',
				'amount',
				'fxamount',
				'amountremaining',
				'fxamountremaining',
				DISPUTED,
				search.createColumn({ name: 'trandate', join: 'applyingtransaction' }),
				search.createColumn({ name: 'type', join: 'applyingtransaction' }),
				search.createColumn({ name: 'internalid', join: 'applyingtransaction', sort: search.Sort.ASC }),
				'applyinglinkamount',
			],
		}),
};

function addNativeColumn(s: search.Search, nativeField: string | undefined): void {
	if (nativeField === undefined) return;
	s.columns = [...s.columns, search.createColumn({ name: nativeField })];
}

/**
 * The map/reduce input at `asOf` (5 units to load; 10 the first time).
 * @example getInputData: () => forecastInputSearch(asOf)
 */
export function forecastInputSearch(asOf: CalendarDate, searchId?: string, nativeField?: string): search.Search {
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
	addNativeColumn(s, nativeField);
	return s;
}

/**
 * One subsidiary's invoices paid in full in the look-back ending `asOf`: the rows of its pooled
 * histories (read with runPaged: 5 + 5 units per 1,000 rows).
 * @example forecastPoolSearch(asOf, '1')
 */
export function forecastPoolSearch(asOf: CalendarDate, subsidiaryId: string, searchId?: string): search.Search {
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

type JsonValue = string | { value?: string; text?: string } | boolean | null | undefined;

/** A value as map (JSON) or a Result gives it: `name`, or `name.join` for joined columns. */
function field(values: Record<string, JsonValue>, name: string, join?: string): string {
	const v = join === undefined ? values[name] : (values[`${name}.${join}`] ?? values[`${join}.${name}`]);
	if (v === undefined || v === null || typeof v === 'boolean') return '';
	if (typeof v === 'object') return v.value ?? '';
	return v;
}

/** A deposit application is cash the customer paid in advance: a payment. */
const KIND: Record<string, ApplicationKind> = { CustPymt: 'payment', DepAppl: 'payment', CustCred: 'credit' };

function minor(text: string): number {
	// Hundredths whatever the currency; the label only names the amount in messages.
	return Math.abs(fromDecimal(text, 'base').minor);
}

/** An invoice row and its customer and subsidiary, as the forecast works with it. */
export interface ForecastInputRow {
	readonly customerId: string;
	readonly subsidiaryId: string;
	readonly row: InvoiceRow;
}

/**
 * Parses one input row given as map receives it (`JSON.stringify` of a search result).
 * @example parseForecastRow(context.value, nativeField)
 */
export function parseForecastRow(json: string, nativeField?: string): ForecastInputRow {
	const r = JSON.parse(json) as { id?: string; values?: Record<string, JsonValue> };
	const values = r.values ?? {};
	const appliedOn = fromNsDate(field(values, 'trandate', 'applyingtransaction'));
	const applyingType = field(values, 'type', 'applyingtransaction');
	const disputed = values[DISPUTED];
	return {
		customerId: field(values, 'entity'),
		subsidiaryId: field(values, 'subsidiary'),
		row: {
			invoiceId: r.id ?? field(values, 'internalid'),
			tranDate: requireNsDate(field(values, 'trandate'), 'trandate'),
			dueDate: fromNsDate(field(values, 'duedate')),
			amountMinor: minor(field(values, 'amount')),
			fxAmountMinor: minor(field(values, 'fxamount')),
			openNowMinor: minor(field(values, 'amountremaining')),
			fxOpenNowMinor: minor(field(values, 'fxamountremaining')),
			disputed: disputed === true || disputed === 'T' || disputed === 'true',
			application:
				appliedOn === null
					? null
					: {
							on: appliedOn,
							minor: minor(field(values, 'applyinglinkamount')),
							kind: KIND[applyingType] ?? 'other',
						},
			nativePrediction: nativeField === undefined ? null : fromNsDate(field(values, nativeField)),
		},
	};
}

/**
 * The same from a search Result (the pool search is read in the reduce, not handed to map).
 * @example parseForecastResult(row)
 */
export function parseForecastResult(row: search.Result): ForecastInputRow {
	return parseForecastRow(JSON.stringify(row));
}
