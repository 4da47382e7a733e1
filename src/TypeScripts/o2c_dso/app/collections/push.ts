/**
 * The collections push, per customer (README "Collections push"): prepare today's payload in the
 * outbox (written before anything is sent), then deliver what is due. Orchestrates the domain
 * (payload, fingerprint, key, retry policy) over ports; the adapters implement them with N/record,
 * N/search and N/https.
 *
 * Exactly once or dead, whatever dies when:
 * - the outbox entry of a customer and day is found before one is created, so a rerun, a restarted
 *   map invocation or a second run the same day never creates a second payload (nor a second key);
 * - an entry is sent only while it is `pending`, and marked `delivered` right after the 2xx, so a
 *   delivered payload is never sent again by a later run; a crash between the 2xx and that update
 *   re-sends the same key once more, which the calling system recognises (`Idempotency-Key`,
 *   docs/openapi/collections.yaml);
 * - a payload that cannot be built is written as `dead` with the reason, never skipped.
 */
import type { CalendarDate } from '../../domain/calendarDate';
import { type AttemptResult, type RetryPolicy, outcomeOf, safeErrorText } from '../../domain/collections/delivery';
import { fingerprintOf } from '../../domain/collections/hash';
import {
	type ContactInfo,
	type PayloadInput,
	type PromiseInfo,
	PayloadError,
	buildPayload,
	idempotencyKey,
	materialFingerprint,
} from '../../domain/collections/pushPayload';

export type OutboxStatus = 'pending' | 'delivered' | 'dead';

/** One outbox record (customrecord_o2c_push_outbox) as a search lists it (no payload). */
export interface OutboxSummary {
	readonly id: number;
	readonly key: string;
	readonly customerId: string;
	readonly day: CalendarDate;
	readonly status: OutboxStatus;
	readonly attempts: number;
	readonly nextAttemptAt: Date | null;
	readonly fingerprint: string;
	readonly requeue: boolean;
}

/** The record with its payload (loaded). */
export interface OutboxEntry extends OutboxSummary {
	readonly payload: string;
}

export interface NewOutboxEntry {
	readonly key: string;
	readonly customerId: string;
	readonly subsidiaryId: string;
	readonly day: CalendarDate;
	readonly status: 'pending' | 'dead';
	readonly fingerprint: string;
	readonly payload: string;
	readonly error: string;
	readonly nextAttemptAt: Date | null;
}

export interface OutboxUpdate {
	readonly status: OutboxStatus;
	readonly attempts: number;
	readonly nextAttemptAt: Date | null;
	/** left as it is when absent */
	readonly lastHttpStatus?: number | null;
	readonly error: string;
	readonly lastAttemptAt?: Date;
	readonly deliveredAt?: Date;
	readonly requeue: false;
}

/** The outbox records. */
export interface OutboxStore {
	/** Every entry of the customer, any status, oldest day first. */
	entriesOf(customerId: string): OutboxSummary[];
	entry(id: number): OutboxEntry | null;
	create(entry: NewOutboxEntry): number;
	update(id: number, changes: OutboxUpdate): void;
}

/** Sends one payload (POST, JSON, Idempotency-Key, Authorization: Bearer from the API secret). */
export interface PushSender {
	send(body: string, key: string): AttemptResult;
}

/**
 * Promises to pay, contacts (and later disputes) as the collections records keep them: the RESTlet
 * issue's records are the source of truth, read through this port so that the push does not change
 * when they grow (adapters/collections/collectionsContext.ts).
 */
export interface CollectionsContextSource {
	promisesOf(customerId: string): PromiseInfo[];
	/** the A/R contact; null when none is recorded */
	contactOf(customerId: string): ContactInfo | null;
	/** invoices in dispute beyond the invoice's own Disputed box */
	disputedInvoiceIds(customerId: string): ReadonlySet<string>;
}

/** What a payload is built from (customer, open invoices, metrics, promises, contact). Throws PayloadError. */
export interface PayloadSource {
	inputOf(customerId: string, subsidiaryId: string, day: CalendarDate): PayloadInput;
}

export type PrepareResult =
	| { readonly action: 'created'; readonly entryId: number }
	| { readonly action: 'dead-lettered'; readonly entryId: number; readonly reason: string }
	| { readonly action: 'exists'; readonly entryId: number }
	| { readonly action: 'unchanged'; readonly entryId: number };

/**
 * Today's outbox entry of a selected customer: the one already there (a rerun), none when the
 * content is materially the same as its latest entry's, else a new `pending` entry (or `dead` with
 * the reason when the payload cannot be built).
 * @example prepareCustomer({ customerId: '100', subsidiaryId: '1', day, accountId: 'ACME', now }, ports)
 */
export function prepareCustomer(
	c: { customerId: string; subsidiaryId: string; day: CalendarDate; accountId: string; now: Date },
	ports: { outbox: OutboxStore; source: PayloadSource },
): PrepareResult {
	const entries = ports.outbox.entriesOf(c.customerId);
	const today = entries.find((e) => e.day === c.day);
	if (today) return { action: 'exists', entryId: today.id };
	const latest = entries[entries.length - 1];
	let body: string;
	let fingerprint: string;
	try {
		const payload = buildPayload(ports.source.inputOf(c.customerId, c.subsidiaryId, c.day));
		body = JSON.stringify(payload);
		fingerprint = materialFingerprint(payload);
	} catch (e) {
		if (!(e instanceof PayloadError)) throw e;
		const reason = safeErrorText(`payload not built: ${e.message}`);
		const fp = fingerprintOf(`error|${reason}`);
		if (latest?.fingerprint === fp) return { action: 'unchanged', entryId: latest.id };
		const entryId = ports.outbox.create({
			key: idempotencyKey(c.accountId, c.customerId, c.day, fp),
			customerId: c.customerId,
			subsidiaryId: c.subsidiaryId,
			day: c.day,
			status: 'dead',
			fingerprint: fp,
			payload: '',
			error: reason,
			nextAttemptAt: null,
		});
		return { action: 'dead-lettered', entryId, reason };
	}
	if (latest?.fingerprint === fingerprint) return { action: 'unchanged', entryId: latest.id };
	const entryId = ports.outbox.create({
		key: idempotencyKey(c.accountId, c.customerId, c.day, fingerprint),
		customerId: c.customerId,
		subsidiaryId: c.subsidiaryId,
		day: c.day,
		status: 'pending',
		fingerprint,
		payload: body,
		error: '',
		nextAttemptAt: c.now,
	});
	return { action: 'created', entryId };
}

/** Whether an entry is due for an attempt at `now`. */
export function isDue(e: OutboxEntry, now: Date): boolean {
	return e.status === 'pending' && e.payload !== '' && (e.nextAttemptAt === null || e.nextAttemptAt <= now);
}

export type DeliverResult = { readonly sent: false } | { readonly sent: true; readonly status: OutboxStatus };

/**
 * One attempt of a due entry, recorded on the entry right after the answer.
 * @example deliver(entry, { outbox, sender }, now, DEFAULT_RETRY_POLICY)
 */
export function deliver(
	e: OutboxEntry,
	ports: { outbox: OutboxStore; sender: PushSender },
	now: Date,
	policy: RetryPolicy,
): DeliverResult {
	if (!isDue(e, now)) return { sent: false };
	const result = ports.sender.send(e.payload, e.key);
	const attempts = e.attempts + 1;
	const outcome = outcomeOf(result, attempts, e.key, now, policy);
	ports.outbox.update(e.id, {
		status: outcome.status,
		attempts,
		nextAttemptAt: outcome.status === 'pending' ? outcome.nextAttemptAt : null,
		lastHttpStatus: outcome.httpStatus,
		error: outcome.status === 'delivered' ? '' : outcome.error,
		lastAttemptAt: now,
		...(outcome.status === 'delivered' ? { deliveredAt: now } : {}),
		requeue: false,
	});
	return { sent: true, status: outcome.status };
}

/**
 * An admin's re-queue of a dead entry (checkbox on the record): back to pending with its key and
 * payload, attempts counted again from zero. Entries without a payload (it could not be built) stay
 * dead: the next run builds a new one once the cause is fixed.
 */
export function requeue(e: OutboxEntry, outbox: OutboxStore, now: Date): boolean {
	if (e.status !== 'dead' || !e.requeue) return false;
	if (e.payload === '') {
		outbox.update(e.id, {
			status: 'dead',
			attempts: e.attempts,
			nextAttemptAt: null,
			error: 'not re-queued: this entry has no payload (it could not be built); fix the cause, the next run builds a new one',
			requeue: false,
		});
		return false;
	}
	outbox.update(e.id, {
		status: 'pending',
		attempts: 0,
		nextAttemptAt: now,
		error: 're-queued by an administrator',
		requeue: false,
	});
	return true;
}
