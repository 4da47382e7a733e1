/**
 * The collections push's pure core, on hand-worked examples: the payload a customer gets, what
 * counts as a material change, the idempotency key, the retry policy (backoff with jitter,
 * Retry-After, retryable and permanent answers, dead letters), error texts without credentials,
 * and the selection settings per subsidiary.
 */
import {
	DEFAULT_RETRY_POLICY,
	MAX_ERROR_TEXT,
	nextAttemptAt,
	outcomeOf,
	retryAfterSeconds,
	safeErrorText,
} from '../../src/TypeScripts/o2c_dso/domain/collections/delivery';
import {
	PayloadError,
	buildPayload,
	idempotencyKey,
	materialFingerprint,
	type OpenInvoice,
	type PayloadInput,
} from '../../src/TypeScripts/o2c_dso/domain/collections/pushPayload';
import {
	CollectionsSettingsError,
	isSelected,
	resolveCollectionsSettings,
	validateCollectionsSettings,
} from '../../src/TypeScripts/o2c_dso/domain/collections/collectionsSettings';
import { minorUnits } from '../../src/TypeScripts/o2c_dso/domain/money';
import type { CalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';

const day = (s: string): CalendarDate => s as CalendarDate;
const usd = (minor: number) => minorUnits<'customer'>(minor);

function invoice(id: string, openMinor: number, due: string, disputed = false): OpenInvoice {
	return { id, number: `INV-${id}`, openMinor: usd(openMinor), dueDate: day(due), disputed };
}

/** Premier at 2026-03-31: 1,200.00 due 02-04 (55 days), 800.00 due 03-01 (30), 500.00 due 04-20, a paid one. */
function premier(over: Partial<PayloadInput> = {}): PayloadInput {
	return {
		customerId: '100',
		customerNumber: 'CUST-100',
		customerName: 'Premier Construction Inc',
		currency: 'USD',
		subsidiaryId: '1',
		asOf: day('2026-03-31'),
		score: 62,
		segment: 'slow-but-reliable',
		reasons: [{ code: 'steady-late', text: 'pays late by a steady, predictable margin' }],
		invoices: [
			invoice('3', 50_000, '2026-04-20'),
			invoice('2', 80_000, '2026-03-01', true),
			invoice('1', 120_000, '2026-02-04'),
			invoice('9', 0, '2026-01-10'),
			invoice('4', 5, '2026-03-31'), // due today: not overdue yet
		],
		promises: [
			{
				id: '7',
				promisedDate: day('2026-04-10'),
				amountMinor: usd(60_000),
				status: 'pending',
				invoiceIds: ['1'],
			},
			{ id: '5', promisedDate: day('2026-03-15'), amountMinor: usd(20_005), status: 'broken', invoiceIds: ['2'] },
			{ id: '6', promisedDate: day('2026-03-01'), amountMinor: usd(10_000), status: 'kept', invoiceIds: ['2'] },
		],
		contact: { name: 'Dana Ortiz', phone: '+1 212 555 0100', email: 'ap@premier.example' },
		netsuiteUrl: 'https://1234567.app.netsuite.com/app/common/entity/custjob.nl?id=100',
		...over,
	};
}

describe('buildPayload', () => {
	it("states the overdue invoices, oldest first, in the customer's currency as decimal strings", () => {
		const p = buildPayload(premier());
		expect(p.overdue_amount).toBe('2000.00'); // 1,200.00 + 800.00; not the 500.00 due later, not the 0.05 due today
		expect(p.days_overdue).toBe(55); // 02-04 → 03-31
		expect(p.overdue_invoice_count).toBe(2);
		expect(p.oldest_overdue_invoices).toEqual([
			{ id: '1', number: 'INV-1', amount: '1200.00', due_date: '2026-02-04', days_overdue: 55, disputed: false },
			{ id: '2', number: 'INV-2', amount: '800.00', due_date: '2026-03-01', days_overdue: 30, disputed: true },
		]);
		expect(p.promises).toEqual({
			open: [{ id: '7', promised_date: '2026-04-10', amount: '600.00', status: 'pending', invoice_ids: ['1'] }],
			broken: [{ id: '5', promised_date: '2026-03-15', amount: '200.05', status: 'broken', invoice_ids: ['2'] }],
		});
		expect(p.contact).toEqual({ name: 'Dana Ortiz', phone: '+1 212 555 0100', email: 'ap@premier.example' });
		expect([p.currency, p.subsidiary_id, p.as_of, p.score, p.segment]).toEqual([
			'USD',
			'1',
			'2026-03-31',
			62,
			'slow-but-reliable',
		]);
	});

	it('lists at most the 10 oldest overdue invoices; the count says how many there are', () => {
		const twelve = Array.from({ length: 12 }, (_, i) =>
			invoice(String(i + 1), 1_000 * (i + 1), `2026-03-${String(10 + i).padStart(2, '0')}`),
		);
		const p = buildPayload(premier({ invoices: twelve }));
		expect(p.overdue_invoice_count).toBe(12);
		expect(p.oldest_overdue_invoices.map((i) => i.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
		expect(p.overdue_amount).toBe('780.00'); // 10 + 20 + ... + 120 = 780 units, all twelve
		expect(p.days_overdue).toBe(21); // 03-10 → 03-31
	});

	it('a customer without a currency code or without anything overdue is a PayloadError naming it', () => {
		expect(() => buildPayload(premier({ currency: '' }))).toThrow(
			new PayloadError('customer 100 has no currency code (got ""): amounts cannot be stated'),
		);
		expect(() => buildPayload(premier({ invoices: [invoice('3', 50_000, '2026-04-20')] }))).toThrow(
			new PayloadError('customer 100 has no overdue invoice at 2026-03-31'),
		);
	});
});

describe('materialFingerprint and idempotencyKey', () => {
	const base = buildPayload(premier());
	const fp = materialFingerprint(base);

	it('is unchanged by what grows by itself (as_of, days overdue) and by the score', () => {
		// without INV-4 (due 03-31, overdue from 04-01 on: that is a material change)
		const invoices = premier().invoices.filter((i) => i.id !== '4');
		const today = buildPayload(premier({ invoices }));
		const nextDay = buildPayload(premier({ invoices, asOf: day('2026-04-01'), score: 58 }));
		expect([today.days_overdue, nextDay.days_overdue]).toEqual([55, 56]);
		expect(materialFingerprint(nextDay)).toBe(materialFingerprint(today));
		const withInv4 = buildPayload(premier({ asOf: day('2026-04-01') }));
		expect(withInv4.overdue_amount).toBe('2000.05');
		expect(materialFingerprint(withInv4)).not.toBe(fp);
	});

	it('changes with what a collector acts on: an amount, a dispute, a promise, the contact, the segment', () => {
		const variants: Partial<PayloadInput>[] = [
			{ invoices: [invoice('1', 100_000, '2026-02-04'), invoice('2', 80_000, '2026-03-01', true)] },
			{ invoices: [invoice('1', 120_000, '2026-02-04', true), invoice('2', 80_000, '2026-03-01', true)] },
			{ promises: [] },
			{ contact: { name: 'Dana Ortiz', phone: '+1 212 555 0199', email: 'ap@premier.example' } },
			{ segment: 'deteriorating' },
		];
		const fps = variants.map((v) => materialFingerprint(buildPayload(premier(v))));
		expect(new Set([fp, ...fps]).size).toBe(1 + variants.length);
	});

	it('one key per customer, day and content: o2c-<customer>-<YYYYMMDD>-<16 hex>', () => {
		const key = idempotencyKey('1234567', '100', day('2026-03-31'), fp);
		expect(key).toMatch(/^o2c-100-20260331-[0-9a-f]{16}$/);
		expect(idempotencyKey('1234567', '100', day('2026-03-31'), fp)).toBe(key);
		const others = [
			idempotencyKey('1234567', '100', day('2026-04-01'), fp),
			idempotencyKey('1234567', '101', day('2026-03-31'), fp),
			idempotencyKey('7654321', '100', day('2026-03-31'), fp),
			idempotencyKey(
				'1234567',
				'100',
				day('2026-03-31'),
				materialFingerprint(buildPayload(premier({ promises: [] }))),
			),
		];
		expect(new Set([key, ...others]).size).toBe(5);
	});
});

describe('retry policy', () => {
	const now = new Date('2026-04-01T08:05:00Z');
	const minutesAfter = (d: Date): number => (d.getTime() - now.getTime()) / 60_000;
	const policy = DEFAULT_RETRY_POLICY;

	it('waits 30 min × 2^(n−1), at most a day, times a jitter in [0.75, 1.25) fixed by key and attempt', () => {
		const keys = Array.from({ length: 200 }, (_, i) => `o2c-${String(i)}-20260331-00000000000000aa`);
		for (const [attempt, backoff] of [
			[1, 30],
			[2, 60],
			[4, 240],
			[6, 960],
			[7, 1440], // 1,920 capped at 1,440
			[8, 1440],
		] as const) {
			const waits = keys.map((k) => minutesAfter(nextAttemptAt(attempt, k, now, null, policy)));
			expect(Math.min(...waits)).toBeGreaterThanOrEqual(0.75 * backoff);
			expect(Math.max(...waits)).toBeLessThan(1.25 * backoff);
			// spread: a failed night's retries do not all fall due together
			expect(Math.max(...waits) - Math.min(...waits)).toBeGreaterThan(0.4 * backoff);
		}
		const k = keys[0] ?? '';
		expect(nextAttemptAt(3, k, now, null, policy)).toEqual(nextAttemptAt(3, k, now, null, policy));
	});

	it('never sooner than Retry-After', () => {
		expect(nextAttemptAt(1, 'k', now, 7200, policy)).toEqual(new Date('2026-04-01T10:05:00Z'));
		expect(minutesAfter(nextAttemptAt(1, 'k', now, 10, policy))).toBeGreaterThanOrEqual(22.5);
		expect(retryAfterSeconds('120', now)).toBe(120);
		expect(retryAfterSeconds(' 0 ', now)).toBe(0);
		expect(retryAfterSeconds('Wed, 01 Apr 2026 08:07:00 GMT', now)).toBe(120);
		expect(retryAfterSeconds('Wed, 01 Apr 2026 08:00:00 GMT', now)).toBe(0);
		expect(retryAfterSeconds('soon', now)).toBeNull();
		expect(retryAfterSeconds('-5', now)).toBeNull();
		expect(retryAfterSeconds(null, now)).toBeNull();
	});

	const response = (code: number, body = '', retryAfter: string | null = null) =>
		({ kind: 'response', code, body, retryAfter }) as const;

	it('2xx delivers; 408, 429, 5xx and lost connections are retried; other answers are dead at once', () => {
		expect(outcomeOf(response(201), 1, 'k', now, policy)).toEqual({ status: 'delivered', httpStatus: 201 });
		const retried = [response(408), response(429, '', '600'), response(500, 'boom'), response(503), response(599)];
		for (const r of retried) expect(outcomeOf(r, 1, 'k', now, policy).status).toBe('pending');
		// attempt 2 would wait 45 to 75 minutes; Retry-After asks for 2 hours: the longer wait wins
		expect(outcomeOf(response(429, '{"error":"slow down"}', '7200'), 2, 'k', now, policy)).toEqual({
			status: 'pending',
			httpStatus: 429,
			error: 'HTTP 429: {"error":"slow down"}',
			nextAttemptAt: new Date('2026-04-01T10:05:00Z'),
		});
		for (const name of [
			'SSS_CONNECTION_CLOSED',
			'SSS_REQUEST_TIME_EXCEEDED',
			'SSS_CONNECTION_TIME_OUT',
			'SSS_UNKNOWN_HOST',
		])
			expect(outcomeOf({ kind: 'transport', name, message: 'x' }, 1, 'k', now, policy)).toMatchObject({
				status: 'pending',
				httpStatus: null,
				error: `${name}: x`,
			});
		expect(outcomeOf(response(422, '{"error":"customer unknown"}'), 1, 'k', now, policy)).toEqual({
			status: 'dead',
			httpStatus: 422,
			error: 'permanent: HTTP 422: {"error":"customer unknown"}',
		});
		for (const code of [301, 400, 401, 403, 404, 409])
			expect(outcomeOf(response(code), 1, 'k', now, policy)).toEqual({
				status: 'dead',
				httpStatus: code,
				error: `permanent: HTTP ${String(code)}`,
			});
		expect(
			outcomeOf({ kind: 'transport', name: 'SSS_INVALID_URL', message: 'bad url' }, 1, 'k', now, policy),
		).toEqual({ status: 'dead', httpStatus: null, error: 'permanent: SSS_INVALID_URL: bad url' });
	});

	it('the last allowed attempt that fails dead-letters the payload with the last reason', () => {
		expect(outcomeOf(response(503, 'down'), 7, 'k', now, policy).status).toBe('pending');
		expect(outcomeOf(response(503, 'down'), 8, 'k', now, policy)).toEqual({
			status: 'dead',
			httpStatus: 503,
			error: 'gave up after 8 attempts; last: HTTP 503: down',
		});
		expect(outcomeOf(response(503), 2, 'k', now, { ...policy, maxAttempts: 2 })).toMatchObject({ status: 'dead' });
	});
});

describe('safeErrorText', () => {
	it('removes credentials, keeps one line, cuts to the record field', () => {
		expect(safeErrorText('{"error":"bad token Bearer abc.DEF-123_x"}')).toBe(
			'{"error":"bad token Bearer [redacted]"}',
		);
		expect(safeErrorText('got Bearer xyz9, expected Token k2')).toBe(
			'got Bearer [redacted], expected Token [redacted]',
		);
		expect(safeErrorText('{"token": "s3cr3t", "api_key":"k1", "password":"p"}')).toBe(
			'{"token": "[redacted]", "api_key":"[redacted]", "password":"[redacted]"}',
		);
		expect(safeErrorText('Authorization: Basic dXNlcjpwYXNz\nnext line')).toBe(
			'Authorization: Basic [redacted] next line',
		);
		const long = safeErrorText(`HTTP 500: ${'x'.repeat(1000)}`);
		expect(long).toHaveLength(MAX_ERROR_TEXT);
		expect(long.endsWith('x…')).toBe(true);
	});
});

describe('collections settings', () => {
	const rows = [
		{ id: 1, subsidiaryId: null, minOverdueMinor: 100_000, minDaysOverdue: 15 },
		{
			id: 2,
			subsidiaryId: 2,
			minOverdueMinor: 50_000,
			minDaysOverdue: null,
			segments: ['at-risk', 'deteriorating'],
		},
		{ id: 3, subsidiaryId: 3, enabled: false },
	];

	it("a subsidiary's row wins field by field over the account-wide row, which wins over the defaults", () => {
		expect(resolveCollectionsSettings(rows, 1)).toEqual({
			subsidiaryId: 1,
			enabled: true,
			minOverdueMinor: 100_000,
			minDaysOverdue: 15,
			segments: [],
		});
		expect(resolveCollectionsSettings(rows, 2)).toEqual({
			subsidiaryId: 2,
			enabled: true,
			minOverdueMinor: 50_000,
			minDaysOverdue: 15,
			segments: ['at-risk', 'deteriorating'],
		});
		expect(resolveCollectionsSettings([], 1)).toEqual({
			subsidiaryId: 1,
			enabled: true,
			minOverdueMinor: 1,
			minDaysOverdue: 1,
			segments: [],
		});
	});

	it('selects by amount, days, segment and the switch', () => {
		const c = {
			customerId: '100',
			subsidiaryId: 1,
			overdueMinor: 100_000,
			maxDaysOverdue: 15,
			segment: 'reliable',
		};
		const s1 = resolveCollectionsSettings(rows, 1);
		expect(isSelected(c, s1)).toBe(true);
		expect(isSelected({ ...c, overdueMinor: 99_999 }, s1)).toBe(false);
		expect(isSelected({ ...c, maxDaysOverdue: 14 }, s1)).toBe(false);
		expect(isSelected({ ...c, maxDaysOverdue: null }, s1)).toBe(false);
		const s2 = resolveCollectionsSettings(rows, 2);
		expect(isSelected({ ...c, subsidiaryId: 2, overdueMinor: 50_000 }, s2)).toBe(false); // reliable: not listed
		expect(isSelected({ ...c, subsidiaryId: 2, overdueMinor: 50_000, segment: 'at-risk' }, s2)).toBe(true);
		expect(isSelected({ ...c, subsidiaryId: 3 }, resolveCollectionsSettings(rows, 3))).toBe(false);
	});

	it('refuses values out of range naming the record and field', () => {
		expect(() => {
			validateCollectionsSettings([{ id: 4, subsidiaryId: null, minDaysOverdue: -1 }]);
		}).toThrow(
			new CollectionsSettingsError(
				'customrecord_o2c_collections_setting id 4 (account-wide): custrecord_o2c_cs_min_days must be a whole number from 0 to 3650, got -1',
			),
		);
		expect(() => {
			validateCollectionsSettings([{ id: 5, subsidiaryId: 2, minOverdueMinor: -100 }]);
		}).toThrow(
			'customrecord_o2c_collections_setting id 5 (subsidiary 2): custrecord_o2c_cs_min_overdue must be 0 or more, got -1',
		);
		expect(() => {
			validateCollectionsSettings([{ id: 6, subsidiaryId: 2, segments: ['vip'] }]);
		}).toThrow('custrecord_o2c_cs_segments names an unknown segment "vip"');
		expect(() => {
			validateCollectionsSettings([
				{ id: 7, subsidiaryId: 2 },
				{ id: 8, subsidiaryId: 2 },
			]);
		}).toThrow('customrecord_o2c_collections_setting id 8 (subsidiary 2): a second active collections setting');
		expect(() => {
			validateCollectionsSettings(rows);
		}).not.toThrow();
	});
});
