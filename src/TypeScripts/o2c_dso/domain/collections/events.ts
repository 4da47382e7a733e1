/**
 * The events the calling system POSTs to the collections RESTlet, and their strict validation.
 *
 * A body is one JSON object: `type` (promise, dispute, dispute_resolution, contact_attempt,
 * contact_details), `external_id` (the caller's id of the event) and the fields of that type. The
 * shape is checked here, without reading the account: types, ranges, dates that exist, string
 * lengths, fixed lists, no unknown field. What needs the account (the customer exists, the invoices
 * are its own and open, the currency is the customer's) is checked by the use case
 * (app/collections/recordEvent.ts). Every problem is reported with the field and the rule it
 * breaks, so the caller can fix its body without reading our code; nothing here throws on any input
 * (a property test drives it with hostile bodies).
 *
 * Keys are read only by name from the body's own properties, never by walking it, so deep or huge
 * values cost nothing and `__proto__` is just an unknown field.
 */
import { addDays, isCalendarDate, type CalendarDate } from '../calendarDate';
import { scaleDecimalString } from '../decimal';

/** One problem of a request: the field (dotted path, `invoice_ids[2]`), the rule broken, in words. */
export interface FieldError {
	readonly field: string;
	readonly rule: string;
	readonly message: string;
}

export const EVENT_TYPES = ['promise', 'dispute', 'dispute_resolution', 'contact_attempt', 'contact_details'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Call outcomes (CreditorWatch, Debitura and Collect-IT record fixed responses; reference §5.1). */
export const CONTACT_OUTCOMES = [
	'no_answer',
	'left_message',
	'spoke_to_customer',
	'wrong_contact',
	'asked_for_invoice_copy',
	'promised_to_pay',
	'disputed',
	'call_back_requested',
	'refused_to_pay',
] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** Why a customer disputes an invoice. */
export const DISPUTE_REASONS = [
	'pricing',
	'quantity',
	'quality',
	'not_received',
	'duplicate_billing',
	'already_paid',
	'terms',
	'other',
] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];

/** How a dispute ended. */
export const DISPUTE_RESOLUTIONS = [
	'customer_will_pay',
	'credit_issued',
	'invoice_corrected',
	'withdrawn',
	'other',
] as const;
export type DisputeResolution = (typeof DISPUTE_RESOLUTIONS)[number];

/** Limits of the body (documented in docs/openapi/collections.yaml). */
export const LIMITS = {
	externalIdLength: 64,
	textLength: 1000,
	shortTextLength: 100,
	emailLength: 254,
	phoneLength: 32,
	invoicesPerPromise: 50,
	/** amounts up to 10^12 − 0.01 currency units */
	amountDigits: 12,
	/** how far ahead a promised date or next action date may be */
	daysAhead: 366,
	/** how far back a contact attempt may be reported */
	daysBack: 31,
	maxErrors: 20,
} as const;

interface Base {
	readonly externalId: string;
}
export interface PromiseEvent extends Base {
	readonly type: 'promise';
	readonly customerId: number;
	readonly amountMinor: number;
	readonly currency: string;
	readonly promisedDate: CalendarDate;
	readonly invoiceIds: readonly number[];
	readonly note: string;
}
export interface DisputeEvent extends Base {
	readonly type: 'dispute';
	readonly customerId: number;
	readonly invoiceId: number;
	readonly reason: DisputeReason;
	readonly text: string;
}
export interface DisputeResolutionEvent extends Base {
	readonly type: 'dispute_resolution';
	/** the external_id of the dispute event */
	readonly disputeExternalId: string;
	readonly resolution: DisputeResolution;
	readonly text: string;
}
export interface ContactAttemptEvent extends Base {
	readonly type: 'contact_attempt';
	readonly customerId: number;
	readonly outcome: ContactOutcome;
	readonly attemptedOn: CalendarDate;
	readonly nextActionDate: CalendarDate | null;
	readonly collector: string;
	readonly note: string;
}
export interface ContactDetailsEvent extends Base {
	readonly type: 'contact_details';
	readonly customerId: number;
	readonly name: string;
	readonly email: string;
	readonly phone: string;
	readonly jobTitle: string;
}
export type CollectionsEvent =
	PromiseEvent | DisputeEvent | DisputeResolutionEvent | ContactAttemptEvent | ContactDetailsEvent;

export type Validated<T> =
	{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: FieldError[] };

const FIELDS: Readonly<Record<EventType, readonly string[]>> = {
	promise: ['customer_id', 'amount', 'currency', 'promised_date', 'invoice_ids', 'note'],
	dispute: ['customer_id', 'invoice_id', 'reason', 'text'],
	dispute_resolution: ['dispute_external_id', 'resolution', 'text'],
	contact_attempt: ['customer_id', 'outcome', 'attempted_on', 'next_action_date', 'collector', 'note'],
	contact_details: ['customer_id', 'name', 'email', 'phone', 'job_title'],
};

const EXTERNAL_ID = /^[A-Za-z0-9_-]+$/;
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const PHONE = /^\+?[0-9][0-9 ().-]*( ?(x|ext\.?) ?[0-9]+)?$/;
const CURRENCY = /^[A-Z]{3}$/;

function own(o: object, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(o, key);
}

/** A field name as shown in an error: printable, at most 64 characters. */
function shownKey(k: string): string {
	const printable = k.replace(/[^\x20-\x7e]/g, '?');
	return printable.length > 64 ? `${printable.slice(0, 61)}...` : printable;
}

function describe(v: unknown): string {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'an array';
	return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** Collects the errors of one body, at most LIMITS.maxErrors. */
class Checker {
	readonly errors: FieldError[] = [];
	constructor(
		private readonly body: Readonly<Record<string, unknown>>,
		private readonly today: CalendarDate,
	) {}

	fail(field: string, rule: string, message: string): null {
		if (this.errors.length < LIMITS.maxErrors) this.errors.push({ field, rule, message });
		return null;
	}

	has(field: string): boolean {
		return own(this.body, field) && this.body[field] !== undefined;
	}

	raw(field: string): unknown {
		return own(this.body, field) ? this.body[field] : undefined;
	}

	required(field: string): unknown {
		if (!this.has(field) || this.raw(field) === null) {
			this.fail(field, 'required', `${field} is required`);
			return undefined;
		}
		return this.raw(field);
	}

	id(field: string, v: unknown): number | null {
		if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0)
			return this.fail(
				field,
				'positive_integer',
				`${field} must be a positive integer internal id, got ${describe(v)}`,
			);
		return v;
	}

	requiredId(field: string): number | null {
		const v = this.required(field);
		return v === undefined ? null : this.id(field, v);
	}

	text(
		field: string,
		max: number,
		opts: { required?: boolean; pattern?: RegExp; patternRule?: string } = {},
	): string | null {
		const v = opts.required === true ? this.required(field) : this.raw(field);
		if (v === undefined || (v === null && opts.required !== true)) return opts.required === true ? null : '';
		if (typeof v !== 'string') return this.fail(field, 'string', `${field} must be a string, got ${describe(v)}`);
		if (opts.required === true && v.trim() === '')
			return this.fail(field, 'required', `${field} must not be empty`);
		if (v.length > max) return this.fail(field, 'max_length', `${field} is longer than ${String(max)} characters`);
		if (CONTROL.test(v))
			return this.fail(
				field,
				'no_control_characters',
				`${field} contains control characters (only tab and line breaks are allowed)`,
			);
		if (opts.pattern && v !== '' && !opts.pattern.test(v))
			return this.fail(
				field,
				opts.patternRule ?? 'format',
				`${field} is not ${opts.patternRule ?? 'well formed'}`,
			);
		return v;
	}

	oneOf<T extends string>(field: string, list: readonly T[]): T | null {
		const v = this.required(field);
		if (v === undefined) return null;
		if (typeof v !== 'string' || !(list as readonly string[]).includes(v))
			return this.fail(field, 'one_of', `${field} must be one of ${list.join(', ')}`);
		return v as T;
	}

	date(field: string, v: unknown, from: CalendarDate, to: CalendarDate, what: string): CalendarDate | null {
		if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v))
			return this.fail(field, 'date', `${field} must be a date written YYYY-MM-DD, got ${describe(v)}`);
		if (!isCalendarDate(v)) return this.fail(field, 'date_exists', `${field} ${v} is not a date that exists`);
		if (v < from || v > to) return this.fail(field, 'date_range', `${field} must be ${what} (${from} to ${to})`);
		return v;
	}

	amount(field: string): number | null {
		const v = this.required(field);
		if (v === undefined) return null;
		if (typeof v !== 'string')
			return this.fail(
				field,
				'decimal_string',
				`${field} must be a decimal string such as "1250.00" (a JSON number is refused: no float arithmetic on money), got ${describe(v)}`,
			);
		const re = new RegExp(`^(0|[1-9][0-9]{0,${String(LIMITS.amountDigits - 1)}})(\\.[0-9]{1,2})?$`);
		if (!re.test(v))
			return this.fail(
				field,
				'decimal_string',
				`${field} must be a decimal string with at most ${String(LIMITS.amountDigits)} digits before the point and 2 after, e.g. "1250.00"`,
			);
		const minor = scaleDecimalString(v, 2);
		if (minor === null || minor <= 0) return this.fail(field, 'positive', `${field} must be more than zero`);
		return minor;
	}
}

/**
 * Validates a POSTed body (any JSON value) as of `today` (the account's date).
 * @example validateEvent({ type: 'contact_attempt', external_id: 'c-1', customer_id: 7, outcome: 'no_answer' }, d('2026-05-04')).ok // true
 */
export function validateEvent(body: unknown, today: CalendarDate): Validated<CollectionsEvent> {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return {
			ok: false,
			errors: [
				{ field: '(body)', rule: 'object', message: `the body must be a JSON object, got ${describe(body)}` },
			],
		};
	}
	const b = body as Readonly<Record<string, unknown>>;
	const c = new Checker(b, today);
	const type = c.oneOf('type', EVENT_TYPES);
	const externalId = c.text('external_id', LIMITS.externalIdLength, {
		required: true,
		pattern: EXTERNAL_ID,
		patternRule: 'external_id_characters',
	});
	if (type === null) {
		for (const k of Object.keys(b))
			if (k !== 'type' && k !== 'external_id' && !Object.values(FIELDS).some((f) => f.includes(k)))
				c.fail(shownKey(k), 'unknown_field', `${shownKey(k)} is not a field of any event type`);
		return { ok: false, errors: c.errors };
	}
	for (const k of Object.keys(b)) {
		if (k !== 'type' && k !== 'external_id' && !FIELDS[type].includes(k))
			c.fail(shownKey(k), 'unknown_field', `${shownKey(k)} is not a field of a ${type} event`);
	}
	const ahead = addDays(today, LIMITS.daysAhead);
	let value: CollectionsEvent | null = null;
	const ext = externalId ?? '';
	switch (type) {
		case 'promise': {
			const customerId = c.requiredId('customer_id');
			const amountMinor = c.amount('amount');
			const currency = c.text('currency', 3, { required: true, pattern: CURRENCY, patternRule: 'iso_currency' });
			const pd = c.required('promised_date');
			const promisedDate =
				pd === undefined ? null : c.date('promised_date', pd, today, ahead, 'today or later, within a year');
			const invoiceIds = invoiceList(c);
			const note = c.text('note', LIMITS.textLength);
			if (
				customerId !== null &&
				amountMinor !== null &&
				currency !== null &&
				promisedDate !== null &&
				invoiceIds !== null &&
				note !== null
			)
				value = { type, externalId: ext, customerId, amountMinor, currency, promisedDate, invoiceIds, note };
			break;
		}
		case 'dispute': {
			const customerId = c.requiredId('customer_id');
			const invoiceId = c.requiredId('invoice_id');
			const reason = c.oneOf('reason', DISPUTE_REASONS);
			const text = c.text('text', LIMITS.textLength);
			if (customerId !== null && invoiceId !== null && reason !== null && text !== null)
				value = { type, externalId: ext, customerId, invoiceId, reason, text };
			break;
		}
		case 'dispute_resolution': {
			const disputeExternalId = c.text('dispute_external_id', LIMITS.externalIdLength, {
				required: true,
				pattern: EXTERNAL_ID,
				patternRule: 'external_id_characters',
			});
			const resolution = c.oneOf('resolution', DISPUTE_RESOLUTIONS);
			const text = c.text('text', LIMITS.textLength);
			if (disputeExternalId !== null && resolution !== null && text !== null)
				value = { type, externalId: ext, disputeExternalId, resolution, text };
			break;
		}
		case 'contact_attempt': {
			const customerId = c.requiredId('customer_id');
			const outcome = c.oneOf('outcome', CONTACT_OUTCOMES);
			const at = c.raw('attempted_on');
			const attemptedOn =
				at === undefined || at === null
					? today
					: c.date(
							'attempted_on',
							at,
							addDays(today, -LIMITS.daysBack),
							today,
							'today or in the last 31 days',
						);
			const na = c.raw('next_action_date');
			const nextActionDate =
				na === undefined || na === null
					? null
					: c.date('next_action_date', na, today, ahead, 'today or later, within a year');
			const collector = c.text('collector', LIMITS.shortTextLength);
			const note = c.text('note', LIMITS.textLength);
			if (
				customerId !== null &&
				outcome !== null &&
				attemptedOn !== null &&
				(na === undefined || na === null || nextActionDate !== null) &&
				collector !== null &&
				note !== null
			)
				value = { type, externalId: ext, customerId, outcome, attemptedOn, nextActionDate, collector, note };
			break;
		}
		case 'contact_details': {
			const customerId = c.requiredId('customer_id');
			const name = c.text('name', LIMITS.shortTextLength, { required: true });
			const email = c.text('email', LIMITS.emailLength, { pattern: EMAIL, patternRule: 'email' });
			const phone = c.text('phone', LIMITS.phoneLength, { pattern: PHONE, patternRule: 'phone' });
			const jobTitle = c.text('job_title', LIMITS.shortTextLength);
			if (email === '' && phone === '' && c.errors.length === 0)
				c.fail('email', 'email_or_phone', 'contact details need an email or a phone number');
			if (customerId !== null && name !== null && email !== null && phone !== null && jobTitle !== null)
				value = { type, externalId: ext, customerId, name, email, phone, jobTitle };
			break;
		}
	}
	if (c.errors.length > 0 || value === null || externalId === null) return { ok: false, errors: c.errors };
	return { ok: true, value };
}

function invoiceList(c: Checker): readonly number[] | null {
	const v = c.required('invoice_ids');
	if (v === undefined) return null;
	if (!Array.isArray(v))
		return c.fail(
			'invoice_ids',
			'array',
			`invoice_ids must be an array of invoice internal ids, got ${describe(v)}`,
		);
	const list = v as readonly unknown[];
	if (list.length === 0) return c.fail('invoice_ids', 'min_items', 'invoice_ids must name at least one invoice');
	if (list.length > LIMITS.invoicesPerPromise)
		return c.fail(
			'invoice_ids',
			'max_items',
			`invoice_ids may name at most ${String(LIMITS.invoicesPerPromise)} invoices`,
		);
	const out: number[] = [];
	let bad = false;
	for (const [i, x] of list.entries()) {
		const id = c.id(`invoice_ids[${String(i)}]`, x);
		if (id === null) bad = true;
		else if (out.includes(id)) {
			c.fail(`invoice_ids[${String(i)}]`, 'unique', `invoice ${String(id)} is named twice`);
			bad = true;
		} else out.push(id);
	}
	return bad ? null : out;
}

/**
 * The event's content as one canonical text (fixed key order, no external id): two bodies that mean
 * the same event give the same text, whatever their key order or optional fields left at default.
 */
export function canonicalContent(e: CollectionsEvent): string {
	const entries = Object.entries(e)
		.filter(([k]) => k !== 'externalId')
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return JSON.stringify(entries);
}
