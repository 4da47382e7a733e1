/**
 * Customer payment reminders (optional, off by default): which open invoice is due for which
 * reminder level at night D, and the email a customer gets. Pure: no `N/*`, "today" is the night
 * passed in.
 *
 * **Levels** are days relative to the due date, negative before it: the default `-3, 7, 21, 45` is
 * 3 days before, then 7, 21 and 45 days after. At night D an invoice has *reached* level L when
 * D − due ≥ L; its current level is the highest level reached. The current level is due when
 * - the invoice is open (open amount > 0: a paid invoice gets nothing more, ever),
 * - it is not disputed (`custbody_o2c_disputed` or an open dispute record): paused, not skipped:
 *   once the dispute is resolved the level reached by then is sent,
 * - it is not under an open promise (a pending promise naming the invoice, or naming no invoice at
 *   all, which covers the whole balance): paused the same way,
 * - that level, or a higher one, was not sent for it already (each level at most once per invoice).
 * A night that was missed (the job off, the customer already mailed that day, a pause) never sends a
 * lower level after a higher one: only the current level, once. One email per customer per day lists
 * every invoice due a reminder that night, each at its level; it uses the template of the highest
 * level among them.
 *
 * Worked example (levels -3, 7, 21, 45; D = 2026-05-10): invoice A due 05-13 (D − due = −3) is at
 * level −3; B due 05-03 (7) at level 7; C due 04-25 (15) at level 7 too; D due 05-14 (−4) has reached
 * no level. If level 7 was sent for C on 05-02's night, C is not due; if B is disputed it is paused.
 */
import { daysBetween, type CalendarDate } from '../calendarDate';
import { escapeHtml } from '../html';
import { formatMoney, money } from '../money';

export const DEFAULT_REMINDER_LEVELS: readonly number[] = [-3, 7, 21, 45];
/** Earliest level (days before the due date) and latest (days after) an admin may set. */
export const MIN_LEVEL = -90;
export const MAX_LEVEL = 730;
export const MAX_LEVELS = 10;

export const REMINDER_SETTING = 'customrecord_o2c_reminder_setting';
export const REMINDER_SETTING_FIELDS = {
	subsidiary: 'custrecord_o2c_rs_subsidiary',
	enabled: 'custrecord_o2c_rs_enabled',
	levels: 'custrecord_o2c_rs_levels',
} as const;
export const REMINDER_TEMPLATE = 'customrecord_o2c_reminder_tpl';
export const REMINDER_TEMPLATE_FIELDS = {
	level: 'custrecord_o2c_rt_level',
	subsidiary: 'custrecord_o2c_rt_subsidiary',
	subject: 'custrecord_o2c_rt_subject',
	body: 'custrecord_o2c_rt_body',
} as const;

/** Thrown for a setting or template an admin must correct; names the record and field. */
export class ReminderConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ReminderConfigError';
	}
}

/* ------------------------------------------------------------------ settings */

export interface ReminderSettingRow {
	readonly id?: number;
	/** null = the account-wide row */
	readonly subsidiaryId: number | null;
	/** a checkbox: never empty on a NetSuite record */
	readonly enabled: boolean;
	/** the levels text as entered; empty = inherit (the account-wide row's, else the default) */
	readonly levels: string;
}

export interface ResolvedReminderSettings {
	readonly subsidiaryId: number;
	readonly enabled: boolean;
	/** ascending, distinct */
	readonly levels: readonly number[];
}

const settingWhere = (r: ReminderSettingRow): string =>
	`${REMINDER_SETTING} ${r.id === undefined ? '' : `id ${String(r.id)} `}(${r.subsidiaryId === null ? 'account-wide' : `subsidiary ${String(r.subsidiaryId)}`})`;

/**
 * Reads a levels text: whole numbers of days separated by commas, negative before the due date.
 * Empty → null (inherit). Throws naming `where` for anything else.
 * @example parseLevels('45, -3, 7, 21', 'x') // [-3, 7, 21, 45]
 */
export function parseLevels(text: string, where: string): number[] | null {
	if (text.trim() === '') return null;
	const parts = text.split(',').map((s) => s.trim());
	const out: number[] = [];
	for (const p of parts) {
		if (!/^[+-]?\d{1,4}$/.test(p))
			throw new ReminderConfigError(
				`${where}: ${JSON.stringify(p)} is not a whole number of days (use e.g. "-3, 7, 21, 45": negative = before the due date)`,
			);
		const n = Number(p);
		if (n < MIN_LEVEL || n > MAX_LEVEL)
			throw new ReminderConfigError(
				`${where}: ${String(n)} is outside ${String(MIN_LEVEL)} to ${String(MAX_LEVEL)} days`,
			);
		if (out.includes(n)) throw new ReminderConfigError(`${where}: level ${String(n)} is listed twice`);
		out.push(n);
	}
	if (out.length > MAX_LEVELS)
		throw new ReminderConfigError(`${where}: at most ${String(MAX_LEVELS)} levels, got ${String(out.length)}`);
	return out.sort((a, b) => a - b);
}

/**
 * Throws naming the record of the first bad row (two rows for one scope, bad levels).
 * @example validateReminderSettings([{ subsidiaryId: null, enabled: true, levels: '7,7' }]) // throws
 */
export function validateReminderSettings(rows: readonly ReminderSettingRow[]): void {
	const seen = new Set<string>();
	for (const r of rows) {
		const scope = r.subsidiaryId === null ? 'account' : String(r.subsidiaryId);
		if (seen.has(scope))
			throw new ReminderConfigError(
				`${settingWhere(r)}: a second active reminder setting for the same scope; keep one (inactivate the other)`,
			);
		seen.add(scope);
		parseLevels(r.levels, `${settingWhere(r)} ${REMINDER_SETTING_FIELDS.levels}`);
	}
}

/**
 * The reminder settings in force for a subsidiary: its own row decides on/off (a checkbox), else the
 * account-wide row's; no row at all = off. Levels: the subsidiary's, else the account's, else the default.
 * @example resolveReminderSettings([{ subsidiaryId: null, enabled: true, levels: '' }], 2).levels // [-3, 7, 21, 45]
 */
export function resolveReminderSettings(
	rows: readonly ReminderSettingRow[],
	subsidiaryId: number,
): ResolvedReminderSettings {
	const own = rows.find((r) => r.subsidiaryId === subsidiaryId);
	const account = rows.find((r) => r.subsidiaryId === null);
	const levelsOf = (r: ReminderSettingRow | undefined): number[] | null =>
		r === undefined ? null : parseLevels(r.levels, `${settingWhere(r)} ${REMINDER_SETTING_FIELDS.levels}`);
	return {
		subsidiaryId,
		enabled: own ? own.enabled : account ? account.enabled : false,
		levels: levelsOf(own) ?? levelsOf(account) ?? [...DEFAULT_REMINDER_LEVELS],
	};
}

/* ------------------------------------------------------------------ level selection */

/**
 * The highest level reached at `night` by an invoice due `dueDate`, null when none is.
 * @example levelReached([-3, 7, 21, 45], d('2026-05-03'), d('2026-05-10')) // 7
 */
export function levelReached(levels: readonly number[], dueDate: CalendarDate, night: CalendarDate): number | null {
	const late = daysBetween(dueDate, night);
	let best: number | null = null;
	for (const l of levels) if (l <= late && (best === null || l > best)) best = l;
	return best;
}

/** An open invoice as the reminder job reads it (transaction currency, minor units). */
export interface ReminderInvoice {
	readonly id: number;
	readonly tranId: string;
	readonly customerId: number;
	readonly subsidiaryId: number;
	readonly dueDate: CalendarDate;
	readonly currency: string;
	readonly openMinor: number;
	/** custbody_o2c_disputed */
	readonly disputed: boolean;
}

/** What pauses or has already been sent, for the invoices considered. */
export interface ReminderFacts {
	/** invoices under an open dispute record */
	readonly openDisputes: ReadonlySet<number>;
	/** the pending promises: the invoices each names (empty = the customer's whole balance) */
	readonly pendingPromises: readonly { readonly customerId: number; readonly invoiceIds: readonly number[] }[];
	/** the levels already logged per invoice (sent, or being sent) */
	readonly sentLevels: ReadonlyMap<number, readonly number[]>;
}

export interface ReminderLine {
	readonly invoice: ReminderInvoice;
	readonly level: number;
}

export type ReminderSkip = 'disputed' | 'promise' | 'sent' | 'no_level';

export interface ReminderSelection {
	/** per customer, ascending customer id; each customer's lines by due date then invoice id */
	readonly due: { readonly customerId: number; readonly lines: readonly ReminderLine[] }[];
	/** invoices that reached a level but are paused or done, by reason */
	readonly skipped: Readonly<Record<ReminderSkip, number>>;
}

/**
 * The reminders due at `night`, grouped per customer. `settingsOf` gives each subsidiary's
 * resolved settings (a disabled subsidiary's invoices are left out).
 * @example selectReminders(invoices, facts, () => on, d('2026-05-10')).due.map((c) => c.customerId) // [100]
 */
export function selectReminders(
	invoices: readonly ReminderInvoice[],
	facts: ReminderFacts,
	settingsOf: (subsidiaryId: number) => ResolvedReminderSettings,
	night: CalendarDate,
): ReminderSelection {
	const promisedAll = new Set<number>();
	const promised = new Set<number>();
	for (const p of facts.pendingPromises) {
		if (p.invoiceIds.length === 0) promisedAll.add(p.customerId);
		for (const i of p.invoiceIds) promised.add(i);
	}
	const skipped: Record<ReminderSkip, number> = { disputed: 0, promise: 0, sent: 0, no_level: 0 };
	const byCustomer = new Map<number, ReminderLine[]>();
	for (const inv of invoices) {
		const s = settingsOf(inv.subsidiaryId);
		if (!s.enabled || inv.openMinor <= 0) continue;
		const level = levelReached(s.levels, inv.dueDate, night);
		if (level === null) {
			skipped.no_level++;
			continue;
		}
		if (inv.disputed || facts.openDisputes.has(inv.id)) {
			skipped.disputed++;
			continue;
		}
		if (promised.has(inv.id) || promisedAll.has(inv.customerId)) {
			skipped.promise++;
			continue;
		}
		if ((facts.sentLevels.get(inv.id) ?? []).some((l) => l >= level)) {
			skipped.sent++;
			continue;
		}
		let list = byCustomer.get(inv.customerId);
		if (!list) {
			list = [];
			byCustomer.set(inv.customerId, list);
		}
		list.push({ invoice: inv, level });
	}
	const due = [...byCustomer.entries()]
		.sort((a, b) => a[0] - b[0])
		.map(([customerId, lines]) => ({
			customerId,
			lines: lines.sort(
				(a, b) =>
					(a.invoice.dueDate < b.invoice.dueDate ? -1 : a.invoice.dueDate > b.invoice.dueDate ? 1 : 0) ||
					a.invoice.id - b.invoice.id,
			),
		}));
	return { due, skipped };
}

/* ------------------------------------------------------------------ templates */

/** A template as the admin wrote it: plain text with placeholders (never HTML). */
export interface ReminderTemplate {
	readonly id?: number;
	readonly level: number;
	/** null = every subsidiary */
	readonly subsidiaryId: number | null;
	readonly subject: string;
	readonly body: string;
}

/** The placeholders a template may use, and what each becomes. */
export const PLACEHOLDERS = {
	customer: 'the customer’s name',
	count: 'the number of invoices listed',
	total: 'their open total, e.g. USD 1,200.00',
	oldest_due: 'the earliest due date listed (YYYY-MM-DD)',
	days_overdue: 'the most days past due among them (0 when none is past due)',
	invoices: 'the table of invoices (body only, on a line of its own)',
} as const;
type Placeholder = keyof typeof PLACEHOLDERS;

const PLACEHOLDER = /\{([a-z_]+)\}/g;

function placeholdersIn(text: string): string[] {
	const out: string[] = [];
	text.replace(PLACEHOLDER, (whole, name: string) => {
		out.push(name);
		return whole;
	});
	return out;
}

/** Built-in templates, used for a level no template record covers. */
export const DEFAULT_TEMPLATES = {
	before: {
		subject: 'Reminder: {count} invoice(s) from us fall due soon',
		body: 'Dear {customer},\n\nthis is a friendly reminder that the invoices below fall due soon ({total} in all).\n\n{invoices}\n\nIf you have paid already, thank you, and please ignore this message.',
	},
	after: {
		subject: 'Overdue: {count} invoice(s), {total}',
		body: 'Dear {customer},\n\naccording to our records the invoices below are past due ({total} in all, the oldest by {days_overdue} days).\n\n{invoices}\n\nPlease arrange payment, or reply to this email if anything is unclear.',
	},
} as const;

const templateWhere = (t: ReminderTemplate): string =>
	t.id === undefined
		? `the built-in template of level ${String(t.level)}`
		: `${REMINDER_TEMPLATE} id ${String(t.id)}`;

/**
 * Throws naming the template record and field of the first mistake: an unknown placeholder, the
 * table in the subject or inside a sentence, an empty subject or body, two templates for one level
 * and scope.
 */
export function validateTemplates(templates: readonly ReminderTemplate[]): void {
	const F = REMINDER_TEMPLATE_FIELDS;
	const seen = new Set<string>();
	for (const t of templates) {
		const scope = `${String(t.level)}|${t.subsidiaryId === null ? '' : String(t.subsidiaryId)}`;
		if (seen.has(scope))
			throw new ReminderConfigError(
				`${templateWhere(t)}: a second active template for level ${String(t.level)} and the same subsidiary; keep one`,
			);
		seen.add(scope);
		for (const [field, text] of [
			[F.subject, t.subject],
			[F.body, t.body],
		] as const) {
			if (text.trim() === '') throw new ReminderConfigError(`${templateWhere(t)}: ${field} is empty`);
			for (const name of placeholdersIn(text)) {
				if (!(name in PLACEHOLDERS))
					throw new ReminderConfigError(
						`${templateWhere(t)}: ${field} uses the unknown placeholder {${name}} (known: ${Object.keys(
							PLACEHOLDERS,
						)
							.map((k) => `{${k}}`)
							.join(', ')})`,
					);
			}
		}
		if (t.subject.includes('{invoices}'))
			throw new ReminderConfigError(`${templateWhere(t)}: ${F.subject} cannot hold {invoices} (the table)`);
		for (const para of paragraphs(t.body))
			if (para.includes('{invoices}') && para.trim() !== '{invoices}')
				throw new ReminderConfigError(
					`${templateWhere(t)}: ${F.body}: put {invoices} on a line of its own, with an empty line before and after`,
				);
	}
}

/**
 * The template for a level: the subsidiary's, else the account-wide one, else the built-in one
 * (before or after the due date).
 */
export function templateFor(
	templates: readonly ReminderTemplate[],
	level: number,
	subsidiaryId: number,
): ReminderTemplate {
	const own = templates.find((t) => t.level === level && t.subsidiaryId === subsidiaryId);
	const any = templates.find((t) => t.level === level && t.subsidiaryId === null);
	const builtIn = level < 0 ? DEFAULT_TEMPLATES.before : DEFAULT_TEMPLATES.after;
	return own ?? any ?? { level, subsidiaryId: null, ...builtIn };
}

function paragraphs(body: string): string[] {
	return body
		.replace(/\r\n?/g, '\n')
		.split(/\n[ \t]*\n/)
		.map((p) => p.trim())
		.filter((p) => p !== '');
}

/** "7 days overdue", "due in 3 days", "due today". */
function whenText(dueDate: CalendarDate, night: CalendarDate): string {
	const late = daysBetween(dueDate, night);
	if (late > 0) return `${String(late)} day${late === 1 ? '' : 's'} overdue`;
	if (late === 0) return 'due today';
	return `due in ${String(-late)} day${late === -1 ? '' : 's'}`;
}

export interface ReminderEmail {
	readonly subject: string;
	readonly html: string;
	/** the level whose template was used (the highest among the lines) */
	readonly level: number;
}

/**
 * The email of one customer's reminder at `night` (every value escaped; the admin's text is text).
 * @example renderReminder(tpls, 1, 'Acme', lines, d('2026-05-10')).subject // 'Overdue: 1 invoice(s), USD 500.00'
 */
export function renderReminder(
	templates: readonly ReminderTemplate[],
	subsidiaryId: number,
	customerName: string,
	lines: readonly ReminderLine[],
	night: CalendarDate,
): ReminderEmail {
	if (lines.length === 0) throw new Error('renderReminder: no invoice to remind of');
	const level = Math.max(...lines.map((l) => l.level));
	const t = templateFor(templates, level, subsidiaryId);
	const totals = new Map<string, number>();
	for (const l of lines) totals.set(l.invoice.currency, (totals.get(l.invoice.currency) ?? 0) + l.invoice.openMinor);
	const total = [...totals.entries()]
		.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
		.map(([c, m]) => formatMoney(money(m, c)))
		.join(' + ');
	const oldest = lines.map((l) => l.invoice.dueDate).sort()[0] as CalendarDate;
	const values: Record<Exclude<Placeholder, 'invoices'>, string> = {
		customer: customerName,
		count: String(lines.length),
		total,
		oldest_due: oldest,
		days_overdue: String(Math.max(0, daysBetween(oldest, night))),
	};
	const fill = (text: string): string =>
		text.replace(PLACEHOLDER, (whole, name: string) =>
			name in values ? values[name as keyof typeof values] : whole,
		);
	const table =
		'<table cellpadding="4" style="border-collapse:collapse">' +
		'<tr><th align="left">Invoice</th><th align="left">Due</th><th align="right">Open</th><th align="left"></th></tr>' +
		lines
			.map(
				(l) =>
					`<tr><td>${escapeHtml(l.invoice.tranId)}</td><td>${escapeHtml(l.invoice.dueDate)}</td>` +
					`<td align="right">${escapeHtml(formatMoney(money(l.invoice.openMinor, l.invoice.currency)))}</td>` +
					`<td>${escapeHtml(whenText(l.invoice.dueDate, night))}</td></tr>`,
			)
			.join('') +
		'</table>';
	const paras = paragraphs(t.body);
	const html = paras
		.map((p) => (p === '{invoices}' ? table : `<p>${escapeHtml(fill(p)).replace(/\n/g, '<br>')}</p>`))
		.join('');
	return {
		subject: fill(t.subject).replace(/\s+/g, ' ').trim(),
		html: paras.includes('{invoices}') ? html : html + table,
		level,
	};
}
