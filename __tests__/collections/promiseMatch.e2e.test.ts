/**
 * Promises to pay over a run night after night (runDays on the hand-made account, 2026-05-04 to
 * 05-10): three promises reported through the collections RESTlet on 05-05, the payments of the
 * following days in the dataset, customscript_o2c_promise_match_ss in the nightly chain:
 * - Acme promises 700.00 by 05-08 on invoices 1 and 3 (1,200.00 open) and pays 700.00 on 05-07
 *   (200.00 to invoice 1, 500.00 to invoice 3): kept on night 05-07;
 * - Globex promises 300.00 by 05-08 on invoice 5 and pays 120.00 on 05-08: pending through night
 *   05-08, partial (120.00) on night 05-09;
 * - Initech promises 500.00 by 05-07 on invoice 6 and pays nothing (its 500.00 on 05-09 is late):
 *   broken on night 05-08, escalated once: one email to the AR clerk, one task on Initech, the
 *   push flag; nights 05-09 and 05-10 send nothing more;
 * - the dataset's own promise 1 (Acme, 500.00 by 05-10) has the status the dataset gives it each day
 *   (dataset-format: the customer's payments in its window), kept from 05-07: the job leaves it.
 * Then an execution that died while sending the escalation email (state `sending`) is resumed: the
 * task is not created twice and the email is not sent again but marked unconfirmed, with an error.
 */
import * as path from 'path';
import { Emulator } from '../../local/emulator';
import type { NightRun } from '../../local/emulator';
import { accountInfo, buildStore } from '../../local/emulator/account';
import type { Dataset } from '../../local/data/dataset';
import { loadSdfProject } from '../../local/sdf/objects';
import { handDataset } from '../snapshot/support/handDataset';
import { requireBuilt, ROOT } from '../snapshot/support/harness';

const RL = 'customscript_o2c_collections_rl';
const RL_DEP = 'customdeploy_o2c_collections_rl';
const PM = 'customscript_o2c_promise_match_ss';
const PROMISE = 'customrecord_o2c_promise';

type Txn = Dataset['transactions'][number];
const payment = (id: number, entity: number, subsidiary: number, date: string, apply: [number, number][]): Txn => ({
	id,
	type: 'CustPymt',
	tranId: `PAY-${String(id)}`,
	entity,
	subsidiary,
	currency: 'USD',
	exchangeRate: subsidiary === 2 ? 0.9 : 1,
	tranDate: date,
	amount: apply.reduce((s, [, a]) => s + a, 0),
	apply: apply.map(([doc, amount]) => ({ doc, amount })),
});

function account(): Emulator {
	requireBuilt();
	const project = loadSdfProject(path.join(ROOT, 'src'));
	const ds = handDataset();
	ds.settings?.alerts?.push({ subsidiary: null, thresholdDays: 10, recipients: { arClerk: 'ar@hand.example' } });
	ds.transactions.push(
		payment(20, 100, 1, '2026-05-07', [
			[1, 200],
			[3, 500],
		]),
		payment(21, 101, 1, '2026-05-08', [[5, 120]]),
		payment(22, 200, 2, '2026-05-09', [[6, 500]]),
	);
	return new Emulator({
		projectRoot: ROOT,
		project,
		dataset: ds,
		store: buildStore(ds, '2026-05-04', project),
		account: accountInfo(ds, '2026-05-04'),
	});
}

const PROMISES = [
	{ external_id: 'crm-acme', customer_id: 100, amount: '700.00', promised_date: '2026-05-08', invoice_ids: [1, 3] },
	{ external_id: 'crm-globex', customer_id: 101, amount: '300.00', promised_date: '2026-05-08', invoice_ids: [5] },
	{ external_id: 'crm-initech', customer_id: 200, amount: '500.00', promised_date: '2026-05-07', invoice_ids: [6] },
];

type Run = NightRun['runs'][number];
/** A run and the runs of the tasks it submitted, in order. */
function withTasks(r: Run): Run[] {
	return [r, ...r.tasks.flatMap((t) => withTasks(t.result))];
}

interface Seen {
	status: unknown;
	paid: unknown;
}

describe('promise matching over a --through run, 2026-05-04 to 05-10', () => {
	let emu: Emulator;
	let nights: NightRun[];
	const ids = new Map<string, number>();
	const perNight = new Map<string, Record<string, Seen>>();
	const escalationMails = (): { to: string[]; subject: string; body: string }[] =>
		emu.emails.filter((m) => m.subject.startsWith('Broken promise'));
	const mailsAfter = new Map<string, number>();

	beforeAll(() => {
		emu = account();
		nights = emu.runDays({
			through: '2026-05-10',
			betweenNights: (e, day) => {
				if (day !== '2026-05-05') return;
				for (const p of PROMISES) {
					const r = e.callRestlet(RL, RL_DEP, 'POST', { type: 'promise', currency: 'USD', ...p });
					const json = JSON.parse(r.body) as { ok: boolean; promise_id: number };
					expect(json.ok).toBe(true);
					ids.set(p.external_id, json.promise_id);
				}
			},
			afterNight: (e, n) => {
				const seen: Record<string, Seen> = {};
				for (const [ext, id] of [...ids, ['dataset-1', 1] as const]) {
					const v = e.store.get(PROMISE, id)?.values;
					seen[ext] = { status: v?.custrecord_o2c_pr_status, paid: v?.custrecord_o2c_pr_paid ?? null };
				}
				perNight.set(n.night, seen);
				mailsAfter.set(n.night, escalationMails().length);
			},
		});
	});
	afterAll(() => {
		emu.close();
	});

	test('the promise job runs in every night of the chain, after the snapshot, before the metrics', () => {
		for (const n of nights) {
			const flat = n.runs.flatMap(withTasks);
			expect(flat.filter((r) => r.status !== 'COMPLETE').map((r) => r.scriptId)).toEqual([]);
			const order = flat.map((r) => r.scriptId);
			const at = order.indexOf(PM);
			expect(at).toBeGreaterThan(order.indexOf('customscript_o2c_ar_snapshot_ss'));
			expect(at).toBeLessThan(order.indexOf('customscript_o2c_cust_metrics_mr'));
		}
		expect(nights.map((n) => n.night)).toEqual([
			'2026-05-04',
			'2026-05-05',
			'2026-05-06',
			'2026-05-07',
			'2026-05-08',
			'2026-05-09',
			'2026-05-10',
		]);
	});

	test('kept, partial and broken, each decided on the night the hand-worked rule says', () => {
		const status = (night: string, ext: string): unknown => perNight.get(night)?.[ext]?.status;
		expect(['05', '06', '07', '08', '09', '10'].map((d) => status(`2026-05-${d}`, 'crm-acme'))).toEqual([
			'pending',
			'pending',
			'kept',
			'kept',
			'kept',
			'kept',
		]);
		expect(['05', '06', '07', '08', '09', '10'].map((d) => status(`2026-05-${d}`, 'crm-globex'))).toEqual([
			'pending',
			'pending',
			'pending',
			'pending',
			'partial',
			'partial',
		]);
		expect(['05', '06', '07', '08', '09', '10'].map((d) => status(`2026-05-${d}`, 'crm-initech'))).toEqual([
			'pending',
			'pending',
			'pending',
			'broken',
			'broken',
			'broken',
		]);
		expect(perNight.get('2026-05-10')).toEqual({
			'crm-acme': { status: 'kept', paid: 700 },
			'crm-globex': { status: 'partial', paid: 120 },
			'crm-initech': { status: 'broken', paid: 0 },
			// the dataset's promise: its status on each day is the dataset's (its customer payments in the window)
			'dataset-1': { status: 'kept', paid: null },
		});
		// the metrics of the night after count the partial promise as not kept, no longer open
		const globex = [...emu.store.all('customrecord_o2c_cust_metrics')].find(
			(r) => r.values.custrecord_o2c_cm_customer === 101,
		);
		expect(globex?.values.custrecord_o2c_cm_promises_open).toBe(0);
		expect(status('2026-05-06', 'dataset-1')).toBe('pending');
		expect(status('2026-05-07', 'dataset-1')).toBe('kept');
	});

	test('the broken promise is escalated once: one email to the AR clerk, one task on the customer, the push flag', () => {
		expect([...mailsAfter.values()]).toEqual([0, 0, 0, 0, 1, 1, 1]);
		const [mail] = escalationMails();
		expect(mail?.to).toEqual(['ar@hand.example']);
		expect(mail?.subject).toBe('Broken promise to pay: Initech GmbH, USD 500.00 due 2026-05-07');
		expect(mail?.body).toContain('<th align="left">Paid by then</th><td>USD 0.00</td>');
		const initech = emu.store.get(PROMISE, ids.get('crm-initech') ?? 0)?.values;
		expect(initech).toMatchObject({
			custrecord_o2c_pr_settled_on: '2026-05-08',
			custrecord_o2c_pr_escalated_on: '2026-05-08',
			custrecord_o2c_pr_push_flag: true,
			custrecord_o2c_pr_esc_email: 'sent',
		});
		const tasks = [...emu.store.all('task')];
		expect(tasks.map((t) => [t.values.company, t.values.title, t.values.duedate])).toEqual([
			[200, 'Broken promise to pay: Initech GmbH', '2026-05-09'],
		]);
		// kept and partial promises are not escalated
		const globex = emu.store.get(PROMISE, ids.get('crm-globex') ?? 0)?.values;
		expect(globex?.custrecord_o2c_pr_push_flag ?? false).toBe(false);
		expect(globex?.custrecord_o2c_pr_esc_email ?? null).toBeNull();
	});

	test('an escalation interrupted while sending is resumed without a second email or task', () => {
		const id = ids.get('crm-initech') ?? 0;
		const rec = emu.store.get(PROMISE, id);
		if (!rec) throw new Error('no promise');
		emu.store.put({ ...rec, values: { ...rec.values, custrecord_o2c_pr_esc_email: 'sending' } });
		const mails = emu.emails.length;
		const logs = emu.logs.length;
		emu.runScheduled(PM, 'customdeploy_o2c_promise_match_od', {
			params: { custscript_o2c_pm_as_of: '2026-05-10' },
		});
		expect(emu.emails.length).toBe(mails);
		expect(emu.store.count('task')).toBe(1);
		expect(emu.store.get(PROMISE, id)?.values.custrecord_o2c_pr_esc_email).toBe('unconfirmed');
		expect(
			emu.logs
				.slice(logs)
				.filter((l) => l.level === 'ERROR')
				.map((l) => l.title),
		).toEqual([`Broken promise ${String(id)}: escalation email unconfirmed`]);
	});
});
