/**
 * Bad configuration stops the push before it writes anything, with a message naming the deployment
 * parameter, the API secret or the record; a customer whose payload cannot be built is
 * dead-lettered with the reason, never skipped. On the push account at 2026-03-31 (Premier and
 * Kessler selected), the customer metrics run first as in the chain.
 */
import * as path from 'node:path';
import { readReceived, spawnReceiver, type RunningReceiver } from '../../local/collectionsReceiver';
import type { Emulator } from '../../local/emulator';
import { D, pushDataset } from './support/pushDataset';
import { OUTBOX, PUSH, outbox, pushEmulator, testToken, tmpDir } from './support/pushHarness';

const SETTING = 'customrecord_o2c_collections_setting';

/** The push's run, and what its summarize logged as the reason it stopped (null when it did not). */
function push(emu: Emulator): { status: string; stopped: string | null } {
	emu.runMapReduce('customscript_o2c_cust_metrics_mr');
	const run = emu.runMapReduce(PUSH);
	const log = emu.logs.find((l) => l.title === 'Collections push: stopped, nothing pushed');
	return { status: run.status, stopped: log?.details ?? null };
}

describe('bad input: the push stops before writing anything, or dead-letters the customer', () => {
	const token = testToken();
	let receiver: RunningReceiver;
	beforeAll(async () => {
		receiver = await spawnReceiver(path.join(tmpDir('bad'), 'received.ndjson'), 'ok', token);
	});
	afterAll(() => {
		receiver.stop();
	});

	const cases: [string, () => Emulator, string][] = [
		[
			'no endpoint parameter',
			() => pushEmulator(pushDataset(), D, { token }),
			'O2C_COLLECTIONS_PUSH_CONFIG: Deployment parameter custscript_o2c_cp_url (Collections endpoint URL) is empty: set it on the deployment customdeploy_o2c_collections_push_mr; nothing was pushed',
		],
		[
			'an endpoint that is not a URL',
			() => pushEmulator(pushDataset(), D, { token, url: 'collections.example.com/push' }),
			'O2C_COLLECTIONS_PUSH_CONFIG: Deployment parameter custscript_o2c_cp_url is not an http(s) URL: "collections.example.com/push"',
		],
		[
			'no API secret in the account',
			() => pushEmulator(pushDataset(), D, { url: receiver.url }),
			'O2C_COLLECTIONS_PUSH_CONFIG: The API secret custsecret_o2c_collections_token was not accepted (INVALID_SECRET_KEY_REFERENCE: The secret {custsecret_o2c_collections_token} does not exist or is not available to this script (Setup > Company > API Secrets).); create it under Setup > Company > Preferences > API Secrets and allow this script; nothing was pushed',
		],
		[
			'an unreachable host (connection refused)',
			() => pushEmulator(pushDataset(), D, { token, url: 'http://127.0.0.1:9/v1/collections/push' }),
			'O2C_COLLECTIONS_PUSH_CONFIG: The endpoint in deployment parameter custscript_o2c_cp_url cannot be reached (SSS_CONNECTION_CLOSED',
		],
		[
			'a setting out of range',
			() => {
				const emu = pushEmulator(pushDataset(), D, { token, url: receiver.url });
				const row = [...emu.store.all(SETTING)].find((r) => r.values.custrecord_o2c_cs_subsidiary === 2);
				if (!row) throw new Error('no setting of subsidiary 2');
				emu.store.put({ ...row, values: { ...row.values, custrecord_o2c_cs_min_days: -5 } });
				return emu;
			},
			'O2C_COLLECTIONS_PUSH_CONFIG: customrecord_o2c_collections_setting id 2 (subsidiary 2): custrecord_o2c_cs_min_days must be a whole number from 0 to 3650, got -5',
		],
	];

	it.each(cases)('%s: the message names it, the outbox stays empty, nothing is posted', (_name, make, message) => {
		const before = readReceived(receiver.file).filter((l) => l.method === 'POST').length;
		const emu = make();
		try {
			const r = push(emu);
			expect(r.stopped?.startsWith(message)).toBe(true);
			expect(emu.store.count(OUTBOX)).toBe(0);
			expect(readReceived(receiver.file).filter((l) => l.method === 'POST')).toHaveLength(before);
			// the customer metrics the push reads were written all the same
			expect(emu.store.count('customrecord_o2c_cust_metrics')).toBeGreaterThan(0);
		} finally {
			emu.close();
		}
	});

	it('a customer whose payload cannot be built is dead-lettered with the reason; the others go out', () => {
		const emu = pushEmulator(pushDataset(), D, { token, url: receiver.url });
		try {
			// the metrics select Kessler; then its currency is gone when the push builds its payload
			emu.runMapReduce('customscript_o2c_cust_metrics_mr');
			const kessler = emu.store.get('customer', 102);
			if (!kessler) throw new Error('no customer 102');
			emu.store.put({
				...kessler,
				values: { ...kessler.values, currency: '' },
				texts: { ...kessler.texts, currency: '' },
			});
			expect(emu.runMapReduce(PUSH).status).toBe('COMPLETE');
			expect(
				outbox(emu).map((r) => [
					r.custrecord_o2c_po_customer,
					r.custrecord_o2c_po_status,
					r.custrecord_o2c_po_attempts,
					r.custrecord_o2c_po_error,
				]),
			).toEqual([
				[100, 'delivered', 1, ''],
				[
					102,
					'dead',
					0,
					'payload not built: customer 102 has no currency code (got ""): amounts cannot be stated',
				],
			]);
		} finally {
			emu.close();
		}
	});
});
