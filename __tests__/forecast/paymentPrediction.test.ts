import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { FORECAST_RULES } from '../../src/TypeScripts/o2c_dso/domain/cashForecast';
import { addDays, CalendarDate, parseCalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import { sampleOf } from '../../src/TypeScripts/o2c_dso/domain/latenessSample';
import type { OpenInvoice } from '../../src/TypeScripts/o2c_dso/domain/paymentHistory';
import {
	disputeDelay,
	EMPTY_POOL,
	explainPrediction,
	HistoryContext,
	PoolSamples,
	predictPayment,
	PREDICTION_RULES,
	PromiseToPay,
} from '../../src/TypeScripts/o2c_dso/domain/paymentPrediction';

const d = (s: string): CalendarDate => parseCalendarDate(s);
const D = d('2026-05-04');

function open(id: string, dueDate: string, o: Partial<OpenInvoice> = {}): OpenInvoice {
	return {
		invoiceId: id,
		tranDate: addDays(d(dueDate), -30),
		dueDate: d(dueDate),
		hasDueDate: true,
		openMinor: 10000,
		fxOpenMinor: 10000,
		disputed: false,
		nativePrediction: null,
		...o,
	};
}

const pool = (undisputed: number[], disputed: number[] = []): PoolSamples => ({
	undisputed: sampleOf(undisputed),
	disputed: sampleOf(disputed),
});

function ctx(customer: PoolSamples, subsidiary: PoolSamples = EMPTY_POOL, segment?: PoolSamples): HistoryContext {
	return {
		customer,
		subsidiary,
		segment: segment === undefined ? null : { name: 'slow-but-reliable', samples: segment },
	};
}

function predict(inv: OpenInvoice, history: HistoryContext, promises: PromiseToPay[] = [], others: OpenInvoice[] = []) {
	return predictPayment(inv, { asOf: D, openInvoices: [inv, ...others], promises, history });
}

/** Invoice due 2026-04-29: 5 days past due at D. */
const DUE = '2026-04-29';

describe("the customer's own history, conditioned on the invoice's age", () => {
	it('uses only the paid invoices still unpaid 5 days past due', () => {
		// paid −5, 0, 2, 10, 20, 30 days late; an invoice 5 days past due can only become 10, 20 or 30.
		// n = 3: 20th h = 0.8 → 10; median h = 2 → 20; 80th h = 3.2 → 30 (worked by hand)
		const p = predict(open('1', DUE), ctx(pool([-5, 0, 2, 10, 20, 30])));
		expect(p.source).toBe('customer');
		expect(p.daysPastDue).toBe(5);
		expect([p.low, p.date, p.high]).toEqual(['2026-05-09', '2026-05-19', '2026-05-29']);
		expect(p.history.size).toBe(3);
		expect(explainPrediction(p)).toBe(
			'From 3 paid invoices of this customer still unpaid 5 days past due: paid 10 days late to 30 days late, median 20 days late.',
		);
	});

	it('without the conditioning the same history would say 6 days late: the age matters', () => {
		// Not yet due (due D + 10): every paid invoice counts; n = 6, median h = 3.5 → 2 + 0.5 × 8 = 6
		const p = predict(open('1', '2026-05-14'), ctx(pool([-5, 0, 2, 10, 20, 30])));
		expect(p.history.size).toBe(6);
		expect(p.date).toBe('2026-05-20');
	});

	it('carries the terms through the due date: the same habit, a later due date, a later prediction', () => {
		const history = ctx(pool([1, 2, 3, 4, 5]));
		const net30 = predict(open('1', '2026-05-10'), history);
		const net60 = predict(open('2', '2026-06-09'), history);
		expect(net30.date).toBe('2026-05-13');
		expect(net60.date).toBe('2026-06-12');
	});
});

describe('fallbacks when the customer history is thin (fewer than 3 such invoices)', () => {
	// segment: ten invoices 6 … 15 days late, all later than 5.
	// n = 10: 20th h = 2.2 → 7.2 → 7; median h = 5.5 → 10.5 → 11; 80th h = 8.8 → 13.8 → 14 (rounded half up)
	const segment = pool([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);

	it('goes to the segment when it has at least 10', () => {
		const p = predict(open('1', DUE), ctx(pool([10, 20]), pool([40, 41, 42, 43, 44, 45, 46, 47, 48, 49]), segment));
		expect(p.source).toBe('segment');
		expect([p.low, p.date, p.high]).toEqual(['2026-05-06', '2026-05-10', '2026-05-13']);
		expect(explainPrediction(p)).toMatch(
			/^Too little history of this customer; from 10 paid invoices of slow-but-reliable customers/,
		);
	});

	it('then to the subsidiary when the segment has fewer than 10', () => {
		const p = predict(
			open('1', DUE),
			ctx(pool([10, 20]), pool([40, 41, 42, 43, 44, 45, 46, 47, 48, 49]), pool([6, 7, 8, 9, 10, 11, 12, 13, 14])),
		);
		expect(p.source).toBe('subsidiary');
		// n = 10 of 40 … 49: median h = 5.5 → 44.5 → 45
		expect(p.date).toBe('2026-06-13');
	});

	it('then to the few the subsidiary has (1–9), saying so', () => {
		const p = predict(open('1', DUE), ctx(EMPTY_POOL, pool([-3, 8, 9])));
		expect(p.source).toBe('subsidiary');
		expect(p.history.size).toBe(2);
		expect(explainPrediction(p)).toMatch(/\(few\)/);
	});

	it('no paid invoice was ever this late: no precedent, expected after the 13 weeks', () => {
		const p = predict(open('1', '2026-01-04'), ctx(pool([1, 2, 3]), pool([0, 5, 30, 60])));
		expect(p.daysPastDue).toBe(120);
		expect(p.source).toBe('no-precedent');
		expect(p.date).toBe('2026-08-04'); // D + 92: the first day after week 13
		expect(p.outcomes).toEqual([{ date: '2026-08-04', weight: 1 }]);
	});

	it('no paid invoice at all: the terms (due date, or tomorrow when past due)', () => {
		expect(predict(open('1', '2026-05-20'), ctx(EMPTY_POOL)).date).toBe('2026-05-20');
		const late = predict(open('2', DUE), ctx(EMPTY_POOL));
		expect(late.source).toBe('terms');
		expect(late.date).toBe('2026-05-05');
	});
});

describe('disputed invoices', () => {
	it("use the customer's disputed invoices when it has 3 such", () => {
		const p = predict(open('1', DUE, { disputed: true }), ctx(pool([0, 1, 2, 6, 7, 8], [30, 40, 50])));
		expect(p.source).toBe('customer');
		expect(p.date).toBe('2026-06-08'); // median 40
		expect(explainPrediction(p)).toMatch(/^From 3 paid disputed invoices/);
	});

	it("else its undisputed ones moved by the subsidiary's usual dispute delay", () => {
		// subsidiary: undisputed median 0, disputed median 12 → delay 12; customer 0, 2, 4 → 12, 14, 16
		const sub = pool([0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [12, 12, 12, 12, 12, 12, 12, 12, 12, 12]);
		expect(disputeDelay(sub)).toBe(12);
		const p = predict(open('1', DUE, { disputed: true }), ctx(pool([0, 2, 4]), sub));
		expect(p.source).toBe('customer-dispute-delay');
		expect(p.history.disputeDelayDays).toBe(12);
		expect(p.date).toBe('2026-05-13'); // due + 14
		expect(explainPrediction(p)).toMatch(/moved by \+12 days/);
	});

	it('without a measurable delay (fewer than 10 of either) it falls back to the disputed pools', () => {
		expect(disputeDelay(pool([0, 0, 0], [12]))).toBeNull();
		const p = predict(open('1', DUE, { disputed: true }), ctx(pool([0, 2, 4]), pool([0, 0, 0], [12, 13])));
		expect(p.source).toBe('subsidiary');
		expect(p.history.size).toBe(2);
	});

	it('an undisputed invoice never uses disputed history', () => {
		const p = predict(open('1', DUE), ctx(pool([10, 20], [30, 40, 50])));
		expect(p.source).not.toBe('customer');
	});
});

describe('a promise to pay wins while it stands', () => {
	const history = ctx(pool([-5, 0, 2, 10, 20, 30]));
	const promise = (o: Partial<PromiseToPay> = {}): PromiseToPay => ({
		id: '7',
		madeOn: d('2026-04-30'),
		promisedDate: d('2026-05-10'),
		amountMinor: 10000,
		status: 'pending',
		invoiceIds: ['1'],
		...o,
	});

	it('a pending promise gives the date; the interval is the 20th–80th percentile of kept-or-broken', () => {
		// One kept, none broken: kept weight (1 + 1) / (1 + 0 + 2) = 2/3, spread over the history paid by
		// the promised date (11 days late: only 10 → 05-09); broken: the history paid later (20, 30)
		// shares 1/3 → cumulative 2/3 at 05-09 (the 20th percentile), 5/6 at 05-19 ≥ 0.8.
		const kept = promise({
			id: '3',
			madeOn: d('2026-01-01'),
			promisedDate: d('2026-01-20'),
			status: 'kept',
			invoiceIds: ['99'],
		});
		const p = predict(open('1', DUE), history, [promise(), kept]);
		expect(p.source).toBe('promise');
		expect([p.low, p.date, p.high]).toEqual(['2026-05-09', '2026-05-10', '2026-05-19']);
		expect(p.promise).toMatchObject({ id: '7', kept: 1, broken: 0 });
		expect(p.promise?.keepWeight).toBeCloseTo(2 / 3, 12);
		expect(explainPrediction(p)).toMatch(
			/^Promised for 2026-05-10 \(made 2026-04-30\); this customer kept 1 of its 1 resolved promise\. If broken: From 3 paid invoices/,
		);
	});

	it('a promise due today and still pending: tomorrow, never before D + 1', () => {
		expect(predict(open('1', DUE), history, [promise({ promisedDate: D })]).date).toBe('2026-05-05');
	});

	it('with nothing in the history paid by the promised date, kept means on the date', () => {
		// promised for 05-06 (7 days late): the history still possible (10, 20, 30) is all later
		const p = predict(open('1', DUE), history, [promise({ promisedDate: d('2026-05-06') })]);
		expect([p.low, p.date]).toEqual(['2026-05-06', '2026-05-06']);
		// no resolved promise: kept 1/2 on 05-06, broken 1/6 each on 05-09, 05-19, 05-29 → 80th at 05-19
		expect(p.high).toBe('2026-05-19');
	});

	it('a kept promise whose date is still ahead wins; kept and past, broken, cancelled or made after D do not', () => {
		expect(predict(open('1', DUE), history, [promise({ status: 'kept' })]).source).toBe('promise');
		for (const p of [
			promise({ status: 'kept', promisedDate: d('2026-05-01') }),
			promise({ status: 'broken', promisedDate: d('2026-05-01') }),
			promise({ status: 'cancelled' }),
			promise({ madeOn: d('2026-05-05') }),
		])
			expect(predict(open('1', DUE), history, [p]).source).toBe('customer');
	});

	it('a promise naming other invoices does not cover this one', () => {
		expect(predict(open('1', DUE), history, [promise({ invoiceIds: ['2'] })]).source).toBe('customer');
	});

	it('a promise naming no invoice covers the oldest open invoices up to its amount', () => {
		const older = open('1', '2026-04-20', { fxOpenMinor: 10000 });
		const newer = open('2', DUE);
		const p = promise({ invoiceIds: [], amountMinor: 5000 });
		const all = [older, newer];
		expect(predictPayment(older, { asOf: D, openInvoices: all, promises: [p], history }).source).toBe('promise');
		expect(predictPayment(newer, { asOf: D, openInvoices: all, promises: [p], history }).source).toBe('customer');
	});

	it('of two standing promises the latest made wins', () => {
		const p = predict(open('1', DUE), history, [
			promise({ id: '1', madeOn: d('2026-04-01'), promisedDate: d('2026-05-06') }),
			promise({ id: '2', madeOn: d('2026-04-20'), promisedDate: d('2026-05-12') }),
		]);
		expect(p.date).toBe('2026-05-12');
	});
});

describe('never a date before D + 1, and low ≤ date ≤ high', () => {
	it('holds for any history, age, dispute and promise', () => {
		const days = fc.array(fc.integer({ min: -60, max: 200 }), { maxLength: 25 });
		fc.assert(
			fc.property(
				days,
				days,
				days,
				days,
				fc.integer({ min: -60, max: 300 }),
				fc.boolean(),
				fc.option(fc.integer({ min: -30, max: 60 }), { nil: null }),
				(cu, cd, su, sd, age, disputed, promiseOffset) => {
					const due = addDays(D, -age);
					const inv = open('1', due, { disputed });
					const promises: PromiseToPay[] =
						promiseOffset === null
							? []
							: [
									{
										id: '1',
										madeOn: addDays(D, -3),
										promisedDate: addDays(D, promiseOffset),
										amountMinor: 1,
										status: 'pending',
										invoiceIds: ['1'],
									},
								];
					const p = predict(inv, ctx(pool(cu, cd), pool(su, sd)), promises);
					const tomorrow = addDays(D, 1);
					expect(p.low >= tomorrow && p.date >= tomorrow && p.high >= tomorrow).toBe(true);
					expect(p.low <= p.date && p.date <= p.high).toBe(true);
					for (const o of p.outcomes) expect(o.date >= tomorrow).toBe(true);
					const total = p.outcomes.reduce((s, o) => s + o.weight, 0);
					expect(total).toBeCloseTo(1, 9);
				},
			),
			{ numRuns: 300 },
		);
	});
});

describe('FORECAST.md', () => {
	const doc = fs.readFileSync(path.join(__dirname, '../../src/TypeScripts/o2c_dso/domain/FORECAST.md'), 'utf8');
	const rules = [
		...Object.entries(PREDICTION_RULES),
		...Object.entries(FORECAST_RULES).map(([k, v]) => [`forecast.${k}`, v] as const),
	];
	it.each(rules)('states the rule %s = %p in bold', (_name, value) => {
		const escaped = String(value).replace('.', '\\.');
		expect(doc).toMatch(new RegExp(`\\*\\*[^*\\n]*(?<![0-9.])${escaped}(?![0-9])[^*\\n]*\\*\\*`));
	});
});
