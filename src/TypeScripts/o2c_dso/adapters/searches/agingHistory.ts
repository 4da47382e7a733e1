/**
 * Aging at any date from two grouped searches, without per-invoice rows or stored snapshots
 * (domain/snapshotMath.ts does the arithmetic):
 * - open invoices now: GROUP subsidiary (or customer), trandate, duedate; SUM amountremaining;
 * - applications to invoices dated after a cut-off: GROUP subsidiary (or customer), trandate,
 *   duedate, applying transaction's trandate; SUM applyinglinkamount.
 * open(D') = open(now) + applications dated after D', for invoices dated ≤ D'. Applications dated
 * after the as-of date are included on purpose: on a live account "now" is later than a rerun's
 * as-of date, and those applications re-open what was paid since.
 *
 * By subsidiary (the nightly snapshot) or by customer within one subsidiary (the DSO alert names
 * the customers behind a bucket's growth at the prior period end).
 */
import * as search from 'N/search';
import { CalendarDate } from '../../domain/calendarDate';
import { abs, fromDecimal } from '../../domain/money';
import { ApplicationGroup, OpenInvoiceGroup, OpenItemHistory, buildOpenItemHistory } from '../../domain/snapshotMath';
import { fromNsDate, requireNsDate, toNsDate } from '../nsDate';
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
const CUSTOMER: Col = { name: 'entity', summary: G };
const TRANDATE: Col = { name: 'trandate', summary: G };
const DUEDATE: Col = { name: 'duedate', summary: G };
const APPLIED_ON: Col = { name: 'trandate', join: 'applyingtransaction', summary: G };
const OPEN: Col = { name: 'amountremaining', summary: search.Summary.SUM };
const APPLIED: Col = { name: 'applyinglinkamount', summary: search.Summary.SUM };

/** Transactions that reduce an invoice's open amount (not revaluations or returns). */
const APPLYING_TYPES = ['CustPymt', 'CustCred', 'DepAppl'];

function openSpec(id: string, title: string, key: Col): SavedSearchSpec {
	return {
		id,
		title,
		create: () =>
			search.create({
				type: 'invoice',
				settings: baseCurrencySettings(),
				filters: postedMainLines(['status', 'anyof', 'CustInvc:A']),
				columns: [key, TRANDATE, DUEDATE, OPEN].map(column),
			}),
	};
}

function applicationsSpec(id: string, title: string, key: Col): SavedSearchSpec {
	return {
		id,
		title,
		create: () =>
			search.create({
				type: 'invoice',
				settings: baseCurrencySettings(),
				filters: postedMainLines(['applyingtransaction.type', 'anyof', ...APPLYING_TYPES]),
				columns: [key, TRANDATE, DUEDATE, APPLIED_ON, APPLIED].map(column),
			}),
	};
}

export const OPEN_INVOICES_BY_SUBSIDIARY = openSpec(
	'customsearch_o2c_open_inv',
	'O2C DSO: open invoices by subsidiary, date and due date (base currency)',
	SUB,
);
export const APPLICATIONS_BY_SUBSIDIARY = applicationsSpec(
	'customsearch_o2c_inv_apps',
	'O2C DSO: invoice applications by subsidiary, invoice dates and application date',
	SUB,
);
export const OPEN_INVOICES_BY_CUSTOMER = openSpec(
	'customsearch_o2c_open_inv_cust',
	'O2C DSO: open invoices by customer, date and due date (base currency)',
	CUSTOMER,
);
export const APPLICATIONS_BY_CUSTOMER = applicationsSpec(
	'customsearch_o2c_inv_apps_cust',
	'O2C DSO: invoice applications by customer, invoice dates and application date',
	CUSTOMER,
);

/** Which grouping, and the saved-search ids to use (parameters may name admin copies). */
export interface AgingHistoryQuery {
	/** Latest as-of date the history will be asked for (invoices dated after it are left out). */
	readonly asOf: CalendarDate;
	/** Earliest date minus one: applications dated after this day are read. */
	readonly coveredAfter: CalendarDate;
	/** Group by customer within this subsidiary; omitted: group by subsidiary. */
	readonly customersOfSubsidiary?: string;
	readonly openSearchId?: string;
	readonly applicationsSearchId?: string;
}

/**
 * Loads open invoices and later applications, keyed by subsidiary id (or customer id), as an
 * {@link OpenItemHistory} for `openItemsAt`. `currencyOf` gives the base currency of a key.
 * Costs 2 × (5 load + 5 per 1,000 rows); 10 more the first time (saves).
 * @example openItemsAt(loadAgingHistory({ asOf, coveredAfter }, currencyOf), d('2026-04-27')).get('1')
 */
export function loadAgingHistory(q: AgingHistoryQuery, currencyOf: (key: string) => string): OpenItemHistory {
	const byCustomer = q.customersOfSubsidiary !== undefined;
	const key = byCustomer ? CUSTOMER : SUB;
	const scope: unknown[] = [['trandate', 'onorbefore', toNsDate(q.asOf)]];
	if (byCustomer) scope.push('AND', ['subsidiary', 'anyof', q.customersOfSubsidiary]);

	const openSearch = ensureSavedSearch(
		byCustomer ? OPEN_INVOICES_BY_CUSTOMER : OPEN_INVOICES_BY_SUBSIDIARY,
		q.openSearchId,
	);
	andFilters(openSearch, scope);
	const open: OpenInvoiceGroup[] = [];
	forEachRow(openSearch, (row) => {
		const k = valueOf(row, key);
		open.push({
			key: k,
			tranDate: requireNsDate(valueOf(row, TRANDATE), 'trandate'),
			dueDate: fromNsDate(valueOf(row, DUEDATE)),
			openMinor: fromDecimal(valueOf(row, OPEN), currencyOf(k)).minor,
		});
	});

	const appSearch = ensureSavedSearch(
		byCustomer ? APPLICATIONS_BY_CUSTOMER : APPLICATIONS_BY_SUBSIDIARY,
		q.applicationsSearchId,
	);
	andFilters(appSearch, [...scope, 'AND', ['applyingtransaction.trandate', 'after', toNsDate(q.coveredAfter)]]);
	const applications: ApplicationGroup[] = [];
	forEachRow(appSearch, (row) => {
		const k = valueOf(row, key);
		applications.push({
			key: k,
			tranDate: requireNsDate(valueOf(row, TRANDATE), 'trandate'),
			dueDate: fromNsDate(valueOf(row, DUEDATE)),
			appliedOn: requireNsDate(valueOf(row, APPLIED_ON), 'applyingtransaction.trandate'),
			appliedMinor: abs(fromDecimal(valueOf(row, APPLIED), currencyOf(k))).minor,
		});
	});
	return buildOpenItemHistory(open, applications, q.coveredAfter);
}
