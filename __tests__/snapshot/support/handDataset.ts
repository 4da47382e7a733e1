/**
 * A small hand-made account whose figures the end-to-end tests check by hand (subsidiary 1 has
 * the same invoices as the use-case unit test, plus an invoice paid in full in March):
 * - US (USD): Acme 600 (03-20, due 04-19, 400 paid 04-25) and 1,000 (04-10, due 04-30, from a
 *   sales order of 04-01); Globex 200 (02-01, due 03-03, paid 03-10) and 300 (05-02, due 06-01).
 * - EU (EUR base): Initech is billed in USD at 0.9: invoice 500 USD = 450 EUR (04-20, due 05-20),
 *   payment on account 100 USD = 90 EUR (05-01), credit limit 1,000 USD.
 * - Acme promised 500 on 04-28 for 05-10 (pending at 05-04).
 * - The EU subsidiary's DSO alert setting has a 45-day window (the US one the default 30).
 * - Hooli (US) only has 100 invoiced 2025-12-01 and paid 2025-12-20: reportable at 05-04 (closed
 *   in the 365 days), gone from the input a year later.
 */
import type { Dataset } from '../../../local/data/dataset';

export const HAND_AS_OF = '2026-05-04';

export function handDataset(): Dataset {
	return {
		format: 'o2c-dataset/1',
		account: { name: 'Hand Test', timezone: 'America/New_York', features: ['SUBSIDIARIES', 'MULTICURRENCY'] },
		subsidiaries: [
			{ id: 1, name: 'US', currency: 'USD', parent: null },
			{ id: 2, name: 'EU', currency: 'EUR', parent: 1 },
		],
		terms: [
			{ id: 1, name: 'Net 20', daysUntilDue: 20 },
			{ id: 2, name: 'Net 30', daysUntilDue: 30 },
		],
		customers: [
			{ id: 100, entityId: 'C-100', companyName: 'Acme', subsidiary: 1, currency: 'USD', terms: 1, creditLimit: 2000 },
			{ id: 101, entityId: 'C-101', companyName: 'Globex', subsidiary: 1, currency: 'USD', terms: 2, creditLimit: null },
			{ id: 102, entityId: 'C-102', companyName: 'Hooli', subsidiary: 1, currency: 'USD', terms: 2 },
			{ id: 200, entityId: 'C-200', companyName: 'Initech GmbH', subsidiary: 2, currency: 'USD', creditLimit: 1000 },
		],
		transactions: [
			{ id: 1, type: 'CustInvc', tranId: 'INV-1', entity: 100, subsidiary: 1, currency: 'USD', exchangeRate: 1, tranDate: '2026-03-20', dueDate: '2026-04-19', terms: 1, amount: 600 },
			{ id: 2, type: 'SalesOrd', tranId: 'SO-2', entity: 100, subsidiary: 1, currency: 'USD', exchangeRate: 1, tranDate: '2026-04-01', amount: 1000 },
			{ id: 3, type: 'CustInvc', tranId: 'INV-3', entity: 100, subsidiary: 1, currency: 'USD', exchangeRate: 1, tranDate: '2026-04-10', dueDate: '2026-04-30', terms: 1, amount: 1000, createdFrom: 2 },
			{ id: 4, type: 'CustPymt', tranId: 'PAY-4', entity: 100, subsidiary: 1, currency: 'USD', exchangeRate: 1, tranDate: '2026-04-25', amount: 400, apply: [{ doc: 1, amount: 400 }] },
			{ id: 5, type: 'CustInvc', tranId: 'INV-5', entity: 101, subsidiary: 1, currency: 'USD', exchangeRate: 1, tranDate: '2026-05-02', dueDate: '2026-06-01', terms: 2, amount: 300 },
			{ id: 6, type: 'CustInvc', tranId: 'INV-6', entity: 200, subsidiary: 2, currency: 'USD', exchangeRate: 0.9, tranDate: '2026-04-20', dueDate: '2026-05-20', amount: 500 },
			{ id: 7, type: 'CustInvc', tranId: 'INV-7', entity: 101, subsidiary: 1, currency: 'USD', exchangeRate: 1, tranDate: '2026-02-01', dueDate: '2026-03-03', terms: 2, amount: 200 },
			{ id: 8, type: 'CustPymt', tranId: 'PAY-8', entity: 101, subsidiary: 1, currency: 'USD', exchangeRate: 1, tranDate: '2026-03-10', amount: 200, apply: [{ doc: 7, amount: 200 }] },
			{ id: 9, type: 'CustPymt', tranId: 'PAY-9', entity: 200, subsidiary: 2, currency: 'USD', exchangeRate: 0.9, tranDate: '2026-05-01', amount: 100, apply: [] },
			{ id: 10, type: 'CustInvc', tranId: 'INV-10', entity: 102, subsidiary: 1, currency: 'USD', exchangeRate: 1, tranDate: '2025-12-01', dueDate: '2025-12-31', terms: 2, amount: 100 },
			{ id: 11, type: 'CustPymt', tranId: 'PAY-11', entity: 102, subsidiary: 1, currency: 'USD', exchangeRate: 1, tranDate: '2025-12-20', amount: 100, apply: [{ doc: 10, amount: 100 }] },
		],
		settings: {
			alerts: [{ subsidiary: 2, windowDays: 45, recipients: { arClerk: 'ar@hand.example', controller: 'controller@hand.example' } }],
		},
		promises: [{ id: 1, entity: 100, madeOn: '2026-04-28', promisedDate: '2026-05-10', amount: 500, invoices: [1, 3] }],
	};
}
