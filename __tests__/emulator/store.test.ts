import { RecordStore, type StoredRecord } from '../../local/emulator/store';

const rec = (id: number, customer: number | null, key: string): StoredRecord => ({
	type: 'customrecord_o2c_cust_metrics',
	id,
	values: { custrecord_o2c_cm_customer: customer, custrecord_o2c_cm_key: key },
	texts: {},
});

describe('record store field indexes', () => {
	it('finds records by a field value, and keeps the index right through replace and delete', () => {
		const store = new RecordStore();
		store.put(rec(1, 100, 'A'));
		store.put(rec(2, 200, 'B'));
		expect([...store.lookup('customrecord_o2c_cust_metrics', 'custrecord_o2c_cm_customer', 100)]).toEqual([1]);
		// written after the index exists
		store.put(rec(3, 100, 'C'));
		expect([...store.lookup('customrecord_o2c_cust_metrics', 'custrecord_o2c_cm_customer', 100)].sort()).toEqual([
			1, 3,
		]);
		// replaced in place with another customer: leaves the old key
		store.put(rec(1, 300, 'A'));
		expect([...store.lookup('customrecord_o2c_cust_metrics', 'custrecord_o2c_cm_customer', 100)]).toEqual([3]);
		expect([...store.lookup('customrecord_o2c_cust_metrics', 'custrecord_o2c_cm_customer', 300)]).toEqual([1]);
		store.delete('customrecord_o2c_cust_metrics', 3);
		expect([...store.lookup('customrecord_o2c_cust_metrics', 'custrecord_o2c_cm_customer', 100)]).toEqual([]);
	});

	it('matches text case-insensitively, as NetSuite text filters do, and never indexes empty values', () => {
		const store = new RecordStore();
		store.put(rec(1, null, 'Key:One'));
		expect([...store.lookup('customrecord_o2c_cust_metrics', 'custrecord_o2c_cm_key', 'key:one')]).toEqual([1]);
		expect([...store.lookup('customrecord_o2c_cust_metrics', 'custrecord_o2c_cm_customer', null)]).toEqual([]);
	});
});
