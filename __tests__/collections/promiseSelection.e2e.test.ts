/**
 * Which promises a night of customscript_o2c_promise_match_ss examines, and what it costs: the
 * hand-made account (handDataset) at night 2026-05-08, grace 0, with promise records as the
 * collections RESTlet or a user would have left them (pending), and two payments:
 * PAY-30 (Globex, 05-07, 120.00 to INV-5) and PAY-31 (Acme, 05-05, 50.00 to INV-3).
 *
 * Due that night (hand-worked with domain/collections/promiseMatch.ts):
 * - 1001 Initech 300.00 by 05-05 on INV-6, nothing paid: window ended 05-05 → broken (escalated);
 * - 1002 Globex 120.00 by 05-20 on INV-5, PAY-30 120.00 on 05-07: paid in full inside an open
 *   window → kept, before its date;
 * - 1003 Globex 150.00 by 05-30 on INV-12, which CM-13 closed on 04-15 → cancelled, window open;
 * - 1004 Acme 300.00 by 05-07 on INV-3, PAY-31 50.00 on 05-05: window ended → partial (50.00).
 * Not due: the dataset's promise 1 (Acme 500.00 by 05-10 on INV-1 and INV-3: 50.00 paid in its
 * window) and `extra` more Acme promises of 1,000.00 by 05-25, promise 2001 + i on its own open
 * invoice 5001 + i (nothing paid).
 * With grace 2 days, 1004's window ends 05-09: not due on night 05-08 either.
 */
import type { Emulator } from '../../local/emulator';
import type { Dataset } from '../../local/data/dataset';
import type { ApiCalls } from '../../local/emulator/governance';
import type { StoredRecord } from '../../local/emulator/store';
import { handDataset } from '../snapshot/support/handDataset';
import { payment } from './support/reminderDataset';
import { emulatorFor } from '../snapshot/support/harness';

const PM = 'customscript_o2c_promise_match_ss';
const PM_OD = 'customdeploy_o2c_promise_match_od';
const PROMISE = 'customrecord_o2c_promise';
const NIGHT = '2026-05-08';

type Txn = Dataset['transactions'][number];

const promise = (
	id: number,
	customer: number,
	madeOn: string,
	promisedDate: string,
	amount: number,
	invoices: string,
): StoredRecord => ({
	type: PROMISE,
	id,
	values: {
		name: `Promise ${String(id)}`,
		isinactive: false,
		created: madeOn,
		lastmodified: madeOn,
		custrecord_o2c_pr_customer: customer,
		custrecord_o2c_pr_made_on: madeOn,
		custrecord_o2c_pr_date: promisedDate,
		custrecord_o2c_pr_amount: amount,
		custrecord_o2c_pr_invoices: invoices,
		custrecord_o2c_pr_status: 'pending',
		custrecord_o2c_pr_source: 'user',
	},
	texts: {},
});

const DUE = [
	promise(1001, 200, '2026-04-28', '2026-05-05', 300, '6'),
	promise(1002, 101, '2026-05-04', '2026-05-20', 120, '5'),
	promise(1003, 101, '2026-04-10', '2026-05-30', 150, '12'),
	promise(1004, 100, '2026-05-01', '2026-05-07', 300, '3'),
];

/** Acme's invoice 5001 + i of 1,000.00 (04-20, due 05-20), open: what promise 2001 + i names. */
const extraInvoice = (i: number): Txn => ({
	id: 5001 + i,
	type: 'CustInvc',
	tranId: `INV-${String(5001 + i)}`,
	entity: 100,
	subsidiary: 1,
	currency: 'USD',
	exchangeRate: 1,
	tranDate: '2026-04-20',
	dueDate: '2026-05-20',
	amount: 1000,
});

function account(extra: number): Emulator {
	const ds = handDataset();
	ds.transactions.push(payment(30, 101, '2026-05-07', 5, 120), payment(31, 100, '2026-05-05', 3, 50));
	for (let i = 0; i < extra; i++) ds.transactions.push(extraInvoice(i));
	const emu = emulatorFor(ds, NIGHT);
	for (const p of DUE) emu.store.put(p);
	for (let i = 0; i < extra; i++)
		emu.store.put(promise(2001 + i, 100, '2026-05-01', '2026-05-25', 1000, String(5001 + i)));
	return emu;
}

interface Night {
	status: Record<number, unknown>;
	units: number;
	calls: Record<string, ApiCalls>;
	executions: number;
	/** ids of promise records the night wrote */
	written: number[];
	/** the job's audit line: title and details */
	audit: string[];
}

function night(extra: number, graceDays = 0): Night {
	const emu = account(extra);
	const before = new Map([...emu.store.all(PROMISE)].map((r) => [r.id, r]));
	const marks = emu.governanceLog.length;
	const run = emu.runScheduled(PM, PM_OD, {
		params: { custscript_o2c_pm_as_of: NIGHT, custscript_o2c_pm_grace_days: graceDays },
	});
	expect(run.status).toBe('COMPLETE');
	const rows = emu.governanceLog.slice(marks).filter((g) => g.script === PM);
	const calls: Record<string, ApiCalls> = {};
	for (const g of rows)
		for (const [api, c] of Object.entries(g.calls ?? {})) {
			const t = (calls[api] ??= { calls: 0, units: 0 });
			t.calls += c.calls;
			t.units += c.units;
		}
	const status: Record<number, unknown> = {};
	const written: number[] = [];
	for (const r of emu.store.all(PROMISE)) {
		status[r.id] = r.values.custrecord_o2c_pr_status;
		if (before.get(r.id) !== r) written.push(r.id);
	}
	const audit = emu.logs.filter((l) => l.level === 'AUDIT').map((l) => `${l.title} / ${l.details}`);
	emu.close();
	return {
		status,
		units: rows.reduce((s, g) => s + g.unitsUsed, 0),
		calls,
		executions: rows.length,
		written,
		audit,
	};
}

describe('promise matching reads what is due (night 2026-05-08)', () => {
	test('the due promises are decided as the rule says; the rest are left untouched', () => {
		const n = night(3);
		expect(n.status).toEqual({
			1: 'pending',
			1001: 'broken',
			1002: 'kept',
			1003: 'cancelled',
			1004: 'partial',
			2001: 'pending',
			2002: 'pending',
			2003: 'pending',
		});
		expect(n.written.sort((a, b) => a - b)).toEqual([1001, 1002, 1003, 1004]);
		// still pending: promise 1 and 2001-2003, read by the open-window screen and left
		expect(n.audit).toEqual([
			'Promises 2026-05-08: 1 kept, 1 partial, 1 broken, 1 cancelled / still pending 4, escalated 1',
		]);
	});

	test('units: 4 due among 1,205 pending cost what 4 due among 5 pending cost, plus the pages of the 1,200', () => {
		const few = night(0);
		// hand-worked: getRange: the interrupted escalations, the one batch of ended windows (1001,
		// 1004); runPaged + one page each: currency codes, the open-window screen (1, 1002, 1003), its
		// invoices (1, 3, 5, 12), the batch's invoices (3, 6), the alert settings; submitFields: four
		// decisions and the email state; 1001's task (create 5, save 10) and email (20)
		expect(few.calls).toEqual({
			'search.create': { calls: 7, units: 0 },
			'ResultSet.getRange': { calls: 2, units: 20 },
			'Search.runPaged': { calls: 5, units: 25 },
			'PagedData.fetch': { calls: 5, units: 25 },
			'record.submitFields.custom': { calls: 5, units: 10 },
			'record.create.other': { calls: 1, units: 5 },
			'Record.save.other': { calls: 1, units: 10 },
			'email.send': { calls: 1, units: 20 },
		});
		expect(few.units).toBe(115);
		// 1,200 more open-window promises, each on its own open invoice, nothing paid: a second page of
		// the screen's rows (5) and a second invoice search for ids 1,001 to 1,204 (5 + one page 5);
		// nothing else: no promise costs a lookup, and none of them is examined or written
		const many = night(1200);
		expect(many.units - few.units).toBe(15);
		expect(many.calls['PagedData.fetch']).toEqual({ calls: 7, units: 35 });
		expect(many.calls['Search.runPaged']).toEqual({ calls: 6, units: 30 });
		expect(many.written.sort((a, b) => a - b)).toEqual([1001, 1002, 1003, 1004]);
		expect([few.executions, many.executions]).toEqual([1, 1]);
	});

	test('with 2 grace days the window of the promise due 05-07 is still open: not due', () => {
		const n = night(0, 2);
		expect(n.status[1004]).toBe('pending');
		expect(n.status[1001]).toBe('broken');
		expect(n.written.sort((a, b) => a - b)).toEqual([1001, 1002, 1003]);
	});

	test('a night with more due than one execution affords resumes after the last promise examined, deciding each once', () => {
		// 250 more ended-window promises of Initech on INV-6 (nothing paid): each broken and escalated
		// (submitFields 2, task 15, email 20, email state 2), with 80 units reserved per promise
		const emu = account(0);
		for (let i = 0; i < 250; i++) emu.store.put(promise(3001 + i, 200, '2026-04-28', '2026-05-05', 300, '6'));
		const marks = emu.governanceLog.length;
		const run = emu.runScheduled(PM, PM_OD, { params: { custscript_o2c_pm_as_of: NIGHT } });
		const executions = emu.governanceLog.slice(marks).filter((g) => g.script === PM);
		const broken = [...emu.store.all(PROMISE)].filter((r) => r.values.custrecord_o2c_pr_status === 'broken');
		const mails = emu.emails.filter((m) => m.subject.startsWith('Broken promise')).length;
		const tasks = emu.store.count('task');
		const resumes = run.tasks.map((t) => [t.result.status, t.task.params.custscript_o2c_pm_resume_after]);
		emu.close();
		expect(run.status).toBe('COMPLETE');
		// the first execution examines 1001-1004 and 3001-3246 and queues the rest; the second finds
		// nothing in the open-window screen (runPaged 5, no page), reads 3247-3250 in one batch and
		// escalates them: 10 + 10 + 5 + 10 + 10 + 10 (getRange, currency codes, screen, batch,
		// its invoice, settings) + 4 × 39
		expect(resumes).toEqual([['COMPLETE', 3246]]);
		expect(executions.map((g) => g.unitsUsed)).toEqual([9849, 211]);
		expect(broken.length).toBe(251); // 1001 and the 250
		expect([mails, tasks]).toEqual([251, 251]);
	});
});
