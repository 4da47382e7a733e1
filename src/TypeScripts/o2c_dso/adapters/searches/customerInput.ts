/**
 * The customer metrics map/reduce input, `customsearch_o2c_cust_metrics_input`: A/R main lines
 * (invoices, payments, credit memos; base currency) with the invoices' applications outer-joined
 * (one row per application). At runtime it is narrowed to what D needs: invoices dated ≤ D that
 * are open now or were closed on or after D − 364 (closed in the 365 days ending D, or open at D
 * and paid since), and payments / credit memos dated ≤ D with an unapplied amount. Per-invoice
 * rows are why this is a map/reduce: they grow with invoices, and the platform pages the input
 * outside the 10,000-unit budget. The invoices' disputed flag (`custbody_o2c_disputed`) tells the
 * payment behaviour which invoices to leave out of the customer's lateness statistics.
 */
import * as search from 'N/search';
import { CalendarDate, addDays } from '../../domain/calendarDate';
import { fromDecimal } from '../../domain/money';
import type { CustomerRow } from '../../app/customers/customerMetrics';
import { fromNsDate, requireNsDate, toNsDate } from '../nsDate';
import { SavedSearchSpec, andFilters, baseCurrencySettings, ensureSavedSearch } from './searchKit';

/** Days of closed-invoice history the payment behaviour uses. */
export const HISTORY_DAYS = 365;

/** The invoice body checkbox marking a disputed invoice. */
const DISPUTED = 'custbody_o2c_disputed';

export const CUSTOMER_INPUT: SavedSearchSpec = {
	id: 'customsearch_o2c_cust_metrics_input',
	title: 'O2C DSO: customer metrics input (invoices with applications, unapplied payments and credits)',
	create: () =>
		search.create({
			type: 'transaction',
			settings: baseCurrencySettings(),
			filters: [
				['mainline', 'is', 'T'],
				'AND',
				['posting', 'is', 'T'],
				'AND',
				['type', 'anyof', 'CustInvc', 'CustPymt', 'CustCred'],
			],
			columns: [
				'internalid',
				'type',
				'entity',
				'subsidiary',
				'trandate',
				'duedate',
				'amount',
				'fxamount',
				'amountremaining',
				'fxamountremaining',
				search.createColumn({ name: 'trandate', join: 'applyingtransaction' }),
				search.createColumn({ name: 'type', join: 'applyingtransaction' }),
				'applyinglinkamount',
				DISPUTED,
			],
		}),
};

/**
 * The input search narrowed to as-of date `asOf` (5 units to load; 10 the first time).
 * @example getInputData: () => customerInputSearch(today)
 */
export function customerInputSearch(asOf: CalendarDate, searchId?: string): search.Search {
	const s = ensureSavedSearch(CUSTOMER_INPUT, searchId);
	// A search saved before the disputed column existed gets it added here (not saved).
	const hasDisputed = s.columns.some((c) =>
		typeof c === 'string' ? c === DISPUTED : c.name === DISPUTED && !c.join,
	);
	if (!hasDisputed) s.columns = [...s.columns, search.createColumn({ name: DISPUTED })];
	andFilters(s, [
		['trandate', 'onorbefore', toNsDate(asOf)],
		'AND',
		[
			[
				['type', 'anyof', 'CustInvc'],
				'AND',
				[
					['status', 'anyof', 'CustInvc:A'],
					'OR',
					['closedate', 'onorafter', toNsDate(addDays(asOf, 1 - HISTORY_DAYS))],
				],
			],
			'OR',
			[['type', 'anyof', 'CustPymt', 'CustCred'], 'AND', ['amountremaining', 'greaterthan', '0']],
		],
	]);
	return s;
}

type JsonValue = string | { value?: string; text?: string } | boolean | null | undefined;

/** A value of a search result as map receives it (`name`, or `name.join` for joined columns). */
function field(values: Record<string, JsonValue>, name: string, join?: string): string {
	const v = join === undefined ? values[name] : (values[`${name}.${join}`] ?? values[`${join}.${name}`]);
	if (v === undefined || v === null || typeof v === 'boolean') return '';
	if (typeof v === 'object') return v.value ?? '';
	return v;
}

const KINDS: Record<string, CustomerRow['kind']> = { CustInvc: 'invoice', CustPymt: 'payment', CustCred: 'credit' };

/** A checkbox as map receives it: true, or "T" in some result serialisations. */
function isChecked(v: JsonValue): boolean {
	return v === true || v === 'T' || v === 'true';
}

/** Minor units of a decimal amount (hundredths whatever the currency; the label is only for messages). */
function minor(text: string): number {
	return Math.abs(fromDecimal(text, 'base').minor);
}

/**
 * Parses one input row as map receives it (`context.value`): customer id and the plain row.
 * @example const { customerId, row } = parseInputRow(context.value)
 */
export function parseInputRow(json: string): { customerId: string; row: CustomerRow } {
	const r = JSON.parse(json) as { id?: string; values?: Record<string, JsonValue> };
	const values = r.values ?? {};
	const type = field(values, 'type');
	const kind = KINDS[type];
	if (kind === undefined)
		throw new Error(
			`Unexpected transaction type ${JSON.stringify(type)} in the customer metrics input (row ${String(r.id)})`,
		);
	const customerId = field(values, 'entity');
	const appliedOn = kind === 'invoice' ? fromNsDate(field(values, 'trandate', 'applyingtransaction')) : null;
	return {
		customerId,
		row: {
			kind,
			transactionId: r.id ?? field(values, 'internalid'),
			subsidiaryId: field(values, 'subsidiary'),
			tranDate: requireNsDate(field(values, 'trandate'), 'trandate'),
			dueDate: fromNsDate(field(values, 'duedate')),
			amountMinor: minor(field(values, 'amount')),
			remainingMinor: minor(field(values, 'amountremaining')),
			fxRemainingMinor: minor(field(values, 'fxamountremaining')),
			fxAmountMinor: minor(field(values, 'fxamount')),
			appliedOn,
			appliedMinor: appliedOn === null ? 0 : minor(field(values, 'applyinglinkamount')),
			applyingType: appliedOn === null ? '' : field(values, 'type', 'applyingtransaction'),
			disputed: kind === 'invoice' && isChecked(values[DISPUTED]),
		},
	};
}
