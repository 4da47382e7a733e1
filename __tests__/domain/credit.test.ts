/**
 * Credit utilisation: one definition, (balance + unbilled orders) ÷ credit limit, all three in the
 * customer's currency (domain/credit.ts cites where NetSuite keeps them). The adapter that reads
 * them is tested in __tests__/unit/customerCredit.unit.test.ts.
 */
import { creditUtilisation } from '../../src/TypeScripts/o2c_dso/domain/credit';
import { m } from '../support/minor';

describe('creditUtilisation', () => {
	it.each<[string, number | null, number, number, number | null]>([
		// name, limit, balance, unbilled orders (minor units), expected
		['balance only: 1,100 / 2,000', 200000, 110000, 0, 0.55],
		['orders count: (1,100 + 900) / 2,000 = 100 %', 200000, 110000, 90000, 1],
		['over the limit: (2,400 + 300) / 2,000', 200000, 240000, 30000, 1.35],
		['a credit balance larger than the orders: (−500 + 100) / 2,000', 200000, -50000, 10000, -0.2],
		['no limit', null, 110000, 0, null],
		['a zero limit is no limit (NetSuite checks nothing)', 0, 110000, 0, null],
	])('%s', (_name, limitMinor, balanceMinor, unbilledOrdersMinor, expected) => {
		const limit = limitMinor === null ? null : m<'EUR'>(limitMinor);
		expect(
			creditUtilisation({
				currency: 'EUR',
				limitMinor: limit,
				balanceMinor: m(balanceMinor),
				unbilledOrdersMinor: m(unbilledOrdersMinor),
			}),
		).toBe(expected);
	});
	it('refuses amounts that are not minor units', () => {
		expect(() =>
			creditUtilisation({ currency: 'USD', limitMinor: m(100), balanceMinor: m(1.5), unbilledOrdersMinor: m(0) }),
		).toThrow(/balanceMinor must be integer minor units/);
	});
});
