/**
 * A hand-made account for the collections push, at D = 2026-03-31 (the night of D runs on 04-01):
 * - US Wholesale (1, USD) and Euro GmbH (2, EUR).
 * - Premier (100, USD, sub 1): INV-1 1,200.00 due 02-04 (55 days overdue), INV-2 800.00 due 03-01
 *   (30 days), INV-3 500.00 due 04-20 (not yet due): overdue 2,000.00, oldest 55 days. A pending
 *   promise (600.00 on 04-10, INV-1) and a broken one (200.00 on 03-15). Phone and email.
 * - Bolt (101, USD, sub 1): INV-4 300.00 due 03-25 (6 days): below the account-wide minimum
 *   (1,000.00 and 15 days) — never selected.
 * - Kessler (102, EUR, sub 2): INV-5 2,000.00 due 01-15 (75 days), disputed; INV-6 450.00 due 03-20
 *   (11 days): overdue 2,450.00 EUR; Euro GmbH's row asks for 500.00 and 10 days.
 * - Dormant (103, sub 1): nothing open.
 */
import type { Dataset, DsTransaction } from '../../../local/data/dataset';

export const D = '2026-03-31';

function inv(
	id: number,
	entity: number,
	tranDate: string,
	dueDate: string,
	amount: number,
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
		amount,
		...o,
	};
}

export function pushDataset(): Dataset {
	return {
		format: 'o2c-dataset/1',
		account: { name: 'Acme Wholesale', timezone: 'America/New_York', features: ['SUBSIDIARIES', 'MULTICURRENCY'] },
		subsidiaries: [
			{ id: 1, name: 'US Wholesale', currency: 'USD', parent: null },
			{ id: 2, name: 'Euro GmbH', currency: 'EUR', parent: null },
		],
		terms: [{ id: 1, name: 'Net 30', daysUntilDue: 30 }],
		customers: [
			{
				id: 100,
				entityId: 'CUST-100',
				companyName: 'Premier Construction Inc',
				subsidiary: 1,
				currency: 'USD',
				terms: 1,
				email: 'ap@premier.example',
				phone: '+1 212 555 0100',
			},
			{ id: 101, entityId: 'CUST-101', companyName: 'Bolt Supplies', subsidiary: 1, currency: 'USD', terms: 1 },
			{
				id: 102,
				entityId: 'CUST-102',
				companyName: 'Kessler Bau GmbH',
				subsidiary: 2,
				currency: 'EUR',
				terms: 1,
				email: 'buchhaltung@kessler.example',
			},
			{ id: 103, entityId: 'CUST-103', companyName: 'Dormant Ltd', subsidiary: 1, currency: 'USD', terms: 1 },
		],
		transactions: [
			inv(1, 100, '2026-01-05', '2026-02-04', 1200),
			inv(2, 100, '2026-01-30', '2026-03-01', 800),
			inv(3, 100, '2026-03-21', '2026-04-20', 500),
			inv(4, 101, '2026-02-23', '2026-03-25', 300),
			inv(5, 102, '2025-12-16', '2026-01-15', 2000, { subsidiary: 2, currency: 'EUR', disputed: true }),
			inv(6, 102, '2026-02-18', '2026-03-20', 450, { subsidiary: 2, currency: 'EUR' }),
		],
		promises: [
			{ id: 1, entity: 100, madeOn: '2026-03-20', promisedDate: '2026-04-10', amount: 600, invoices: [1] },
			{ id: 2, entity: 100, madeOn: '2026-03-01', promisedDate: '2026-03-15', amount: 200, invoices: [2] },
		],
		settings: {
			collections: [
				{ subsidiary: null, minOverdueAmount: 1000, minDaysOverdue: 15 },
				{ subsidiary: 2, minOverdueAmount: 500, minDaysOverdue: 10 },
			],
		},
	};
}
