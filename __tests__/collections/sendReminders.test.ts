/**
 * The reminder use case (app/collections/sendReminders.ts) over in-memory ports: what it writes and
 * sends in the cases the end-to-end run does not reach (a customer mailed already that day, a send
 * that fails, units running short, bad settings). Levels −2, 3, 7; night 2026-05-10.
 */
import { parseCalendarDate as d, type CalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import type { ReminderInvoice, ReminderSettingRow } from '../../src/TypeScripts/o2c_dso/domain/collections/reminders';
import {
	sendReminders,
	type LoggedLine,
	type ReminderMail,
	type ReminderPorts,
} from '../../src/TypeScripts/o2c_dso/app/collections/sendReminders';

const NIGHT = d('2026-05-10');
const inv = (id: number, customerId: number, due: string): ReminderInvoice => ({
	id,
	tranId: `INV-${String(id)}`,
	customerId,
	subsidiaryId: 1,
	dueDate: d(due),
	currency: 'USD',
	openMinor: 10000,
	disputed: false,
});

class Memory implements ReminderPorts {
	settingRows: ReminderSettingRow[] = [{ subsidiaryId: null, enabled: true, levels: '-2, 3, 7' }];
	invoices: ReminderInvoice[] = [];
	lines: LoggedLine[] = [];
	mailRows: ReminderMail[] = [];
	sent: { to: string; subject: string; customerId: number }[] = [];
	errors: string[] = [];
	units = 10000;
	failFor = new Set<number>();
	emails = new Map<number, string | null>([
		[7, 'ap@seven.example'],
		[8, 'ap@eight.example'],
		[9, null],
	]);

	settings(): ReminderSettingRow[] {
		return this.settingRows;
	}
	templates(): [] {
		return [];
	}
	subsidiaries(): { id: number; name: string }[] {
		return [{ id: 1, name: 'US' }];
	}
	openInvoices(dueBy: CalendarDate): ReminderInvoice[] {
		return this.invoices.filter((i) => i.dueDate <= dueBy);
	}
	openDisputes(): Set<number> {
		return new Set();
	}
	pendingPromises(): [] {
		return [];
	}
	loggedLines(ids: readonly number[]): LoggedLine[] {
		return this.lines.filter((l) => ids.includes(l.invoiceId));
	}
	mails(night: CalendarDate): ReminderMail[] {
		return this.mailRows.filter((m) => m.night === night || m.state === 'preparing' || m.state === 'sending');
	}
	recipients(ids: readonly number[]): Map<number, { name: string; email: string | null }> {
		return new Map(ids.map((id) => [id, { name: `Customer ${String(id)}`, email: this.emails.get(id) ?? null }]));
	}
	claimMail(customerId: number, night: CalendarDate): number | null {
		if (this.mailRows.some((m) => m.customerId === customerId && m.night === night)) return null;
		const id = this.mailRows.length + 1;
		this.mailRows.push({ id, customerId, night, state: 'preparing' });
		return id;
	}
	logLine(mailId: number, _c: number, line: { invoice: ReminderInvoice; level: number }): boolean {
		if (this.lines.some((l) => l.invoiceId === line.invoice.id && l.level === line.level)) return false;
		this.lines.push({ invoiceId: line.invoice.id, level: line.level, mailId });
		return true;
	}
	removeLines(mailId: number): void {
		this.lines = this.lines.filter((l) => l.mailId !== mailId);
	}
	setMailState(mailId: number, state: ReminderMail['state']): void {
		this.mailRows = this.mailRows.map((m) => (m.id === mailId ? { ...m, state } : m));
		this.units -= 2;
	}
	send(to: string, mail: { subject: string }, customerId: number): void {
		if (this.failFor.has(customerId)) throw new Error('SSS_INVALID_TO_EMAIL: bad address');
		this.sent.push({ to, subject: mail.subject, customerId });
		this.units -= 20;
	}
	remainingUnits(): number {
		return this.units;
	}
	error(title: string): void {
		this.errors.push(title);
	}
}

test('a customer mailed already that day gets the new level the next night, not a second email', () => {
	const m = new Memory();
	// customer 7 got its 05-10 email (INV-1 at 3) in an earlier run; then INV-2's dispute was resolved and the night rerun
	m.invoices = [inv(1, 7, '2026-05-07'), inv(2, 7, '2026-05-03')];
	m.mailRows = [{ id: 1, customerId: 7, night: NIGHT, state: 'sent' }];
	m.lines = [{ invoiceId: 1, level: 3, mailId: 1 }];
	const r = sendReminders(m, NIGHT);
	expect(r).toMatchObject({ sent: 0, mailedToday: 1 });
	expect(m.sent).toEqual([]);
	// the next night: INV-2 (8 days late) at level 7; INV-1 (4 days) stays at 3, sent already
	const next = sendReminders(m, d('2026-05-11'));
	expect(next).toMatchObject({ sent: 1, lines: 1, mailedToday: 0 });
	expect(m.lines.filter((l) => l.mailId === 2)).toEqual([{ invoiceId: 2, level: 7, mailId: 2 }]);
});

test('a send that throws is reported, its lines removed so the level is due again the next night', () => {
	const m = new Memory();
	m.invoices = [inv(1, 7, '2026-05-07'), inv(5, 8, '2026-05-07')];
	m.failFor.add(7);
	const r = sendReminders(m, NIGHT);
	expect(r).toMatchObject({ sent: 1, failed: 1 });
	expect(m.errors).toEqual(['Reminder to customer 7 failed (night 2026-05-10)']);
	expect(m.mailRows.map((x) => [x.customerId, x.state])).toEqual([
		[7, 'failed'],
		[8, 'sent'],
	]);
	expect(m.lines).toEqual([{ invoiceId: 5, level: 3, mailId: 2 }]);
	m.failFor.clear();
	expect(sendReminders(m, d('2026-05-11'))).toMatchObject({ sent: 1, lines: 1 });
	expect(m.sent.map((s) => s.customerId)).toEqual([8, 7]);
});

test('no address: nothing written, counted by customer, sent once an address exists', () => {
	const m = new Memory();
	m.invoices = [inv(1, 9, '2026-05-07')];
	expect(sendReminders(m, NIGHT)).toMatchObject({ sent: 0, noAddress: [9] });
	expect(m.mailRows).toEqual([]);
	expect(m.lines).toEqual([]);
	m.emails.set(9, 'new@nine.example');
	expect(sendReminders(m, d('2026-05-11'))).toMatchObject({ sent: 1, noAddress: [] });
});

test('units running short stop before a customer and leave the rest for the next execution', () => {
	const m = new Memory();
	m.invoices = [inv(1, 7, '2026-05-07'), inv(5, 8, '2026-05-07')];
	// 60 units are needed for a customer with one line; after the first email (20 + 2 × 2) 56 are left
	m.units = 80;
	expect(sendReminders(m, NIGHT)).toMatchObject({ sent: 1, more: true });
	m.units = 10000;
	expect(sendReminders(m, NIGHT)).toMatchObject({ sent: 1, more: false });
	expect(m.sent.map((s) => s.customerId)).toEqual([7, 8]);
});

test('off: nothing is read beyond the settings; bad settings stop the job naming the record', () => {
	const m = new Memory();
	m.settingRows = [];
	m.invoices = [inv(1, 7, '2026-05-07')];
	expect(sendReminders(m, NIGHT)).toMatchObject({ enabled: false, sent: 0 });
	m.settingRows = [{ id: 3, subsidiaryId: null, enabled: true, levels: '3, three' }];
	expect(() => sendReminders(m, NIGHT)).toThrow(
		'customrecord_o2c_reminder_setting id 3 (account-wide) custrecord_o2c_rs_levels: "three" is not a whole number of days',
	);
	expect(m.sent).toEqual([]);
});

test('an execution that cannot send even its first customer throws rather than queue another that would stop there too', () => {
	const m = new Memory();
	m.invoices = [inv(1, 7, '2026-05-07')];
	m.units = 59;
	expect(() => sendReminders(m, NIGHT)).toThrow(
		'Reminders 2026-05-10: 59 units left after the reads, customer 7 needs 60; nothing was sent by this execution',
	);
	expect(m.mailRows).toEqual([]);
});

test('one email lists at most 100 invoices, the oldest due first; the rest go out the next night', () => {
	const m = new Memory();
	// 120 invoices of customer 7 due 04-01 + i days: all at level 7 or more on 05-10
	m.invoices = Array.from({ length: 120 }, (_, i) =>
		inv(i + 1, 7, `2026-04-${String(1 + (i % 30)).padStart(2, '0')}`),
	);
	expect(sendReminders(m, NIGHT)).toMatchObject({ sent: 1, lines: 100 });
	expect(sendReminders(m, d('2026-05-11'))).toMatchObject({ sent: 1, lines: 20 });
});
