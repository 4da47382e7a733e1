/**
 * The nightly customer reminders (optional, off by default; rules: domain/collections/reminders.ts):
 * at night D, every customer with an invoice due a reminder level gets one email listing those
 * invoices, at most one email per customer per day, each level at most once per invoice.
 *
 * Records (NetSuite keeps external ids unique per record type, so a repeat fails with DUP_RCRD):
 * - the day's **mail** of a customer, external id `rm<customer>_<night>`: at most one per customer
 *   and day, whatever runs twice;
 * - one **line** per invoice and level, external id `rl<invoice>_<level>`, child of the mail and of
 *   the customer (the customer's "Reminders" subtab): each level is logged once.
 *
 * Crash safety, in this order: the mail is created `preparing`, then its lines, then it is set
 * `sending`, the email is sent (attached to the customer and the mail), then it is set `sent`.
 * A later execution that finds
 * - a mail of the same night still `preparing` (it died before sending): removes its lines and
 *   sends it now, once;
 * - a mail `preparing` of an earlier night: removes its lines and sets it `not_sent` (the levels are
 *   due again and go out tonight);
 * - a mail `sending` (it died while sending): an email cannot be taken back or checked, so it is
 *   set `unconfirmed` and an error names it; it is never sent again (its levels stay logged).
 * One email lists at most MAX_LINES_PER_EMAIL invoices (the rest the next night). When units run
 * short the result says `more` (the entry point queues another execution for the same night, which
 * skips the customers mailed); an execution that cannot send even its first customer throws instead
 * of queueing another that would stop at the same place.
 * A send that throws removes the mail's lines (the levels are due again the next night), sets the
 * mail `failed` and logs an error. A customer without an email address gets nothing and writes
 * nothing: counted and logged (by internal id) each night, so it goes out once an address is set.
 */
import { addDays, type CalendarDate } from '../../domain/calendarDate';
import {
	renderReminder,
	resolveReminderSettings,
	selectReminders,
	validateReminderSettings,
	validateTemplates,
	type ReminderEmail,
	type ReminderInvoice,
	type ReminderLine,
	type ReminderSettingRow,
	type ReminderTemplate,
	type ResolvedReminderSettings,
} from '../../domain/collections/reminders';

export type ReminderMailState = 'preparing' | 'sending' | 'sent' | 'failed' | 'unconfirmed' | 'not_sent';

export interface ReminderMail {
	readonly id: number;
	readonly customerId: number;
	readonly night: CalendarDate;
	readonly state: ReminderMailState;
}

export interface LoggedLine {
	readonly invoiceId: number;
	readonly level: number;
	readonly mailId: number;
}

export interface ReminderPorts {
	settings(): ReminderSettingRow[];
	templates(): ReminderTemplate[];
	subsidiaries(): { id: number; name: string }[];
	/** open invoices (open amount > 0) due on or before `dueBy` */
	openInvoices(dueBy: CalendarDate): ReminderInvoice[];
	/** invoices of these customers under an open dispute record */
	openDisputes(customerIds: readonly number[]): Set<number>;
	/** the pending promises of these customers */
	pendingPromises(customerIds: readonly number[]): { customerId: number; invoiceIds: number[] }[];
	/** the lines logged for these invoices */
	loggedLines(invoiceIds: readonly number[]): LoggedLine[];
	/** the mails of `night` and every mail still `preparing` or `sending` */
	mails(night: CalendarDate): ReminderMail[];
	/** name and address (newest collections contact's email, else the customer's), by customer */
	recipients(customerIds: readonly number[]): Map<number, { name: string; email: string | null }>;
	/** creates the day's mail (`preparing`); null when the customer's mail of that night exists */
	claimMail(customerId: number, night: CalendarDate, lines: number): number | null;
	/** logs one line under the mail; false when that invoice's level is logged already */
	logLine(mailId: number, customerId: number, line: ReminderLine, night: CalendarDate): boolean;
	removeLines(mailId: number): void;
	setMailState(mailId: number, state: ReminderMailState, level?: number): void;
	send(to: string, email: ReminderEmail, customerId: number, mailId: number): void;
	remainingUnits(): number;
	error(title: string, details: string): void;
}

/** Units one customer's reminder may cost: the mail (6), each line (6), two states (4), the email (20), a failure's clean-up. */
export const unitsForCustomer = (lines: number): number => 50 + 10 * lines;

/**
 * Invoices one email lists at most; a customer due more that night gets the oldest due first and
 * the rest the next night (their levels stay due). Keeps one customer's send at most 1,050 units.
 */
export const MAX_LINES_PER_EMAIL = 100;

export interface ReminderResult {
	readonly night: CalendarDate;
	/** false when no subsidiary has reminders on: nothing was read or written */
	readonly enabled: boolean;
	/** emails sent */
	readonly sent: number;
	/** invoice lines in them */
	readonly lines: number;
	/** customers due a reminder without an email address (internal ids) */
	readonly noAddress: readonly number[];
	/** customers due another level who were mailed already that day (it goes out the next night) */
	readonly mailedToday: number;
	readonly failed: number;
	/** emails of an earlier execution that died while sending (never resent) */
	readonly unconfirmed: number;
	/** invoices at a level left out: paused by a dispute or a promise, or already reminded */
	readonly paused: { readonly disputed: number; readonly promise: number };
	/** true when units ran short: the rest is for the next execution */
	readonly more: boolean;
}

const message = (e: unknown): string => String((e as { message?: unknown } | null)?.message ?? e);

/** @example sendReminders(ports, d('2026-05-10')).sent // 1 */
export function sendReminders(ports: ReminderPorts, night: CalendarDate): ReminderResult {
	const rows = ports.settings();
	validateReminderSettings(rows);
	const settings = new Map<number, ResolvedReminderSettings>();
	for (const s of ports.subsidiaries()) settings.set(s.id, resolveReminderSettings(rows, s.id));
	const on = [...settings.values()].filter((s) => s.enabled && s.levels.length > 0);
	const result = {
		night,
		enabled: on.length > 0,
		sent: 0,
		lines: 0,
		noAddress: [] as number[],
		mailedToday: 0,
		failed: 0,
		unconfirmed: 0,
		paused: { disputed: 0, promise: 0 },
		more: false,
	};
	if (!result.enabled) return result;
	const templates = ports.templates();
	validateTemplates(templates);

	// what earlier executions left unfinished
	const today = new Map<number, ReminderMail>();
	for (const m of ports.mails(night)) {
		if (m.state === 'sending') {
			ports.setMailState(m.id, 'unconfirmed');
			ports.error(
				`Reminder ${String(m.id)} (customer ${String(m.customerId)}, night ${m.night}): email unconfirmed`,
				'An earlier execution stopped while sending it; it is not sent again. Check the customer’s Messages subtab.',
			);
			result.unconfirmed++;
			if (m.night === night) today.set(m.customerId, { ...m, state: 'unconfirmed' });
		} else if (m.state === 'preparing' && m.night !== night) {
			ports.removeLines(m.id);
			ports.setMailState(m.id, 'not_sent');
		} else if (m.night === night) today.set(m.customerId, m);
	}
	const resumed = new Set([...today.values()].filter((m) => m.state === 'preparing').map((m) => m.id));

	const minLevel = Math.min(...on.flatMap((s) => s.levels));
	const invoices = ports.openInvoices(addDays(night, -minLevel));
	const customerIds = [...new Set(invoices.map((i) => i.customerId))].sort((a, b) => a - b);
	if (customerIds.length === 0) return result;
	const sentLevels = new Map<number, number[]>();
	for (const l of ports.loggedLines(invoices.map((i) => i.id))) {
		if (resumed.has(l.mailId)) continue; // never sent: it goes out again below
		const list = sentLevels.get(l.invoiceId) ?? [];
		list.push(l.level);
		sentLevels.set(l.invoiceId, list);
	}
	const selection = selectReminders(
		invoices,
		{
			openDisputes: ports.openDisputes(customerIds),
			pendingPromises: ports.pendingPromises(customerIds),
			sentLevels,
		},
		(sub) => settings.get(sub) ?? { subsidiaryId: sub, enabled: false, levels: [] },
		night,
	);
	result.paused = { disputed: selection.skipped.disputed, promise: selection.skipped.promise };
	const who = ports.recipients(selection.due.map((c) => c.customerId));

	let handled = 0;
	for (const due of selection.due) {
		const c = { customerId: due.customerId, lines: due.lines.slice(0, MAX_LINES_PER_EMAIL) };
		const need = unitsForCustomer(c.lines.length);
		if (ports.remainingUnits() < need) {
			if (handled === 0)
				// a new execution would read as much again and stop at the same customer: never requeue for nothing
				throw new Error(
					`Reminders ${night}: ${String(ports.remainingUnits())} units left after the reads, customer ${String(c.customerId)} needs ${String(need)}; nothing was sent by this execution`,
				);
			result.more = true;
			break;
		}
		const prior = today.get(c.customerId);
		if (prior !== undefined && prior.state !== 'preparing') {
			result.mailedToday++;
			continue;
		}
		const to = who.get(c.customerId);
		if (!to?.email) {
			result.noAddress.push(c.customerId);
			continue;
		}
		let mailId: number;
		if (prior !== undefined) {
			mailId = prior.id;
			ports.removeLines(mailId);
		} else {
			const claimed = ports.claimMail(c.customerId, night, c.lines.length);
			if (claimed === null) {
				result.mailedToday++;
				continue;
			}
			mailId = claimed;
		}
		handled++;
		const lines = c.lines.filter((l) => ports.logLine(mailId, c.customerId, l, night));
		if (lines.length === 0) {
			ports.setMailState(mailId, 'not_sent');
			continue;
		}
		const first = lines[0] as ReminderLine;
		const mail = renderReminder(templates, first.invoice.subsidiaryId, to.name, lines, night);
		ports.setMailState(mailId, 'sending', mail.level);
		try {
			ports.send(to.email, mail, c.customerId, mailId);
		} catch (e) {
			ports.removeLines(mailId);
			ports.setMailState(mailId, 'failed');
			ports.error(`Reminder to customer ${String(c.customerId)} failed (night ${night})`, message(e));
			result.failed++;
			continue;
		}
		ports.setMailState(mailId, 'sent');
		result.sent++;
		result.lines += lines.length;
	}
	return result;
}
