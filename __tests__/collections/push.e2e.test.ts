/**
 * The collections push map/reduce, built, on the emulator over the hand-made account of
 * support/pushDataset.ts, against the local receiver (a child process on 127.0.0.1): who is
 * selected, the exact payload, the headers, the outbox, reruns that send nothing again.
 */
import * as path from 'node:path';
import { readReceived, spawnReceiver, type RunningReceiver } from '../../local/collectionsReceiver';
import { D, pushDataset } from './support/pushDataset';
import { PUSH, outbox, pushEmulator, testToken, tmpDir } from './support/pushHarness';

describe('customscript_o2c_collections_push_mr at 2026-03-31', () => {
	const token = testToken();
	let receiver: RunningReceiver;
	beforeAll(async () => {
		receiver = await spawnReceiver(path.join(tmpDir('push'), 'received.ndjson'), 'ok', token);
	});
	afterAll(() => {
		receiver.stop();
	});

	it('pushes Premier and Kessler once each, with the payload a collector needs', () => {
		const emu = pushEmulator(pushDataset(), D, { url: receiver.url, token });
		try {
			expect(emu.runMapReduce('customscript_o2c_cust_metrics_mr').status).toBe('COMPLETE');
			const run = emu.runMapReduce(PUSH);
			expect(run.status).toBe('COMPLETE');
			const rows = outbox(emu);
			expect(
				rows.map((r) => [
					r.custrecord_o2c_po_customer,
					r.custrecord_o2c_po_status,
					r.custrecord_o2c_po_attempts,
				]),
			).toEqual([
				[100, 'delivered', 1],
				[102, 'delivered', 1],
			]);
			const got = readReceived(receiver.file);
			expect(got.map((l) => l.method)).toEqual(['HEAD', 'POST', 'POST']);
			const posts = got.filter((l) => l.method === 'POST');
			for (const [i, p] of posts.entries()) {
				expect(p.authorization).toBe('valid');
				expect(p.headers['content-type']).toBe('application/json');
				expect(p.headers['idempotency-key']).toBe(rows[i]?.custrecord_o2c_po_key);
				expect(p.processed).toBe(true);
			}
			expect(posts[0]?.body).toEqual({
				customer_id: '100',
				customer_number: 'CUST-100',
				customer_name: 'Premier Construction Inc',
				overdue_amount: '2000.00',
				days_overdue: 55,
				currency: 'USD',
				subsidiary_id: '1',
				as_of: '2026-03-31',
				score: null,
				segment: 'insufficient-history',
				segment_reasons: [
					{ code: 'too-few-invoices', text: 'fewer than 3 undisputed invoices closed in the last 365 days' },
				],
				overdue_invoice_count: 2,
				oldest_overdue_invoices: [
					{
						id: '1',
						number: 'INV-1',
						amount: '1200.00',
						due_date: '2026-02-04',
						days_overdue: 55,
						disputed: false,
					},
					{
						id: '2',
						number: 'INV-2',
						amount: '800.00',
						due_date: '2026-03-01',
						days_overdue: 30,
						disputed: false,
					},
				],
				promises: {
					open: [
						{
							id: '1',
							promised_date: '2026-04-10',
							amount: '600.00',
							status: 'pending',
							invoice_ids: ['1'],
						},
					],
					broken: [
						{
							id: '2',
							promised_date: '2026-03-15',
							amount: '200.00',
							status: 'broken',
							invoice_ids: ['2'],
						},
					],
				},
				contact: { name: null, phone: '+1 212 555 0100', email: 'ap@premier.example' },
				netsuite_url: 'https://acme-wholesale.app.netsuite.com/app/common/entity/custjob.nl?id=100',
			});
			expect(posts[1]?.body).toMatchObject({
				customer_id: '102',
				overdue_amount: '2450.00',
				currency: 'EUR',
				days_overdue: 75,
				subsidiary_id: '2',
				overdue_invoice_count: 2,
			});

			// the same night again (a rerun): nothing new, nothing re-sent
			expect(emu.runMapReduce(PUSH).status).toBe('COMPLETE');
			expect(outbox(emu)).toHaveLength(2);
			expect(readReceived(receiver.file).filter((l) => l.method === 'POST')).toHaveLength(2);
		} finally {
			emu.close();
		}
	});
});
