import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { addDays, CalendarDate, parseCalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import {
	ClosedInvoice,
	OpenInvoice,
	paymentBehaviour,
	PaymentPromise,
	paymentScore,
	SCORING_RULES,
	SEGMENT_REASON_TEXT,
} from '../../src/TypeScripts/o2c_dso/domain/paymentBehaviour';

const d = parseCalendarDate;
const asOf = d('2026-05-04');
const days = (n: number): CalendarDate => addDays(asOf, n);

/** Closed invoice paid `late` days after its due date (net 30), closing `closedAgo` days before D. */
const paid = (amountMinor: number, late: number, closedAgo = 10): ClosedInvoice => {
	const closeDate = days(-closedAgo);
	const dueDate = addDays(closeDate, -late);
	return { amountMinor, tranDate: addDays(dueDate, -30), dueDate, closeDate };
};
const openInv = (openMinor: number, daysOverdue: number): OpenInvoice => {
	const dueDate = days(-daysOverdue);
	return { openMinor, amountMinor: openMinor, tranDate: addDays(dueDate, -30), dueDate };
};
const promise = (status: PaymentPromise['status'], promisedAgo = 20): PaymentPromise => ({
	promisedDate: days(-promisedAgo),
	amountMinor: 1_000,
	status,
});

describe('contract metrics', () => {
	// A: 1,000.00 on 01-05, due 02-04, closed 02-10 → 36 days to pay, 6 late
	// B:   100.00 on 03-01, due 03-31, closed 03-31 → 30 days to pay, 0 late
	// C:    10.00 on 04-01, no due date, closed 04-06 → 5 to pay, 5 late (due → tran date)
	const closed: ClosedInvoice[] = [
		{ amountMinor: 100_000, tranDate: d('2026-01-05'), dueDate: d('2026-02-04'), closeDate: d('2026-02-10') },
		{ amountMinor: 10_000, tranDate: d('2026-03-01'), dueDate: d('2026-03-31'), closeDate: d('2026-03-31') },
		{ amountMinor: 1_000, tranDate: d('2026-04-01'), closeDate: d('2026-04-06') },
	];
	const result = paymentBehaviour({ asOf, closedInvoices: closed, openInvoices: [] });
	it('amount-weighted days to pay and days late', () => {
		expect(result.closedCount).toBe(3);
		expect(result.avgDaysToPay).toBeCloseTo((1000 * 36 + 100 * 30 + 10 * 5) / 1110, 10);
		expect(result.avgDaysLate).toBeCloseTo((1000 * 6 + 100 * 0 + 10 * 5) / 1110, 10);
	});
	it('share paid late by count and by amount', () => {
		expect(result.lateShareByCount).toBeCloseTo(2 / 3, 12);
		expect(result.lateShareByAmount).toBeCloseTo(1010 / 1110, 12);
	});
	it('consistency = weighted standard deviation of days late', () => {
		// E[x²] − μ² = (1000·36 + 10·25)/1110 − (6050/1110)²
		expect(result.stdDevDaysLate).toBeCloseTo(Math.sqrt(36_250 / 1110 - (6050 / 1110) ** 2), 9);
	});
	it('score 78 and slow-but-reliable (5.45 days late, steady)', () => {
		// penalties: 40·5.45/30 = 7.27; 15·1010/1110 = 13.65; 10·1.72/20 = 0.86 → 78.2
		expect(result.score).toBe(78);
		expect(result.segment).toBe('slow-but-reliable');
		expect(result.reasons).toEqual(['steady-late']);
	});
	it('no trend without invoices on both sides', () => {
		expect(result.recentAvgDaysLate).toBeCloseTo(6050 / 1110, 10);
		expect(result.priorAvgDaysLate).toBeNull();
		expect(result.trendDaysLate).toBeNull();
	});
});

describe('the 365-day window', () => {
	it('includes an invoice closed on D − 364 and excludes D − 365, after D, and zero amounts', () => {
		const inside = paid(100, 7, 364);
		const result = paymentBehaviour({
			asOf,
			closedInvoices: [inside, paid(100, 50, 365), paid(100, 50, -1), { ...paid(0, 50), amountMinor: 0 }],
			openInvoices: [],
		});
		expect(result.closedCount).toBe(1);
		expect(result.avgDaysLate).toBe(7);
		expect(result.avgDaysToPay).toBe(37);
	});
	it('all null with no closed invoice, and insufficient-history', () => {
		const result = paymentBehaviour({ asOf, closedInvoices: [], openInvoices: [openInv(500, 10)] });
		expect(result).toMatchObject({
			closedCount: 0,
			avgDaysToPay: null,
			avgDaysLate: null,
			lateShareByCount: null,
			lateShareByAmount: null,
			stdDevDaysLate: null,
			score: null,
			segment: 'insufficient-history',
			reasons: ['too-few-invoices'],
			openMinor: 500,
			overdueMinor: 500,
			maxDaysOverdue: 10,
		});
	});
	it('reports the averages but no score with 2 closed invoices', () => {
		const result = paymentBehaviour({ asOf, closedInvoices: [paid(100, 0), paid(300, 4)], openInvoices: [] });
		expect(result.avgDaysLate).toBe(3);
		expect(result.score).toBeNull();
		expect(result.segment).toBe('insufficient-history');
	});
	it('days to pay can be negative (prepayment applied), days late cannot', () => {
		const early: ClosedInvoice = { amountMinor: 100, tranDate: d('2026-04-10'), dueDate: d('2026-05-10'), closeDate: d('2026-04-01') };
		const result = paymentBehaviour({ asOf, closedInvoices: [early], openInvoices: [] });
		expect(result.avgDaysToPay).toBe(-9);
		expect(result.avgDaysLate).toBe(0);
	});
	it('uses the partial-payment rule: only closure counts', () => {
		// an invoice partly paid is still open: it is not in the closed history
		const result = paymentBehaviour({ asOf, closedInvoices: [], openInvoices: [{ ...openInv(400, 5), amountMinor: 1_000 }] });
		expect(result.closedCount).toBe(0);
		expect(result.openMinor).toBe(400);
	});
});

describe('segments', () => {
	const onTime = [paid(1_000, 0, 10), paid(1_000, 0, 40), paid(1_000, 0, 70)];
	it.each<[string, Parameters<typeof paymentBehaviour>[0], number, string, string[]]>([
		['on time', { asOf, closedInvoices: onTime, openInvoices: [] }, 100, 'reliable', ['on-time']],
		// 40·12/30 = 16, 15·1 = 15 → 69 (SCORING.md example)
		['12 days late, steady', { asOf, closedInvoices: [paid(500, 12), paid(700, 12, 50), paid(900, 12, 100)], openInvoices: [] }, 69, 'slow-but-reliable', ['steady-late']],
		// prior 0, 0; recent 10, 10 → trend 10; avg 5; std 5 → 6.67 + 7.5 + 2.5 + 5 = 21.67 → 78
		[
			'paying later lately',
			{ asOf, closedInvoices: [paid(1_000, 0, 200), paid(1_000, 0, 150), paid(1_000, 10, 30), paid(1_000, 10, 5)], openInvoices: [] },
			78,
			'deteriorating',
			['later-trend'],
		],
		// 15·40/90 = 6.67 → 93
		['on time but an invoice 40 days overdue', { asOf, closedInvoices: onTime, openInvoices: [openInv(5_000, 40)] }, 93, 'deteriorating', ['open-beyond-usual']],
		// 15·1 → 85
		['an open invoice 91 days overdue', { asOf, closedInvoices: onTime, openInvoices: [openInv(50, 91)] }, 85, 'at-risk', ['open-over-90', 'open-beyond-usual']],
		// 40 + 15 → 45
		['31 days late', { asOf, closedInvoices: [paid(1, 31), paid(1, 31, 20), paid(1, 31, 30)], openInvoices: [] }, 45, 'at-risk', ['very-late']],
		// 10·(1 − 1/3) = 6.67 → 93
		[
			'two broken promises, one kept',
			{ asOf, closedInvoices: onTime, openInvoices: [], promises: [promise('kept'), promise('broken'), promise('broken'), promise('pending'), promise('cancelled')] },
			93,
			'at-risk',
			['promises-broken'],
		],
		// kept rate 0.5 is not below 0.5: 10·0.5 = 5 → 95
		['two broken, two kept', { asOf, closedInvoices: onTime, openInvoices: [], promises: [promise('kept'), promise('kept'), promise('broken'), promise('broken')] }, 95, 'reliable', ['on-time']],
		// utilisation 1.1 → 10; 15·10/90 = 1.67 → 88.33
		[
			'over the limit with something overdue',
			{ asOf, closedInvoices: onTime, openInvoices: [openInv(110, 10)], creditLimitMinor: 100 },
			88,
			'at-risk',
			['over-credit-limit'],
		],
		// utilisation 1.1 → 10 → 90
		['over the limit, nothing overdue', { asOf, closedInvoices: onTime, openInvoices: [openInv(110, -5)], creditLimitMinor: 100 }, 90, 'reliable', ['on-time']],
		// 40·25/30 = 33.33, 15, 15·85/90 = 14.17 → 37.5 → 38
		[
			'low score',
			{ asOf, closedInvoices: [paid(1, 25), paid(1, 25, 20), paid(1, 25, 30)], openInvoices: [openInv(1, 85)] },
			38,
			'at-risk',
			['low-score', 'open-beyond-usual'],
		],
		// late 0, 0, 30: avg 10, std √(300 − 100) = 14.1 → 13.33 + 5 + 7.07 = 25.4 → 75
		['late by an unpredictable margin', { asOf, closedInvoices: [paid(1, 0), paid(1, 0, 20), paid(1, 30, 30)], openInvoices: [] }, 75, 'at-risk', ['erratic']],
	])('%s', (_name, input, score, segment, reasons) => {
		const result = paymentBehaviour(input);
		expect(result.score).toBe(score);
		expect(result.segment).toBe(segment);
		expect(result.reasons).toEqual(reasons);
		for (const r of result.reasons) expect(SEGMENT_REASON_TEXT[r]).toBeTruthy();
	});
});

describe('promises and credit', () => {
	it('kept rate ignores pending, cancelled and promises older than the window', () => {
		const result = paymentBehaviour({
			asOf,
			closedInvoices: [],
			openInvoices: [],
			promises: [promise('kept'), promise('broken', 365), promise('kept', 364), promise('pending'), promise('cancelled'), promise('broken', -5)],
		});
		expect(result.promisesKept).toBe(2);
		expect(result.promisesBroken).toBe(1);
		expect(result.promiseKeptRate).toBeCloseTo(2 / 3, 12);
	});
	it('kept rate is null without kept or broken promises', () => {
		expect(paymentBehaviour({ asOf, closedInvoices: [], openInvoices: [], promises: [promise('pending')] }).promiseKeptRate).toBeNull();
	});
	it.each<[number | null | undefined, number | undefined, number | null]>([
		[100_000, 25_000, 0.25],
		[100_000, undefined, 0.5], // default balance = open invoices (50,000)
		[100_000, -10_000, -0.1], // credit balance
		[null, 25_000, null],
		[undefined, 25_000, null],
		[0, 25_000, null],
	])('limit %p, balance %p → utilisation %p', (limit, balance, expected) => {
		const result = paymentBehaviour({
			asOf,
			closedInvoices: [],
			openInvoices: [openInv(50_000, -3)],
			creditLimitMinor: limit,
			...(balance === undefined ? {} : { balanceMinor: balance }),
		});
		expect(result.creditUtilisation).toBe(expected);
	});
});

describe('paymentScore', () => {
	const perfect = { avgDaysLate: 0, lateShareByAmount: 0, stdDevDaysLate: 0, trendDaysLate: null, maxDaysOverdue: 0, promiseKeptRate: null, creditUtilisation: null };
	it('is 100 for a perfect payer and 0 for the worst', () => {
		expect(paymentScore(perfect)).toBe(100);
		expect(paymentScore({ avgDaysLate: 400, lateShareByAmount: 1, stdDevDaysLate: 90, trendDaysLate: 60, maxDaysOverdue: 400, promiseKeptRate: 0, creditUtilisation: 3 })).toBe(0);
	});
	it('an improving trend is not rewarded', () => {
		expect(paymentScore({ ...perfect, trendDaysLate: -30 })).toBe(100);
	});
	it('refuses NaN', () => {
		expect(() => paymentScore({ ...perfect, avgDaysLate: Number.NaN })).toThrow(RangeError);
	});
	it('stays an integer within 0–100 for any behaviour (property)', () => {
		const arbClosed = fc.record({
			amountMinor: fc.integer({ min: -100, max: 1e9 }),
			late: fc.integer({ min: -60, max: 400 }),
			closedAgo: fc.integer({ min: -5, max: 500 }),
			noDue: fc.boolean(),
		});
		const arbOpen = fc.record({ openMinor: fc.integer({ min: 0, max: 1e9 }), overdue: fc.integer({ min: -60, max: 500 }) });
		const arbPromise = fc.record({ status: fc.constantFrom<PaymentPromise['status']>('pending', 'kept', 'broken', 'cancelled'), ago: fc.integer({ min: -30, max: 500 }) });
		fc.assert(
			fc.property(
				fc.array(arbClosed, { maxLength: 25 }),
				fc.array(arbOpen, { maxLength: 5 }),
				fc.array(arbPromise, { maxLength: 6 }),
				fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: null }),
				(closed, open, promises, limit) => {
					const result = paymentBehaviour({
						asOf,
						closedInvoices: closed.map((c) => {
							const inv = paid(c.amountMinor, c.late, c.closedAgo);
							return c.noDue ? { amountMinor: inv.amountMinor, tranDate: inv.tranDate, closeDate: inv.closeDate } : inv;
						}),
						openInvoices: open.map((o) => openInv(o.openMinor, o.overdue)),
						promises: promises.map((p) => promise(p.status, p.ago)),
						creditLimitMinor: limit,
					});
					if (result.closedCount < SCORING_RULES.minClosedInvoices) {
						expect(result.score).toBeNull();
						expect(result.segment).toBe('insufficient-history');
					} else {
						expect(Number.isInteger(result.score)).toBe(true);
						expect(result.score as number).toBeGreaterThanOrEqual(0);
						expect(result.score as number).toBeLessThanOrEqual(100);
						expect(['reliable', 'slow-but-reliable', 'deteriorating', 'at-risk']).toContain(result.segment);
						expect(result.avgDaysLate as number).toBeGreaterThanOrEqual(0);
					}
					expect(result.reasons.length).toBeGreaterThan(0);
				},
			),
		);
	});
});

describe('SCORING.md', () => {
	const doc = fs.readFileSync(path.join(__dirname, '../../src/TypeScripts/o2c_dso/domain/SCORING.md'), 'utf8');
	const escape = (v: number): string => String(v).replace('.', '\\.');
	const thresholds = Object.entries(SCORING_RULES as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number');
	it.each(thresholds)('states the segment threshold %s = %p in bold', (_name, value) => {
		// a bold span containing the number, e.g. **90** or **closed in the 365 days ending D**
		expect(doc).toMatch(new RegExp(`\\*\\*[^*\\n]*(?<![0-9.])${escape(value)}(?![0-9])[^*\\n]*\\*\\*`));
	});
	const rows = Object.entries(SCORING_RULES.penalty);
	it.each(rows)('states the %s penalty in its table row', (_name, rule) => {
		const numbers = Object.values(rule as Record<string, number>);
		const row = doc.split('\n').find((line) => line.startsWith('|') && numbers.every((n) => line.includes(n <= 1 && n !== rule.points ? `${n * 100} %` : String(n))));
		expect(row).toBeDefined();
	});
});
