/**
 * The collections RESTlet's store over N/record and N/search (app/collections/ports.ts).
 *
 * Keyed writes: a record is created with `externalid` = the key. NetSuite keeps external ids unique
 * per record type (Oracle help "Using External IDs"; a second record with a taken one is refused,
 * DUP_RCRD), so when the save fails the record holding the key is looked up (`externalidstring
 * is`, the filter public scripts use) and returned instead; only when none holds it is the error
 * the save's own. Costs: custom record create 2 + save 4, a lookup 10, submitFields 2 (invoice 10).
 */
import * as record from 'N/record';
import * as search from 'N/search';
import type { CalendarDate } from '../../domain/calendarDate';
import { fromDecimal, money, toDecimal } from '../../domain/money';
import type {
	CollectionsStore,
	CustomerFacts,
	DisputeFacts,
	InvoiceFacts,
	NewResolution,
	StoredEvent,
	UniqueRecord,
} from '../../app/collections/ports';
import { toNsDateValue } from '../nsDate';
import { loadCurrencyCodes } from '../searches/subsidiaries';
import { rawValue, textOf, valueOf } from '../searches/searchKit';
import {
	COLL_EVENT,
	COLL_EVENT_FIELDS as E,
	CONTACT,
	CONTACT_ATTEMPT,
	CONTACT_ATTEMPT_FIELDS as CA,
	CONTACT_FIELDS as CT,
	DISPUTE,
	DISPUTE_FIELDS as DP,
	DISPUTE_RES,
	DISPUTE_RES_FIELDS as DR,
	DISPUTED_FIELD,
	PROMISE,
	PROMISE_FIELDS as PR,
} from '../records/collectionsRecords';

type Value = string | number | boolean | Date;

/** The first record of `type` whose external id is `key`, with the given columns. */
function byExternalId(type: string, key: string, columns: string[]): search.Result | null {
	const rows = search
		.create({ type, filters: [['externalidstring', 'is', key]], columns: ['internalid', ...columns] })
		.run()
		.getRange({ start: 0, end: 1 });
	return rows[0] ?? null;
}

/**
 * Creates a record keyed by `key`, or returns the one already holding it.
 * @example createKeyed(PROMISE, 'crm-1', PR.externalId, { [PR.customer]: 7 })
 */
function createKeyed(type: string, key: string, extField: string, values: Record<string, Value>): UniqueRecord {
	const rec = record.create({ type });
	rec.setValue({ fieldId: 'externalid', value: key });
	for (const [fieldId, value] of Object.entries(values)) rec.setValue({ fieldId, value });
	try {
		return { id: rec.save(), created: true, eventExternalId: String(values[extField] ?? '') };
	} catch (e) {
		const held = byExternalId(type, key, [extField]);
		if (held === null) throw e;
		return { id: Number(held.id), created: false, eventExternalId: valueOf(held, { name: extField }) };
	}
}

const amount = (minor: number, currency: string): number => toDecimal(money(minor, currency));
const date = (d: CalendarDate): Date => toNsDateValue(d);

function disputeOf(row: search.Result): DisputeFacts {
	return {
		id: Number(row.id),
		customerId: Number(valueOf(row, { name: DP.customer })),
		invoiceId: Number(valueOf(row, { name: DP.invoice })),
		externalId: valueOf(row, { name: DP.externalId }),
		status: valueOf(row, { name: DP.status }) === 'open' ? 'open' : 'resolved',
	};
}
const DISPUTE_COLUMNS = [DP.customer, DP.invoice, DP.externalId, DP.status];

export const nsCollectionsStore: CollectionsStore = {
	customer(id: number): CustomerFacts | null {
		const rows = search
			.create({
				type: 'customer',
				filters: [['internalid', 'anyof', String(id)]],
				columns: ['companyname', 'entityid', 'currency', 'subsidiary', 'isinactive'],
			})
			.run()
			.getRange({ start: 0, end: 1 });
		const row = rows[0];
		if (!row) return null;
		const codes = loadCurrencyCodes();
		const name = valueOf(row, { name: 'companyname' });
		return {
			id,
			name: name === '' ? valueOf(row, { name: 'entityid' }) : name,
			currency: codes.get(valueOf(row, { name: 'currency' })) ?? '',
			subsidiaryId: Number(valueOf(row, { name: 'subsidiary' })),
			inactive: rawValue(row, { name: 'isinactive' }) === true,
		};
	},

	invoices(ids: readonly number[]): InvoiceFacts[] {
		if (ids.length === 0) return [];
		const codes = loadCurrencyCodes();
		const rows = search
			.create({
				type: 'invoice',
				filters: [['mainline', 'is', 'T'], 'AND', ['internalid', 'anyof', ...ids.map(String)]],
				columns: ['tranid', 'entity', 'currency', 'fxamountremaining', DISPUTED_FIELD],
			})
			.run()
			.getRange({ start: 0, end: 1000 });
		return rows.map((row) => {
			const currency = codes.get(valueOf(row, { name: 'currency' })) ?? textOf(row, { name: 'currency' });
			return {
				id: Number(row.id),
				tranId: valueOf(row, { name: 'tranid' }),
				customerId: Number(valueOf(row, { name: 'entity' })),
				currency,
				openMinor: fromDecimal(valueOf(row, { name: 'fxamountremaining' }), currency).minor,
				disputed: rawValue(row, { name: DISPUTED_FIELD }) === true,
			};
		});
	},

	findEvent(key: string): StoredEvent | null {
		const row = byExternalId(COLL_EVENT, key, [E.type, E.digest, E.result]);
		if (row === null) return null;
		return {
			id: Number(row.id),
			type: valueOf(row, { name: E.type }),
			digest: valueOf(row, { name: E.digest }),
			result: valueOf(row, { name: E.result }),
		};
	},

	createEvent(key, e): number | null {
		const values: Record<string, Value> = {
			[E.type]: e.type,
			[E.externalId]: e.externalId,
			[E.digest]: e.digest,
			[E.received]: date(e.on),
		};
		if (e.customerId !== null) values[E.customer] = e.customerId;
		const r = createKeyed(COLL_EVENT, key, E.externalId, values);
		return r.created ? r.id : null;
	},

	completeEvent(id: number, result: string): void {
		record.submitFields({ type: COLL_EVENT, id, values: { [E.result]: result } });
	},

	dropEvent(id: number): void {
		try {
			record.delete({ type: COLL_EVENT, id });
		} catch {
			// already removed by the concurrent request that lost the same race
		}
	},

	disputeByExternalId(externalId: string): DisputeFacts | null {
		const rows = search
			.create({
				type: DISPUTE,
				filters: [[DP.externalId, 'is', externalId]],
				columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), ...DISPUTE_COLUMNS],
			})
			.run()
			.getRange({ start: 0, end: 1 });
		return rows[0] ? disputeOf(rows[0]) : null;
	},

	openDisputeOf(invoiceId: number): DisputeFacts | null {
		const rows = search
			.create({
				type: DISPUTE,
				filters: [[DP.invoice, 'anyof', String(invoiceId)], 'AND', [DP.status, 'is', 'open']],
				columns: DISPUTE_COLUMNS,
			})
			.run()
			.getRange({ start: 0, end: 1 });
		return rows[0] ? disputeOf(rows[0]) : null;
	},

	createPromise(key, eventExternalId, p): UniqueRecord {
		return createKeyed(PROMISE, key, PR.externalId, {
			name: `Promise ${eventExternalId}`,
			[PR.customer]: p.customerId,
			[PR.madeOn]: date(p.madeOn),
			[PR.date]: date(p.promisedDate),
			[PR.amount]: amount(p.amountMinor, p.currency),
			[PR.currency]: p.currency,
			[PR.invoices]: p.invoiceIds.join(','),
			[PR.openAt]: amount(p.openAtMinor, p.currency),
			[PR.status]: 'pending',
			[PR.source]: 'collections',
			[PR.note]: p.note,
			[PR.externalId]: eventExternalId,
		});
	},

	createDispute(key, eventExternalId, d): UniqueRecord {
		return createKeyed(DISPUTE, key, DP.externalId, {
			[DP.customer]: d.customerId,
			[DP.invoice]: d.invoiceId,
			[DP.reason]: d.reason,
			[DP.text]: d.text,
			[DP.openedOn]: date(d.openedOn),
			[DP.status]: 'open',
			[DP.externalId]: eventExternalId,
		});
	},

	createResolution(key, eventExternalId, r): UniqueRecord {
		return createKeyed(DISPUTE_RES, key, DR.externalId, {
			[DR.dispute]: r.disputeId,
			[DR.resolution]: r.resolution,
			[DR.text]: r.text,
			[DR.on]: date(r.on),
			[DR.externalId]: eventExternalId,
		});
	},

	createContactAttempt(key, eventExternalId, a): UniqueRecord {
		const values: Record<string, Value> = {
			[CA.customer]: a.customerId,
			[CA.outcome]: a.outcome,
			[CA.on]: date(a.on),
			[CA.collector]: a.collector,
			[CA.note]: a.note,
			[CA.externalId]: eventExternalId,
		};
		if (a.nextActionDate !== null) values[CA.nextAction] = date(a.nextActionDate);
		return createKeyed(CONTACT_ATTEMPT, key, CA.externalId, values);
	},

	createContact(key, eventExternalId, c): UniqueRecord {
		return createKeyed(CONTACT, key, CT.externalId, {
			[CT.customer]: c.customerId,
			[CT.name]: c.name,
			[CT.email]: c.email,
			[CT.phone]: c.phone,
			[CT.jobTitle]: c.jobTitle,
			[CT.on]: date(c.on),
			[CT.externalId]: eventExternalId,
		});
	},

	setInvoiceDisputed(invoiceId: number, disputed: boolean): void {
		record.submitFields({ type: record.Type.INVOICE, id: invoiceId, values: { [DISPUTED_FIELD]: disputed } });
	},

	closeDispute(d: DisputeFacts, r: NewResolution): void {
		record.submitFields({
			type: DISPUTE,
			id: d.id,
			values: {
				// frees the invoice's key: a later dispute of the same invoice may open
				externalid: `inv${String(d.invoiceId)}-r${String(d.id)}`,
				[DP.status]: 'resolved',
				[DP.resolvedOn]: date(r.on),
				[DP.resolution]: r.resolution,
				[DP.resolutionText]: r.text,
			},
		});
	},
};
