/**
 * The collections RESTlet (customscript_o2c_collections_rl) on the emulator, after the nightly
 * pipeline of the hand-made account: each event type recorded once per external id, a repeat
 * answered with the original answer and writing nothing, a different body under the same id
 * refused, references checked against the account, two requests with the same external id
 * interleaved as NetSuite may run them, the audience, the worklist and a customer's detail.
 */
import type { Emulator } from '../../local/emulator';
import { roleBySdf, userWithRole } from '../../local/emulator/roles';
import { ensureEmployee } from '../../local/emulator/roles';
import type { RecordStore } from '../../local/emulator/store';
import { emulatorFor } from '../snapshot/support/harness';
import { handDataset, HAND_AS_OF } from '../snapshot/support/handDataset';

const RL = 'customscript_o2c_collections_rl';
const DEP = 'customdeploy_o2c_collections_rl';
const CUSTOM_TYPES = [
	'customrecord_o2c_coll_event',
	'customrecord_o2c_promise',
	'customrecord_o2c_dispute',
	'customrecord_o2c_dispute_res',
	'customrecord_o2c_contact_att',
	'customrecord_o2c_contact',
];

type Json = Record<string, unknown>;

function counts(store: RecordStore): Record<string, number> {
	return Object.fromEntries(CUSTOM_TYPES.map((t) => [t, store.count(t)]));
}

function post(emu: Emulator, body: unknown, opts: { contentType?: string | null } = {}): { code: number; json: Json } {
	const r = emu.callRestlet(RL, DEP, 'POST', body, opts);
	return { code: r.code, json: JSON.parse(r.body) as Json };
}

function get(emu: Emulator, query: Record<string, string>): Json {
	const r = emu.callRestlet(RL, DEP, 'GET', query);
	expect(r.code).toBe(200);
	return JSON.parse(r.body) as Json;
}

const promise = (extra: Json = {}): Json => ({
	type: 'promise',
	external_id: 'crm-p-1',
	customer_id: 100,
	amount: '700.00',
	currency: 'USD',
	promised_date: '2026-05-08',
	invoice_ids: [1, 3],
	note: 'Will pay Friday <b>really</b>',
	...extra,
});

describe('collections RESTlet on the hand-made account', () => {
	let emu: Emulator;
	beforeEach(() => {
		emu = emulatorFor(handDataset(), HAND_AS_OF);
		expect(emu.runNightly().map((r) => r.status)).toEqual(emu.runNightly().map(() => 'COMPLETE'));
	});
	afterEach(() => {
		emu.close();
	});

	test('a promise is recorded once; a repeat gets the original answer and writes nothing', () => {
		const before = counts(emu.store);
		const first = post(emu, promise());
		expect(first.code).toBe(200);
		expect(first.json).toMatchObject({ ok: true, type: 'promise', external_id: 'crm-p-1', status: 'pending' });
		const id = first.json.promise_id as number;
		const rec = emu.store.get('customrecord_o2c_promise', id);
		expect(rec?.values).toMatchObject({
			externalid: 'crm-p-1',
			custrecord_o2c_pr_customer: 100,
			custrecord_o2c_pr_amount: 700,
			custrecord_o2c_pr_currency: 'USD',
			custrecord_o2c_pr_invoices: '1,3',
			custrecord_o2c_pr_open_at: 1200,
			custrecord_o2c_pr_date: '2026-05-08',
			custrecord_o2c_pr_status: 'pending',
			custrecord_o2c_pr_note: 'Will pay Friday <b>really</b>',
		});
		const after = counts(emu.store);
		expect(after.customrecord_o2c_promise).toBe((before.customrecord_o2c_promise ?? 0) + 1);
		expect(after.customrecord_o2c_coll_event).toBe((before.customrecord_o2c_coll_event ?? 0) + 1);
		// same content, keys in another order, external id in another case: the same event
		const again = post(emu, { ...promise(), external_id: 'CRM-P-1', invoice_ids: [1, 3] });
		expect(again.json).toEqual(first.json);
		expect(counts(emu.store)).toEqual(after);
	});

	test('a repeat with different content is refused and writes nothing', () => {
		post(emu, promise());
		const after = counts(emu.store);
		const other = post(emu, promise({ amount: '650.00' }));
		expect(other.json).toMatchObject({ ok: false, error: { code: 'EXTERNAL_ID_CONFLICT' } });
		expect(JSON.stringify(other.json)).toContain('"field":"external_id"');
		expect(counts(emu.store)).toEqual(after);
	});

	test('references are checked against the account: nothing is written on any refusal', () => {
		const before = counts(emu.store);
		const cases: [Json, string, string][] = [
			[promise({ customer_id: 999 }), 'customer_id', 'exists'],
			[promise({ currency: 'EUR' }), 'currency', 'customer_currency'],
			[promise({ invoice_ids: [1, 6] }), 'invoice_ids[1]', 'belongs_to_customer'],
			[promise({ invoice_ids: [77] }), 'invoice_ids[0]', 'exists'],
			[promise({ amount: '1200.01' }), 'amount', 'at_most_open_amount'],
			[promise({ promised_date: '2026-02-30' }), 'promised_date', 'date_exists'],
			[promise({ promised_date: '2026-05-03' }), 'promised_date', 'date_range'],
			[promise({ amount: 700 }), 'amount', 'decimal_string'],
			[promise({ extra: 1 }), 'extra', 'unknown_field'],
			[
				{ type: 'dispute', external_id: 'd1', customer_id: 100, invoice_id: 5, reason: 'pricing' },
				'invoice_id',
				'belongs_to_customer',
			],
			[
				{ type: 'dispute', external_id: 'd1', customer_id: 100, invoice_id: 1, reason: 'cheap' },
				'reason',
				'one_of',
			],
			[
				{ type: 'dispute_resolution', external_id: 'r1', dispute_external_id: 'nope', resolution: 'withdrawn' },
				'dispute_external_id',
				'exists',
			],
			[{ type: 'contact_attempt', external_id: 'c1', customer_id: 100, outcome: 'shouted' }, 'outcome', 'one_of'],
			[
				{ type: 'contact_details', external_id: 'k1', customer_id: 100, name: 'A. Person' },
				'email',
				'email_or_phone',
			],
		];
		for (const [body, field, rule] of cases) {
			const r = post(emu, body);
			expect(r.code).toBe(200);
			expect(r.json.ok).toBe(false);
			const details = (r.json.error as { details: { field: string; rule: string }[] }).details;
			expect(details).toContainEqual(expect.objectContaining({ field, rule }));
		}
		expect(counts(emu.store)).toEqual(before);
	});

	test('a dispute flags the invoice, blocks a second dispute, and its resolution clears the flag once', () => {
		const d = post(emu, {
			type: 'dispute',
			external_id: 'crm-d-1',
			customer_id: 100,
			invoice_id: 3,
			reason: 'pricing',
			text: 'Price was 900',
		});
		expect(d.json).toMatchObject({ ok: true, type: 'dispute', invoice_id: 3 });
		expect(emu.store.get('invoice', 3)?.values.custbody_o2c_disputed).toBe(true);
		const second = post(emu, {
			type: 'dispute',
			external_id: 'crm-d-2',
			customer_id: 100,
			invoice_id: 3,
			reason: 'quality',
		});
		expect(second.json).toMatchObject({ ok: false });
		expect(JSON.stringify(second.json)).toContain('no_open_dispute');
		const r = post(emu, {
			type: 'dispute_resolution',
			external_id: 'crm-r-1',
			dispute_external_id: 'crm-d-1',
			resolution: 'credit_issued',
		});
		expect(r.json).toMatchObject({ ok: true, dispute_id: d.json.dispute_id });
		expect(emu.store.get('invoice', 3)?.values.custbody_o2c_disputed).toBe(false);
		const dispute = emu.store.get('customrecord_o2c_dispute', d.json.dispute_id as number);
		expect(dispute?.values).toMatchObject({
			custrecord_o2c_dp_status: 'resolved',
			custrecord_o2c_dp_resolution: 'credit_issued',
		});
		// a second, different resolution is refused; the repeat of the first is answered as before
		const other = post(emu, {
			type: 'dispute_resolution',
			external_id: 'crm-r-2',
			dispute_external_id: 'crm-d-1',
			resolution: 'withdrawn',
		});
		expect(JSON.stringify(other.json)).toContain('open_dispute');
		expect(
			post(emu, {
				type: 'dispute_resolution',
				external_id: 'crm-r-1',
				dispute_external_id: 'crm-d-1',
				resolution: 'credit_issued',
			}).json,
		).toEqual(r.json);
		// the invoice may be disputed again
		expect(
			post(emu, { type: 'dispute', external_id: 'crm-d-3', customer_id: 100, invoice_id: 3, reason: 'quality' })
				.json.ok,
		).toBe(true);
	});

	test('two requests with the same external id interleaved at every step record one promise and give one answer', () => {
		// the second request runs completely at the k-th metered call of the first, for every k
		const total = (() => {
			const probe = emulatorFor(handDataset(), HAND_AS_OF);
			let n = 0;
			probe.callRestlet(RL, DEP, 'POST', promise(), {
				interleave: () => {
					n++;
				},
			});
			probe.close();
			return n;
		})();
		expect(total).toBeGreaterThan(5);
		for (let k = 1; k <= total; k++) {
			const e = emulatorFor(handDataset(), HAND_AS_OF); // no nightly run: recording reads no metrics
			let calls = 0;
			let inner: Json | null = null;
			const outer = e.callRestlet(RL, DEP, 'POST', promise(), {
				interleave: () => {
					calls++;
					if (calls === k) inner = JSON.parse(e.callRestlet(RL, DEP, 'POST', promise()).body) as Json;
				},
			});
			const a = JSON.parse(outer.body) as Json;
			expect(inner).not.toBeNull();
			expect(a.ok).toBe(true);
			expect(inner).toEqual(a);
			expect(e.store.count('customrecord_o2c_promise') - 1).toBe(1); // the dataset's promise + ours
			expect(e.store.count('customrecord_o2c_coll_event')).toBe(1);
			e.close();
		}
	});

	test('two different disputes of one invoice interleaved at every step leave exactly one open dispute', () => {
		const first = { type: 'dispute', external_id: 'crm-d-a', customer_id: 100, invoice_id: 3, reason: 'pricing' };
		const second = { ...first, external_id: 'crm-d-b', reason: 'quality' };
		for (let k = 1; ; k++) {
			const e = emulatorFor(handDataset(), HAND_AS_OF);
			let calls = 0;
			const got: { inner: Json | null } = { inner: null };
			const outer = JSON.parse(
				e.callRestlet(RL, DEP, 'POST', first, {
					interleave: () => {
						calls++;
						if (calls === k) got.inner = JSON.parse(e.callRestlet(RL, DEP, 'POST', second).body) as Json;
					},
				}).body,
			) as Json;
			e.close();
			if (got.inner === null) break; // k passed the last metered call
			const answers = [outer, got.inner];
			expect(answers.filter((a) => a.ok === true)).toHaveLength(1);
			expect(JSON.stringify(answers.find((a) => a.ok === false))).toContain('no_open_dispute');
			expect(e.store.count('customrecord_o2c_dispute')).toBe(1);
			expect(e.store.count('customrecord_o2c_coll_event')).toBe(1);
			expect(e.store.get('invoice', 3)?.values.custbody_o2c_disputed).toBe(true);
		}
	});

	test('the audience: AR roles and the integration role are admitted, others refused before anything runs', () => {
		const base = emu.user;
		const clerk = userWithRole(base, roleBySdf('AR_CLERK')!, 7, 'Clerk', 'clerk@example.invalid');
		const sales = userWithRole(base, roleBySdf('SALES_PERSON')!, 8, 'Sales', 'sales@example.invalid');
		const integration = {
			...base,
			id: 9,
			name: 'Integration',
			email: 'int@example.invalid',
			role: 1001,
			roleId: 'customrole_o2c_collections',
			roleCenter: 'BASIC',
		};
		for (const u of [clerk, sales, integration]) ensureEmployee(emu.store, u);
		const body = { type: 'contact_attempt', external_id: 'c-aud', customer_id: 100, outcome: 'no_answer' };
		expect(emu.callRestlet(RL, DEP, 'POST', body, { user: clerk }).code).toBe(200);
		expect(emu.callRestlet(RL, DEP, 'POST', { ...body, external_id: 'c-aud2' }, { user: integration }).code).toBe(
			200,
		);
		const before = counts(emu.store);
		const refused = emu.callRestlet(RL, DEP, 'POST', { ...body, external_id: 'c-aud3' }, { user: sales });
		expect(refused.code).toBe(403);
		expect(counts(emu.store)).toEqual(before);
	});

	test('the worklist ranks by priority with promises, disputes and last contact; the detail lists the customer', () => {
		post(emu, promise());
		post(emu, {
			type: 'contact_attempt',
			external_id: 'c-1',
			customer_id: 100,
			outcome: 'spoke_to_customer',
			next_action_date: '2026-05-08',
			collector: 'amy',
		});
		post(emu, { type: 'dispute', external_id: 'd-5', customer_id: 101, invoice_id: 5, reason: 'quantity' });
		const w = get(emu, { page_size: '10' });
		expect(w.ok).toBe(true);
		const rows = w.rows as Json[];
		expect(rows.length).toBeGreaterThan(0);
		const priorities = rows.map((r) => Number(r.priority));
		expect([...priorities].sort((a, b) => b - a)).toEqual(priorities);
		const r100 = rows.find((r) => r.customer_id === 100)!;
		expect(r100).toMatchObject({
			open_promises: 2, // the dataset's pending promise and ours
			last_contact: { outcome: 'spoke_to_customer', next_action_date: '2026-05-08' },
		});
		// customer 101's invoice 5 is not overdue, but its open dispute keeps it on the worklist
		expect(rows.find((r) => r.customer_id === 101)).toMatchObject({ open_disputes: 1 });
		const d = get(emu, { customer_id: '100' });
		expect(d).toMatchObject({ ok: true, kind: 'customer', customer: { id: 100, currency: 'USD' } });
		expect((d.open_items as Json[]).map((i) => i.invoice_id)).toEqual([1, 3]);
		expect((d.promises as Json[]).some((p) => p.external_id === 'crm-p-1')).toBe(true);
		expect(get(emu, { bogus: '1' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
	});
});
