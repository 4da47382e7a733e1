/**
 * The customer metrics inputs, both from one saved search, `customsearch_o2c_cust_metrics_input`:
 * A/R main lines (invoices, payments, credit memos; base currency) with the invoices' applications
 * outer-joined (one row per application). At runtime it is narrowed to what D needs: invoices dated
 * ≤ D that are open now or were closed on or after D − 364 (closed in the 365 days ending D, or
 * open at D and paid since), and payments / credit memos dated ≤ D with an unapplied amount.
 *
 * - The map/reduce input is that search **grouped by customer and subsidiary** with a row count,
 *   read by getInputData (5 + 5 per 1,000 customers) and cut into batches of customers
 *   (adapters/customerRun.ts): map/reduce keeps every input key and value until it is processed,
 *   and persisted data is capped at 200 MB at any one time (Oracle help "Map/Reduce Governance",
 *   PERSISTED_DATA_LIMIT_FOR_MAPREDUCE_SCRIPT_EXCEEDED). One detail row per invoice application
 *   made 355 MB on the L account (1M invoices); a batch costs a few bytes per customer.
 * - Each reduce (one batch) runs the detail search for its customers alone (`entity anyof`),
 *   5 units to load it, 5 to run it and 5 per 1,000 rows, however many customers it holds.
 *
 * Both read the same saved search, so an admin's change to it (say, leaving out intercompany
 * customers) applies to which customers are computed and to their rows alike. The detail rows are
 * sorted by invoice and applying transaction internal id: a customer with more than 1,000 rows is
 * read in several pages, which needs a unique order. The invoices' disputed flag
 * (`custbody_o2c_disputed`) tells the payment behaviour which invoices to leave out of the
 * customer's lateness statistics.
 */
import * as search from 'N/search';
import { CalendarDate, addDays } from '../../domain/calendarDate';
import { abs, fromDecimal, Minor, zeroMinor } from '../../domain/money';
import type { CustomerRow } from '../../app/customers/customerMetrics';
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
	postedMainLines,
	rawValue,
	requireColumns,
	valueOf,
} from './searchKit';

/** Days of closed-invoice history the payment behaviour uses. */
export const HISTORY_DAYS = 365;

/** The invoice body checkbox marking a disputed invoice. */
const DISPUTED = 'custbody_o2c_disputed';

const APPLYING = 'applyingtransaction';

/** Detail columns the reduce reads. */
const C = {
	id: { name: 'internalid' },
	type: { name: 'type' },
	entity: { name: 'entity' },
	subsidiary: { name: 'subsidiary' },
	tranDate: { name: 'trandate' },
	dueDate: { name: 'duedate' },
	amount: { name: 'amount' },
	remaining: { name: 'amountremaining' },
	appliedOn: { name: 'trandate', join: APPLYING },
	applyingType: { name: 'type', join: APPLYING },
	applied: { name: 'applyinglinkamount' },
	disputed: { name: DISPUTED },
} as const satisfies Record<string, Col>;

export const CUSTOMER_INPUT: SavedSearchSpec = {
	id: 'customsearch_o2c_cust_metrics_input',
	title: 'O2C DSO: customer metrics input (invoices with applications, unapplied payments and credits)',
	create: () =>
		search.create({
			type: 'transaction',
			settings: baseCurrencySettings(),
			filters: postedMainLines(['type', 'anyof', 'CustInvc', 'CustPymt', 'CustCred']),
			columns: [
				search.createColumn({ name: 'internalid', sort: search.Sort.ASC }),
				search.createColumn({ name: 'internalid', join: APPLYING, sort: search.Sort.ASC }),
				...[
					C.type,
					C.entity,
					C.subsidiary,
					C.tranDate,
					C.dueDate,
					C.amount,
					C.remaining,
					C.appliedOn,
					C.applyingType,
					C.applied,
					C.disputed,
				].map((c: Col) => search.createColumn({ name: c.name, join: c.join })),
			],
		}),
};

/** The saved search narrowed to as-of date `asOf` (5 units to load; 10 the first time). */
function narrowed(asOf: CalendarDate, searchId: string | undefined): search.Search {
	const s = ensureSavedSearch(CUSTOMER_INPUT, searchId);
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

/**
 * The map/reduce input at `asOf`: every customer with anything to compute, its subsidiaries and its
 * detail rows, in input order (the narrowed search grouped: 10 + 5 per 1,000 customers).
 * @example getInputData: () => batchCustomers([...customerInputCounts(asOf).values()].map(...), caps)
 */
export function customerInputCounts(asOf: CalendarDate, searchId?: string): Map<string, CustomerCount> {
	return countByCustomer(narrowed(asOf, searchId));
}

const KINDS: Record<string, CustomerRow['kind']> = { CustInvc: 'invoice', CustPymt: 'payment', CustCred: 'credit' };

/** Minor units of a decimal amount (hundredths whatever the currency; the label is only for messages). */
function minor(text: string): Minor {
	return abs(fromDecimal(text, 'base')).minor;
}

/** One detail row as plain data. */
function toRow(r: search.Result): CustomerRow {
	const type = valueOf(r, C.type);
	const kind = KINDS[type];
	if (kind === undefined)
		throw new Error(
			`Unexpected transaction type ${JSON.stringify(type)} in the customer metrics input (row ${r.id})`,
		);
	const appliedOn = kind === 'invoice' ? fromNsDate(valueOf(r, C.appliedOn)) : null;
	const disputed = rawValue(r, C.disputed);
	return {
		kind,
		transactionId: r.id,
		subsidiaryId: valueOf(r, C.subsidiary),
		tranDate: requireNsDate(valueOf(r, C.tranDate), 'trandate'),
		dueDate: fromNsDate(valueOf(r, C.dueDate)),
		amountMinor: minor(valueOf(r, C.amount)),
		remainingMinor: minor(valueOf(r, C.remaining)),
		appliedOn,
		appliedMinor: appliedOn === null ? zeroMinor() : minor(valueOf(r, C.applied)),
		applyingType: appliedOn === null ? '' : valueOf(r, C.applyingType),
		disputed: kind === 'invoice' && (disputed === true || disputed === 'T'),
	};
}

/**
 * The detail rows at `asOf` of a batch of customers (invoices once per application, unapplied
 * payments and credit memos), per customer in the search's order. Costs 5 (load) + 5 (runPaged) +
 * 5 per 1,000 rows, for the whole batch.
 * @example customerRowsOf(['100', '101'], asOf).get('100')
 */
export function customerRowsOf(
	customerIds: readonly string[],
	asOf: CalendarDate,
	searchId?: string,
): Map<string, CustomerRow[]> {
	const out = new Map<string, CustomerRow[]>();
	if (customerIds.length === 0) return out;
	const s = narrowed(asOf, searchId);
	requireColumns(s, Object.values(C), 'customer metrics input');
	andFilters(s, [['entity', 'anyof', ...customerIds]]);
	forEachRow(s, (r) => {
		const customerId = valueOf(r, C.entity);
		const list = out.get(customerId);
		if (list === undefined) out.set(customerId, [toRow(r)]);
		else list.push(toRow(r));
	});
	return out;
}
