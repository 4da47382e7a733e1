/**
 * Unit layer (Oracle's @oracle/suitecloud-unit-testing stubs, jest.config.js maps `N/*` to them):
 * the one reader of the customer's credit position, fed the value SHAPES N/search documents
 * (lookupFields: a select as `[{ value, text }]`, an empty field as `''` or null; search results
 * through runPaged pages) rather than an emulated account. What it proves: the adapter reads the
 * currency as the currency record's symbol (not the select's display text), converts every amount
 * with the customer's currency, spends the lookups it says, and names the customer it cannot read.
 */
import * as search from 'N/search';
import {
	creditOfCustomer,
	creditOfSubsidiaryCustomers,
} from '../../src/TypeScripts/o2c_dso/adapters/searches/customerCredit';

jest.mock('N/search');

const lookupFields = search.lookupFields as unknown as jest.Mock<unknown, [{ type: string }]>;
const create = search.create as unknown as jest.Mock<
	unknown,
	[{ type: string; filters?: unknown; columns?: string[] }]
>;
const createColumn = search.createColumn as unknown as jest.Mock;

/** lookupFields answering per record type, as NetSuite returns the columns asked for. */
function lookups(byType: Record<string, Record<string, unknown>>): void {
	lookupFields.mockImplementation((o) => byType[o.type] ?? {});
}

beforeEach(() => {
	jest.clearAllMocks();
	createColumn.mockImplementation((o: unknown) => o);
});

describe('creditOfCustomer (lookupFields)', () => {
	it("reads limit, balance and unbilled orders in the customer's currency, its ISO code from the currency record", () => {
		lookups({
			customer: {
				currency: [{ value: '2', text: 'Euro' }],
				creditlimit: '150000',
				balance: '135000.00',
				unbilledorders: '7500',
			},
			currency: { symbol: 'EUR' },
		});
		expect(creditOfCustomer('300')).toEqual({
			currency: 'EUR',
			limitMinor: 15000000,
			balanceMinor: 13500000,
			unbilledOrdersMinor: 750000,
		});
		// two lookups: the customer, then the currency (1 unit each)
		expect(lookupFields.mock.calls.map(([o]) => o.type)).toEqual(['customer', 'currency']);
	});
	it("skips the currency lookup when the caller already knows that currency's code (the subsidiary's)", () => {
		lookups({
			customer: {
				currency: [{ value: '1', text: 'US Dollar' }],
				creditlimit: '',
				balance: '-20.5',
				unbilledorders: '',
			},
		});
		// no limit: null; a credit balance stays negative; an empty unbilled amount is zero
		expect(creditOfCustomer('100', { id: '1', code: 'USD' })).toEqual({
			currency: 'USD',
			limitMinor: null,
			balanceMinor: -2050,
			unbilledOrdersMinor: 0,
		});
		expect(lookupFields).toHaveBeenCalledTimes(1);
	});
	it('a zero limit is no limit; an empty field read as null by NetSuite is empty', () => {
		lookups({
			customer: {
				currency: [{ value: '1', text: 'US Dollar' }],
				creditlimit: '0.00',
				balance: null,
				unbilledorders: null,
			},
			currency: { symbol: 'USD' },
		});
		expect(creditOfCustomer('100')).toEqual({
			currency: 'USD',
			limitMinor: null,
			balanceMinor: 0,
			unbilledOrdersMinor: 0,
		});
	});
	it('names the customer whose currency it cannot read', () => {
		lookups({ customer: { currency: [], creditlimit: '1', balance: '1', unbilledorders: '' } });
		expect(() => creditOfCustomer('42')).toThrow('Customer 42 has no currency');
	});
});

/** A search.Result as runPaged pages hold them: `id` and getValue by column name. */
function result(id: string, values: Record<string, string>): { id: string; getValue: (c: unknown) => string } {
	return { id, getValue: (c) => values[typeof c === 'string' ? c : (c as { name: string }).name] ?? '' };
}

/**
 * A search as search.create returns it, with the columns it was created with (the paging adds a
 * sort column: createColumn answers with its options) and one runPaged page of `rows`.
 */
function searchOf(options: { type: string; columns?: unknown[] }, rows: unknown[]): unknown {
	return {
		columns: options.columns ?? [],
		runPaged: () => ({ pageRanges: [{ index: 0 }], fetch: () => ({ data: rows }) }),
	};
}

describe('creditOfSubsidiaryCustomers (one search of the subsidiary)', () => {
	it('gives every customer its own currency, limits and balances in it', () => {
		create.mockImplementation((o) =>
			o.type === 'currency'
				? searchOf(o, [
						result('1', { internalid: '1', symbol: 'USD' }),
						result('3', { internalid: '3', symbol: 'CAD' }),
					])
				: searchOf(o, [
						result('100', {
							companyname: 'Acme',
							currency: '1',
							creditlimit: '2000',
							balance: '1100',
							unbilledorders: '',
						}),
						result('101', {
							entityid: 'C-101',
							currency: '3',
							creditlimit: '',
							balance: '50.25',
							unbilledorders: '10',
						}),
					]),
		);
		const rows = creditOfSubsidiaryCustomers('1');
		expect(rows.get(100)).toEqual({
			id: 100,
			name: 'Acme',
			credit: { currency: 'USD', limitMinor: 200000, balanceMinor: 110000, unbilledOrdersMinor: 0 },
		});
		// no company name: the entity id; a CAD customer of a USD subsidiary stays in CAD
		expect(rows.get(101)).toEqual({
			id: 101,
			name: 'C-101',
			credit: { currency: 'CAD', limitMinor: null, balanceMinor: 5025, unbilledOrdersMinor: 1000 },
		});
		const customerSearch = create.mock.calls.find(([o]) => o.type === 'customer')?.[0];
		expect(customerSearch?.filters).toEqual([['subsidiary', 'anyof', '1']]);
		expect(customerSearch?.columns).toEqual(
			expect.arrayContaining(['currency', 'creditlimit', 'balance', 'unbilledorders']),
		);
	});
	it('names a customer whose currency is not a known currency record', () => {
		create.mockImplementation((o) =>
			o.type === 'currency' ? searchOf(o, []) : searchOf(o, [result('7', { currency: '9', balance: '1' })]),
		);
		expect(() => creditOfSubsidiaryCustomers('1')).toThrow('Customer 7 has no currency (currency "9")');
	});
});
