/**
 * A tiny account whose backtest figures are worked out by hand in backtest.test.ts: one US
 * subsidiary, every invoice 100.00, two customers.
 * - Acme (100) pays 5, 10 and 15 days late (A1–A3, before 2026-03-01), then A4 (due 03-03) on
 *   03-10 (7 late) and A5 (due 04-04) on 04-14.
 * - Bolt (101) has no history before 2026-03-01: B1 (due 03-12) is paid on its due date; B2
 *   (due 04-01) is closed by a credit memo on 04-10 (a return); B3 (due 04-19) is never paid.
 * `withExtras` adds what the end-to-end test of the script needs on top: a pending promise for
 * B3, a disputed Acme invoice (20, due 04-09), a EUR subsidiary whose customer is billed in USD at
 * 0.9 (invoice 21, 500 USD = 450 EUR, due 04-14) and a customer without transactions (Dormant, 102).
 */
import type { Dataset, DsTransaction } from '../../../local/data/dataset';

function inv(
	id: number,
	entity: number,
	tranDate: string,
	dueDate: string,
	o: Partial<DsTransaction> = {},
): DsTransaction {
	return {
		id,
		type: 'CustInvc',
		tranId: `INV-${String(id)}`,
		entity,
		subsidiary: 1,
		currency: 'USD',
		exchangeRate: 1,
		tranDate,
		dueDate,
		amount: 100,
		...o,
	};
}

function pay(id: number, entity: number, tranDate: string, doc: number, o: Partial<DsTransaction> = {}): DsTransaction {
	return {
		id,
		type: 'CustPymt',
		tranId: `PAY-${String(id)}`,
		entity,
		subsidiary: 1,
		currency: 'USD',
		exchangeRate: 1,
		tranDate,
		amount: 100,
		apply: [{ doc, amount: o.amount ?? 100 }],
		...o,
	};
}

export function forecastDataset(withExtras = false): Dataset {
	const transactions: DsTransaction[] = [
		inv(1, 100, '2025-10-01', '2025-10-31'),
		pay(2, 100, '2025-11-05', 1),
		inv(3, 100, '2025-11-01', '2025-12-01'),
		pay(4, 100, '2025-12-11', 3),
		inv(5, 100, '2025-12-01', '2025-12-31'),
		pay(6, 100, '2026-01-15', 5),
		inv(7, 101, '2026-02-10', '2026-03-12'),
		inv(8, 100, '2026-02-01', '2026-03-03'),
		inv(9, 101, '2026-03-02', '2026-04-01'),
		inv(10, 100, '2026-03-05', '2026-04-04'),
		pay(11, 100, '2026-03-10', 8),
		pay(12, 101, '2026-03-12', 7),
		inv(13, 101, '2026-03-20', '2026-04-19'),
		{
			id: 14,
			type: 'CustCred',
			tranId: 'CM-14',
			entity: 101,
			subsidiary: 1,
			currency: 'USD',
			exchangeRate: 1,
			tranDate: '2026-04-10',
			amount: 100,
			apply: [{ doc: 9, amount: 100 }],
		},
		pay(15, 100, '2026-04-14', 10),
	];
	const ds: Dataset = {
		format: 'o2c-dataset/1',
		account: { name: 'Forecast Test', timezone: 'America/New_York', features: ['SUBSIDIARIES', 'MULTICURRENCY'] },
		subsidiaries: [{ id: 1, name: 'US', currency: 'USD', parent: null }],
		terms: [{ id: 1, name: 'Net 30', daysUntilDue: 30 }],
		customers: [
			{ id: 100, entityId: 'C-100', companyName: 'Acme', subsidiary: 1, currency: 'USD', terms: 1 },
			{ id: 101, entityId: 'C-101', companyName: 'Bolt', subsidiary: 1, currency: 'USD', terms: 1 },
		],
		transactions,
	};
	if (!withExtras) return ds;
	ds.subsidiaries.push({ id: 2, name: 'EU', currency: 'EUR', parent: 1 });
	ds.customers.push(
		{ id: 200, entityId: 'C-200', companyName: 'Initech GmbH', subsidiary: 2, currency: 'USD' },
		{ id: 102, entityId: 'C-102', companyName: 'Dormant', subsidiary: 1, currency: 'USD' },
	);
	transactions.push(
		inv(20, 100, '2026-03-10', '2026-04-09', { disputed: true }),
		inv(21, 200, '2026-03-15', '2026-04-14', { subsidiary: 2, exchangeRate: 0.9, amount: 500 }),
	);
	ds.promises = [
		{ id: 1, entity: 101, madeOn: '2026-03-25', promisedDate: '2026-04-08', amount: 100, invoices: [13] },
	];
	return ds;
}
