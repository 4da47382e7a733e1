/**
 * The ONE reader of a customer's credit position: `creditlimit`, `balance` and `unbilledorders` of
 * the customer record, in the customer's (primary) currency, which is where NetSuite keeps all
 * three (`domain/credit.ts` cites the Oracle help), so they are converted with that currency's
 * code and never with the subsidiary's. The DSO alert (every customer of a subsidiary, one search)
 * and the customer metrics (a batch of customers, one search) both come here, so utilisation has one
 * definition and one currency everywhere. An empty or zero limit means "no limit" (NetSuite then
 * checks nothing). The currency's ISO code is the currency record's `symbol` (the select's text
 * is the currency's name). The customer metrics read a batch of customers in one search
 * ({@link creditOfCustomers}).
 */
import * as search from 'N/search';
import type { CreditPosition } from '../../domain/credit';
import { fromDecimal } from '../../domain/money';
import { loadCurrencyCodes } from './subsidiaries';
import { forEachRow, valueOf } from './searchKit';

/** Customer fields the credit position is made of. */
const CREDIT_COLUMNS = ['currency', 'creditlimit', 'balance', 'unbilledorders'];

type LookupValue = search.LookupValueObject[] | string | number | boolean | null | undefined;

/** A text, number or checkbox value of search.lookupFields as text; `''` when empty or a select. */
function scalarText(v: LookupValue): string {
	return v === null || v === undefined || Array.isArray(v) ? '' : String(v);
}

/** The internal id of a select value of search.lookupFields (`[{ value, text }]`), `''` when empty. */
export function selectId(v: LookupValue): string {
	return Array.isArray(v) ? (v[0]?.value ?? '') : scalarText(v);
}

/** The ISO code of a currency internal id (its `symbol`, 1 unit); `''` when the id is empty. */
export function currencyCode(currencyId: string): string {
	if (currencyId === '') return '';
	return scalarText(search.lookupFields({ type: 'currency', id: currencyId, columns: ['symbol'] }).symbol);
}

/**
 * The position from the record's three decimal texts, in `currency` (the customer's ISO code).
 * @example creditPositionOf('USD', '2000', '1100.00', '') // { currency: 'USD', limitMinor: 200000, balanceMinor: 110000, unbilledOrdersMinor: 0 }
 */
function creditPositionOf(currency: string, limit: string, balance: string, unbilled: string): CreditPosition {
	const limitMinor = limit.trim() === '' ? null : fromDecimal(limit, currency).minor;
	return {
		currency,
		limitMinor: limitMinor !== null && limitMinor > 0 ? limitMinor : null,
		balanceMinor: fromDecimal(balance, currency).minor,
		unbilledOrdersMinor: fromDecimal(unbilled, currency).minor,
	};
}

/**
 * The credit position of each of `customerIds` (one search: 5 + 5 per 1,000 customers), or the
 * error that customer's position has (no currency; not a customer), so one bad customer fails
 * alone; `codes` maps currency internal ids to ISO codes (loadCurrencyCodes).
 * @example creditOfCustomers(['100'], loadCurrencyCodes()).get('100')
 */
export function creditOfCustomers(
	customerIds: readonly string[],
	codes: ReadonlyMap<string, string>,
): Map<string, CreditPosition | Error> {
	const out = new Map<string, CreditPosition | Error>();
	if (customerIds.length === 0) return out;
	const s = search.create({
		type: 'customer',
		filters: [['internalid', 'anyof', ...customerIds]],
		columns: CREDIT_COLUMNS,
	});
	forEachRow(s, (row) => {
		const currencyId = valueOf(row, { name: 'currency' });
		const code = codes.get(currencyId) ?? '';
		const id = row.id;
		out.set(
			id,
			code === ''
				? new Error(`Customer ${id} has no currency (currency ${JSON.stringify(currencyId)})`)
				: creditPositionOf(
						code,
						valueOf(row, { name: 'creditlimit' }),
						valueOf(row, { name: 'balance' }),
						valueOf(row, { name: 'unbilledorders' }),
					),
		);
	});
	for (const id of customerIds)
		if (!out.has(id)) out.set(id, new Error(`Customer ${id} was not found as a customer record`));
	return out;
}

/** A customer of a subsidiary with its name and credit position. */
export interface CustomerCreditRow {
	readonly id: number;
	readonly name: string;
	readonly credit: CreditPosition;
}

/**
 * Every customer of a subsidiary with its name and credit position (10 units for the currency
 * codes unless `known` gives them, then 5 + 5 per 1,000 customers).
 * @example creditOfSubsidiaryCustomers('1').get(100)?.credit.limitMinor
 */
export function creditOfSubsidiaryCustomers(
	subsidiaryId: string,
	known?: ReadonlyMap<string, string>,
): Map<number, CustomerCreditRow> {
	const codes = known ?? loadCurrencyCodes();
	const s = search.create({
		type: 'customer',
		filters: [['subsidiary', 'anyof', subsidiaryId]],
		columns: ['entityid', 'companyname', ...CREDIT_COLUMNS],
	});
	const out = new Map<number, CustomerCreditRow>();
	forEachRow(s, (row) => {
		const id = Number(row.id);
		const currencyId = valueOf(row, { name: 'currency' });
		const code = codes.get(currencyId) ?? '';
		if (code === '') throw new Error(`Customer ${row.id} has no currency (currency ${JSON.stringify(currencyId)})`);
		out.set(id, {
			id,
			name: valueOf(row, { name: 'companyname' }) || valueOf(row, { name: 'entityid' }) || `Customer ${row.id}`,
			credit: creditPositionOf(
				code,
				valueOf(row, { name: 'creditlimit' }),
				valueOf(row, { name: 'balance' }),
				valueOf(row, { name: 'unbilledorders' }),
			),
		});
	});
	return out;
}
