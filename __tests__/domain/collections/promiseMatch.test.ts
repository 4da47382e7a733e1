/**
 * Promise outcomes worked by hand (domain/collections/promiseMatch.ts): a promise of 700.00 made
 * 2026-05-04 for 2026-05-08 on invoices 1 and 3 (1,200.00 open).
 */
import fc from 'fast-check';
import {
	addDays,
	type CalendarDate,
	parseCalendarDate as d,
} from '../../../src/TypeScripts/o2c_dso/domain/calendarDate';
import {
	decidePromise,
	decisionDue,
	lastEndedPromiseDate,
	type DatedPayment,
	type PendingPromise,
} from '../../../src/TypeScripts/o2c_dso/domain/collections/promiseMatch';

const P: PendingPromise = {
	id: 1,
	customerId: 100,
	madeOn: d('2026-05-04'),
	promisedDate: d('2026-05-08'),
	amountMinor: 70000,
	currency: 'USD',
	invoiceIds: [1, 3],
};
const pay = (date: string, amountMinor: number): DatedPayment => ({ date: d(date), amountMinor });

describe('decidePromise', () => {
	test('paid in full before the date: kept that night, with what was paid', () => {
		const facts = { payments: [pay('2026-05-06', 70000)], openMinor: 50000 };
		expect(decidePromise(P, facts, d('2026-05-05'), 0)).toEqual({
			status: 'pending',
			paidMinor: 0,
			windowEnd: '2026-05-08',
		});
		expect(decidePromise(P, facts, d('2026-05-06'), 0)).toEqual({
			status: 'kept',
			paidMinor: 70000,
			windowEnd: '2026-05-08',
		});
	});

	test('two payments that together reach the amount on the promised date: kept', () => {
		const facts = { payments: [pay('2026-05-05', 40000), pay('2026-05-08', 30000)], openMinor: 50000 };
		expect(decidePromise(P, facts, d('2026-05-07'), 0).status).toBe('pending');
		expect(decidePromise(P, facts, d('2026-05-08'), 0)).toMatchObject({ status: 'kept', paidMinor: 70000 });
	});

	test('300.00 of 700.00 paid: pending through the promised date, partial (300.00) the night after', () => {
		const facts = { payments: [pay('2026-05-07', 30000)], openMinor: 90000 };
		expect(decidePromise(P, facts, d('2026-05-08'), 0)).toMatchObject({ status: 'pending', paidMinor: 30000 });
		expect(decidePromise(P, facts, d('2026-05-09'), 0)).toMatchObject({ status: 'partial', paidMinor: 30000 });
	});

	test('nothing paid: broken the night after the promised date; a payment a day late does not count', () => {
		expect(decidePromise(P, { payments: [], openMinor: 120000 }, d('2026-05-09'), 0)).toMatchObject({
			status: 'broken',
			paidMinor: 0,
		});
		const late = { payments: [pay('2026-05-09', 70000)], openMinor: 50000 };
		expect(decidePromise(P, late, d('2026-05-09'), 0)).toMatchObject({ status: 'broken', paidMinor: 0 });
	});

	test('grace days: the late payment counts with 2 days of grace, and the decision waits for them', () => {
		const late = { payments: [pay('2026-05-09', 70000)], openMinor: 50000 };
		expect(decidePromise(P, { payments: [], openMinor: 120000 }, d('2026-05-10'), 2).status).toBe('pending');
		expect(decidePromise(P, late, d('2026-05-09'), 2)).toEqual({
			status: 'kept',
			paidMinor: 70000,
			windowEnd: '2026-05-10',
		});
		expect(decidePromise(P, { payments: [], openMinor: 120000 }, d('2026-05-11'), 2).status).toBe('broken');
	});

	test('a payment before the promise was made does not count toward it', () => {
		const facts = { payments: [pay('2026-05-03', 70000)], openMinor: 50000 };
		expect(decidePromise(P, facts, d('2026-05-09'), 0)).toMatchObject({ status: 'broken', paidMinor: 0 });
	});

	test('the invoices closed by a credit memo with 100.00 paid: cancelled, nothing left to pay', () => {
		const facts = { payments: [pay('2026-05-05', 10000)], openMinor: 0 };
		expect(decidePromise(P, facts, d('2026-05-06'), 0)).toMatchObject({ status: 'cancelled', paidMinor: 10000 });
	});

	test('a promise naming no invoice counts the customer payments in its window', () => {
		const bare = { ...P, invoiceIds: [] };
		const facts = { payments: [pay('2026-05-05', 50000), pay('2026-05-10', 20000)], openMinor: null };
		expect(decidePromise(bare, facts, d('2026-05-09'), 0)).toMatchObject({ status: 'partial', paidMinor: 50000 });
	});
});

describe('which promises a night must examine', () => {
	test('the last promised date whose window has ended: D − grace − 1', () => {
		expect(lastEndedPromiseDate(d('2026-05-09'), 0)).toBe('2026-05-08');
		expect(lastEndedPromiseDate(d('2026-05-09'), 2)).toBe('2026-05-06');
		expect(lastEndedPromiseDate(d('2026-03-01'), 0)).toBe('2026-02-28');
		// P (promised 05-08) has its window ended on night 05-09 with no grace, not with 1 day
		expect(P.promisedDate <= lastEndedPromiseDate(d('2026-05-09'), 0)).toBe(true);
		expect(P.promisedDate <= lastEndedPromiseDate(d('2026-05-09'), 1)).toBe(false);
	});

	test('an open window is decided only by its facts: kept when paid, cancelled when closed, else not due', () => {
		const night = d('2026-05-06');
		expect(decisionDue(P, { payments: [], openMinor: 120000 }, night, 0)).toBe(false);
		expect(decisionDue(P, { payments: [pay('2026-05-05', 30000)], openMinor: 90000 }, night, 0)).toBe(false);
		expect(decisionDue(P, { payments: [pay('2026-05-05', 70000)], openMinor: 50000 }, night, 0)).toBe(true);
		expect(decisionDue(P, { payments: [], openMinor: 0 }, night, 0)).toBe(true);
		// a payment dated after the night does not count yet
		expect(decisionDue(P, { payments: [pay('2026-05-07', 70000)], openMinor: 50000 }, night, 0)).toBe(false);
	});

	// The split the promise job's selection relies on (adapters/collections/nsPromiseMatch.ts):
	// promised on or before D − grace − 1 → decided that night whatever the facts; promised later →
	// pending, kept or cancelled, never partial or broken, so only its facts can make it due.
	test('promised by the last ended date: never pending; promised after it: never partial or broken', () => {
		const day = (n: number): CalendarDate => addDays(d('2026-05-01'), n);
		const arb = fc.record({
			made: fc.integer({ min: 0, max: 30 }),
			span: fc.integer({ min: 0, max: 20 }),
			night: fc.integer({ min: 0, max: 60 }),
			grace: fc.integer({ min: 0, max: 5 }),
			amount: fc.integer({ min: 0, max: 100000 }),
			invoices: fc.boolean(),
			open: fc.integer({ min: 0, max: 100000 }),
			payments: fc.array(
				fc.record({ at: fc.integer({ min: -5, max: 70 }), minor: fc.integer({ min: 1, max: 60000 }) }),
				{
					maxLength: 4,
				},
			),
		});
		fc.assert(
			fc.property(arb, (x) => {
				const p: PendingPromise = {
					...P,
					madeOn: day(x.made),
					promisedDate: day(x.made + x.span),
					amountMinor: x.amount,
					invoiceIds: x.invoices ? [1] : [],
				};
				const facts = {
					payments: x.payments.map((q) => ({ date: day(q.at), amountMinor: q.minor })),
					openMinor: x.invoices ? x.open : null,
				};
				const night = day(x.night);
				const status = decidePromise(p, facts, night, x.grace).status;
				const ended = p.promisedDate <= lastEndedPromiseDate(night, x.grace);
				if (ended) return status !== 'pending';
				return status === 'pending' || status === 'kept' || status === 'cancelled';
			}),
			{ numRuns: 2000, seed: 11 },
		);
	});
});
