/**
 * Exactly once or dead, whatever dies when: the push map/reduce killed at every point of a push
 * (before the outbox record is created, before it is saved, before the request, between the 2xx and
 * the outbox update, after the invocation), and in getInputData and summarize; each time the
 * framework restarts the stage (emulator `interrupt`, beforeCall = the point). Afterwards every
 * selected customer has exactly one outbox record, delivered, and the receiver processed each key
 * exactly once; only a death between the 2xx and the update makes it see that key a second time,
 * which it answers as a duplicate without processing it again (the Idempotency-Key contract).
 */
import * as path from 'node:path';
import { readReceived, spawnReceiver, type RunningReceiver } from '../../local/collectionsReceiver';
import type { MapReduceOptions } from '../../local/emulator/runners';
import { D, pushDataset } from './support/pushDataset';
import { PUSH, outbox, pushEmulator, testToken, tmpDir } from './support/pushHarness';

type Interrupt = NonNullable<MapReduceOptions['interrupt']>;

const CASES: [string, Interrupt, number][] = [
	// name, interrupt, POSTs the receiver sees for Premier's key
	['map: before the outbox record is created', { stage: 'map', afterInvocations: 0, beforeCall: 'record.create' }, 1],
	['map: created but not saved', { stage: 'map', afterInvocations: 0, beforeCall: 'Record.save' }, 1],
	['map: saved, before the request', { stage: 'map', afterInvocations: 0, beforeCall: 'https.request' }, 1],
	[
		'map: after the 2xx, before the outbox update',
		{ stage: 'map', afterInvocations: 0, beforeCall: 'record.submitFields' },
		2,
	],
	['map: after the invocation ran to its end', { stage: 'map', afterInvocations: 0 }, 1],
	[
		'map: the second customer, before its request',
		{ stage: 'map', afterInvocations: 1, beforeCall: 'https.request' },
		1,
	],
	[
		'getInputData: before the reachability check',
		{ stage: 'getInputData', afterInvocations: 0, beforeCall: 'https.request' },
		1,
	],
	['getInputData: after it ran', { stage: 'getInputData', afterInvocations: 0 }, 1],
	['summarize: after it ran', { stage: 'summarize', afterInvocations: 0 }, 1],
];

describe.each(CASES)('killed %s', (_name, interrupt, premierPosts) => {
	const token = testToken();
	let receiver: RunningReceiver;
	beforeAll(async () => {
		receiver = await spawnReceiver(path.join(tmpDir('crash'), 'received.ndjson'), 'ok', token);
	});
	afterAll(() => {
		receiver.stop();
	});

	it('restarts, and every payload is delivered exactly once', () => {
		const emu = pushEmulator(pushDataset(), D, { url: receiver.url, token });
		try {
			emu.runMapReduce('customscript_o2c_cust_metrics_mr');
			const run = emu.runMapReduce(PUSH, undefined, { interrupt });
			expect(run.status).toBe('COMPLETE');
			const rows = outbox(emu);
			expect(rows.map((r) => [r.custrecord_o2c_po_customer, r.custrecord_o2c_po_status])).toEqual([
				[100, 'delivered'],
				[102, 'delivered'],
			]);
			const posts = readReceived(receiver.file).filter((l) => l.method === 'POST');
			for (const r of rows) {
				const mine = posts.filter((p) => p.headers['idempotency-key'] === r.custrecord_o2c_po_key);
				expect(mine.filter((p) => p.processed)).toHaveLength(1);
				expect(mine).toHaveLength(r.custrecord_o2c_po_customer === 100 ? premierPosts : 1);
				expect(mine.every((p) => p.answer === 200)).toBe(true);
			}
			// and the next night sends nothing again for them (nothing changed materially)
			emu.advanceDay();
			emu.runMapReduce('customscript_o2c_cust_metrics_mr');
			emu.runMapReduce(PUSH);
			expect(outbox(emu)).toHaveLength(2);
			expect(readReceived(receiver.file).filter((l) => l.method === 'POST')).toHaveLength(posts.length);
		} finally {
			emu.close();
		}
	});
});
