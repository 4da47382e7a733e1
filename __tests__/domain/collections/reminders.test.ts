/**
 * Customer reminder rules worked by hand (domain/collections/reminders.ts), with the default
 * levels −3, 7, 21, 45 (days from the due date, negative before) unless a test says otherwise.
 */
import { parseCalendarDate as d } from '../../../src/TypeScripts/o2c_dso/domain/calendarDate';
import {
	DEFAULT_REMINDER_LEVELS,
	levelReached,
	parseLevels,
	renderReminder,
	resolveReminderSettings,
	selectReminders,
	validateReminderSettings,
	validateTemplates,
	type ReminderFacts,
	type ReminderInvoice,
	type ResolvedReminderSettings,
} from '../../../src/TypeScripts/o2c_dso/domain/collections/reminders';

const L = DEFAULT_REMINDER_LEVELS;
const on: ResolvedReminderSettings = { subsidiaryId: 1, enabled: true, levels: L };
const inv = (id: number, due: string, customerId = 7, openMinor = 50000, disputed = false): ReminderInvoice => ({
	id,
	tranId: `INV-${String(id)}`,
	customerId,
	subsidiaryId: 1,
	dueDate: d(due),
	currency: 'USD',
	openMinor,
	disputed,
});
const none: ReminderFacts = { openDisputes: new Set(), pendingPromises: [], sentLevels: new Map() };
const NIGHT = d('2026-05-10');
const pick = (invoices: ReminderInvoice[], facts: ReminderFacts = none, night = NIGHT): string[] =>
	selectReminders(invoices, facts, () => on, night).due.flatMap((c) =>
		c.lines.map((l) => `${String(c.customerId)}:${String(l.invoice.id)}@${String(l.level)}`),
	);

describe('levelReached: the highest level with night − due ≥ level', () => {
	test.each([
		// due date, night 2026-05-10, days night − due, level
		['2026-05-14', -4, null], // 4 days before: no level yet
		['2026-05-13', -3, -3], // exactly 3 days before
		['2026-05-10', 0, -3], // due today: still the "before" level
		['2026-05-04', 6, -3],
		['2026-05-03', 7, 7],
		['2026-04-20', 20, 7],
		['2026-04-19', 21, 21],
		['2026-03-26', 45, 45],
		['2025-05-10', 365, 45], // a year late: the last level, never beyond
	])('due %s (%i days) → level %p', (due, _days, level) => {
		expect(levelReached(L, d(due), NIGHT)).toBe(level);
	});
});

describe('selectReminders', () => {
	test('the level due for day X: each invoice at its current level, grouped per customer, by due date', () => {
		// customer 7: INV-1 due 05-13 (−3), INV-2 due 05-03 (7), INV-3 due 04-25 (15 → 7), INV-4 due 05-14 (none)
		// customer 5: INV-9 due 04-19 (21)
		expect(
			pick([
				inv(1, '2026-05-13'),
				inv(2, '2026-05-03'),
				inv(3, '2026-04-25'),
				inv(4, '2026-05-14'),
				inv(9, '2026-04-19', 5),
			]),
		).toEqual(['5:9@21', '7:3@7', '7:2@7', '7:1@-3']);
	});

	test('each level once: a level sent (or a higher one) is not due again; the next level is', () => {
		const sent: ReminderFacts = {
			...none,
			sentLevels: new Map([
				[2, [-3, 7]],
				[3, [-3]],
				[4, [21]],
			]),
		};
		// INV-2 at 7 sent; INV-3 at 7 not yet (−3 only); INV-4 at 7 but 21 was sent (levels edited since): not again
		expect(pick([inv(2, '2026-05-03'), inv(3, '2026-04-25'), inv(4, '2026-05-01')], sent)).toEqual(['7:3@7']);
		expect(selectReminders([inv(2, '2026-05-03')], sent, () => on, NIGHT).skipped.sent).toBe(1);
	});

	test('paused while disputed (the flag or an open dispute record), resumed when the dispute is gone', () => {
		const invoices = [inv(2, '2026-05-03', 7, 50000, true), inv(3, '2026-04-25')];
		const facts: ReminderFacts = { ...none, openDisputes: new Set([3]) };
		const r = selectReminders(invoices, facts, () => on, NIGHT);
		expect(r.due).toEqual([]);
		expect(r.skipped).toEqual({ disputed: 2, promise: 0, sent: 0, no_level: 0 });
		// resolved: the level reached by then (7 for both) is sent, not the levels missed meanwhile
		expect(pick([inv(2, '2026-05-03'), inv(3, '2026-04-25')])).toEqual(['7:3@7', '7:2@7']);
	});

	test('paused under a pending promise naming the invoice; a promise naming no invoice covers the customer', () => {
		const invoices = [inv(2, '2026-05-03'), inv(3, '2026-04-25'), inv(9, '2026-04-19', 5)];
		expect(pick(invoices, { ...none, pendingPromises: [{ customerId: 7, invoiceIds: [2] }] })).toEqual([
			'5:9@21',
			'7:3@7',
		]);
		expect(pick(invoices, { ...none, pendingPromises: [{ customerId: 7, invoiceIds: [] }] })).toEqual(['5:9@21']);
	});

	test('stopped once paid: an invoice with nothing open gets no reminder', () => {
		expect(pick([inv(2, '2026-05-03', 7, 0), inv(3, '2026-04-25', 7, 1)])).toEqual(['7:3@7']);
	});

	test('a subsidiary turned off sends nothing', () => {
		const off = (sub: number): ResolvedReminderSettings => ({ subsidiaryId: sub, enabled: false, levels: L });
		expect(selectReminders([inv(2, '2026-05-03')], none, off, NIGHT).due).toEqual([]);
	});
});

describe('settings', () => {
	test('levels: whole days, sorted, negative before the due date; mistakes named', () => {
		expect(parseLevels(' 45, -3 ,7,21', 'x')).toEqual([-3, 7, 21, 45]);
		expect(parseLevels('  ', 'x')).toBeNull();
		expect(() => parseLevels('7, 7', 'rec 3 levels')).toThrow('rec 3 levels: level 7 is listed twice');
		expect(() => parseLevels('7, 1.5', 'x')).toThrow('x: "1.5" is not a whole number of days');
		expect(() => parseLevels('3 days', 'x')).toThrow('"3 days" is not a whole number of days');
		expect(() => parseLevels('-100', 'x')).toThrow('x: -100 is outside -90 to 730 days');
	});

	test('off by default; a subsidiary row decides on/off for it, its levels win when set', () => {
		expect(resolveReminderSettings([], 1)).toEqual({ subsidiaryId: 1, enabled: false, levels: [-3, 7, 21, 45] });
		const rows = [
			{ subsidiaryId: null, enabled: true, levels: '-2, 10' },
			{ subsidiaryId: 2, enabled: false, levels: '' },
			{ subsidiaryId: 3, enabled: true, levels: '5' },
		];
		expect(resolveReminderSettings(rows, 1)).toEqual({ subsidiaryId: 1, enabled: true, levels: [-2, 10] });
		expect(resolveReminderSettings(rows, 2)).toEqual({ subsidiaryId: 2, enabled: false, levels: [-2, 10] });
		expect(resolveReminderSettings(rows, 3)).toEqual({ subsidiaryId: 3, enabled: true, levels: [5] });
		expect(() => {
			validateReminderSettings([
				{ id: 4, subsidiaryId: 2, enabled: true, levels: '' },
				{ id: 5, subsidiaryId: 2, enabled: false, levels: '' },
			]);
		}).toThrow(
			'customrecord_o2c_reminder_setting id 5 (subsidiary 2): a second active reminder setting for the same scope',
		);
		expect(() => {
			validateReminderSettings([{ id: 6, subsidiaryId: null, enabled: true, levels: '7,x' }]);
		}).toThrow(
			'customrecord_o2c_reminder_setting id 6 (account-wide) custrecord_o2c_rs_levels: "x" is not a whole number',
		);
	});
});

describe('templates and the email', () => {
	const lines = [
		{ invoice: inv(2, '2026-05-03', 7, 123456), level: 7 },
		{ invoice: inv(1, '2026-05-13', 7, 5), level: -3 },
	];

	test('the built-in template of the highest level among the lines; values filled, table in place', () => {
		const m = renderReminder([], 1, 'Acme', lines, NIGHT);
		expect(m.level).toBe(7);
		// total 1,234.56 + 0.05; the oldest due 05-03, 7 days before the night
		expect(m.subject).toBe('Overdue: 2 invoice(s), USD 1,234.61');
		expect(m.html).toContain(
			'<p>Dear Acme,</p><p>according to our records the invoices below are past due (USD 1,234.61 in all, the oldest by 7 days).</p><table',
		);
		expect(m.html).toContain(
			'<tr><td>INV-2</td><td>2026-05-03</td><td align="right">USD 1,234.56</td><td>7 days overdue</td></tr>',
		);
		expect(m.html).toContain('<td align="right">USD 0.05</td><td>due in 3 days</td>');
		expect(renderReminder([], 1, 'Acme', [lines[1] as (typeof lines)[number]], NIGHT).subject).toBe(
			'Reminder: 1 invoice(s) from us fall due soon',
		);
	});

	test('the subsidiary’s template wins over the account’s; a body without {invoices} gets the table at the end', () => {
		const tpls = [
			{ id: 1, level: 7, subsidiaryId: null, subject: 'All {customer}', body: 'x' },
			{
				id: 2,
				level: 7,
				subsidiaryId: 1,
				subject: 'Sub {customer} {count} {oldest_due} {days_overdue}',
				body: 'Hi\nthere',
			},
		];
		const m = renderReminder(tpls, 1, 'Acme', lines, NIGHT);
		expect(m.subject).toBe('Sub Acme 2 2026-05-03 7');
		expect(m.html.startsWith('<p>Hi<br>there</p><table')).toBe(true);
		expect(renderReminder(tpls, 2, 'Acme', lines, NIGHT).subject).toBe('All Acme');
	});

	test('every value and the admin’s own text is escaped; no line break reaches the subject', () => {
		const tpl = [
			{
				id: 3,
				level: 7,
				subsidiaryId: null,
				subject: '<b>{customer}</b>\r\nBcc: x',
				body: '<script>x</script> {customer}\n\n{invoices}',
			},
		];
		const name = '<img src=x onerror=alert(1)> & "Co"';
		const m = renderReminder(
			tpl,
			1,
			name,
			[{ invoice: { ...inv(2, '2026-05-03'), tranId: '<i>INV</i>' }, level: 7 }],
			NIGHT,
		);
		expect(m.subject).toBe('<b><img src=x onerror=alert(1)> & "Co"</b> Bcc: x');
		expect(m.html).not.toMatch(/<(script|img|i|b)[ >]/);
		expect(m.html).toContain(
			'<p>&lt;script&gt;x&lt;&#x2F;script&gt; &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &amp; &quot;Co&quot;</p>',
		);
		expect(m.html).toContain('<td>&lt;i&gt;INV&lt;&#x2F;i&gt;</td>');
	});

	test('template mistakes are named: unknown placeholder, the table in the subject or in a sentence, empty, twice', () => {
		const t = (over: object): object => ({ id: 9, level: 7, subsidiaryId: null, subject: 's', body: 'b', ...over });
		const check =
			(...x: object[]): (() => void) =>
			() => {
				validateTemplates(x as Parameters<typeof validateTemplates>[0]);
			};
		expect(check(t({ body: 'Dear {name}' }))).toThrow(
			'customrecord_o2c_reminder_tpl id 9: custrecord_o2c_rt_body uses the unknown placeholder {name} (known: {customer}, {count}, {total}, {oldest_due}, {days_overdue}, {invoices})',
		);
		expect(check(t({ subject: 'See {invoices}' }))).toThrow('custrecord_o2c_rt_subject cannot hold {invoices}');
		expect(check(t({ body: 'See {invoices} below' }))).toThrow('put {invoices} on a line of its own');
		expect(check(t({ subject: ' ' }))).toThrow(
			'customrecord_o2c_reminder_tpl id 9: custrecord_o2c_rt_subject is empty',
		);
		expect(check(t({}), t({ id: 10 }))).toThrow(
			'customrecord_o2c_reminder_tpl id 10: a second active template for level 7',
		);
		expect(check(t({ body: 'Hi {customer}\n\n{invoices}\n\nBye' }), t({ id: 11, subsidiaryId: 2 }))).not.toThrow();
	});
});
