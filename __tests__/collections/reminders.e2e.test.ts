/**
 * Customer reminders over a --through run (runDays, 2026-05-04 to 05-14, the whole nightly chain
 * each night) on the reminder account (support/reminderDataset.ts), levels -2, 3 and 7 days from the
 * due date, an admin template for level 7, the EU subsidiary turned off by its own setting row.
 * Expected emails, night by night, worked out by hand from the levels (night − due ≥ level):
 * - Rem Co: 05-04 INV-31 at −2; 05-07 INV-32 and INV-33 at −2 in one email; 05-09 INV-31 at 3;
 *   05-12 INV-32 and INV-33 at 3; 05-13 INV-31 at 7 (the admin's template).
 * - Dispute Ltd: 05-04 at −2; disputed on 05-05, so nothing on 05-09 when level 3 is reached;
 *   resolved on 05-10: level 3 that night; 05-13 at 7.
 * - Promise Inc: 05-04 at −2; a promise on 05-05 (by 05-11) pauses level 3 on 05-09; broken on
 *   night 05-12 (promise matching runs first): level 3 that night; 05-13 at 7.
 * - Payer AG: 05-04 at −2 (350.00 open); 05-09 at 3 (250.00 open after 100.00 paid on 05-08); paid
 *   in full on 05-11: nothing on 05-13.
 * - No Address: counted and logged each night until the calling system reports a contact with an
 *   email on 05-08: −2 that night to that address, 3 on 05-09, 7 on 05-13.
 * - Euro GmbH (EU, off): nothing.
 */
import type { Emulator, NightRun } from '../../local/emulator';
import { REM_THROUGH } from './support/reminderDataset';
import { reminderEmulator, turnRemindersOn } from './support/reminderHarness';

const RL = 'customscript_o2c_collections_rl';
const RL_DEP = 'customdeploy_o2c_collections_rl';
const RM = 'customscript_o2c_reminder_ss';
const RM_OD = 'customdeploy_o2c_reminder_od';
const MAIL = 'customrecord_o2c_reminder_mail';
const LOG = 'customrecord_o2c_reminder_log';

const reminders = (emu: Emulator): Emulator['emails'][number][] => emu.emails.filter((m) => m.script === RM);
/** "INV-31" for each invoice row of a reminder's table */
const invoicesIn = (html: string): string[] =>
	[...html.matchAll(/<tr><td>(INV-\d+)<\/td>/g)].map((m) => m[1] as string);

type Run = NightRun['runs'][number];
function withTasks(r: Run): Run[] {
	return [r, ...r.tasks.flatMap((t) => withTasks(t.result))];
}

describe('customer reminders over a --through run, 2026-05-04 to 05-14', () => {
	let emu: Emulator;
	let nights: NightRun[];
	/** per night: "to: INV-a INV-b" per reminder sent that night */
	const sent = new Map<string, string[]>();
	const audits = new Map<string, string>();

	beforeAll(() => {
		emu = reminderEmulator();
		turnRemindersOn(emu);
		let seen = 0;
		nights = emu.runDays({
			through: REM_THROUGH,
			betweenNights: (e, day) => {
				const post = (body: Record<string, unknown>): void => {
					const r = e.callRestlet(RL, RL_DEP, 'POST', body);
					expect(JSON.parse(r.body)).toMatchObject({ ok: true });
				};
				if (day === '2026-05-05') {
					post({
						type: 'dispute',
						external_id: 'crm-d-41',
						customer_id: 301,
						invoice_id: 41,
						reason: 'pricing',
					});
					post({
						type: 'promise',
						external_id: 'crm-p-51',
						customer_id: 302,
						amount: '300.00',
						currency: 'USD',
						promised_date: '2026-05-11',
						invoice_ids: [51],
					});
				}
				if (day === '2026-05-08')
					post({
						type: 'contact_details',
						external_id: 'crm-k-304',
						customer_id: 304,
						name: 'Ann Payable',
						email: 'ann@noaddress.example',
					});
				if (day === '2026-05-10')
					post({
						type: 'dispute_resolution',
						external_id: 'crm-r-41',
						dispute_external_id: 'crm-d-41',
						resolution: 'withdrawn',
					});
			},
			afterNight: (e, n) => {
				const mine = reminders(e).slice(seen);
				seen += mine.length;
				sent.set(
					n.night,
					mine.map((m) => `${m.to.join(',')}: ${invoicesIn(m.body).join(' ')}`),
				);
				const audit = e.logs
					.filter((l) => l.title.startsWith(`Reminders ${n.night}`))
					.map((l) => `${l.title}; ${l.details}`);
				audits.set(n.night, audit.join(' | '));
			},
		});
	});
	afterAll(() => {
		emu.close();
	});

	test('the reminder job is the last step of every night, after the digest, and completes', () => {
		for (const n of nights) {
			const flat = n.runs.flatMap(withTasks);
			expect(flat.filter((r) => r.status !== 'COMPLETE').map((r) => r.scriptId)).toEqual([]);
			const order = flat.map((r) => r.scriptId);
			expect(order[order.length - 1]).toBe(RM);
			expect(order.indexOf(RM)).toBeGreaterThan(order.indexOf('customscript_o2c_digest_ss'));
		}
		expect(nights).toHaveLength(11);
	});

	test('each night sends exactly the reminders worked out by hand', () => {
		expect(Object.fromEntries(sent)).toEqual({
			'2026-05-04': [
				'ap@rem.example: INV-31',
				'ap@dispute.example: INV-41',
				'ap@promise.example: INV-51',
				'ap@payer.example: INV-61',
			],
			'2026-05-05': [],
			'2026-05-06': [],
			'2026-05-07': ['ap@rem.example: INV-32 INV-33'],
			'2026-05-08': ['ann@noaddress.example: INV-71'],
			// Dispute Ltd (disputed) and Promise Inc (pending promise) reach level 3 but are paused
			'2026-05-09': ['ap@rem.example: INV-31', 'ap@payer.example: INV-61', 'ann@noaddress.example: INV-71'],
			// the dispute resolved on 05-10: level 3 resumes that night
			'2026-05-10': ['ap@dispute.example: INV-41'],
			'2026-05-11': [],
			// the promise broken on night 05-12: level 3 that night
			'2026-05-12': ['ap@rem.example: INV-32 INV-33', 'ap@promise.example: INV-51'],
			// Payer AG paid in full on 05-11: no level 7
			'2026-05-13': [
				'ap@rem.example: INV-31',
				'ap@dispute.example: INV-41',
				'ap@promise.example: INV-51',
				'ann@noaddress.example: INV-71',
			],
			'2026-05-14': [],
		});
	});

	test('paused nights and the customer without an address are counted in the audit line', () => {
		expect(audits.get('2026-05-04')).toBe(
			'Reminders 2026-05-04: 4 sent; invoices 4, failed 0, unconfirmed 0, mailed today already 0, paused: disputed 0, promise 0; no email address 1 (customers 304)',
		);
		expect(audits.get('2026-05-09')).toBe(
			'Reminders 2026-05-09: 3 sent; invoices 3, failed 0, unconfirmed 0, mailed today already 0, paused: disputed 1, promise 1; no email address 0',
		);
	});

	test('the email: the level-7 admin template with the invoice table, amounts open that night, attached to the customer', () => {
		const all = reminders(emu);
		const payer = all.filter((m) => m.to[0] === 'ap@payer.example');
		expect(payer.map((m) => m.subject)).toEqual([
			'Reminder: 1 invoice(s) from us fall due soon',
			'Overdue: 1 invoice(s), USD 250.00',
		]);
		expect(payer[0]?.body).toContain(
			'<td>INV-61</td><td>2026-05-06</td><td align="right">USD 350.00</td><td>due in 2 days</td>',
		);
		expect(payer[1]?.body).toContain('<td align="right">USD 250.00</td><td>3 days overdue</td>');
		const final = all.filter((m) => m.subject.startsWith('Final notice'));
		expect(final.map((m) => m.subject)).toEqual([
			'Final notice for Rem Co: USD 400.00',
			'Final notice for Dispute Ltd: USD 500.00',
			'Final notice for Promise Inc: USD 300.00',
			'Final notice for No Address: USD 200.00',
		]);
		expect(final[0]?.body).toBe(
			'<p>Hello Rem Co,</p><table cellpadding="4" style="border-collapse:collapse"><tr><th align="left">Invoice</th><th align="left">Due</th><th align="right">Open</th><th align="left"></th></tr>' +
				'<tr><td>INV-31</td><td>2026-05-06</td><td align="right">USD 400.00</td><td>7 days overdue</td></tr></table><p>Please pay within 5 days.</p>',
		);
		const mailId = (final[0]?.relatedRecords?.customRecord as { id: number }).id;
		expect(final[0]?.relatedRecords).toEqual({ entityId: 300, customRecord: { id: mailId, recordType: MAIL } });
		expect(emu.store.get(MAIL, mailId)?.values).toMatchObject({
			custrecord_o2c_rm_customer: 300,
			custrecord_o2c_rm_night: '2026-05-13',
			custrecord_o2c_rm_state: 'sent',
			custrecord_o2c_rm_level: 7,
			custrecord_o2c_rm_lines: 1,
		});
	});

	test('each send is logged on the customer, each level once per invoice', () => {
		const logs = [...emu.store.all(LOG)].map((r) => r.values);
		const of = (inv: number): unknown[] =>
			logs
				.filter((l) => l.custrecord_o2c_rl_invoice === inv)
				.map((l) => [l.custrecord_o2c_rl_level, l.custrecord_o2c_rl_night]);
		expect(of(41)).toEqual([
			[-2, '2026-05-04'],
			[3, '2026-05-10'],
			[7, '2026-05-13'],
		]);
		expect(of(61)).toEqual([
			[-2, '2026-05-04'],
			[3, '2026-05-09'],
		]);
		expect(of(81)).toEqual([]);
		expect(
			logs
				.filter((l) => l.custrecord_o2c_rl_invoice === 61)
				.map((l) => [l.custrecord_o2c_rl_customer, l.custrecord_o2c_rl_open]),
		).toEqual([
			[303, 350],
			[303, 250],
		]);
		const keys = logs.map((l) => String(l.externalid));
		expect(new Set(keys).size).toBe(keys.length);
		expect(keys).toContain('rl41_m2');
		// one mail record per email, all sent
		expect([...emu.store.all(MAIL)].map((r) => r.values.custrecord_o2c_rm_state)).toEqual(
			Array(reminders(emu).length).fill('sent'),
		);
	});

	test('a rerun of the last night sends nothing twice (at most one email per customer per day)', () => {
		const before = emu.emails.length;
		const records = emu.store.count(MAIL) + emu.store.count(LOG);
		const run = emu.runScheduled(RM, RM_OD, { params: { custscript_o2c_rm_as_of: '2026-05-13' } });
		expect(run.status).toBe('COMPLETE');
		expect(emu.emails.length).toBe(before);
		expect(emu.store.count(MAIL) + emu.store.count(LOG)).toBe(records);
		expect(emu.logs[emu.logs.length - 1]?.title).toBe('Reminders 2026-05-13: 0 sent');
	});
});

describe('reminders are off by default', () => {
	test('without a reminder setting the whole chain runs and no customer gets an email, no record is written', () => {
		const emu = reminderEmulator();
		try {
			emu.runDays({ through: '2026-05-05' });
			expect(reminders(emu)).toEqual([]);
			expect(emu.store.count(MAIL) + emu.store.count(LOG)).toBe(0);
			expect(emu.logs.filter((l) => l.title.startsWith('Reminders ')).map((l) => l.title)).toEqual([
				'Reminders 2026-05-04: off',
				'Reminders 2026-05-05: off',
			]);
		} finally {
			emu.close();
		}
	});
});
