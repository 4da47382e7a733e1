/**
 * The customer metrics read and write per batch of customers (adapters/customerRun.ts): one
 * customer that cannot be computed fails alone, inside its batch, and is reported by name; the
 * others of the same batch are written with the figures they have without it.
 */
import { handDataset, HAND_AS_OF } from './support/handDataset';
import { emulatorFor, figuresOnly, METRICS_SCRIPT, recordsBy } from './support/harness';

const CM = 'customrecord_o2c_cust_metrics';

describe('a customer that fails inside its batch', () => {
	const plain = emulatorFor(handDataset(), HAND_AS_OF);
	expect(plain.runMapReduce(METRICS_SCRIPT).status).toBe('COMPLETE');
	const expected = new Map([...recordsBy(plain, CM, 'custrecord_o2c_cm_key')].map(([k, v]) => [k, figuresOnly(v)]));

	// Hooli (102) also invoiced from the EU subsidiary: its amounts would be in two base currencies.
	const ds = handDataset();
	ds.transactions.push({
		id: 9001,
		type: 'CustInvc',
		tranId: 'INV-EU-9001',
		entity: 102,
		subsidiary: 2,
		currency: 'USD', // the customer's currency; EUR is the subsidiary's base
		exchangeRate: 0.92,
		tranDate: '2026-04-20',
		dueDate: '2026-05-20',
		amount: 250,
	});
	const emu = emulatorFor(ds, HAND_AS_OF);
	const run = emu.runMapReduce(METRICS_SCRIPT);

	it('is written to the reduce output and logged by the summarize with its reason; the batch completes', () => {
		expect(run.status).toBe('COMPLETE');
		expect((run.reduce ?? []).map((k) => [k.key, k.state])).toEqual([['100,101,102,200', 'COMPLETE']]);
		const reason =
			'Customer 102 has transactions in subsidiaries 1, 2; multi-subsidiary customers are not supported by the customer metrics';
		expect(run.output).toEqual([{ key: 'failed:102', value: reason }]);
		expect(emu.logs.filter((l) => l.level === 'ERROR').map((l) => [l.title, l.details])).toEqual([
			['Customer metrics: customer 102 failed', reason],
		]);
	});

	it('the other customers of the batch get the same records as without it; the failed one gets none', () => {
		const got = new Map([...recordsBy(emu, CM, 'custrecord_o2c_cm_key')].map(([k, v]) => [k, figuresOnly(v)]));
		expect([...got.keys()].sort()).toEqual(['100', '101', '200']);
		for (const key of ['100', '101', '200']) expect([key, got.get(key)]).toEqual([key, expected.get(key)]);
	});
});
