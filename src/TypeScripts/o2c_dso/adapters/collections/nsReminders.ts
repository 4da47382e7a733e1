/**
 * The N/* implementation of the customer reminders' ports (app/collections/sendReminders.ts): the
 * reminder settings and templates (custom records the admin edits), open invoices due by a date
 * (one invoice search, transaction currency), open disputes and pending promises, the reminder mail
 * (`rm<customer>_<night>`) and line (`rl<invoice>_<level>`, `m` for a minus) records whose external
 * ids NetSuite keeps unique per record type (DUP_RCRD on a repeat), and N/email with the message
 * attached to the customer (its Communication subtab) and to the mail record. No address is logged.
 *
 * Units: 10 per search page (settings, templates, subsidiaries, invoices, disputes, promises,
 * lines, mails, customers, contacts: each up to 1,000 rows a page, ids 1,000 per search); per
 * customer mailed: the mail 6, each line 6, the states 2 each, the email 20.
 */
import * as email from 'N/email';
import * as log from 'N/log';
import * as record from 'N/record';
import * as search from 'N/search';
import { fromDecimal, toDecimal } from '../../domain/money';
import {
	REMINDER_SETTING,
	REMINDER_SETTING_FIELDS as RS,
	REMINDER_TEMPLATE,
	REMINDER_TEMPLATE_FIELDS as RT,
	type ReminderInvoice,
	type ReminderTemplate,
} from '../../domain/collections/reminders';
import type { LoggedLine, ReminderMail, ReminderMailState, ReminderPorts } from '../../app/collections/sendReminders';
import { remainingUsage } from '../governance';
import { fromNsDate, toNsDate, toNsDateValue } from '../nsDate';
import {
	CONTACT,
	CONTACT_FIELDS as CT,
	DISPUTE,
	DISPUTE_FIELDS as DP,
	DISPUTED_FIELD,
	PROMISE,
	PROMISE_FIELDS as PR,
} from '../records/collectionsRecords';
import { saveUnlessDuplicate } from '../records/saveOnce';
import { forEachRow, rawValue, valueOf } from '../searches/searchKit';
import { loadCurrencyCodes, loadSubsidiaries } from '../searches/subsidiaries';

export const REMINDER_MAIL = 'customrecord_o2c_reminder_mail';
export const REMINDER_MAIL_FIELDS = {
	customer: 'custrecord_o2c_rm_customer',
	night: 'custrecord_o2c_rm_night',
	lines: 'custrecord_o2c_rm_lines',
	level: 'custrecord_o2c_rm_level',
	state: 'custrecord_o2c_rm_state',
} as const;
export const REMINDER_LINE = 'customrecord_o2c_reminder_log';
export const REMINDER_LINE_FIELDS = {
	customer: 'custrecord_o2c_rl_customer',
	invoice: 'custrecord_o2c_rl_invoice',
	level: 'custrecord_o2c_rl_level',
	mail: 'custrecord_o2c_rl_mail',
	night: 'custrecord_o2c_rl_night',
	open: 'custrecord_o2c_rl_open',
	currency: 'custrecord_o2c_rl_currency',
} as const;
const RM = REMINDER_MAIL_FIELDS;
const RL = REMINDER_LINE_FIELDS;

const v = (row: search.Result, name: string): string => valueOf(row, { name });
const checked = (row: search.Result, name: string): boolean => {
	const x = rawValue(row, { name });
	return x === true || x === 'T';
};
const byId = (): search.Column => search.createColumn({ name: 'internalid', sort: search.Sort.ASC });

/** Every row of a search, its ids filter split 1,000 ids per search. */
function eachByIds(
	ids: readonly number[],
	make: (part: string[]) => search.Search,
	each: (row: search.Result) => void,
): void {
	for (let i = 0; i < ids.length; i += 1000) forEachRow(make(ids.slice(i, i + 1000).map(String)), each);
}

/** The ports; `author` is the employee the reminders are sent from. */
export function createReminderPorts(author: number): ReminderPorts {
	return {
		settings() {
			const out: ReturnType<ReminderPorts['settings']> = [];
			forEachRow(
				search.create({
					type: REMINDER_SETTING,
					filters: [['isinactive', 'is', 'F']],
					columns: [byId(), RS.subsidiary, RS.enabled, RS.levels],
				}),
				(row) => {
					const sub = v(row, RS.subsidiary);
					out.push({
						id: Number(row.id),
						subsidiaryId: sub === '' ? null : Number(sub),
						enabled: checked(row, RS.enabled),
						levels: v(row, RS.levels),
					});
				},
			);
			return out;
		},

		templates() {
			const out: ReminderTemplate[] = [];
			forEachRow(
				search.create({
					type: REMINDER_TEMPLATE,
					filters: [['isinactive', 'is', 'F']],
					columns: [byId(), RT.level, RT.subsidiary, RT.subject, RT.body],
				}),
				(row) => {
					const sub = v(row, RT.subsidiary);
					const level = v(row, RT.level);
					if (!/^-?\d+$/.test(level))
						throw new Error(
							`${REMINDER_TEMPLATE} id ${row.id}: ${RT.level} must be a whole number of days`,
						);
					out.push({
						id: Number(row.id),
						level: Number(level),
						subsidiaryId: sub === '' ? null : Number(sub),
						subject: v(row, RT.subject),
						body: v(row, RT.body),
					});
				},
			);
			return out;
		},

		subsidiaries() {
			return loadSubsidiaries().map((s) => ({ id: Number(s.id), name: s.name }));
		},

		openInvoices(dueBy) {
			const codes = loadCurrencyCodes();
			const out: ReminderInvoice[] = [];
			forEachRow(
				search.create({
					type: 'invoice',
					filters: [
						['mainline', 'is', 'T'],
						'AND',
						['status', 'anyof', 'CustInvc:A'],
						'AND',
						['duedate', 'onorbefore', toNsDate(dueBy)],
					],
					columns: [
						byId(),
						'tranid',
						'entity',
						'subsidiary',
						'duedate',
						'currency',
						'fxamountremaining',
						DISPUTED_FIELD,
					],
				}),
				(row) => {
					const dueDate = fromNsDate(v(row, 'duedate'));
					const currency = codes.get(v(row, 'currency')) ?? '';
					if (dueDate === null || currency === '') return;
					out.push({
						id: Number(row.id),
						tranId: v(row, 'tranid'),
						customerId: Number(v(row, 'entity')),
						subsidiaryId: Number(v(row, 'subsidiary')),
						dueDate,
						currency,
						openMinor: fromDecimal(v(row, 'fxamountremaining') || '0', currency).minor,
						disputed: checked(row, DISPUTED_FIELD),
					});
				},
			);
			return out;
		},

		openDisputes(customerIds) {
			const out = new Set<number>();
			eachByIds(
				customerIds,
				(part) =>
					search.create({
						type: DISPUTE,
						filters: [[DP.customer, 'anyof', ...part], 'AND', [DP.status, 'is', 'open']],
						columns: [byId(), DP.invoice],
					}),
				(row) => out.add(Number(v(row, DP.invoice))),
			);
			return out;
		},

		pendingPromises(customerIds) {
			const out: { customerId: number; invoiceIds: number[] }[] = [];
			eachByIds(
				customerIds,
				(part) =>
					search.create({
						type: PROMISE,
						filters: [
							[PR.customer, 'anyof', ...part],
							'AND',
							[PR.status, 'is', 'pending'],
							'AND',
							['isinactive', 'is', 'F'],
						],
						columns: [byId(), PR.customer, PR.invoices],
					}),
				(row) =>
					out.push({
						customerId: Number(v(row, PR.customer)),
						invoiceIds: v(row, PR.invoices)
							.split(',')
							.map((x) => x.trim())
							.filter((x) => /^\d+$/.test(x))
							.map(Number),
					}),
			);
			return out;
		},

		loggedLines(invoiceIds) {
			const out: LoggedLine[] = [];
			eachByIds(
				invoiceIds,
				(part) =>
					search.create({
						type: REMINDER_LINE,
						filters: [[RL.invoice, 'anyof', ...part]],
						columns: [byId(), RL.invoice, RL.level, RL.mail],
					}),
				(row) =>
					out.push({
						invoiceId: Number(v(row, RL.invoice)),
						level: Number(v(row, RL.level)),
						mailId: Number(v(row, RL.mail)),
					}),
			);
			return out;
		},

		mails(night) {
			const out: ReminderMail[] = [];
			forEachRow(
				search.create({
					type: REMINDER_MAIL,
					filters: [
						[RM.night, 'on', toNsDate(night)],
						'OR',
						[RM.state, 'is', 'preparing'],
						'OR',
						[RM.state, 'is', 'sending'],
					],
					columns: [byId(), RM.customer, RM.night, RM.state],
				}),
				(row) =>
					out.push({
						id: Number(row.id),
						customerId: Number(v(row, RM.customer)),
						night: fromNsDate(v(row, RM.night)) ?? night,
						state: v(row, RM.state) as ReminderMailState,
					}),
			);
			return out;
		},

		recipients(customerIds) {
			const out = new Map<number, { name: string; email: string | null }>();
			eachByIds(
				customerIds,
				(part) =>
					search.create({
						type: 'customer',
						filters: [['internalid', 'anyof', ...part]],
						columns: [byId(), 'companyname', 'entityid', 'email'],
					}),
				(row) =>
					out.set(Number(row.id), {
						name: v(row, 'companyname') || v(row, 'entityid'),
						email: v(row, 'email').trim() || null,
					}),
			);
			// the newest contact the calling system reported with an email wins (NetSuite's A/R contact may be older)
			const newest = new Set<number>();
			eachByIds(
				customerIds,
				(part) =>
					search.create({
						type: CONTACT,
						filters: [[CT.customer, 'anyof', ...part], 'AND', [CT.email, 'isnotempty', '']],
						columns: [
							search.createColumn({ name: CT.on, sort: search.Sort.DESC }),
							search.createColumn({ name: 'internalid', sort: search.Sort.DESC }),
							CT.customer,
							CT.email,
						],
					}),
				(row) => {
					const c = Number(v(row, CT.customer));
					const known = out.get(c);
					if (newest.has(c) || known === undefined) return;
					newest.add(c);
					out.set(c, { name: known.name, email: v(row, CT.email).trim() || known.email });
				},
			);
			return out;
		},

		claimMail(customerId, night, lines) {
			const rec = record.create({ type: REMINDER_MAIL });
			rec.setValue({ fieldId: 'externalid', value: `rm${String(customerId)}_${night}` });
			rec.setValue({ fieldId: RM.customer, value: customerId });
			rec.setValue({ fieldId: RM.night, value: toNsDateValue(night) });
			rec.setValue({ fieldId: RM.lines, value: lines });
			rec.setValue({ fieldId: RM.state, value: 'preparing' });
			return saveUnlessDuplicate(rec);
		},

		logLine(mailId, customerId, line, night) {
			const level = line.level < 0 ? `m${String(-line.level)}` : String(line.level);
			const rec = record.create({ type: REMINDER_LINE });
			rec.setValue({ fieldId: 'externalid', value: `rl${String(line.invoice.id)}_${level}` });
			rec.setValue({ fieldId: RL.customer, value: customerId });
			rec.setValue({ fieldId: RL.invoice, value: line.invoice.id });
			rec.setValue({ fieldId: RL.level, value: line.level });
			rec.setValue({ fieldId: RL.mail, value: mailId });
			rec.setValue({ fieldId: RL.night, value: toNsDateValue(night) });
			rec.setValue({
				fieldId: RL.open,
				value: toDecimal({ minor: line.invoice.openMinor, currency: line.invoice.currency }),
			});
			rec.setValue({ fieldId: RL.currency, value: line.invoice.currency });
			return saveUnlessDuplicate(rec) !== null;
		},

		removeLines(mailId) {
			const ids: number[] = [];
			forEachRow(
				search.create({
					type: REMINDER_LINE,
					filters: [[RL.mail, 'anyof', String(mailId)]],
					columns: [byId()],
				}),
				(row) => ids.push(Number(row.id)),
			);
			for (const id of ids) record.delete({ type: REMINDER_LINE, id });
		},

		setMailState(mailId, state, level) {
			const values: Record<string, string | number> = { [RM.state]: state };
			if (level !== undefined) values[RM.level] = level;
			record.submitFields({ type: REMINDER_MAIL, id: mailId, values });
		},

		send(to, mail, customerId, mailId) {
			email.send({
				author,
				recipients: [to],
				subject: mail.subject,
				body: mail.html,
				relatedRecords: { entityId: customerId, customRecord: { id: mailId, recordType: REMINDER_MAIL } },
			});
		},

		remainingUnits() {
			return remainingUsage();
		},

		error(title, details) {
			log.error({ title, details });
		},
	};
}
