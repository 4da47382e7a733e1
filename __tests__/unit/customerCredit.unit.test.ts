/**
 * Unit layer (Oracle's @oracle/suitecloud-unit-testing stubs, jest.config.js maps `N/*` to them):
 * the one reader of the customer's credit position, fed the value SHAPES N/search documents
 * (search results through runPaged pages) rather than an emulated account. What it proves: the
 * adapter maps the currency select's internal id to the currency record's symbol (not the select's
 * display text), converts every amount with the customer's currency, spends the searches it says,
 * and names the customer it cannot read.
 */
import * as search from 'N/search';
import {
	creditOfCustomers,
	creditOfSubsidiaryCustomers,
} from '../../src/TypeScripts/o2c_dso/adapters/searches/customerCredit';

jest.mock('N/search');

const create = search.create as unknown as jest.Mock<
	unknown,
	[{ type: string; filters?: unknown; columns?: string[] }]
>;
const createColumn = search.createColumn as unknown as jest.Mock;

beforeEach(() => {
	jest.clearAllMocks();
	createColumn.mockImplementation((o: unknown) => o);
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

describe("creditOfCustomers (one search of a batch of customers, the customer metrics' reader)", () => {
	const codes = new Map([
		['1', 'USD'],
		['2', 'EUR'],
	]);
	it("reads limit, balance and unbilled orders in each customer's own currency, one search for the batch", () => {
		create.mockImplementation((o) =>
			searchOf(o, [
				result('300', { currency: '2', creditlimit: '150000', balance: '135000.00', unbilledorders: '7500' }),
				result('100', { currency: '1', creditlimit: '', balance: '-20.5', unbilledorders: '' }),
				result('101', { currency: '1', creditlimit: '0.00', balance: '', unbilledorders: '' }),
			]),
		);
		const got = creditOfCustomers(['300', '100', '101'], codes);
		expect(got.get('300')).toEqual({
			currency: 'EUR',
			limitMinor: 15000000,
			balanceMinor: 13500000,
			unbilledOrdersMinor: 750000,
		});
		// no limit: null; a credit balance stays negative; an empty unbilled amount is zero
		expect(got.get('100')).toEqual({
			currency: 'USD',
			limitMinor: null,
			balanceMinor: -2050,
			unbilledOrdersMinor: 0,
		});
		// a zero limit is no limit; an empty balance is zero
		expect(got.get('101')).toEqual({ currency: 'USD', limitMinor: null, balanceMinor: 0, unbilledOrdersMinor: 0 });
		expect(create).toHaveBeenCalledTimes(1);
		expect(create.mock.calls[0]?.[0].filters).toEqual([['internalid', 'anyof', '300', '100', '101']]);
	});
	it('a customer without a known currency, or not found, fails alone with an error naming it', () => {
		create.mockImplementation((o) =>
			searchOf(o, [
				result('42', { currency: '9', creditlimit: '1', balance: '1', unbilledorders: '' }),
				result('100', { currency: '1', creditlimit: '', balance: '5', unbilledorders: '' }),
			]),
		);
		const got = creditOfCustomers(['42', '100', '77'], codes);
		expect(got.get('42')).toEqual(new Error('Customer 42 has no currency (currency "9")'));
		expect(got.get('77')).toEqual(new Error('Customer 77 was not found as a customer record'));
		expect(got.get('100')).toEqual({
			currency: 'USD',
			limitMinor: null,
			balanceMinor: 500,
			unbilledOrdersMinor: 0,
		});
	});
	it('no customers: no search', () => {
		expect(creditOfCustomers([], codes).size).toBe(0);
		expect(create).not.toHaveBeenCalled();
	});
});

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
