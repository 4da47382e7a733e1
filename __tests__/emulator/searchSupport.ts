/**
 * Fixtures shared by the account and N/search tests: a meter that records every charge, a
 * transaction builder, the project's real SDF objects (so the tests see exactly the custom
 * records and fields src/Objects declares), and small assertion helpers.
 */
import * as path from 'path';
import type { Meter } from '../../local/emulator/context';
import type { Dataset, DsTransaction } from '../../local/data/dataset';
import type { SdfProject } from '../../local/sdf/types';
import { loadSdfProject } from '../../local/sdf/objects';

/** A Meter that records each charge and never runs out below its limit. */
export class RecordingMeter implements Meter {
	readonly calls: { api: string; units: number }[] = [];
	private usedUnits = 0;
	constructor(readonly limit = 10_000) {}
	charge(units: number, api: string): void {
		this.calls.push({ api, units });
		this.usedUnits += units;
	}
	remaining(): number {
		return this.limit - this.usedUnits;
	}
	used(): number {
		return this.usedUnits;
	}
	/** units charged per API since the `from`-th call */
	since(from: number): Record<string, number> {
		const out: Record<string, number> = {};
		for (const c of this.calls.slice(from)) out[c.api] = (out[c.api] ?? 0) + c.units;
		return out;
	}
}

/** A USD transaction of customer 100 in subsidiary 1, with whatever the test overrides. */
export function tx(
	t: Partial<DsTransaction> & Pick<DsTransaction, 'id' | 'type' | 'tranDate' | 'amount'>,
): DsTransaction {
	return { tranId: `T-${t.id}`, entity: 100, subsidiary: 1, currency: 'USD', exchangeRate: 1, ...t };
}

let real: SdfProject | undefined;

/** The project's own src/Objects, parsed once. */
export function projectObjects(): SdfProject {
	real = real ?? loadSdfProject(path.join(__dirname, '..', '..', 'src'));
	return real;
}

/** The same project without any custom record type (for "type not defined" errors). */
export function projectWithoutCustomRecords(): SdfProject {
	return { ...projectObjects(), customRecordTypes: new Map() };
}

/** The error a call throws (fails the test when it does not throw). */
export function errorOf(fn: () => unknown): { name: string; message: string } {
	try {
		fn();
	} catch (e) {
		return e as { name: string; message: string };
	}
	throw new Error('expected an error');
}

/** The main-line filter every transaction search carries. */
export const ML = ['mainline', 'is', 'T'];

/** The hand-made account both the account and the search tests work out by hand (as-of 2026-03-15). */
export function handDataset(): Dataset {
	return {
		format: 'o2c-dataset/1',
		account: { name: 'Test Account', timezone: 'America/New_York', features: ['SUBSIDIARIES', 'MULTICURRENCY'] },
		subsidiaries: [
			{ id: 1, name: 'Test Sub US', currency: 'USD', parent: null },
			{ id: 2, name: 'Test Sub EU', currency: 'EUR', parent: 1 },
		],
		terms: [{ id: 1, name: 'Net 30', daysUntilDue: 30 }],
		customers: [
			{
				id: 100,
				entityId: 'CUST-100',
				companyName: 'Test Co 1',
				subsidiary: 1,
				currency: 'USD',
				terms: 1,
				creditLimit: 5000,
				category: 'Construction',
				email: 'ap1@example.com',
			},
			{ id: 101, entityId: 'CUST-101', companyName: 'Test Co 2', subsidiary: 1, currency: 'USD' },
			{ id: 200, entityId: 'CUST-200', companyName: 'Test Co 3', subsidiary: 2, currency: 'GBP' },
		],
		transactions: [
			tx({ id: 1, type: 'SalesOrd', tranId: 'SO-1', tranDate: '2026-01-02', amount: 1200 }),
			tx({
				id: 2,
				type: 'CustInvc',
				tranId: 'INV-1',
				tranDate: '2026-01-05',
				dueDate: '2026-02-04',
				terms: 1,
				amount: 1200,
				createdFrom: 1,
			}),
			tx({
				id: 3,
				type: 'CustPymt',
				tranId: 'PYMT-1',
				tranDate: '2026-02-10',
				amount: 1300,
				apply: [{ doc: 2, amount: 1000 }],
			}),
			tx({
				id: 4,
				type: 'CustCred',
				tranId: 'CM-1',
				tranDate: '2026-02-12',
				amount: 50,
				apply: [{ doc: 2, amount: 50 }],
			}),
			tx({
				id: 5,
				type: 'CustInvc',
				tranId: 'INV-2',
				tranDate: '2026-02-01',
				dueDate: '2026-03-03',
				amount: 500,
				disputed: true,
			}),
			tx({
				id: 6,
				type: 'CustPymt',
				tranId: 'PYMT-2',
				tranDate: '2026-03-01',
				amount: 150,
				apply: [{ doc: 2, amount: 150 }],
			}),
			tx({
				id: 7,
				type: 'CustPymt',
				tranId: 'PYMT-3',
				tranDate: '2026-03-10',
				amount: 200,
				apply: [{ doc: 5, amount: 120 }],
			}),
			tx({
				id: 8,
				type: 'CustInvc',
				tranId: 'INV-3',
				tranDate: '2026-03-15',
				dueDate: '2026-04-14',
				amount: 800,
			}),
			tx({
				id: 9,
				type: 'CustInvc',
				tranId: 'INV-4',
				tranDate: '2026-03-20',
				dueDate: '2026-04-19',
				amount: 300,
			}),
			tx({
				id: 12,
				type: 'CustPymt',
				tranId: 'PYMT-4',
				tranDate: '2026-03-25',
				amount: 100,
				apply: [{ doc: 5, amount: 100 }],
			}),
			tx({ id: 13, type: 'SalesOrd', tranId: 'SO-2', tranDate: '2026-03-01', amount: 700 }),
			tx({ id: 14, type: 'CustInvc', tranId: 'INV-5', entity: 101, tranDate: '2026-03-01', amount: 250 }),
			tx({
				id: 20,
				type: 'CustInvc',
				tranId: 'INV-10',
				entity: 200,
				subsidiary: 2,
				currency: 'GBP',
				exchangeRate: 1.1675,
				tranDate: '2026-02-01',
				dueDate: '2026-03-01',
				amount: 100.01,
			}),
			tx({
				id: 21,
				type: 'CustPymt',
				tranId: 'PYMT-10',
				entity: 200,
				subsidiary: 2,
				currency: 'GBP',
				exchangeRate: 1.17,
				tranDate: '2026-02-20',
				amount: 50,
				apply: [{ doc: 20, amount: 50 }],
			}),
			tx({
				id: 22,
				type: 'CustInvc',
				tranId: 'INV-11',
				entity: 200,
				subsidiary: 2,
				currency: 'GBP',
				exchangeRate: 1.005,
				tranDate: '2026-02-02',
				dueDate: '2026-04-01',
				amount: 1,
			}),
			tx({ id: 30, type: 'CustDep', tranId: 'DEP-1', tranDate: '2026-01-10', amount: 99 }),
		],
		promises: [
			{ id: 1, entity: 100, madeOn: '2026-02-05', promisedDate: '2026-02-11', amount: 1000, invoices: [2] },
			{ id: 2, entity: 100, madeOn: '2026-03-02', promisedDate: '2026-03-09', amount: 100 },
			{ id: 3, entity: 101, madeOn: '2026-03-10', promisedDate: '2026-03-20', amount: 100, invoices: [14] },
			{ id: 4, entity: 100, madeOn: '2026-03-10', promisedDate: '2026-03-20', amount: 200 },
			{ id: 5, entity: 100, madeOn: '2026-03-16', promisedDate: '2026-03-30', amount: 10 },
			{ id: 6, entity: 100, madeOn: '2026-03-10', promisedDate: '2026-03-15', amount: 500 },
		],
		settings: {
			alerts: [
				{
					subsidiary: null,
					thresholdDays: 10,
					floorDays: 30,
					windowDays: 30,
					recipients: { arClerk: 'ar@example.com', controller: 'ctl@example.com', cfo: 'cfo@example.com' },
				},
				{ subsidiary: 2, enabled: false },
			],
			seasonality: [{ subsidiary: null, from: '12-15', to: '01-15', action: 'suppress', note: 'holidays' }],
			collections: { minOverdueAmount: 1000, minDaysOverdue: 15 },
		},
	};
}
