/**
 * The N/* implementation of the promise job's ports (app/collections/matchPromises.ts).
 *
 * - Pending promises: customrecord_o2c_promise with status `pending`, made on or before D, by id.
 * - Payments toward a promise: the applications to its invoices (one invoice search for the whole
 *   batch, `applyingtransaction` rows), customer payments (CustPymt) and deposit applications
 *   (DepAppl) only, at `applyingforeignamount` (the application in the invoice's own currency; the
 *   SOAP twin applyingForeignAmount, reference ar-search-fields §4.3), dated by the applying
 *   transaction. A promise naming no invoice counts the customer's payments (CustPymt main lines,
 *   `fxamount`) instead.
 * - The escalation task is a `task` record (N/record) whose external id is `o2c_pr<id>_broken`:
 *   NetSuite refuses a second record of the type with the same external id (DUP_RCRD), so a
 *   repeat creates none.
 * - The AR clerk is the DSO alert setting's (subsidiary row, else the account row); the email is
 *   attached to the promise record (its Messages subtab). No address is logged.
 *
 * Units: 10 per search page (two searches per batch of up to 200 promises), 2 per decision
 * (custom record submitFields), a task 10 + 20, an email 20, the customer lookup 10.
 */
import * as email from 'N/email';
import * as log from 'N/log';
import * as record from 'N/record';
import * as search from 'N/search';
import * as url from 'N/url';
import type { CalendarDate } from '../../domain/calendarDate';
import { addDays } from '../../domain/calendarDate';
import { fromDecimal, money, toDecimal } from '../../domain/money';
import { resolveAlertSettings } from '../../domain/alertSettings';
import type { DatedPayment, PendingPromise, PromiseFacts } from '../../domain/collections/promiseMatch';
import type { BrokenPromise, EscalationEmailState, PromiseMatchPorts } from '../../app/collections/matchPromises';
import { readAlertSettingRows } from '../alerts/configReaders';
import { absolute } from '../alerts/nsPorts';
import { fromNsDate, toNsDate, toNsDateValue } from '../nsDate';
import { saveUnlessDuplicate } from '../records/saveOnce';
import { forEachRow, valueOf } from '../searches/searchKit';
import { remainingUsage } from '../governance';
import { PROMISE, PROMISE_FIELDS as PR } from '../records/collectionsRecords';
import { nsCollectionsStore } from './nsCollectionsStore';

const PAYING_TYPES = new Set(['CustPymt', 'DepAppl']);
/** Invoice ids per `anyof` filter. */
const IDS_PER_SEARCH = 1000;

const PROMISE_COLUMNS = [PR.customer, PR.madeOn, PR.date, PR.amount, PR.currency, PR.invoices];

function parseIds(text: string): number[] {
	return text
		.split(',')
		.map((x) => Number(x.trim()))
		.filter((n) => Number.isSafeInteger(n) && n > 0);
}

function chunks<T>(list: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

function promiseRows(filters: unknown[], limit: number): search.Result[] {
	return search
		.create({
			type: PROMISE,
			filters,
			columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), ...PROMISE_COLUMNS],
		})
		.run()
		.getRange({ start: 0, end: limit });
}

/** A promise row as the matcher reads it; null when its dates are missing (logged). */
function pendingOf(row: search.Result, currencyOf: (customerId: number) => string): PendingPromise | null {
	const madeOn = fromNsDate(valueOf(row, { name: PR.madeOn }));
	const promisedDate = fromNsDate(valueOf(row, { name: PR.date }));
	const customerId = Number(valueOf(row, { name: PR.customer }));
	if (madeOn === null || promisedDate === null || !(customerId > 0)) {
		log.error({
			title: `Promise ${row.id} cannot be matched`,
			details: 'It needs a customer, a made-on date and a promised date.',
		});
		return null;
	}
	const currency = valueOf(row, { name: PR.currency }) || currencyOf(customerId);
	return {
		id: Number(row.id),
		customerId,
		madeOn,
		promisedDate,
		amountMinor: fromDecimal(valueOf(row, { name: PR.amount }) || '0', currency).minor,
		currency,
		invoiceIds: parseIds(valueOf(row, { name: PR.invoices })),
	};
}

function currencyLookup(): (customerId: number) => string {
	const known = new Map<number, string>();
	return (customerId) => {
		let c = known.get(customerId);
		if (c === undefined) {
			c = nsCollectionsStore.customer(customerId)?.currency ?? '';
			known.set(customerId, c);
		}
		return c;
	};
}

function invoiceFacts(ids: readonly number[]): Map<number, { open: number; payments: DatedPayment[] }> {
	const out = new Map<number, { open: number; payments: DatedPayment[] }>();
	for (const part of chunks(ids, IDS_PER_SEARCH)) {
		const s = search.create({
			type: 'invoice',
			filters: [['mainline', 'is', 'T'], 'AND', ['internalid', 'anyof', ...part.map(String)]],
			columns: [
				search.createColumn({ name: 'internalid', sort: search.Sort.ASC }),
				search.createColumn({ name: 'internalid', join: 'applyingtransaction', sort: search.Sort.ASC }),
				'fxamountremaining',
				search.createColumn({ name: 'type', join: 'applyingtransaction' }),
				search.createColumn({ name: 'trandate', join: 'applyingtransaction' }),
				'applyingforeignamount',
			],
		});
		forEachRow(s, (row) => {
			const id = Number(row.id);
			let f = out.get(id);
			if (!f) {
				f = {
					open: fromDecimal(valueOf(row, { name: 'fxamountremaining' }) || '0', 'invoice').minor,
					payments: [],
				};
				out.set(id, f);
			}
			const type = valueOf(row, { name: 'type', join: 'applyingtransaction' });
			const date = fromNsDate(valueOf(row, { name: 'trandate', join: 'applyingtransaction' }));
			if (!PAYING_TYPES.has(type) || date === null) return;
			const amount = fromDecimal(valueOf(row, { name: 'applyingforeignamount' }) || '0', 'invoice').minor;
			f.payments.push({ date, amountMinor: Math.abs(amount) });
		});
	}
	return out;
}

function customerPayments(customerIds: readonly number[], from: CalendarDate): Map<number, DatedPayment[]> {
	const out = new Map<number, DatedPayment[]>();
	for (const part of chunks(customerIds, IDS_PER_SEARCH)) {
		const s = search.create({
			type: 'transaction',
			filters: [
				['mainline', 'is', 'T'],
				'AND',
				['type', 'anyof', 'CustPymt'],
				'AND',
				['entity', 'anyof', ...part.map(String)],
				'AND',
				['trandate', 'onorafter', toNsDate(from)],
			],
			columns: [
				search.createColumn({ name: 'internalid', sort: search.Sort.ASC }),
				'entity',
				'trandate',
				'fxamount',
			],
		});
		forEachRow(s, (row) => {
			const date = fromNsDate(valueOf(row, { name: 'trandate' }));
			if (date === null) return;
			const customerId = Number(valueOf(row, { name: 'entity' }));
			const list = out.get(customerId) ?? [];
			list.push({
				date,
				amountMinor: Math.abs(fromDecimal(valueOf(row, { name: 'fxamount' }) || '0', 'payment').minor),
			});
			out.set(customerId, list);
		});
	}
	return out;
}

/** The ports; `author` is the employee the escalation emails are sent from. */
export function createPromiseMatchPorts(author: number): PromiseMatchPorts {
	const currencyOf = currencyLookup();
	return {
		pending(night, afterId, limit) {
			const rows = promiseRows(
				[
					[PR.status, 'is', 'pending'],
					'AND',
					[PR.madeOn, 'onorbefore', toNsDate(night)],
					'AND',
					['internalidnumber', 'greaterthan', afterId],
					'AND',
					['isinactive', 'is', 'F'],
				],
				limit,
			);
			return rows.map((r) => pendingOf(r, currencyOf)).filter((p): p is PendingPromise => p !== null);
		},

		facts(promises) {
			const invoiceIds = [...new Set(promises.flatMap((p) => p.invoiceIds))];
			const invoices = invoiceFacts(invoiceIds);
			const bare = promises.filter((p) => p.invoiceIds.length === 0);
			const earliest = bare.reduce<CalendarDate | null>(
				(m, p) => (m === null || p.madeOn < m ? p.madeOn : m),
				null,
			);
			const payments =
				earliest === null
					? new Map<number, DatedPayment[]>()
					: customerPayments([...new Set(bare.map((p) => p.customerId))], earliest);
			const out = new Map<number, PromiseFacts>();
			for (const p of promises) {
				if (p.invoiceIds.length === 0) {
					out.set(p.id, { payments: payments.get(p.customerId) ?? [], openMinor: null });
					continue;
				}
				// an invoice that no longer exists has nothing open
				const found = p.invoiceIds.map((id) => invoices.get(id));
				out.set(p.id, {
					payments: found.flatMap((f) => f?.payments ?? []),
					openMinor: found.reduce((s, f) => s + (f?.open ?? 0), 0),
				});
			}
			return out;
		},

		record(p, d, night) {
			const values: Record<string, string | number | boolean | Date> = {
				[PR.status]: d.status,
				[PR.paid]: toDecimal(money(d.paidMinor, p.currency)),
				[PR.settledOn]: toNsDateValue(night),
			};
			if (d.status === 'broken') {
				values[PR.escalatedOn] = toNsDateValue(night);
				values[PR.pushFlag] = true;
				values[PR.escalationEmail] = 'sending';
			}
			record.submitFields({ type: PROMISE, id: p.id, values });
		},

		interruptedEscalations() {
			const rows = promiseRows([[PR.status, 'is', 'broken'], 'AND', [PR.escalationEmail, 'is', 'sending']], 1000);
			const out: BrokenPromise[] = [];
			for (const r of rows) {
				const p = pendingOf(r, currencyOf);
				if (p === null) continue;
				const paid = valueOf(r, { name: PR.paid });
				out.push({ ...p, paidMinor: fromDecimal(paid || '0', p.currency).minor });
			}
			return out;
		},

		ensureTask(p, night, customerName) {
			const t = record.create({ type: record.Type.TASK });
			t.setValue({ fieldId: 'externalid', value: `o2c_pr${String(p.id)}_broken` });
			t.setValue({ fieldId: 'title', value: `Broken promise to pay: ${customerName}`.slice(0, 300) });
			t.setValue({ fieldId: 'company', value: p.customerId });
			t.setValue({ fieldId: 'startdate', value: toNsDateValue(night) });
			t.setValue({ fieldId: 'duedate', value: toNsDateValue(addDays(night, 1)) });
			t.setValue({ fieldId: 'priority', value: 'HIGH' });
			t.setValue({ fieldId: 'status', value: 'NOTSTART' });
			t.setValue({
				fieldId: 'message',
				value: `Promised ${toDecimal(money(p.amountMinor, p.currency)).toFixed(2)} ${p.currency} by ${p.promisedDate}; paid ${toDecimal(money(p.paidMinor, p.currency)).toFixed(2)} by then. Promise record ${String(p.id)}.`,
			});
			return saveUnlessDuplicate(t) !== null;
		},

		customer(customerId) {
			const c = nsCollectionsStore.customer(customerId);
			return c === null ? null : { name: c.name, subsidiaryId: c.subsidiaryId };
		},

		arClerk(subsidiaryId) {
			try {
				return resolveAlertSettings(readAlertSettingRows(), subsidiaryId).recipients.arClerk;
			} catch {
				return null; // an invalid setting row: the caller logs "no AR clerk"
			}
		},

		promiseUrl(promiseId) {
			try {
				return absolute(url.resolveRecord({ recordType: PROMISE, recordId: promiseId, isEditMode: false }));
			} catch {
				return null;
			}
		},

		send(message, promiseId) {
			email.send({
				author,
				recipients: [message.to],
				subject: message.subject,
				body: message.html,
				relatedRecords: { customRecord: { id: promiseId, recordType: PROMISE } },
			});
		},

		setEmailState(promiseId: number, state: EscalationEmailState) {
			record.submitFields({ type: PROMISE, id: promiseId, values: { [PR.escalationEmail]: state } });
		},

		remainingUnits: remainingUsage,

		error(title, details) {
			log.error({ title, details });
		},
	};
}
