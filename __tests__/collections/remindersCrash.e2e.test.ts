/**
 * Reminders exactly once across restarts: the reminder job killed by the application server at
 * each point of a customer's send (emulator `interrupt`: before the n-th call of an API; the
 * execution dies there, what it wrote so far stays), then run again for the same night. On night
 * 2026-05-04 four customers are due level −2 (Rem Co 300, Dispute Ltd 301, Promise Inc 302,
 * Payer AG 303, in that order), each: mail created and saved, its line created and saved, state
 * `sending` (submitFields), the email, state `sent` (submitFields).
 * - Killed before anything of a customer was sent, or before its line was saved: the rerun sends
 *   that customer's email, once.
 * - Killed between `sending` and the email, or between the email and `sent`: whether it went out
 *   cannot be known, so the rerun marks it `unconfirmed`, logs an error and never sends it again
 *   (the customer got zero or one email, never two); the other customers get theirs once.
 */
import type { Emulator } from '../../local/emulator';
import { reminderEmulator, runtimeShortBy, turnRemindersOn } from './support/reminderHarness';

const RM = 'customscript_o2c_reminder_ss';
const RM_OD = 'customdeploy_o2c_reminder_od';
const MAIL = 'customrecord_o2c_reminder_mail';
const LOG = 'customrecord_o2c_reminder_log';
const NIGHT = { custscript_o2c_rm_as_of: '2026-05-04' };

const perCustomer = (emu: Emulator): Record<string, number> => {
	const out: Record<string, number> = {};
	for (const m of emu.emails.filter((e) => e.script === RM)) out[m.to.join(',')] = (out[m.to.join(',')] ?? 0) + 1;
	return out;
};
const states = (emu: Emulator): unknown[] =>
	[...emu.store.all(MAIL)].map((r) => [r.values.custrecord_o2c_rm_customer, r.values.custrecord_o2c_rm_state]);

const ALL_ONCE = {
	'ap@rem.example': 1,
	'ap@dispute.example': 1,
	'ap@promise.example': 1,
	'ap@payer.example': 1,
};

// name, interrupt, emails each customer has after the rerun, mail states after it
const CASES: [string, { beforeCall: string; occurrence?: number }, Record<string, number>, string][] = [
	['before the first mail is created', { beforeCall: 'record.create' }, ALL_ONCE, 'sent sent sent sent'],
	[
		'the first mail saved, its line not',
		{ beforeCall: 'Record.save', occurrence: 2 },
		ALL_ONCE,
		'sent sent sent sent',
	],
	[
		'between sending and the email',
		{ beforeCall: 'email.send' },
		{ 'ap@dispute.example': 1, 'ap@promise.example': 1, 'ap@payer.example': 1 },
		'unconfirmed sent sent sent',
	],
	[
		'between the email and sent',
		{ beforeCall: 'record.submitFields', occurrence: 2 },
		ALL_ONCE,
		'unconfirmed sent sent sent',
	],
	[
		'the third customer, before its mail is saved',
		{ beforeCall: 'Record.save', occurrence: 5 },
		ALL_ONCE,
		'sent sent sent sent',
	],
];

describe.each(CASES)('reminder job killed %s', (_name, interrupt, emails, after) => {
	test('the rerun of the night sends every email at most once, each level logged once', () => {
		const emu = reminderEmulator();
		try {
			turnRemindersOn(emu);
			const killed = emu.runScheduled(RM, RM_OD, { params: NIGHT, interrupt });
			expect(killed.status).toBe('FAILED');
			expect(killed.error).toMatchObject({ name: 'SSS_APP_SERVER_RESTART' });
			const logsBefore = emu.logs.length;
			const rerun = emu.runScheduled(RM, RM_OD, { params: NIGHT });
			expect(rerun.status).toBe('COMPLETE');
			expect(perCustomer(emu)).toEqual(emails);
			expect(
				states(emu)
					.map((s) => (s as [number, string])[1])
					.join(' '),
			).toBe(after);
			const errors = emu.logs.slice(logsBefore).filter((l) => l.level === 'ERROR');
			expect(errors.map((l) => l.title)).toEqual(
				after.startsWith('unconfirmed')
					? ['Reminder 1 (customer 300, night 2026-05-04): email unconfirmed']
					: [],
			);
			// one line per invoice and level, linked to its customer's mail
			const lines = [...emu.store.all(LOG)].map((r) => [
				r.values.custrecord_o2c_rl_invoice,
				r.values.custrecord_o2c_rl_level,
			]);
			expect(lines).toEqual([
				[31, -2],
				[41, -2],
				[51, -2],
				[61, -2],
			]);
			// a third run sends nothing more
			emu.runScheduled(RM, RM_OD, { params: NIGHT });
			expect(perCustomer(emu)).toEqual(emails);
		} finally {
			emu.close();
		}
	});
});

test('a mail left preparing on an earlier night is cleared, and its level goes out the next night, once', () => {
	const emu = reminderEmulator();
	try {
		turnRemindersOn(emu);
		emu.runScheduled(RM, RM_OD, { params: NIGHT, interrupt: { beforeCall: 'Record.save', occurrence: 2 } });
		expect(states(emu)).toEqual([[300, 'preparing']]);
		emu.advanceDay();
		emu.runScheduled(RM, RM_OD, { params: { custscript_o2c_rm_as_of: '2026-05-05' } });
		expect(states(emu)).toEqual([
			[300, 'not_sent'],
			[300, 'sent'],
			[301, 'sent'],
			[302, 'sent'],
			[303, 'sent'],
		]);
		expect(perCustomer(emu)).toEqual(ALL_ONCE);
		expect(
			[...emu.store.all(LOG)].map((r) => [r.values.custrecord_o2c_rl_invoice, r.values.custrecord_o2c_rl_night]),
		).toEqual([
			[31, '2026-05-05'],
			[41, '2026-05-05'],
			[51, '2026-05-05'],
			[61, '2026-05-05'],
		]);
	} finally {
		emu.close();
	}
});

test('units running short: the job queues itself for the same night, each customer is mailed once, the last execution ends the night', () => {
	// each execution believes it has 180 units: after its reads there is room for about one customer
	const emu = reminderEmulator(undefined, undefined, runtimeShortBy(10000 - 180, RM));
	try {
		turnRemindersOn(emu);
		const night = emu.runNight();
		const runs = emu.governanceLog.filter((g) => g.script === RM);
		expect(runs.length).toBeGreaterThan(2);
		expect(runs.slice(1).every((g) => g.deployment === RM_OD)).toBe(true);
		expect(perCustomer(emu)).toEqual(ALL_ONCE);
		expect(night.runs.every((r) => r.status === 'COMPLETE')).toBe(true);
		const titles = emu.logs.map((l) => l.title);
		expect(titles.filter((t) => t.startsWith('Reminders 2026-05-04'))).toHaveLength(runs.length);
		expect(titles[titles.length - 1]).toBe('Nightly chain 2026-05-04: complete');
	} finally {
		emu.close();
	}
});
