/**
 * `customrecord_o2c_push_outbox`: one record per payload (src/Objects/customrecord_o2c_push_outbox.xml),
 * the OutboxStore of app/collections/push.ts. Times are ISO 8601 instants in TEXT fields (UTC).
 *
 * Costs: entriesOf 10 (one search page), entry 2 (record.load), create 2 + 4 (create, save),
 * update 2 (submitFields).
 */
import * as record from 'N/record';
import * as search from 'N/search';
import type {
	NewOutboxEntry,
	OutboxEntry,
	OutboxStatus,
	OutboxStore,
	OutboxSummary,
	OutboxUpdate,
} from '../../app/collections/push';
import { type CalendarDate, isCalendarDate } from '../../domain/calendarDate';
import { fromNsDate, fromNsDateValue, toNsDateValue } from '../nsDate';
import { forEachRow, valueOf } from '../searches/searchKit';

export const OUTBOX = 'customrecord_o2c_push_outbox';

export const OUTBOX_FIELDS = {
	key: 'custrecord_o2c_po_key',
	customer: 'custrecord_o2c_po_customer',
	subsidiary: 'custrecord_o2c_po_subsidiary',
	day: 'custrecord_o2c_po_day',
	status: 'custrecord_o2c_po_status',
	attempts: 'custrecord_o2c_po_attempts',
	nextAt: 'custrecord_o2c_po_next_at',
	lastAt: 'custrecord_o2c_po_last_at',
	deliveredAt: 'custrecord_o2c_po_delivered_at',
	httpStatus: 'custrecord_o2c_po_http_status',
	error: 'custrecord_o2c_po_error',
	fingerprint: 'custrecord_o2c_po_fingerprint',
	payload: 'custrecord_o2c_po_payload',
	requeue: 'custrecord_o2c_po_requeue',
} as const;
const F = OUTBOX_FIELDS;

const SUMMARY_COLUMNS = [F.key, F.customer, F.day, F.status, F.attempts, F.nextAt, F.fingerprint, F.requeue] as const;

function status(text: string, id: number): OutboxStatus {
	const t = text.trim().toLowerCase();
	if (t === 'pending' || t === 'delivered' || t === 'dead') return t;
	throw new Error(`${OUTBOX} ${String(id)}: status ${JSON.stringify(text)} is not pending, delivered or dead`);
}

function instant(text: string): Date | null {
	if (text.trim() === '') return null;
	const d = new Date(text.trim());
	return Number.isNaN(d.getTime()) ? null : d;
}

function day(d: CalendarDate | null, id: number): CalendarDate {
	if (d === null || !isCalendarDate(d)) throw new Error(`${OUTBOX} ${String(id)} has no day`);
	return d;
}

function summaryOf(row: search.Result): OutboxSummary {
	const id = Number(row.id);
	const v = (name: string): string => valueOf(row, { name });
	const requeueValue: unknown = row.getValue({ name: F.requeue });
	return {
		id,
		key: v(F.key),
		customerId: v(F.customer),
		day: day(fromNsDate(v(F.day)), id),
		status: status(v(F.status), id),
		attempts: Number(v(F.attempts) || '0'),
		nextAttemptAt: instant(v(F.nextAt)),
		fingerprint: v(F.fingerprint),
		requeue: requeueValue === true || requeueValue === 'T',
	};
}

function list(filters: unknown[]): OutboxSummary[] {
	const s = search.create({
		type: OUTBOX,
		filters: [...filters, 'AND', ['isinactive', 'is', 'F']],
		columns: [...SUMMARY_COLUMNS],
	});
	const out: OutboxSummary[] = [];
	forEachRow(s, (row) => out.push(summaryOf(row)));
	return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.id - b.id));
}

/** Entries still to send or re-queued by an admin (any customer), oldest first. */
export function openEntries(): OutboxSummary[] {
	return list([[[F.status, 'is', 'pending'], 'OR', [[F.status, 'is', 'dead'], 'AND', [F.requeue, 'is', 'T']]]]);
}

export const nsOutbox: OutboxStore = {
	entriesOf: (customerId) => list([[F.customer, 'anyof', customerId]]),
	entry(id) {
		let rec: record.Record;
		try {
			rec = record.load({ type: OUTBOX, id });
		} catch {
			return null;
		}
		const text = (f: string): string => {
			const v = rec.getValue({ fieldId: f });
			return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
		};
		const e: OutboxEntry = {
			id,
			key: text(F.key),
			customerId: text(F.customer),
			day: day(fromNsDateValue(rec.getValue({ fieldId: F.day })), id),
			status: status(text(F.status), id),
			attempts: Number(text(F.attempts) || '0'),
			nextAttemptAt: instant(text(F.nextAt)),
			fingerprint: text(F.fingerprint),
			requeue: rec.getValue({ fieldId: F.requeue }) === true,
			payload: text(F.payload),
		};
		return e;
	},
	create(e: NewOutboxEntry) {
		const rec = record.create({ type: OUTBOX });
		const values: Record<string, string | number | boolean | Date> = {
			name: e.key,
			[F.key]: e.key,
			[F.customer]: e.customerId,
			[F.subsidiary]: e.subsidiaryId,
			[F.day]: toNsDateValue(e.day),
			[F.status]: e.status,
			[F.attempts]: 0,
			[F.nextAt]: e.nextAttemptAt === null ? '' : e.nextAttemptAt.toISOString(),
			[F.fingerprint]: e.fingerprint,
			[F.payload]: e.payload,
			[F.error]: e.error,
			[F.requeue]: false,
		};
		for (const [fieldId, value] of Object.entries(values)) rec.setValue({ fieldId, value });
		return rec.save();
	},
	update(id: number, u: OutboxUpdate) {
		const values: Record<string, string | number | boolean> = {
			[F.status]: u.status,
			[F.attempts]: u.attempts,
			[F.nextAt]: u.nextAttemptAt === null ? '' : u.nextAttemptAt.toISOString(),
			[F.error]: u.error,
			[F.requeue]: u.requeue,
		};
		if (u.lastHttpStatus !== undefined) values[F.httpStatus] = u.lastHttpStatus ?? '';
		if (u.lastAttemptAt !== undefined) values[F.lastAt] = u.lastAttemptAt.toISOString();
		if (u.deliveredAt !== undefined) values[F.deliveredAt] = u.deliveredAt.toISOString();
		record.submitFields({
			type: OUTBOX,
			id,
			values: values as never,
			options: { enableSourcing: false, ignoreMandatoryFields: true },
		});
	},
};
