import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { addDays, CalendarDate, parseCalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import {
	ClosedInvoice,
	OpenInvoice,
	paymentBehaviour,
	PaymentPromise,
	SCORING_RULES,
} from '../../src/TypeScripts/o2c_dso/domain/paymentBehaviour';
import { m } from '../support/minor';

const d = parseCalendarDate;
const asOf = d('2026-05-04');
const days = (n: number): CalendarDate => addDays(asOf, n);

/** Closed invoice paid `late` days after its due date (net 30), closing `closedAgo` days before D. */
const paid = (amountMinor: number, late: number, closedAgo = 10): ClosedInvoice => {
	const closeDate = days(-closedAgo);
	const dueDate = addDays(closeDate, -late);
	return { amountMinor: m(amountMinor), tranDate: addDays(dueDate, -30), dueDate, closeDate };
};
const openInv = (openMinor: number, daysOverdue: number): OpenInvoice => {
	const dueDate = days(-daysOverdue);
	return { openMinor: m(openMinor), amountMinor: m(openMinor), tranDate: addDays(dueDate, -30), dueDate };
};
const promise = (status: PaymentPromise['status'], promisedAgo = 20): PaymentPromise => ({
	promisedDate: days(-promisedAgo),
	amountMinor: m(1_000),
	status,
});

describe('contract metrics', () => {
	// A: 1,000.00 on 01-05, due 02-04, closed 02-10 → 36 days to pay, 6 late
	// B:   100.00 on 03-01, due 03-31, closed 03-31 → 30 days to pay, 0 late
	// C:    10.00 on 04-01, no due date, closed 04-06 → 5 to pay, 5 late (due → tran date)
	const closed: ClosedInvoice[] = [
		{ amountMinor: m(100_000), tranDate: d('2026-01-05'), dueDate: d('2026-02-04'), closeDate: d('2026-02-10') },
		{ amountMinor: m(10_000), tranDate: d('2026-03-01'), dueDate: d('2026-03-31'), closeDate: d('2026-03-31') },
		{ amountMinor: m(1_000), tranDate: d('2026-04-01'), closeDate: d('2026-04-06') },
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
	it('usual days late and spread: amount-weighted median and interquartile range', () => {
		// sorted: 0 (100), 5 (10), 6 (1,000): the quartiles and the median all fall in A's 1,000
		expect(result.behaviourCount).toBe(3);
		expect(result.usualDaysLate).toBe(6);
		expect(result.spreadDaysLate).toBe(0);
		expect(result.behaviourAvgDaysLate).toBeCloseTo(6050 / 1110, 10);
	});
	it('score 78 and slow-but-reliable (usually 6 days late, steady)', () => {
		// penalties: 40·6/30 = 8; 15·1010/1110 = 13.65; spread 0 → 78.35
		expect(result.score).toBe(78);
		expect(result.segment).toBe('slow-but-reliable');
		expect(result.reasons).toEqual(['steady-late']);
	});
	it('no trend without 2 invoices before the recent ones', () => {
		expect(result.recentUsualDaysLate).toBe(6);
		expect(result.priorUsualDaysLate).toBeNull();
		expect(result.trendDaysLate).toBeNull();
	});
});

describe('the 365-day window', () => {
	it('includes an invoice closed on D − 364 and excludes D − 365, after D, and zero amounts', () => {
		const inside = paid(100, 7, 364);
		const result = paymentBehaviour({
			asOf,
			closedInvoices: [inside, paid(100, 50, 365), paid(100, 50, -1), { ...paid(0, 50), amountMinor: m(0) }],
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
			usualDaysLate: null,
			spreadDaysLate: null,
			score: null,
			segment: 'insufficient-history',
			reasons: ['too-few-invoices'],
			openMinor: m(500),
			overdueMinor: m(500),
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
		const early: ClosedInvoice = {
			amountMinor: m(100),
			tranDate: d('2026-04-10'),
			dueDate: d('2026-05-10'),
			closeDate: d('2026-04-01'),
		};
		const result = paymentBehaviour({ asOf, closedInvoices: [early], openInvoices: [] });
		expect(result.avgDaysToPay).toBe(-9);
		expect(result.avgDaysLate).toBe(0);
	});
	it('uses the partial-payment rule: only closure counts', () => {
		// an invoice partly paid is still open: it is not in the closed history
		const result = paymentBehaviour({
			asOf,
			closedInvoices: [],
			openInvoices: [{ ...openInv(400, 5), amountMinor: m(1_000) }],
		});
		expect(result.closedCount).toBe(0);
		expect(result.openMinor).toBe(400);
	});
});

describe('returns: an invoice a credit memo closed is not a payment', () => {
	// 1,000.00 invoiced 2026-01-01, due 01-31, credited in full 119 days later (04-30)
	const credited = (amountMinor: number, tranDate: string): ClosedInvoice => ({
		amountMinor: m(amountMinor),
		tranDate: d(tranDate),
		dueDate: addDays(d(tranDate), 30),
		closeDate: addDays(d(tranDate), 119),
		closedBy: 'credit',
	});
	it('a full credit after 119 days is not "119 days to pay": no days to pay, one return', () => {
		const r = paymentBehaviour({ asOf, closedInvoices: [credited(100_000, '2026-01-01')], openInvoices: [] });
		expect(r).toMatchObject({
			closedCount: 0,
			avgDaysToPay: null,
			avgDaysLate: null,
			returnedCount: 1,
			returnedMinor: m(100_000),
		});
	});
	it('three returned invoices do not make a customer at-risk, very-late (they made it 89 days "late")', () => {
		const r = paymentBehaviour({
			asOf,
			closedInvoices: [
				credited(1_000, '2025-11-01'),
				credited(1_000, '2025-12-01'),
				credited(1_000, '2026-01-01'),
			],
			openInvoices: [],
		});
		expect(r).toMatchObject({ segment: 'insufficient-history', score: null, returnedCount: 3, behaviourCount: 0 });
	});
	it('returns are counted apart: the paid invoices alone give the averages', () => {
		// A paid 36 days after its date, 6 late (1,000.00); B returned (500.00)
		const r = paymentBehaviour({
			asOf,
			closedInvoices: [
				{
					amountMinor: m(100_000),
					tranDate: d('2026-01-05'),
					dueDate: d('2026-02-04'),
					closeDate: d('2026-02-10'),
				},
				{ ...credited(50_000, '2026-01-01') },
			],
			openInvoices: [],
		});
		expect(r).toMatchObject({
			closedCount: 1,
			avgDaysToPay: 36,
			avgDaysLate: 6,
			returnedCount: 1,
			returnedMinor: m(50_000),
		});
	});
});

describe('segments', () => {
	const onTime = [paid(1_000, 0, 10), paid(1_000, 0, 40), paid(1_000, 0, 70)];
	/** Invoices closed `ago` days before D, each `late` days late, all 1,000. */
	const history = (...pairs: [late: number, ago: number][]): ClosedInvoice[] =>
		pairs.map(([late, ago]) => paid(1_000, late, ago));
	it.each<[string, Parameters<typeof paymentBehaviour>[0], number, string, string[]]>([
		['on time', { asOf, closedInvoices: onTime, openInvoices: [] }, 100, 'reliable', ['on-time']],
		// 40·12/30 = 16, 15·1 = 15 → 69 (SCORING.md example)
		[
			'12 days late, steady',
			{ asOf, closedInvoices: [paid(500, 12), paid(700, 12, 50), paid(900, 12, 100)], openInvoices: [] },
			69,
			'slow-but-reliable',
			['steady-late'],
		],
		// prior 0, 0; recent 10, 10, 10 → trend 10; usual 10 (3 of 5 invoices); spread 10 − 0; 60 % late
		// → 13.33 + 9 + 5 + 5 = 32.33 → 68
		[
			'paying later lately',
			{ asOf, closedInvoices: history([0, 250], [0, 200], [10, 60], [10, 30], [10, 5]), openInvoices: [] },
			68,
			'deteriorating',
			['later-trend'],
		],
		// the same slide to 5 days late stays within the on-time band: usual 5, spread 5, trend 5
		// → 6.67 + 9 + 2.5 + 2.5 = 20.67 → 79
		[
			'a slide that stays within 5 days late',
			{ asOf, closedInvoices: history([0, 250], [0, 200], [5, 60], [5, 30], [5, 5]), openInvoices: [] },
			79,
			'reliable',
			['on-time'],
		],
		// too few invoices for a trend (the latest 3 leave 1 before them): usual 10, spread 10 − 5 (the
		// first quartile falls between 0 and 10), 75 % late → 13.33 + 11.25 + 2.5 = 27.08 → 73
		[
			'a change on too few invoices is no trend',
			{ asOf, closedInvoices: history([0, 200], [10, 60], [10, 30], [10, 5]), openInvoices: [] },
			73,
			'slow-but-reliable',
			['steady-late'],
		],
		// a slide from on time to 40 days late: deteriorating although usually > 30 late and erratic
		// usual 40, share 0.6, spread 40, trend 40 → 40 + 9 + 10 + 10 = 69 → 31
		[
			'a slide from on time to 40 days late',
			{ asOf, closedInvoices: history([0, 250], [0, 200], [40, 60], [40, 30], [40, 5]), openInvoices: [] },
			31,
			'deteriorating',
			['later-trend', 'very-late', 'erratic'],
		],
		// already 35 days late before: getting later still is at-risk. usual 45, spread 10, trend 10 → 40 + 15 + 5 + 5 = 65 → 35
		[
			'already very late and getting later',
			{ asOf, closedInvoices: history([35, 250], [35, 200], [45, 60], [45, 30], [45, 5]), openInvoices: [] },
			35,
			'at-risk',
			['very-late', 'later-trend'],
		],
		// a slide with an invoice 91 days overdue: the open invoice is alarming, the slide does not soften it
		[
			'a slide with an invoice over 90 days overdue',
			{
				asOf,
				closedInvoices: history([0, 250], [0, 200], [10, 60], [10, 30], [10, 5]),
				openInvoices: [openInv(50, 91)],
			},
			53,
			'at-risk',
			['open-over-90', 'later-trend', 'open-beyond-usual'],
		],
		// 15·25/90 = 4.17 → 96
		[
			'on time but an invoice 25 days overdue',
			{ asOf, closedInvoices: onTime, openInvoices: [openInv(5_000, 25)] },
			96,
			'deteriorating',
			['open-beyond-usual'],
		],
		// 20 days is not more than 0 + 20: 15·20/90 = 3.33 → 97
		[
			'on time, an invoice 20 days overdue',
			{ asOf, closedInvoices: onTime, openInvoices: [openInv(5_000, 20)] },
			97,
			'reliable',
			['on-time'],
		],
		// 15·1 → 85
		[
			'an open invoice 91 days overdue',
			{ asOf, closedInvoices: onTime, openInvoices: [openInv(50, 91)] },
			85,
			'at-risk',
			['open-over-90', 'open-beyond-usual'],
		],
		// 40 + 15 → 45
		[
			'31 days late',
			{ asOf, closedInvoices: [paid(1, 31), paid(1, 31, 20), paid(1, 31, 30)], openInvoices: [] },
			45,
			'at-risk',
			['very-late'],
		],
		// 10·(1 − 1/3) = 6.67 → 93
		[
			'two broken promises, one kept',
			{
				asOf,
				closedInvoices: onTime,
				openInvoices: [],
				promises: [
					promise('kept'),
					promise('broken'),
					promise('broken'),
					promise('pending'),
					promise('cancelled'),
				],
			},
			93,
			'at-risk',
			['promises-broken'],
		],
		// kept rate 0.5 is not below 0.5: 10·0.5 = 5 → 95
		[
			'two broken, two kept',
			{
				asOf,
				closedInvoices: onTime,
				openInvoices: [],
				promises: [promise('kept'), promise('kept'), promise('broken'), promise('broken')],
			},
			95,
			'reliable',
			['on-time'],
		],
		// utilisation 1.1 → 10; 15·11/90 = 1.83 → 88.17; 11 days overdue > 0 + 10
		[
			'over the limit, an invoice beyond the usual lateness',
			{ asOf, closedInvoices: onTime, openInvoices: [openInv(110, 11)], creditUtilisation: 1.1 },
			88,
			'at-risk',
			['over-credit-limit'],
		],
		// 10 days overdue is within 0 + 10: 10 + 1.67 → 88
		[
			'over the limit, overdue within the usual lateness',
			{ asOf, closedInvoices: onTime, openInvoices: [openInv(110, 10)], creditUtilisation: 1.1 },
			88,
			'reliable',
			['on-time'],
		],
		// a slow payer (20 days) over the limit with an invoice 25 days overdue: its habit, not an alarm
		// 26.67 + 15 + 4.17 + 10 = 55.8 → 44
		[
			'a slow payer over the limit, paying as usual',
			{
				asOf,
				closedInvoices: [paid(1, 20), paid(1, 20, 20), paid(1, 20, 30)],
				openInvoices: [openInv(110, 25)],
				creditUtilisation: 1.1,
			},
			44,
			'slow-but-reliable',
			['steady-late'],
		],
		// utilisation 1.1 → 10 → 90
		[
			'over the limit, nothing overdue',
			{ asOf, closedInvoices: onTime, openInvoices: [openInv(110, -5)], creditUtilisation: 1.1 },
			90,
			'reliable',
			['on-time'],
		],
		// usual 28 → 37.33, 15, 15·47/90 = 7.83, utilisation 0.99 → 9.6, 1 broken of 1 → 10: 79.8 → 20;
		// no single rule applies (47 ≤ 28 + 20, under the limit, one broken promise)
		[
			'several problems at once: low score',
			{
				asOf,
				closedInvoices: [paid(1, 28), paid(1, 28, 20), paid(1, 28, 30)],
				openInvoices: [openInv(99, 47)],
				creditUtilisation: 0.99,
				promises: [promise('broken')],
			},
			20,
			'at-risk',
			['low-score'],
		],
		// usually 25 days late, an invoice 85 days overdue: 33.33 + 15 + 14.17 → 38
		[
			'an invoice far beyond the usual 25 days',
			{ asOf, closedInvoices: [paid(1, 25), paid(1, 25, 20), paid(1, 25, 30)], openInvoices: [openInv(1, 85)] },
			38,
			'deteriorating',
			['open-beyond-usual'],
		],
		// late 0, 20, 40: usual 20, spread 40, average 20 > 15 → 26.67 + 10 + 10 = 46.67 → 53
		[
			'late by an unpredictable margin',
			{ asOf, closedInvoices: [paid(1, 0), paid(1, 20, 20), paid(1, 40, 30)], openInvoices: [] },
			53,
			'at-risk',
			['erratic'],
		],
		// late 0, 0, 30: spread 30 but 10 days late on average: 5 + 10 = 15 → 85
		[
			'irregular by a small margin',
			{ asOf, closedInvoices: [paid(1, 0), paid(1, 0, 20), paid(1, 30, 30)], openInvoices: [] },
			85,
			'slow-but-reliable',
			['irregular'],
		],
	])('%s', (_name, input, score, segment, reasons) => {
		const result = paymentBehaviour(input);
		expect(result.score).toBe(score);
		expect(result.segment).toBe(segment);
		expect(result.reasons).toEqual(reasons);
	});
});

describe('disputed invoices', () => {
	const disputedClosed: ClosedInvoice = { ...paid(1_000, 80, 50), disputed: true };
	it('count in the contract averages but not in the behaviour measures', () => {
		const result = paymentBehaviour({
			asOf,
			closedInvoices: [paid(1_000, 0, 10), paid(1_000, 0, 40), paid(1_000, 0, 70), disputedClosed],
			openInvoices: [],
		});
		expect(result.closedCount).toBe(4);
		expect(result.avgDaysLate).toBe(20);
		expect(result.behaviourCount).toBe(3);
		expect(result.behaviourAvgDaysLate).toBe(0);
		expect(result.lateShareByCount).toBe(0);
		expect(result).toMatchObject({ score: 100, segment: 'reliable', reasons: ['on-time'] });
	});
	it('do not make up the 3 invoices a score needs', () => {
		const result = paymentBehaviour({
			asOf,
			closedInvoices: [paid(1_000, 0, 10), paid(1_000, 0, 40), disputedClosed],
			openInvoices: [],
		});
		expect(result.closedCount).toBe(3);
		expect(result.segment).toBe('insufficient-history');
	});
	it('open: reported in open, overdue and max days overdue, left out of the call-now rules and the score', () => {
		const old: OpenInvoice = { ...openInv(700, 120), disputed: true };
		const result = paymentBehaviour({
			asOf,
			closedInvoices: onTimeHistory(),
			openInvoices: [old, openInv(300, 5)],
		});
		expect(result).toMatchObject({ openMinor: m(1_000), overdueMinor: m(1_000), maxDaysOverdue: 120 });
		// 15·5/90 = 0.83 → 99
		expect(result).toMatchObject({ score: 99, segment: 'reliable', reasons: ['on-time'] });
	});
	const onTimeHistory = (): ClosedInvoice[] => [paid(1_000, 0, 10), paid(1_000, 0, 40), paid(1_000, 0, 70)];
});

describe('robust to one-off outliers', () => {
	it('one invoice paid 60 days late among 11 on time does not change a reliable payer', () => {
		const closed = [...Array.from({ length: 11 }, (_, i) => paid(1_000, i % 3, 20 + i * 30)), paid(1_000, 60, 100)];
		const result = paymentBehaviour({ asOf, closedInvoices: closed, openInvoices: [] });
		expect(result.usualDaysLate).toBe(1);
		expect(result.spreadDaysLate).toBe(2);
		expect(result.segment).toBe('reliable');
	});
	it('the median of two equal invoices is their midpoint', () => {
		const result = paymentBehaviour({ asOf, closedInvoices: [paid(1, 0), paid(1, 10, 20)], openInvoices: [] });
		expect(result.usualDaysLate).toBe(5);
		expect(result.spreadDaysLate).toBe(10);
	});
	it('the trend reads the latest 3 invoices when fewer closed in the last 90 days', () => {
		const result = paymentBehaviour({ asOf, closedInvoices: history3(), openInvoices: [] });
		expect(result.recentUsualDaysLate).toBe(20);
		expect(result.priorUsualDaysLate).toBe(0);
		expect(result.trendDaysLate).toBe(20);
	});
	// 5 invoices, a month apart or more: only one in the last 90 days
	const history3 = (): ClosedInvoice[] => [
		paid(1, 0, 300),
		paid(1, 0, 240),
		paid(1, 20, 180),
		paid(1, 20, 120),
		paid(1, 20, 30),
	];
});

describe('promises and credit', () => {
	it('kept rate ignores pending, cancelled and promises older than the window', () => {
		const result = paymentBehaviour({
			asOf,
			closedInvoices: [],
			openInvoices: [],
			promises: [
				promise('kept'),
				promise('broken', 365),
				promise('kept', 364),
				promise('pending'),
				promise('cancelled'),
				promise('broken', -5),
			],
		});
		expect(result.promisesKept).toBe(2);
		expect(result.promisesBroken).toBe(1);
		expect(result.promiseKeptRate).toBeCloseTo(2 / 3, 12);
	});
	it('kept rate is null without kept or broken promises', () => {
		expect(
			paymentBehaviour({ asOf, closedInvoices: [], openInvoices: [], promises: [promise('pending')] })
				.promiseKeptRate,
		).toBeNull();
	});
	it('passes the credit utilisation through (one definition: domain/credit.ts)', () => {
		const base = { asOf, closedInvoices: [], openInvoices: [openInv(50_000, -3)] };
		expect(paymentBehaviour({ ...base, creditUtilisation: 0.25 }).creditUtilisation).toBe(0.25);
		expect(paymentBehaviour(base).creditUtilisation).toBeNull();
	});
});

describe('the score', () => {
	it('is 0 for a customer bad on every count (the penalties add up to 100 or more)', () => {
		// late 60, 60, 200 days (equal weights): usual (median) 60 → 40; all late → 15; spread q3 200 −
		// q1 60 = 140 ≥ 20 → 10; an open invoice 400 days overdue → 15; 2 broken promises of 2 → 10;
		// 300 % of the limit → 10: 100 points off.
		const r = paymentBehaviour({
			asOf,
			closedInvoices: [paid(1, 60, 10), paid(1, 60, 20), paid(1, 200, 30)],
			openInvoices: [openInv(100, 400)],
			promises: [promise('broken'), promise('broken')],
			creditUtilisation: 3,
		});
		expect(r.score).toBe(0);
		expect(r.segment).toBe('at-risk');
	});
	it('an improving trend is not rewarded', () => {
		// prior: two invoices 20 days late; recent: three on time → trend −20 (no penalty, no bonus).
		// usual (median of 0, 0, 0, 20, 20) 0 → 0; late share 2 / 5 → 6; spread q3 20 − q1 0 → 10: 84.
		const r = paymentBehaviour({
			asOf,
			closedInvoices: [paid(1, 20, 200), paid(1, 20, 210), paid(1, 0, 10), paid(1, 0, 20), paid(1, 0, 30)],
			openInvoices: [],
		});
		expect(r.trendDaysLate).toBe(-20);
		expect(r.score).toBe(84);
	});
	it('stays an integer within 0–100 for any behaviour (property)', () => {
		const arbClosed = fc.record({
			amountMinor: fc.integer({ min: -100, max: 1e9 }),
			late: fc.integer({ min: -60, max: 400 }),
			closedAgo: fc.integer({ min: -5, max: 500 }),
			noDue: fc.boolean(),
			disputed: fc.boolean(),
		});
		const arbOpen = fc.record({
			openMinor: fc.integer({ min: 0, max: 1e9 }),
			overdue: fc.integer({ min: -60, max: 500 }),
			disputed: fc.boolean(),
		});
		const arbPromise = fc.record({
			status: fc.constantFrom<PaymentPromise['status']>('pending', 'kept', 'broken', 'cancelled'),
			ago: fc.integer({ min: -30, max: 500 }),
		});
		fc.assert(
			fc.property(
				fc.array(arbClosed, { maxLength: 25 }),
				fc.array(arbOpen, { maxLength: 5 }),
				fc.array(arbPromise, { maxLength: 6 }),
				fc.option(fc.double({ min: -1, max: 5, noNaN: true }), { nil: null }),
				(closed, open, promises, utilisation) => {
					const result = paymentBehaviour({
						asOf,
						closedInvoices: closed.map((c) => {
							const inv = { ...paid(c.amountMinor, c.late, c.closedAgo), disputed: c.disputed };
							return c.noDue
								? {
										amountMinor: inv.amountMinor,
										tranDate: inv.tranDate,
										closeDate: inv.closeDate,
										disputed: c.disputed,
									}
								: inv;
						}),
						openInvoices: open.map((o) => ({ ...openInv(o.openMinor, o.overdue), disputed: o.disputed })),
						promises: promises.map((p) => promise(p.status, p.ago)),
						creditUtilisation: utilisation,
					});
					expect(result.behaviourCount).toBeLessThanOrEqual(result.closedCount);
					if (result.behaviourCount < SCORING_RULES.minClosedInvoices) {
						expect(result.score).toBeNull();
						expect(result.segment).toBe('insufficient-history');
					} else {
						expect(Number.isInteger(result.score)).toBe(true);
						expect(result.score as number).toBeGreaterThanOrEqual(0);
						expect(result.score as number).toBeLessThanOrEqual(100);
						expect(['reliable', 'slow-but-reliable', 'deteriorating', 'at-risk']).toContain(result.segment);
						expect(result.avgDaysLate as number).toBeGreaterThanOrEqual(0);
						expect(result.spreadDaysLate as number).toBeGreaterThanOrEqual(0);
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
	const thresholds = Object.entries(SCORING_RULES as Record<string, unknown>).filter(
		(e): e is [string, number] => typeof e[1] === 'number',
	);
	it.each(thresholds)('states the segment threshold %s = %p in bold', (_name, value) => {
		// a bold span containing the number, e.g. **90** or **closed in the 365 days ending D**
		expect(doc).toMatch(new RegExp(`\\*\\*[^*\\n]*(?<![0-9.])${escape(value)}(?![0-9])[^*\\n]*\\*\\*`));
	});
	const rows = Object.entries(SCORING_RULES.penalty);
	it.each(rows)('states the %s penalty in its table row', (_name, rule) => {
		const numbers = Object.values(rule as Record<string, number>);
		const row = doc
			.split('\n')
			.find(
				(line) =>
					line.startsWith('|') &&
					numbers.every((n) => line.includes(n <= 1 && n !== rule.points ? `${n * 100} %` : String(n))),
			);
		expect(row).toBeDefined();
	});
});
