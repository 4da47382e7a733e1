/**
 * The reference computation (__tests__/support/oracle.ts) checked on tiny datasets whose figures
 * are computed by hand here, including the worked example of ../shared/dataset-format.md §2
 * (A/R 7,820,000 with 30-day sales 4,020,000 → 58.36; prior 6,140,000 / 3,900,000 → 47.23).
 */
import type { Dataset, DsTransaction } from '../../local/data/dataset';
import { convertCents, invoicesAt, oracleReport } from '../support/oracle';

function tx(t: Partial<DsTransaction> & Pick<DsTransaction, 'id' | 'type' | 'tranDate' | 'amount'>): DsTransaction {
	return { tranId: `T-${t.id}`, entity: 100, subsidiary: 1, currency: 'USD', exchangeRate: 1, ...t };
}

/** The worked example: one US subsidiary, as-of 2026-05-04, windows 04-05..05-04 and 03-06..04-04. */
function workedExample(): Dataset {
	return {
		format: 'o2c-dataset/1',
		account: { name: 'Worked example', timezone: 'America/New_York' },
		subsidiaries: [{ id: 1, name: 'US Wholesale', currency: 'USD', parent: null }],
		terms: [{ id: 1, name: 'Net 30', daysUntilDue: 30 }],
		customers: [
			{
				id: 100,
				entityId: 'C100',
				companyName: 'Premier Construction Inc',
				subsidiary: 1,
				currency: 'USD',
				terms: 1,
			},
			{ id: 200, entityId: 'C200', companyName: 'Idle Customer', subsidiary: 1, currency: 'USD', terms: 1 },
		],
		transactions: [
			// invoice A: 2,240,000 on 2026-01-10, due 02-09; paid 04-25 by a payment of 2,340,000 (100,000 unapplied)
			tx({ id: 1, type: 'CustInvc', tranDate: '2026-01-10', dueDate: '2026-02-09', terms: 1, amount: 2240000 }),
			// invoice B: 3,900,000 on 2026-03-20 (prior window), due 04-19
			tx({ id: 2, type: 'CustInvc', tranDate: '2026-03-20', dueDate: '2026-04-19', terms: 1, amount: 3900000 }),
			// a sales order: not A/R
			tx({ id: 3, type: 'SalesOrd', tranDate: '2026-04-15', amount: 999999 }),
			// invoice C: 4,020,000 on 2026-04-20 (this window), due 05-20
			tx({
				id: 4,
				type: 'CustInvc',
				tranDate: '2026-04-20',
				dueDate: '2026-05-20',
				terms: 1,
				amount: 4020000,
				createdFrom: 3,
			}),
			tx({
				id: 5,
				type: 'CustPymt',
				tranDate: '2026-04-25',
				amount: 2340000,
				apply: [{ doc: 1, amount: 2240000 }],
			}),
			// an unknown type and a transaction after the as-of date: both ignored
			tx({ id: 6, type: 'Journal', tranDate: '2026-04-26', amount: 123 }),
			tx({ id: 7, type: 'CustInvc', tranDate: '2026-05-05', dueDate: '2026-06-04', amount: 777 }),
		],
	};
}

describe('oracle: the worked example', () => {
	const r = oracleReport(workedExample(), '2026-05-04');
	const sub = r.subsidiaries[0]!;

	it('computes A/R, credit sales and DSO as in the contract', () => {
		expect(sub.arBalance).toBe(782000000);
		expect(sub.arBalancePrior).toBe(614000000);
		expect(sub.creditSalesThis).toBe(402000000);
		expect(sub.creditSalesPrior).toBe(390000000);
		expect(sub.dsoThis).toBeCloseTo(58.36, 2);
		expect(sub.dsoPrior).toBeCloseTo(47.23, 2);
		expect(sub.dsoDelta).toBeCloseTo(11.13, 2);
		expect(sub.dsoThis).toBeCloseTo(7820000 / (4020000 / 30), 10);
	});

	it('ages open invoices by days overdue; the buckets sum to the open invoices', () => {
		// B is 15 days overdue, C is not due yet; A is closed
		expect(sub.aging).toEqual({ current: 402000000, '1-30': 390000000, '31-60': 0, '61-90': 0, '90+': 0 });
		expect(sub.openInvoices).toBe(792000000);
	});

	it('gives per-customer balances and payment behaviour', () => {
		expect(r.customers.map((c) => c.id)).toEqual([100]); // 200 has nothing open and nothing closed
		const c = r.customers[0]!;
		expect(c.openBalance).toBe(792000000);
		expect(c.netBalance).toBe(782000000); // 100,000 of unapplied cash
		expect(c.overdue).toBe(390000000);
		expect(c.maxDaysOverdue).toBe(15);
		expect(c.aging['1-30']).toBe(390000000);
		// A: closed 04-25, 105 days after its date, 75 days after its due date
		expect(c.avgDaysToPay).toBe(105);
		expect(c.avgDaysLate).toBe(75);
		expect(c.closedCount).toBe(1);
	});

	it('sees the account as it stood at an earlier date', () => {
		const early = oracleReport(workedExample(), '2026-04-04');
		expect(early.subsidiaries[0]!.arBalance).toBe(614000000);
		expect(early.customers[0]!.avgDaysToPay).toBeNull();
		expect(early.customers[0]!.maxDaysOverdue).toBe(54); // A: 04-04 − 02-09
	});
});

describe('oracle: currencies, partial payments, credits, bucket edges', () => {
	const D = '2026-05-04';
	const ds: Dataset = {
		format: 'o2c-dataset/1',
		account: { name: 'Edges', timezone: 'UTC' },
		subsidiaries: [
			{ id: 1, name: 'US', currency: 'USD', parent: null },
			{ id: 2, name: 'DE', currency: 'EUR', parent: 1 },
		],
		customers: [
			{ id: 100, entityId: 'A', companyName: 'A', subsidiary: 1, currency: 'USD' },
			{ id: 300, entityId: 'B', companyName: 'B', subsidiary: 2, currency: 'USD' },
		],
		transactions: [
			// customer 100 (USD sub): invoices overdue by exactly 0, 1, 30, 31, 60, 61, 90, 91 days at D
			...[0, 1, 30, 31, 60, 61, 90, 91].map((d, i) =>
				tx({
					id: 10 + i,
					type: 'CustInvc',
					tranDate: '2026-01-01',
					dueDate: new Date(Date.UTC(2026, 4, 4 - d)).toISOString().slice(0, 10),
					amount: 100 + i,
				}),
			),
			// no due date: ages from its date (2026-04-03 → 31 days)
			tx({ id: 20, type: 'CustInvc', tranDate: '2026-04-03', amount: 50 }),
			// partially paid twice, then a credit memo closes it on 2026-03-01
			tx({ id: 21, type: 'CustInvc', tranDate: '2026-01-01', dueDate: '2026-01-31', amount: 300 }),
			tx({ id: 22, type: 'CustPymt', tranDate: '2026-02-01', amount: 100, apply: [{ doc: 21, amount: 100 }] }),
			tx({ id: 23, type: 'CustPymt', tranDate: '2026-02-15', amount: 150, apply: [{ doc: 21, amount: 150 }] }),
			tx({ id: 24, type: 'CustCred', tranDate: '2026-03-01', amount: 80, apply: [{ doc: 21, amount: 50 }] }),
			// closed 365 days before D (outside the 365-day window) and 364 days before (inside)
			tx({ id: 25, type: 'CustInvc', tranDate: '2025-04-01', dueDate: '2025-04-11', amount: 1000 }),
			tx({ id: 26, type: 'CustPymt', tranDate: '2025-05-04', amount: 1000, apply: [{ doc: 25, amount: 1000 }] }),
			tx({ id: 27, type: 'CustInvc', tranDate: '2025-04-01', dueDate: '2025-04-11', amount: 3000 }),
			tx({ id: 28, type: 'CustPymt', tranDate: '2025-05-05', amount: 3000, apply: [{ doc: 27, amount: 3000 }] }),
			// an application dated after D does not count at D
			tx({ id: 29, type: 'CustPymt', tranDate: '2026-05-10', amount: 100, apply: [{ doc: 10, amount: 100 }] }),
			// customer 300 (EUR sub) billed in USD at 0.9235: 1,000.05 USD = 923.546175 → 923.55 EUR
			tx({
				id: 40,
				entity: 300,
				subsidiary: 2,
				currency: 'USD',
				exchangeRate: 0.9235,
				type: 'CustInvc',
				tranDate: '2026-04-20',
				dueDate: '2026-05-20',
				amount: 1000.05,
			}),
			// paid 500.00 USD = 461.75 EUR; the open 500.05 USD is 461.796175 → 461.80 EUR
			tx({
				id: 41,
				entity: 300,
				subsidiary: 2,
				currency: 'USD',
				exchangeRate: 0.9235,
				type: 'CustPymt',
				tranDate: '2026-04-30',
				amount: 500,
				apply: [{ doc: 40, amount: 500 }],
			}),
			// an exact half cent: 10.10 × 0.25 = 2.525 → 2.53
			tx({
				id: 42,
				entity: 300,
				subsidiary: 2,
				currency: 'USD',
				exchangeRate: 0.25,
				type: 'CustInvc',
				tranDate: '2026-04-21',
				dueDate: '2026-05-21',
				amount: 10.1,
			}),
		],
	};

	it('converts to base exactly, rounding half away from zero', () => {
		expect(convertCents(100005, 0.9235)).toBe(92355);
		expect(convertCents(1010, 0.25)).toBe(253);
		expect(convertCents(15, 1.5)).toBe(23); // 0.225 → 0.23
		expect(Math.round(0.15 * 1.5 * 100)).toBe(22); // why the oracle does not multiply floats
		expect(convertCents(12345, undefined)).toBe(12345);
		expect(convertCents(1, 1e-7)).toBe(0);
		expect(convertCents(3, 0.5)).toBe(2);
	});

	const r = oracleReport(ds, D);

	it('puts each bucket edge in the right bucket', () => {
		const us = r.subsidiaries[0]!;
		// 0 → current; 1, 30 → 1-30; 31, 60 (+ the 50 without due date at 31) → 31-60; 61, 90 → 61-90; 91 → 90+
		expect(us.aging).toEqual({
			current: 10000,
			'1-30': 10100 + 10200,
			'31-60': 10300 + 10400 + 5000,
			'61-90': 10500 + 10600,
			'90+': 10700,
		});
		expect(us.openInvoices).toBe(10000 + 10100 + 10200 + 10300 + 10400 + 5000 + 10500 + 10600 + 10700);
	});

	it('nets payments and credit memos (applied or not) in the A/R balance', () => {
		const us = r.subsidiaries[0]!;
		const invoices = 10000 + 10100 + 10200 + 10300 + 10400 + 10500 + 10600 + 10700 + 5000 + 30000 + 100000 + 300000;
		const credits = 10000 + 15000 + 8000 + 100000 + 300000;
		expect(us.arBalance).toBe(invoices - credits);
		// no invoice in 2026-04-05..05-04; the 2026-04-03 one is in the prior window 03-06..04-04
		expect(us.creditSalesThis).toBe(0);
		expect(us.creditSalesPrior).toBe(5000);
		expect(us.dsoThis).toBeNull();
		expect(us.dsoPrior).toBeCloseTo(us.arBalancePrior / (5000 / 30), 10);
		expect(us.dsoDelta).toBeNull();
	});

	const inv21ClosedBy = (): string | null => invoicesAt(ds, D).find((i) => i.id === 21)!.closedBy;

	it('a payment and a credit memo on the close date: the payment closed it', () => {
		const same: Dataset = {
			...ds,
			transactions: [
				tx({ id: 1, type: 'CustInvc', tranDate: '2026-04-01', dueDate: '2026-04-11', amount: 100 }),
				tx({ id: 2, type: 'CustCred', tranDate: '2026-04-20', amount: 40, apply: [{ doc: 1, amount: 40 }] }),
				tx({ id: 3, type: 'CustPymt', tranDate: '2026-04-20', amount: 60, apply: [{ doc: 1, amount: 60 }] }),
			],
		};
		expect(invoicesAt(same, D)[0]).toMatchObject({ closeDate: '2026-04-20', closedBy: 'payment' });
		// 19 days to pay, 9 late
		expect(oracleReport(same, D).customers[0]).toMatchObject({ closedCount: 1, avgDaysToPay: 19, avgDaysLate: 9 });
	});

	it('closes an invoice on the application that brings it to zero', () => {
		const inv = invoicesAt(ds, D).find((i) => i.id === 21)!;
		expect(inv.closeDate).toBe('2026-03-01');
		expect(inv.open).toBe(0);
		const late = invoicesAt(ds, D).find((i) => i.id === 10)!;
		expect(late.closeDate).toBeNull(); // its payment is dated after D
	});

	it('averages days to pay and late over invoices a payment closed in the 365 days ending D; a credit-memo closure is a return', () => {
		const c = r.customers.find((x) => x.id === 100)!;
		// inside: #27 (3,000, paid 2025-05-05: 34 days to pay, 24 late); #21 was closed by the credit
		// memo of 2026-03-01 (59 days): a return, counted apart with its 300; #25 closed 2025-05-04, 365
		// days before D, is outside
		expect(inv21ClosedBy()).toBe('credit');
		expect(c.closedCount).toBe(1);
		expect(c.avgDaysToPay).toBe(34);
		expect(c.avgDaysLate).toBe(24);
		expect(c).toMatchObject({ returnedCount: 1, returnedAmount: 30000 });
		expect(c.maxDaysOverdue).toBe(91);
		expect(c.overdue).toBe(c.openBalance - 10000);
		expect(c.netBalance).toBe(r.subsidiaries[0]!.arBalance);
	});

	it('converts foreign-currency invoices and open amounts to the base currency', () => {
		const de = r.subsidiaries[1]!;
		expect(de.arBalance).toBe(92355 - 46175 + 253);
		expect(de.openInvoices).toBe(46180 + 253);
		expect(de.creditSalesThis).toBe(92355 + 253);
		expect(de.dsoThis).toBeCloseTo((92355 - 46175 + 253) / ((92355 + 253) / 30), 10);
		const c = r.customers.find((x) => x.id === 300)!;
		expect(c.openBalance).toBe(46180 + 253);
		expect(c.aging.current).toBe(46180 + 253);
		expect(c.maxDaysOverdue).toBe(0);
		expect(c.avgDaysLate).toBeNull();
	});

	it('uses any window length', () => {
		const r60 = oracleReport(ds, D, 60);
		expect(r60.windowDays).toBe(60);
		expect(r60.subsidiaries[0]!.creditSalesThis).toBe(5000);
	});
});
