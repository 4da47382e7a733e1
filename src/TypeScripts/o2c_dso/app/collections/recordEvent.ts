/**
 * POST of the collections RESTlet: record one event of the calling system, once per external id.
 *
 * 1. The body is validated (domain/collections/events.ts); an invalid one is answered with every
 *    problem (field, rule) and nothing is written.
 * 2. The event's key is its external id lower-cased. A stored event under that key with the same
 *    content digest is answered with its stored answer (nothing written); with another digest the
 *    request is refused (EXTERNAL_ID_CONFLICT). A stored event without an answer is one another
 *    request is applying right now (or whose request died): this request applies it too, which is
 *    safe because every write below is keyed.
 * 3. The references are checked against the account (customer, invoices, currency, open dispute):
 *    refused with the field and rule, nothing written.
 * 4. The event is stored (its key is unique per record type: of two requests racing, one stores it
 *    and the other reads it back and goes on as in 2), its effects are written with keys of their
 *    own (promise and contact records by the event's key, a dispute by its invoice while open, a
 *    resolution by its dispute), then the answer is stored on the event.
 *
 * NetSuite answers a returned value with 200 and cannot set another status, so success and refusal
 * are both a JSON body with `ok` (dashboards-restlets-collections.md §2.4).
 */
import type { CalendarDate } from '../../domain/calendarDate';
import {
	canonicalContent,
	validateEvent,
	type CollectionsEvent,
	type DisputeResolutionEvent,
	type FieldError,
} from '../../domain/collections/events';
import { sha256Hex } from '../../domain/collections/sha256';
import type { CollectionsStore, InvoiceFacts, UniqueRecord } from './ports';

export type ErrorCode = 'INVALID_REQUEST' | 'EXTERNAL_ID_CONFLICT' | 'CONFLICT' | 'INTERNAL_ERROR';

export interface ErrorAnswer {
	readonly ok: false;
	readonly error: { readonly code: ErrorCode; readonly message: string; readonly details: readonly FieldError[] };
}
export type SuccessAnswer = { readonly ok: true; readonly type: string; readonly external_id: string } & Readonly<
	Record<string, string | number | boolean | null>
>;
export type Answer = SuccessAnswer | ErrorAnswer;

export function errorAnswer(code: ErrorCode, message: string, details: readonly FieldError[] = []): ErrorAnswer {
	return { ok: false, error: { code, message, details } };
}

const invalid = (details: readonly FieldError[]): ErrorAnswer =>
	errorAnswer(
		'INVALID_REQUEST',
		`The request is invalid (${String(details.length)} problem${details.length === 1 ? '' : 's'}): nothing was recorded.`,
		details,
	);

const one = (field: string, rule: string, message: string): ErrorAnswer => invalid([{ field, rule, message }]);

/** The account-side checks of an event; null when it may be recorded. */
function checkReferences(e: CollectionsEvent, store: CollectionsStore): ErrorAnswer | { invoices: InvoiceFacts[] } {
	if (e.type === 'dispute_resolution') {
		const d = store.disputeByExternalId(e.disputeExternalId);
		if (d === null)
			return one(
				'dispute_external_id',
				'exists',
				`no dispute was recorded under external_id ${e.disputeExternalId}`,
			);
		if (d.status !== 'open')
			return one('dispute_external_id', 'open_dispute', `the dispute ${e.disputeExternalId} is already resolved`);
		return { invoices: [] };
	}
	const customer = store.customer(e.customerId);
	if (customer === null) return one('customer_id', 'exists', `customer ${String(e.customerId)} does not exist`);
	if (customer.inactive) return one('customer_id', 'active', `customer ${String(e.customerId)} is inactive`);
	if (e.type === 'promise') {
		if (e.currency !== customer.currency)
			return one(
				'currency',
				'customer_currency',
				`the customer's currency is ${customer.currency}, not ${e.currency}`,
			);
		const found = store.invoices(e.invoiceIds);
		const errors: FieldError[] = [];
		e.invoiceIds.forEach((id, i) => {
			const inv = found.find((x) => x.id === id);
			const field = `invoice_ids[${String(i)}]`;
			if (!inv) errors.push({ field, rule: 'exists', message: `invoice ${String(id)} does not exist` });
			else if (inv.customerId !== e.customerId)
				errors.push({
					field,
					rule: 'belongs_to_customer',
					message: `invoice ${String(id)} is not customer ${String(e.customerId)}'s`,
				});
			else if (inv.openMinor <= 0)
				errors.push({ field, rule: 'open', message: `invoice ${String(id)} is paid in full` });
			else if (inv.currency !== e.currency)
				errors.push({
					field,
					rule: 'invoice_currency',
					message: `invoice ${String(id)} is in ${inv.currency}, not ${e.currency}`,
				});
		});
		if (errors.length > 0) return invalid(errors);
		const open = found.reduce((s, x) => s + x.openMinor, 0);
		if (e.amountMinor > open)
			return one(
				'amount',
				'at_most_open_amount',
				`the amount is more than the invoices' open amount (${(open / 100).toFixed(2)} ${e.currency})`,
			);
		return { invoices: found };
	}
	if (e.type === 'dispute') {
		const inv = store.invoices([e.invoiceId])[0];
		if (!inv) return one('invoice_id', 'exists', `invoice ${String(e.invoiceId)} does not exist`);
		if (inv.customerId !== e.customerId)
			return one(
				'invoice_id',
				'belongs_to_customer',
				`invoice ${String(e.invoiceId)} is not customer ${String(e.customerId)}'s`,
			);
		if (store.openDisputeOf(e.invoiceId) !== null)
			return one(
				'invoice_id',
				'no_open_dispute',
				`invoice ${String(e.invoiceId)} is already under an open dispute`,
			);
		return { invoices: [inv] };
	}
	return { invoices: [] };
}

const disputeKey = (invoiceId: number): string => `inv${String(invoiceId)}`;
const resolutionKey = (disputeId: number): string => `dsp${String(disputeId)}`;

/** Writes the event's effects (each keyed, so applying twice writes once); the answer, or a refusal. */
function apply(
	e: CollectionsEvent,
	key: string,
	eventId: number,
	today: CalendarDate,
	store: CollectionsStore,
): Answer {
	const base = { ok: true as const, type: e.type, external_id: e.externalId, event_id: eventId };
	const theirs = (r: UniqueRecord): boolean => !r.created && r.eventExternalId.toLowerCase() !== key;
	switch (e.type) {
		case 'promise': {
			const invoices = store.invoices(e.invoiceIds);
			const r = store.createPromise(key, e.externalId, {
				customerId: e.customerId,
				madeOn: today,
				promisedDate: e.promisedDate,
				amountMinor: e.amountMinor,
				currency: e.currency,
				invoiceIds: e.invoiceIds,
				openAtMinor: invoices.reduce((s, x) => s + x.openMinor, 0),
				note: e.note,
			});
			return { ...base, promise_id: r.id, status: 'pending' };
		}
		case 'dispute': {
			const r = store.createDispute(disputeKey(e.invoiceId), e.externalId, {
				customerId: e.customerId,
				invoiceId: e.invoiceId,
				reason: e.reason,
				text: e.text,
				openedOn: today,
			});
			if (theirs(r))
				return one(
					'invoice_id',
					'no_open_dispute',
					`invoice ${String(e.invoiceId)} is already under an open dispute`,
				);
			store.setInvoiceDisputed(e.invoiceId, true);
			return { ...base, dispute_id: r.id, invoice_id: e.invoiceId };
		}
		case 'dispute_resolution':
			return resolve(e, key, base, today, store);
		case 'contact_attempt': {
			const r = store.createContactAttempt(key, e.externalId, {
				customerId: e.customerId,
				outcome: e.outcome,
				on: e.attemptedOn,
				nextActionDate: e.nextActionDate,
				collector: e.collector,
				note: e.note,
			});
			return { ...base, contact_attempt_id: r.id };
		}
		case 'contact_details': {
			const r = store.createContact(key, e.externalId, {
				customerId: e.customerId,
				name: e.name,
				email: e.email,
				phone: e.phone,
				jobTitle: e.jobTitle,
				on: today,
			});
			return { ...base, contact_id: r.id };
		}
	}
}

function resolve(
	e: DisputeResolutionEvent,
	key: string,
	base: { ok: true; type: string; external_id: string; event_id: number },
	today: CalendarDate,
	store: CollectionsStore,
): Answer {
	const d = store.disputeByExternalId(e.disputeExternalId);
	if (d === null)
		return one('dispute_external_id', 'exists', `no dispute was recorded under external_id ${e.disputeExternalId}`);
	const res = { disputeId: d.id, resolution: e.resolution, text: e.text, on: today };
	const r = store.createResolution(resolutionKey(d.id), e.externalId, res);
	if (!r.created && r.eventExternalId.toLowerCase() !== key)
		return one('dispute_external_id', 'open_dispute', `the dispute ${e.disputeExternalId} is already resolved`);
	if (d.status === 'open') store.closeDispute(d, res);
	if (store.openDisputeOf(d.invoiceId) === null) store.setInvoiceDisputed(d.invoiceId, false);
	return { ...base, dispute_id: d.id, resolution_id: r.id };
}

/**
 * Records one POSTed body as of `today`; never throws for any body (a store failure is the
 * adapter's to report).
 */
export function recordEvent(body: unknown, today: CalendarDate, store: CollectionsStore): Answer {
	const v = validateEvent(body, today);
	if (!v.ok) return invalid(v.errors);
	const e = v.value;
	const key = e.externalId.toLowerCase();
	const digest = sha256Hex(`${e.type}\n${canonicalContent(e)}`);
	for (let attempt = 0; attempt < 2; attempt++) {
		const stored = store.findEvent(key);
		if (stored !== null) {
			if (stored.digest !== digest)
				return errorAnswer(
					'EXTERNAL_ID_CONFLICT',
					`external_id ${e.externalId} was already used for another event (a repeat must carry the same content): nothing was recorded.`,
					[
						{
							field: 'external_id',
							rule: 'same_content_on_repeat',
							message: 'a repeat with this external_id must carry the content first sent',
						},
					],
				);
			if (stored.result !== '') return JSON.parse(stored.result) as Answer;
			return finish(e, key, stored.id, today, store);
		}
		const checked = checkReferences(e, store);
		if ('ok' in checked) return checked;
		const customerId = e.type === 'dispute_resolution' ? null : e.customerId;
		const id = store.createEvent(key, { type: e.type, externalId: e.externalId, digest, customerId, on: today });
		if (id !== null) return finish(e, key, id, today, store);
		// another request stored this key between our read and our write: read it back
	}
	return errorAnswer(
		'CONFLICT',
		`external_id ${e.externalId} is being recorded by another request: repeat the request.`,
	);
}

function finish(
	e: CollectionsEvent,
	key: string,
	eventId: number,
	today: CalendarDate,
	store: CollectionsStore,
): Answer {
	const answer = apply(e, key, eventId, today, store);
	if (!answer.ok) {
		store.dropEvent(eventId); // lost a race for a keyed record: refused, nothing of ours stays
		return answer;
	}
	store.completeEvent(eventId, JSON.stringify(answer));
	return answer;
}
