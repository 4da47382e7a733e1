/**
 * Property: the collections RESTlet, driven through the emulator's request handling with thousands
 * of generated malformed and hostile bodies (wrong types, missing and extra fields, huge and deeply
 * nested values, impossible dates, other customers' invoices, `__proto__` keys, markup, control
 * characters, raw text that is not JSON), answers every one with a structured error naming a field
 * and a rule, writes no record, and never lets an error escape (no 400 from the platform, no
 * system error in the execution log, no INTERNAL_ERROR).
 */
import fc from 'fast-check';
import type { Emulator } from '../../local/emulator';
import { emulatorFor } from '../snapshot/support/harness';
import { handDataset, HAND_AS_OF } from '../snapshot/support/handDataset';

const RL = 'customscript_o2c_collections_rl';
const DEP = 'customdeploy_o2c_collections_rl';

type Json = Record<string, unknown>;

/** Valid bodies of each type for the hand-made account (customer 100: invoices 1 and 3, USD). */
const VALID: Json[] = [
	{
		type: 'promise',
		external_id: 'p-1',
		customer_id: 100,
		amount: '100.00',
		currency: 'USD',
		promised_date: '2026-05-10',
		invoice_ids: [1, 3],
	},
	{ type: 'dispute', external_id: 'd-1', customer_id: 100, invoice_id: 3, reason: 'pricing', text: 'x' },
	{
		type: 'contact_attempt',
		external_id: 'c-1',
		customer_id: 100,
		outcome: 'left_message',
		next_action_date: '2026-05-06',
	},
	{
		type: 'contact_details',
		external_id: 'k-1',
		customer_id: 100,
		name: 'Accounts payable',
		email: 'ap@example.invalid',
	},
];

const deep = (depth: number): unknown => {
	let v: unknown = 'bottom';
	for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { a: v };
	return v;
};

const markup = fc.constantFrom(
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	"'; DROP TABLE customer; --",
	'=HYPERLINK("http://example.invalid")',
	'\u0000\u0007bell',
	'{{7*7}}',
);

/** Values of no field's type: never a valid value of any field. */
const notAValue: fc.Arbitrary<unknown> = fc.oneof(
	fc.constant(null),
	fc.boolean(),
	fc.double().filter((x) => !Number.isInteger(x)),
	fc.constant(-1),
	fc.constant(0),
	fc.constant(Number.MAX_SAFE_INTEGER + 2),
	fc.array(fc.anything(), { maxLength: 5 }).filter((a) => a.length === 0 || a.some((x) => typeof x !== 'number')),
	fc.object({ maxDepth: 2 }),
	fc.integer({ min: 2, max: 40 }).map((n) => deep(n * 100)),
);

const HUGE = 'x'.repeat(200_000);
const BAD_DATES = [
	'2026-02-30',
	'2026-13-01',
	'0000-00-00',
	'2026-5-4',
	'tomorrow',
	'2026-05-04T10:00:00Z',
	'1999-01-01',
	'2999-01-01',
];

/** Strings that are wrong for the field (every field refuses them), besides notAValue. */
const BAD_STRINGS: Readonly<Record<string, readonly string[]>> = {
	type: ['Promise', 'promise ', 'refund', '<script>alert(1)</script>', ''],
	external_id: ['', 'has space', 'dot.ted', '<b>', HUGE, 'é-accent', '\u0000'],
	customer_id: ['100', '1e2', ''],
	invoice_id: ['3', ''],
	amount: ['-5.00', '12.345', 'NaN', '1e309', '0.00', '1,000.00', '$5', '', '9999999999999.00'],
	currency: ['usd', 'US', 'USDX', '<i>', 'EUR'],
	promised_date: BAD_DATES,
	next_action_date: BAD_DATES,
	invoice_ids: ['1,3', '[1,3]'],
	reason: ['Pricing', 'bribe', '<script>'],
	outcome: ['No answer', 'shouted', ''],
	name: ['', '   ', HUGE, 'tab\u0007bell'],
	email: ['not-an-email', '<a@b>', '@example.invalid', HUGE],
	dispute_external_id: ['', 'bad id', HUGE],
	resolution: ['paid?', ''],
};

function hostileFor(field: string): fc.Arbitrary<unknown> {
	const strings = BAD_STRINGS[field] ?? [];
	if (strings.length === 0) return notAValue;
	// markup is a valid name (stored as given, escaped where shown), wrong for every other field
	return field === 'name'
		? fc.oneof(notAValue, fc.constantFrom(...strings))
		: fc.oneof(notAValue, fc.constantFrom(...strings), markup);
}

/** Field names the generator aims at (required ones of some type, and hostile extra keys). */
const FIELD = fc.constantFrom(
	'type',
	'external_id',
	'customer_id',
	'amount',
	'currency',
	'promised_date',
	'invoice_ids',
	'invoice_id',
	'reason',
	'outcome',
	'next_action_date',
	'name',
	'email',
	'dispute_external_id',
	'resolution',
);

interface Expected {
	readonly field?: RegExp;
	readonly rule?: string;
}

/** Every field a body of each type may carry (besides type and external_id). */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
	promise: ['type', 'external_id', 'customer_id', 'amount', 'currency', 'promised_date', 'invoice_ids', 'note'],
	dispute: ['type', 'external_id', 'customer_id', 'invoice_id', 'reason', 'text'],
	contact_attempt: [
		'type',
		'external_id',
		'customer_id',
		'outcome',
		'attempted_on',
		'next_action_date',
		'collector',
		'note',
	],
	contact_details: ['type', 'external_id', 'customer_id', 'name', 'email', 'phone', 'job_title'],
};

/** A valid body made invalid: one required field replaced, removed, or an extra field added. */
const brokenBody: fc.Arbitrary<{ text: string; expected: Expected }> = fc
	.tuple(
		fc.constantFrom(...VALID),
		fc.oneof(
			FIELD.chain((field) =>
				fc.record({ op: fc.constant('replace' as const), field: fc.constant(field), value: hostileFor(field) }),
			),
			fc.record({ op: fc.constant('remove' as const), field: FIELD }),
			fc.record({
				op: fc.constant('extra' as const),
				field: fc.oneof(
					fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', ''),
					fc.string(),
				),
				value: fc.anything(),
			}),
			fc.record({ op: fc.constant('other-customer' as const) }),
		),
	)
	.filter(([base, m]) => {
		// only mutations that must be refused: a field the base requires, an extra key it does not have
		if (m.op === 'replace' || m.op === 'remove') return required(base).includes(m.field);
		if (m.op === 'extra') return !ALLOWED[String(base.type)]?.includes(m.field);
		return 'invoice_ids' in base || 'invoice_id' in base; // the invoices are customer 100's
	})
	.map(([base, m]) => {
		// JSON text, so a `__proto__` key arrives as an own property, as NetSuite's parse makes it
		const entries = Object.entries(base).filter(
			([k]) => !(m.op !== 'other-customer' && m.op !== 'extra' && k === m.field),
		);
		if (m.op === 'replace') entries.push([m.field, m.value]);
		if (m.op === 'extra') entries.push([m.field, m.value]);
		if (m.op === 'other-customer') {
			const i = entries.findIndex(([k]) => k === 'customer_id');
			entries[i] = ['customer_id', 101]; // invoices 1 and 3 belong to customer 100
		}
		const text = `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${(JSON.stringify(v) as string | undefined) ?? 'null'}`).join(',')}}`;
		// what the refusal must name: the field broken, an unknown field, or the foreign invoice
		const expected: Expected =
			m.op === 'extra'
				? { rule: 'unknown_field' }
				: m.op === 'other-customer'
					? { field: /^invoice_id(s\[0\])?$/, rule: 'belongs_to_customer' }
					: { field: new RegExp(`^${m.field}(\\[\\d+\\])?$`) };
		return { text, expected };
	});

/** The fields of a valid body that must be present (email: the contact has no phone). */
function required(body: Json): string[] {
	const optional = ['note', 'text', 'next_action_date'];
	return Object.keys(body).filter((k) => !optional.includes(k));
}

/** Any JSON value at all as the body, including top-level non-objects. */
const anyBody: fc.Arbitrary<unknown> = fc.oneof(
	fc.jsonValue(),
	fc.anything(),
	fc.dictionary(fc.oneof(fc.constantFrom('__proto__', 'type', 'external_id'), fc.string()), fc.jsonValue()),
);

const CUSTOM_TYPES = [
	'customrecord_o2c_coll_event',
	'customrecord_o2c_promise',
	'customrecord_o2c_dispute',
	'customrecord_o2c_dispute_res',
	'customrecord_o2c_contact_att',
	'customrecord_o2c_contact',
];

function snapshot(emu: Emulator): string {
	return JSON.stringify(CUSTOM_TYPES.map((t) => [...emu.store.all(t)].map((r) => r.values)));
}

function expectStructuredRefusal(emu: Emulator, body: unknown, contentType: string, expected: Expected = {}): void {
	const logsBefore = emu.logs.length;
	const r = emu.callRestlet(RL, DEP, 'POST', body, { contentType });
	expect(r.code).toBe(200);
	const json = JSON.parse(r.body) as {
		ok: boolean;
		error?: { code: string; details: { field: string; rule: string; message: string }[] };
	};
	expect(json.ok).toBe(false);
	expect(json.error?.code).toBe('INVALID_REQUEST');
	expect(json.error?.details.length).toBeGreaterThan(0);
	for (const d of json.error?.details ?? []) {
		expect(typeof d.field).toBe('string');
		expect(d.rule).toMatch(/^[a-z_]+$/);
		expect(typeof d.message).toBe('string');
	}
	const details = json.error?.details ?? [];
	if (expected.field || expected.rule)
		expect(
			details.some(
				(d) =>
					(expected.field === undefined || expected.field.test(d.field)) &&
					(expected.rule === undefined || d.rule === expected.rule),
			),
		).toBe(true);
	expect(r.body).not.toMatch(/at .*\.js:\d+|"stack"/);
	expect(emu.logs.slice(logsBefore).filter((l) => l.system === true)).toEqual([]);
}

describe('collections RESTlet: hostile bodies through the emulator', () => {
	let emu: Emulator;
	let before: string;
	beforeAll(() => {
		emu = emulatorFor(handDataset(), HAND_AS_OF);
		before = snapshot(emu);
	});
	afterAll(() => {
		emu.close();
	});

	test('control: each unbroken base body is recorded (on its own account), so a refusal below is the mutation', () => {
		const fresh = emulatorFor(handDataset(), HAND_AS_OF);
		try {
			const countsBefore = CUSTOM_TYPES.map((t) => fresh.store.count(t));
			const answers = VALID.map((b) => {
				const r = fresh.callRestlet(RL, DEP, 'POST', JSON.stringify(b), { contentType: 'application/json' });
				return (JSON.parse(r.body) as { ok: boolean }).ok;
			});
			expect(answers).toEqual([true, true, true, true]);
			// one journal entry per event, one promise, dispute, contact attempt and contact each
			const added = CUSTOM_TYPES.map((t, i) => fresh.store.count(t) - (countsBefore[i] ?? 0));
			expect(added).toEqual([4, 1, 1, 0, 1, 1]);
		} finally {
			fresh.close();
		}
	});

	test('valid bodies broken one field at a time (1,500 bodies, application/json)', () => {
		fc.assert(
			fc.property(brokenBody, ({ text, expected }) => {
				expectStructuredRefusal(emu, text, 'application/json', expected);
			}),
			{ numRuns: 1500 },
		);
		expect(snapshot(emu)).toBe(before);
	});

	test('any JSON value or object with hostile keys (800 bodies, application/json)', () => {
		fc.assert(
			fc.property(anyBody, (body) => {
				const text = (JSON.stringify(body) as string | undefined) ?? 'null';
				const r = emu.callRestlet(RL, DEP, 'POST', text, { contentType: 'application/json' });
				const json = JSON.parse(r.body) as { ok: boolean };
				// a random body may by chance be a valid event only if it names type and external_id: it never does here
				expect(json.ok).toBe(false);
				expectStructuredRefusal(emu, text, 'application/json');
			}),
			{ numRuns: 800 },
		);
		expect(snapshot(emu)).toBe(before);
	});

	test('raw text sent as text/plain, JSON or not (700 bodies): answered as text with the same envelope', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string(),
					fc.string({ unit: 'binary' }),
					brokenBody.map((b) => b.text),
					fc.constant('{"type":'),
				),
				(text) => {
					expectStructuredRefusal(emu, text, 'text/plain');
				},
			),
			{ numRuns: 700 },
		);
		expect(snapshot(emu)).toBe(before);
	});
});
