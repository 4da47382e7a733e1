/**
 * advanceDay builds the next day's account only after the current day's dataset records are gone
 * (account.ts releaseBuiltRecords): the two days' customers and transactions are never in memory
 * together. What scripts wrote (custom records, a standard record put after the build, a field a
 * script wrote on an invoice) still carries over; the previous store keeps nothing the dataset made.
 */
import * as path from 'path';
import { Emulator } from '../../local/emulator';
import { accountInfo, buildStore, carryOver, releaseBuiltRecords } from '../../local/emulator/account';
import { RecordStore } from '../../local/emulator/store';
import { loadSdfProject } from '../../local/sdf/objects';
import { handDataset } from '../snapshot/support/handDataset';
import { ROOT } from '../snapshot/support/harness';

const project = loadSdfProject(path.join(ROOT, 'src'));

describe('advanceDay releases the current day before building the next', () => {
	it('drops the dataset-built standard records of the old store and keeps every written one on the new day', () => {
		const ds = handDataset();
		const store = buildStore(ds, '2026-04-24', project);
		const emu = new Emulator({
			projectRoot: ROOT,
			project,
			dataset: ds,
			store,
			account: accountInfo(ds, '2026-04-24'),
		});
		const invoices = store.count('invoice');
		expect(invoices).toBeGreaterThan(3);
		expect(store.count('customer')).toBe(ds.customers.length);
		// what a script would write after the build: a task (a standard record no dataset defines), a
		// field on an invoice, a custom record
		store.put({ type: 'task', id: 900, values: { title: 'call Acme' }, texts: {} });
		const inv1 = store.get('invoice', 1);
		if (!inv1) throw new Error('the hand dataset has invoice 1');
		store.put({ ...inv1, values: { ...inv1.values, custbody_o2c_disputed: true } });
		store.noteScriptWrite('invoice', 1, 'custbody_o2c_disputed', true);
		store.put({ type: 'customrecord_o2c_sub_snapshot', id: 5, values: { name: 'kept' }, texts: {} });

		expect(emu.advanceDay()).toBe('2026-04-25');

		// the old store: only what was written after its build
		expect(store.count('customer')).toBe(0);
		expect(store.count('subsidiary')).toBe(0);
		expect(store.count('invoice')).toBe(1); // the one a script wrote on
		expect(store.get('task', 900)?.values.title).toBe('call Acme');
		// the new day: every dataset record as of 04-25, plus what was written
		const next = emu.store;
		expect(next).not.toBe(store);
		expect(next.count('customer')).toBe(ds.customers.length);
		expect(next.count('invoice')).toBe(invoices); // no invoice is dated 04-25
		expect(next.get('customerpayment', 4)).toBeDefined(); // the payment of 04-25 appears that day
		expect(next.get('invoice', 1)?.values.amountremaining).toBe(200); // and applies to invoice 1
		expect(next.get('invoice', 1)?.values.custbody_o2c_disputed).toBe(true);
		expect(next.get('task', 900)?.values.title).toBe('call Acme');
		expect(next.get('customrecord_o2c_sub_snapshot', 5)?.values.name).toBe('kept');
		// and again: the carried records carry on
		expect(emu.advanceDay()).toBe('2026-04-26');
		expect(emu.store.get('task', 900)?.values.title).toBe('call Acme');
		expect(emu.store.get('invoice', 1)?.values.custbody_o2c_disputed).toBe(true);
		expect(emu.store.count('customer')).toBe(ds.customers.length);
	});

	it('refuses (as an emulator bug) a next day that lacks a record the dataset defined the day before', () => {
		const ds = handDataset();
		const previous = buildStore(ds, '2026-04-24', project);
		const released = releaseBuiltRecords(previous);
		const customers = released?.get('customer');
		expect(customers ? [...customers].sort((a, b) => a - b) : []).toEqual(
			ds.customers.map((c) => c.id).sort((a, b) => a - b),
		);
		const next = buildStore(
			{ ...ds, customers: ds.customers.slice(1), transactions: [], promises: [] },
			'2026-04-25',
			project,
		);
		expect(() => {
			carryOver(previous, next, released);
		}).toThrow(
			/emulator bug: the (invoice|customer|salesorder) record \d+ the dataset defined the day before is missing/,
		);
	});

	it('leaves a store not built from a dataset as it is', () => {
		const store = new RecordStore();
		store.put({ type: 'customer', id: 1, values: {}, texts: {} });
		expect(releaseBuiltRecords(store)).toBeNull();
		expect(store.count('customer')).toBe(1);
	});
});
