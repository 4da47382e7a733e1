/**
 * The N/* implementation of the promise job's ports (app/collections/matchPromises.ts).
 *
 * - Which promises a night reads (`pending`): the pending, active promises made on or before D
 *   whose decision is due at D, by id:
 *   1. those whose window has ended (promised on or before D − grace − 1,
 *      domain `lastEndedPromiseDate`): always decided that night; read in the app's batches;
 *   2. those whose window is still open (or that have no promised date, which are logged as
 *      unmatchable as before), screened once per execution: their rows (1,000 a page) and their
 *      payments (the batched searches below) are read, and only those the facts decide (kept:
 *      paid in the window reaches the amount; cancelled: their invoices are closed; domain
 *      `decisionDue`) are returned. The rest stay pending untouched, as they would have.
 *   Every promise the previous design decided is returned, with the same facts (a promise's facts
 *   depend only on its own invoices or customer), so every outcome is the same; what the night no
 *   longer pays for is ~14 units per pending promise.
 * - Each promise row carries its customer's currency, name and subsidiary through the promise's
 *   Customer field (a join by the field id: Oracle help, Column.join), so no promise costs a
 *   customer lookup; the promise's own currency field wins when it is set (the RESTlet sets it).
 * - Payments toward a promise: the applications to its invoices (invoice searches of up to 1,000
 *   invoices each, `applyingtransaction` rows), customer payments (CustPymt) and deposit
 *   applications (DepAppl) only, at `applyingforeignamount` (the application in the invoice's own
 *   currency; the SOAP twin applyingForeignAmount, reference ar-search-fields §4.3), dated by the
 *   applying transaction. A promise naming no invoice counts the customer's payments (CustPymt
 *   main lines, `fxamount`) instead.
 * - The escalation task is a `task` record (N/record) whose external id is `o2c_pr<id>_broken`:
 *   NetSuite refuses a second record of the type with the same external id (DUP_RCRD), so a
 *   repeat creates none.
 * - The AR clerk is the DSO alert setting's (subsidiary row, else the account row, read once per
 *   execution); the email is attached to the promise record (its Messages subtab). No address is
 *   logged.
 *
 * Units: the currency codes 10; the screen 5 + 5 per 1,000 open-window promises, and per 1,000 of
 * their invoices 5 + 5 per 1,000 rows (and the same for the customers of promises naming no
 * invoice); per batch of ended-window promises 10 (getRange) + its payment searches; 2 per decision
 * (custom record submitFields); a broken promise's task 5 + 10, email 20, email state 2; the alert
 * settings 10 once.
 */
import * as email from 'N/email';
import * as log from 'N/log';
import * as record from 'N/record';
import * as search from 'N/search';
import * as url from 'N/url';
import type { CalendarDate } from '../../domain/calendarDate';
import { addDays } from '../../domain/calendarDate';
import { fromDecimal, money, toDecimal } from '../../domain/money';
import { resolveAlertSettings, type AlertSettingRow } from '../../domain/alertSettings';
import {
	decisionDue,
	lastEndedPromiseDate,
	type DatedPayment,
	type PendingPromise,
	type PromiseFacts,
} from '../../domain/collections/promiseMatch';
import type { BrokenPromise, EscalationEmailState, PromiseMatchPorts } from '../../app/collections/matchPromises';
import { readAlertSettingRows } from '../alerts/configReaders';
import { absolute } from '../alerts/nsPorts';
import { fromNsDate, toNsDate, toNsDateValue } from '../nsDate';
import { saveUnlessDuplicate } from '../records/saveOnce';
import { forEachRow, valueOf } from '../searches/searchKit';
import { loadCurrencyCodes } from '../searches/subsidiaries';
import { remainingUsage } from '../governance';
import { PROMISE, PROMISE_FIELDS as PR } from '../records/collectionsRecords';
import { nsCollectionsStore } from './nsCollectionsStore';

const PAYING_TYPES = new Set(['CustPymt', 'DepAppl']);
/** Invoice ids per `anyof` filter. */
const IDS_PER_SEARCH = 1000;

/** The customer fields each promise row carries, joined through the promise's Customer field. */
const viaCustomer = (name: string): search.Column => search.createColumn({ name, join: PR.customer });
const CUSTOMER_JOINED = ['currency', 'companyname', 'entityid', 'subsidiary'] as const;

function promiseColumns(): search.Column[] {
	return [
		search.createColumn({ name: 'internalid', sort: search.Sort.ASC }),
		...[PR.customer, PR.madeOn, PR.date, PR.amount, PR.currency, PR.invoices].map((name) =>
			search.createColumn({ name }),
		),
		...CUSTOMER_JOINED.map(viaCustomer),
	];
}

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

/** The filters every pending promise of night D with an id above `afterId` meets. */
function pendingFilters(night: CalendarDate, afterId: number): unknown[] {
	return [
		[PR.status, 'is', 'pending'],
		'AND',
		[PR.madeOn, 'onorbefore', toNsDate(night)],
		'AND',
		['internalidnumber', 'greaterthan', afterId],
		'AND',
		['isinactive', 'is', 'F'],
	];
}

function promiseSearch(filters: unknown[]): search.Search {
	return search.create({ type: PROMISE, filters, columns: promiseColumns() });
}

/** What a promise row says about its customer (null when the join found no customer). */
interface JoinedCustomer {
	readonly name: string;
	readonly subsidiaryId: number;
	/** the customer's currency, as an internal id ('' when none) */
	readonly currencyId: string;
}

/**
 * Reads promise rows: the matcher's view of each (null when its customer or dates are missing,
 * logged) and, on the side, what the rows say about their customers.
 */
class PromiseReader {
	private codes: Map<string, string> | null = null;
	readonly customers = new Map<number, JoinedCustomer>();

	private currencyCode(id: string): string {
		if (id === '') return '';
		this.codes ??= loadCurrencyCodes();
		return this.codes.get(id) ?? '';
	}

	private customerOf(row: search.Result, customerId: number): JoinedCustomer | null {
		const known = this.customers.get(customerId);
		if (known) return known;
		const company = valueOf(row, { name: 'companyname', join: PR.customer });
		const name = company === '' ? valueOf(row, { name: 'entityid', join: PR.customer }) : company;
		if (name === '') return null; // no such customer: the lookup says so (null)
		const c = {
			name,
			subsidiaryId: Number(valueOf(row, { name: 'subsidiary', join: PR.customer })),
			currencyId: valueOf(row, { name: 'currency', join: PR.customer }),
		};
		this.customers.set(customerId, c);
		return c;
	}

	promise(row: search.Result): PendingPromise | null {
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
		const customer = this.customerOf(row, customerId);
		// the promise's own currency when set (the RESTlet sets it), else its customer's
		const currency = valueOf(row, { name: PR.currency }) || this.currencyCode(customer?.currencyId ?? '');
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

	/**
	 * Up to `limit` matchable promises of the search after `afterId`, lowest id first (10 units a
	 * read of up to `limit` rows; an unmatchable row is logged and the read goes on past it, so a
	 * short answer always means there are no more).
	 */
	firstAfter(filtersAfter: (afterId: number) => unknown[], afterId: number, limit: number): PendingPromise[] {
		const out: PendingPromise[] = [];
		let after = afterId;
		while (out.length < limit) {
			const want = limit - out.length;
			const rows = promiseSearch(filtersAfter(after)).run().getRange({ start: 0, end: want });
			for (const r of rows) {
				after = Number(r.id);
				const p = this.promise(r);
				if (p) out.push(p);
			}
			if (rows.length < want) break;
		}
		return out;
	}

	/** Every matchable promise of the search, lowest id first (5 units + 5 per 1,000 rows). */
	all(filters: unknown[]): PendingPromise[] {
		const out: PendingPromise[] = [];
		forEachRow(promiseSearch(filters), (r) => {
			const p = this.promise(r);
			if (p) out.push(p);
		});
		return out;
	}
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

/** What the facts searches say about a set of promises. */
function factsOf(promises: readonly PendingPromise[]): Map<number, PromiseFacts> {
	const invoiceIds = [...new Set(promises.flatMap((p) => p.invoiceIds))];
	const invoices = invoiceFacts(invoiceIds);
	const bare = promises.filter((p) => p.invoiceIds.length === 0);
	const earliest = bare.reduce<CalendarDate | null>((m, p) => (m === null || p.madeOn < m ? p.madeOn : m), null);
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
}

/** The open-window promises of one night that its facts decide, with those facts. */
interface Screen {
	readonly night: CalendarDate;
	readonly graceDays: number;
	readonly due: readonly PendingPromise[];
	readonly facts: ReadonlyMap<number, PromiseFacts>;
	/** open-window promises read and left pending (nothing decides them yet) */
	readonly notDue: number;
}

/**
 * Reads the pending promises of night D after `afterId` whose window is still open (or that have
 * no promised date: the reader logs them) and their facts, and keeps those the facts decide.
 */
function screenOpenWindows(reader: PromiseReader, night: CalendarDate, graceDays: number, afterId: number): Screen {
	const firstOpen = addDays(lastEndedPromiseDate(night, graceDays), 1);
	const open = reader.all([
		...pendingFilters(night, afterId),
		'AND',
		[[PR.date, 'onorafter', toNsDate(firstOpen)], 'OR', [PR.date, 'isempty', '']],
	]);
	const facts = factsOf(open);
	const due = open.filter((p) => decisionDue(p, facts.get(p.id) ?? NO_FACTS, night, graceDays));
	return {
		night,
		graceDays,
		due,
		facts: new Map(due.map((p) => [p.id, facts.get(p.id) ?? NO_FACTS])),
		notDue: open.length - due.length,
	};
}

const NO_FACTS: PromiseFacts = { payments: [], openMinor: null };

/** The ports, and how many open-window promises the selection read and left pending. */
export interface NsPromiseMatchPorts extends PromiseMatchPorts {
	notDue(): number;
}

/** The ports; `author` is the employee the escalation emails are sent from. */
export function createPromiseMatchPorts(author: number): NsPromiseMatchPorts {
	const reader = new PromiseReader();
	let screen: Screen | null = null;
	let settings: AlertSettingRow[] | null = null;
	return {
		pending(night, afterId, limit, graceDays) {
			// the open-window screen is read once per execution (the first call's afterId: later calls
			// only move past promises already examined)
			if (screen?.night !== night || screen.graceDays !== graceDays)
				screen = screenOpenWindows(reader, night, graceDays, afterId);
			const lastEnded = toNsDate(lastEndedPromiseDate(night, graceDays));
			const ended = reader.firstAfter(
				(after) => [...pendingFilters(night, after), 'AND', [PR.date, 'onorbefore', lastEnded]],
				afterId,
				limit,
			);
			// the first `limit` by id of both: `ended` holds the lowest `limit` of its kind
			return [...ended, ...screen.due.filter((p) => p.id > afterId)].sort((a, b) => a.id - b.id).slice(0, limit);
		},

		facts(promises) {
			const screened = screen?.facts;
			const unread = promises.filter((p) => !screened?.has(p.id));
			const out = new Map(factsOf(unread));
			for (const p of promises) {
				const f = screened?.get(p.id);
				if (f) out.set(p.id, f);
			}
			return out;
		},

		notDue: () => screen?.notDue ?? 0,

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
			const rows = promiseSearch([[PR.status, 'is', 'broken'], 'AND', [PR.escalationEmail, 'is', 'sending']])
				.run()
				.getRange({ start: 0, end: 1000 });
			const out: BrokenPromise[] = [];
			for (const r of rows) {
				const p = reader.promise(r);
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
			// the promise rows carried it; a lookup only for a customer no row named
			const known = reader.customers.get(customerId);
			if (known) return { name: known.name, subsidiaryId: known.subsidiaryId };
			const c = nsCollectionsStore.customer(customerId);
			return c === null ? null : { name: c.name, subsidiaryId: c.subsidiaryId };
		},

		arClerk(subsidiaryId) {
			try {
				settings ??= readAlertSettingRows();
				return resolveAlertSettings(settings, subsidiaryId).recipients.arClerk;
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
