/**
 * Retries, dead letters and an admin's re-queue, night after night on one emulated account, against
 * the local receiver on 127.0.0.1:
 * - `flaky` fails a third of the POSTs (500 after accepting, 503 before, 429 with Retry-After: 120,
 *   a dropped connection, no answer until the client's timeout) while stages are also killed and
 *   restarted (map after a 2xx before the outbox update, map after an invocation, getInputData): after five nights every
 *   selected payload is delivered exactly once, no key is processed twice, no customer-day has two
 *   keys, and selected = acknowledged + deadLettered + pending;
 * - `unavailable` (503 to every POST) dead-letters each payload after the deployment's maximum
 *   attempts with the reason; an admin fixes the endpoint and checks Re-queue: it goes out with
 *   the same key and is delivered;
 * - `reject` (422) dead-letters at once, with the answer's error text, credentials removed.
 */
import * as path from 'node:path';
import { readReceived, spawnReceiver, type ReceivedLine, type RunningReceiver } from '../../local/collectionsReceiver';
import type { Dataset } from '../../local/data/dataset';
import type { Emulator } from '../../local/emulator';
import type { MapReduceOptions } from '../../local/emulator/runners';
import type { RawValue } from '../../local/emulator/store';
import { setDeploymentParam } from '../../local/sdf/params';
import { collectionsBlock } from '../../local/report';
import { D, pushDataset } from './support/pushDataset';
import { OUTBOX, PUSH, PUSH_DEPLOY, outbox, pushEmulator, testToken, tmpDir } from './support/pushHarness';

const METRICS = 'customscript_o2c_cust_metrics_mr';
const EXTRA = 28;

/**
 * The push account plus EXTRA customers 200, 201, ... of US Wholesale, each with one invoice of
 * 1,000.00 + 10.00 × i due 2026-03-01 (30 days overdue at D): all above the account-wide minimum
 * (1,000.00, 15 days). Selected at D: Premier, Kessler and these 28 = 30.
 */
function manyOverdue(): Dataset {
	const ds = pushDataset();
	for (let i = 0; i < EXTRA; i++) {
		const id = 200 + i;
		ds.customers.push({
			id,
			entityId: `CUST-${String(id)}`,
			companyName: `Overdue Customer ${String(id)}`,
			subsidiary: 1,
			currency: 'USD',
			terms: 1,
		});
		ds.transactions.push({
			id: 1000 + i,
			type: 'CustInvc',
			tranId: `INV-${String(1000 + i)}`,
			entity: id,
			subsidiary: 1,
			currency: 'USD',
			exchangeRate: 1,
			tranDate: '2026-01-30',
			dueDate: '2026-03-01',
			amount: 1000 + 10 * i,
		});
	}
	return ds;
}

type Interrupt = NonNullable<MapReduceOptions['interrupt']>;

const started = new WeakSet<Emulator>();

/** Runs `count` nights (metrics, then the push), each on the day after the previous one. */
function nights(emu: Emulator, count: number, interrupts: Record<number, Interrupt> = {}): void {
	for (let n = 1; n <= count; n++) {
		if (started.has(emu)) emu.advanceDay();
		started.add(emu);
		expect(emu.runMapReduce(METRICS).status).toBe('COMPLETE');
		const interrupt = interrupts[n];
		expect(emu.runMapReduce(PUSH, undefined, interrupt ? { interrupt } : {}).status).toBe('COMPLETE');
	}
}

const posts = (file: string): ReceivedLine[] => readReceived(file).filter((l) => l.method === 'POST');
const keyOf = (l: ReceivedLine): string => l.headers['idempotency-key'] ?? '';
const val = (r: Record<string, RawValue>, f: string): RawValue | undefined => r[`custrecord_o2c_po_${f}`];

describe('collections push against a flaky endpoint, five nights, restarts injected', () => {
	const token = testToken();
	let receiver: RunningReceiver;
	let emu: Emulator;
	beforeAll(async () => {
		receiver = await spawnReceiver(path.join(tmpDir('flaky'), 'received.ndjson'), 'flaky', token);
		emu = pushEmulator(manyOverdue(), D, { url: receiver.url, token, https: { requestTimeoutMs: 300 } });
		nights(emu, 5, {
			// night 1: the first customer's invocation dies after its 2xx, before the outbox update
			1: { stage: 'map', afterInvocations: 0, beforeCall: 'record.submitFields' },
			// night 2: the first invocation is killed after it ran to its end, and runs again
			2: { stage: 'map', afterInvocations: 0 },
			// night 3: getInputData is killed after it ran, and runs again
			3: { stage: 'getInputData', afterInvocations: 0 },
		});
	});
	afterAll(() => {
		emu.close();
		receiver.stop();
	});

	it('the first night, a third of the 30 requests fail (10), as the endpoint is made to', () => {
		const firstNight = posts(receiver.file).slice(0, 31); // 30 payloads + the one re-sent after the kill
		expect(firstNight.filter((l) => l.answer !== 200).map((l) => l.answer)).toEqual([
			500,
			503,
			429,
			'dropped',
			'no-answer',
			500,
			503,
			429,
			'dropped',
			'no-answer',
		]);
	});

	it('every selected payload is delivered exactly once; no key processed twice; one key per customer-day', () => {
		const rows = outbox(emu);
		expect(rows).toHaveLength(30);
		expect(new Set(rows.map((r) => `${String(val(r, 'customer'))}|${String(val(r, 'day'))}`)).size).toBe(30);
		expect(new Set(rows.map((r) => val(r, 'key'))).size).toBe(30);
		expect(rows.filter((r) => val(r, 'status') !== 'delivered')).toEqual([]);

		const lines = posts(receiver.file);
		const processed = lines.filter((l) => l.processed).map(keyOf);
		expect(processed.length).toBe(new Set(processed).size);
		expect(new Set(processed)).toEqual(new Set(rows.map((r) => val(r, 'key'))));
		// each record's attempts are the requests sent for its key (one more for the key whose 2xx
		// was not recorded when the invocation died)
		const sent = (key: RawValue | undefined): number => lines.filter((l) => keyOf(l) === key).length;
		const extra = rows.filter((r) => sent(val(r, 'key')) !== val(r, 'attempts'));
		expect(extra.map((r) => sent(val(r, 'key')) - Number(val(r, 'attempts')))).toEqual([1]);
		expect(rows.some((r) => Number(val(r, 'attempts')) > 1)).toBe(true);
	});

	it('report.collections: selected = acknowledged + deadLettered + pending, attempts = requests recorded', () => {
		const c = collectionsBlock(emu);
		expect(c).toEqual({
			selected: 30,
			pushed: 30,
			acknowledged: 30,
			deadLettered: 0,
			pending: 0,
			attempts: posts(receiver.file).length - 1,
		});
	});
});

describe('dead letters and the re-queue', () => {
	const token = testToken();
	let down: RunningReceiver;
	let up: RunningReceiver;
	beforeAll(async () => {
		const dir = tmpDir('dead');
		down = await spawnReceiver(path.join(dir, 'down.ndjson'), 'unavailable', token);
		up = await spawnReceiver(path.join(dir, 'up.ndjson'), 'ok', token);
	});
	afterAll(() => {
		down.stop();
		up.stop();
	});

	it('gives up after the maximum attempts with the reason; re-queued, it goes out with the same key', () => {
		const emu = pushEmulator(pushDataset(), D, { url: down.url, token });
		try {
			setDeploymentParam(emu.project, PUSH, PUSH_DEPLOY, 'custscript_o2c_cp_max_attempts', '3');
			nights(emu, 2);
			expect(outbox(emu).map((r) => [val(r, 'status'), val(r, 'attempts'), val(r, 'http_status')])).toEqual([
				['pending', 2, 503],
				['pending', 2, 503],
			]);
			nights(emu, 1);
			const dead = outbox(emu);
			expect(
				dead.map((r) => [val(r, 'customer'), val(r, 'status'), val(r, 'attempts'), val(r, 'error')]),
			).toEqual([
				[100, 'dead', 3, 'gave up after 3 attempts; last: HTTP 503: {"error":"unavailable"}'],
				[102, 'dead', 3, 'gave up after 3 attempts; last: HTTP 503: {"error":"unavailable"}'],
			]);
			expect(collectionsBlock(emu)).toMatchObject({
				selected: 2,
				acknowledged: 0,
				deadLettered: 2,
				pending: 0,
				attempts: 6,
			});
			// a dead payload is not sent again by itself
			nights(emu, 1);
			expect(posts(down.file)).toHaveLength(6);

			// the admin fixes the endpoint and checks Re-queue on Premier's entry
			setDeploymentParam(emu.project, PUSH, PUSH_DEPLOY, 'custscript_o2c_cp_url', up.url);
			const premier = [...emu.store.all(OUTBOX)].find((r) => r.values.custrecord_o2c_po_customer === 100);
			if (!premier) throw new Error('no outbox entry of Premier');
			emu.store.put({ ...premier, values: { ...premier.values, custrecord_o2c_po_requeue: true } });
			nights(emu, 1);
			const after = outbox(emu);
			expect(
				after.map((r) => [val(r, 'customer'), val(r, 'status'), val(r, 'attempts'), val(r, 'requeue')]),
			).toEqual([
				[100, 'delivered', 1, false],
				[102, 'dead', 3, false],
			]);
			const sent = posts(up.file);
			expect(sent.map(keyOf)).toEqual([premier.values.custrecord_o2c_po_key]);
			expect(posts(down.file).filter((l) => keyOf(l) === premier.values.custrecord_o2c_po_key)).toHaveLength(3);
			expect(collectionsBlock(emu)).toMatchObject({
				selected: 2,
				acknowledged: 1,
				deadLettered: 1,
				pending: 0,
				attempts: 4,
			});
		} finally {
			emu.close();
		}
	});

	it('a 422 is permanent: dead at once with the answer, the credential it echoed removed', async () => {
		const reject = await spawnReceiver(path.join(tmpDir('reject'), 'received.ndjson'), 'reject', token);
		const emu = pushEmulator(pushDataset(), D, { url: reject.url, token });
		try {
			nights(emu, 2);
			const rows = outbox(emu);
			expect(
				rows.map((r) => [val(r, 'status'), val(r, 'attempts'), val(r, 'http_status'), val(r, 'error')]),
			).toEqual([
				[
					'dead',
					1,
					422,
					'permanent: HTTP 422: {"error":"customer unknown","received_authorization":"[redacted]"}',
				],
				[
					'dead',
					1,
					422,
					'permanent: HTTP 422: {"error":"customer unknown","received_authorization":"[redacted]"}',
				],
			]);
			expect(posts(reject.file)).toHaveLength(2);
			expect(JSON.stringify(rows)).not.toContain(token);
		} finally {
			emu.close();
			reject.stop();
		}
	});
});
