/**
 * The payload pushed to the collections calling system for one customer on one day, what makes a
 * change "material", and the idempotency key (docs/openapi/collections.yaml, schema
 * `CollectionsPush`; README "Collections push").
 *
 * Money is a decimal string in the customer's currency with the currency code beside it; dates are
 * `YYYY-MM-DD`; ids are NetSuite internal ids as strings. `days_overdue` is the oldest overdue
 * invoice's (as of the day the night covers).
 *
 * Material change: what a collector would call about differently. The overdue amount, the overdue
 * invoices (id, open amount, disputed), the segment, the promises (id, status, date, amount) and the
 * contact. Not material: `as_of`, `days_overdue` and an invoice's days overdue (they grow every day by
 * themselves; the calling system has the due dates), the score and the reasons' wording.
 *
 * Pure: no `N/*`, no clock.
 */
import { type CalendarDate, daysBetween } from '../calendarDate';
import { type Minor, sumOf } from '../money';
import { formatAmountPlain } from './decimalText';
import { fingerprintOf } from './hash';

/** How many of the oldest overdue invoices a payload lists (the total is in `overdue_invoice_count`). */
export const MAX_INVOICES_IN_PAYLOAD = 10;

/**
 * An open invoice of the customer at D, amounts in the customer's currency (minor units branded
 * `C`: adapters read them as `'customer'`, so a base-currency amount here does not compile).
 */
export interface OpenInvoice<C extends string = 'customer'> {
	readonly id: string;
	readonly number: string;
	readonly openMinor: Minor<C>;
	/** due date, or the invoice date when it has none (it then ages from its date) */
	readonly dueDate: CalendarDate;
	readonly disputed: boolean;
}

/** A promise to pay as the collections records keep it (customrecord_o2c_promise). */
export interface PromiseInfo<C extends string = 'customer'> {
	readonly id: string;
	readonly promisedDate: CalendarDate;
	readonly amountMinor: Minor<C>;
	/** pending / kept / broken / cancelled */
	readonly status: string;
	readonly invoiceIds: readonly string[];
}

export interface ContactInfo {
	readonly name: string | null;
	readonly phone: string | null;
	readonly email: string | null;
}

/** Everything a payload is built from; amounts in the customer's currency `C`. */
export interface PayloadInput<C extends string = 'customer'> {
	readonly customerId: string;
	readonly customerNumber: string;
	readonly customerName: string;
	/** ISO code of the customer's currency; empty when the customer record has none */
	readonly currency: string;
	readonly subsidiaryId: string;
	readonly asOf: CalendarDate;
	readonly score: number | null;
	readonly segment: string;
	readonly reasons: readonly { code: string; text: string }[];
	readonly invoices: readonly OpenInvoice<C>[];
	readonly promises: readonly PromiseInfo<C>[];
	readonly contact: ContactInfo | null;
	readonly netsuiteUrl: string;
}

export interface PayloadInvoice {
	id: string;
	number: string;
	amount: string;
	due_date: string;
	days_overdue: number;
	disputed: boolean;
}

export interface PayloadPromise {
	id: string;
	promised_date: string;
	amount: string;
	status: string;
	invoice_ids: string[];
}

/** The JSON body of one push (docs/openapi/collections.yaml `CollectionsPush`). */
export interface CollectionsPayload {
	customer_id: string;
	customer_number: string;
	customer_name: string;
	overdue_amount: string;
	days_overdue: number;
	currency: string;
	subsidiary_id: string;
	as_of: string;
	score: number | null;
	segment: string;
	segment_reasons: { code: string; text: string }[];
	overdue_invoice_count: number;
	oldest_overdue_invoices: PayloadInvoice[];
	promises: { open: PayloadPromise[]; broken: PayloadPromise[] };
	contact: { name: string | null; phone: string | null; email: string | null };
	netsuite_url: string;
}

/** A payload that cannot be built: the reason is dead-lettered on the outbox record. */
export class PayloadError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PayloadError';
	}
}

const CURRENCY_CODE = /^[A-Z]{3}$/;

function promiseJson<C extends string>(p: PromiseInfo<C>, currency: string): PayloadPromise {
	return {
		id: p.id,
		promised_date: p.promisedDate,
		amount: formatAmountPlain(p.amountMinor, currency),
		status: p.status,
		invoice_ids: [...p.invoiceIds],
	};
}

/**
 * The payload of a customer at D: its overdue invoices (due before D), oldest first.
 * Throws {@link PayloadError} naming what is missing (no currency, nothing overdue).
 * @example buildPayload(input).overdue_amount // '4800.00'
 */
export function buildPayload<C extends string>(input: PayloadInput<C>): CollectionsPayload {
	if (!CURRENCY_CODE.test(input.currency))
		throw new PayloadError(
			`customer ${input.customerId} has no currency code (got ${JSON.stringify(input.currency)}): amounts cannot be stated`,
		);
	const overdue = input.invoices
		.filter((i) => i.openMinor > 0 && daysBetween(i.dueDate, input.asOf) > 0)
		.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id < b.id ? -1 : 1));
	const oldest = overdue[0];
	if (oldest === undefined)
		throw new PayloadError(`customer ${input.customerId} has no overdue invoice at ${input.asOf}`);
	const total = sumOf(overdue.map((i) => i.openMinor));
	const byDate = [...input.promises].sort((a, b) =>
		a.promisedDate < b.promisedDate ? -1 : a.promisedDate > b.promisedDate ? 1 : a.id < b.id ? -1 : 1,
	);
	return {
		customer_id: input.customerId,
		customer_number: input.customerNumber,
		customer_name: input.customerName,
		overdue_amount: formatAmountPlain(total, input.currency),
		days_overdue: daysBetween(oldest.dueDate, input.asOf),
		currency: input.currency,
		subsidiary_id: input.subsidiaryId,
		as_of: input.asOf,
		score: input.score,
		segment: input.segment,
		segment_reasons: input.reasons.map((r) => ({ code: r.code, text: r.text })),
		overdue_invoice_count: overdue.length,
		oldest_overdue_invoices: overdue.slice(0, MAX_INVOICES_IN_PAYLOAD).map((i) => ({
			id: i.id,
			number: i.number,
			amount: formatAmountPlain(i.openMinor, input.currency),
			due_date: i.dueDate,
			days_overdue: daysBetween(i.dueDate, input.asOf),
			disputed: i.disputed,
		})),
		promises: {
			open: byDate.filter((p) => p.status === 'pending').map((p) => promiseJson(p, input.currency)),
			broken: byDate.filter((p) => p.status === 'broken').map((p) => promiseJson(p, input.currency)),
		},
		contact: {
			name: input.contact?.name ?? null,
			phone: input.contact?.phone ?? null,
			email: input.contact?.email ?? null,
		},
		netsuite_url: input.netsuiteUrl,
	};
}

/**
 * The material content of a payload as a short hex fingerprint: equal fingerprints mean nothing a
 * collector acts on has changed (see the module comment).
 * @example materialFingerprint(p) === materialFingerprint({ ...p, as_of: '2026-05-05' }) // true
 */
export function materialFingerprint(p: CollectionsPayload): string {
	const material = {
		c: p.customer_id,
		a: p.overdue_amount,
		cur: p.currency,
		n: p.overdue_invoice_count,
		i: p.oldest_overdue_invoices.map((i) => [i.id, i.amount, i.disputed]),
		s: p.segment,
		po: p.promises.open.map((x) => [x.id, x.status, x.promised_date, x.amount]),
		pb: p.promises.broken.map((x) => [x.id, x.status, x.promised_date, x.amount]),
		ct: [p.contact.name, p.contact.phone, p.contact.email],
	};
	return fingerprintOf(JSON.stringify(material));
}

/**
 * The idempotency key of a customer's payload of a day: the same whenever it is computed again for
 * the same customer, day and content (a restarted stage rebuilds the same key), different for every
 * payload (at most one per customer and day). At most 64 characters, `[A-Za-z0-9-]`.
 * @example idempotencyKey('ACME', '100', '2026-05-04', fp) // 'o2c-100-20260504-' + 16 hex digits
 */
export function idempotencyKey(accountId: string, customerId: string, asOf: CalendarDate, fingerprint: string): string {
	const scope = fingerprintOf(`${accountId}|${customerId}|${asOf}|${fingerprint}`);
	return `o2c-${customerId}-${asOf.replace(/-/g, '')}-${scope}`;
}
