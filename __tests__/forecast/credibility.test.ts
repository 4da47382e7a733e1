/**
 * The credibility weighting of a customer's history against its segment's (domain/credibility.ts,
 * FORECAST.md §2), every figure worked out by hand in the comments.
 */
import { credibilityK, credibilityWeight } from '../../src/TypeScripts/o2c_dso/domain/credibility';
import { addDays, CalendarDate, parseCalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import { sampleOf } from '../../src/TypeScripts/o2c_dso/domain/latenessSample';
import type { OpenInvoice } from '../../src/TypeScripts/o2c_dso/domain/paymentHistory';
import {
	EMPTY_POOL,
	explainPrediction,
	HistoryContext,
	predictPayment,
} from '../../src/TypeScripts/o2c_dso/domain/paymentPrediction';
import { buildPools, decodePools, encodePools } from '../../src/TypeScripts/o2c_dso/app/forecast/pools';
import type { InvoiceRow } from '../../src/TypeScripts/o2c_dso/domain/paymentHistory';

describe('credibilityK (Bühlmann–Straub k = EPV / VHM)', () => {
	it('two customers far apart, little noise: k close to 0 (their own history is trusted)', () => {
		// means 1 and 11; EPV = (1 + 1 + 1 + 1) / (1 + 1) = 2; group mean 6, n_g = 4;
		// VHM = (2·25 + 2·25 − 1·2) / (4 − (4 + 4) / 4) = 98 / 2 = 49; k = 2 / 49 = 0.0408 → 0.04
		expect(
			credibilityK([
				{ group: 'a', values: [0, 2] },
				{ group: 'a', values: [10, 12] },
			]),
		).toBe(0.04);
	});

	it('pools EPV over every group, VHM only over groups with 2 or more customers', () => {
		// a: [0, 6, 12] (mean 6) and [12, 18, 24] (mean 18); b: [5, 7, 9] alone (mean 7).
		// EPV = (36 + 0 + 36 + 36 + 0 + 36 + 4 + 0 + 4) / (2 + 2 + 2) = 152 / 6 = 76/3
		// a: mean 12, Σ n (x̄_i − x̄)² = 3·36 + 3·36 = 216; num = 216 − 1·76/3 = 572/3;
		//    den = 6 − (9 + 9) / 6 = 3 → VHM = 572/9; b has one customer and adds nothing.
		// k = (76/3) / (572/9) = 228 / 572 = 0.3986 → 0.40
		expect(
			credibilityK([
				{ group: 'a', values: [0, 6, 12] },
				{ group: 'a', values: [12, 18, 24] },
				{ group: 'b', values: [5, 7, 9] },
			]),
		).toBe(0.4);
		// without b: EPV = 144 / 4 = 36; VHM = (216 − 36) / 3 = 60; k = 0.6
		expect(
			credibilityK([
				{ group: 'a', values: [0, 6, 12] },
				{ group: 'a', values: [12, 18, 24] },
			]),
		).toBe(0.6);
	});

	it('null when customers differ no more than chance says, or the data cannot tell', () => {
		// means 5 and 7; EPV = (25 + 25 + 25 + 25) / 2 = 50; between = 2·1 + 2·1 = 4 < 1·50
		expect(
			credibilityK([
				{ group: 'a', values: [0, 10] },
				{ group: 'a', values: [2, 12] },
			]),
		).toBeNull();
		// only one customer with 2 invoices (the empty one is skipped)
		expect(
			credibilityK([
				{ group: 'a', values: [0, 2] },
				{ group: 'a', values: [10] },
				{ group: 'a', values: [] },
			]),
		).toBeNull();
		// customers in different groups only: no between-customer variance to measure
		expect(
			credibilityK([
				{ group: 'a', values: [0, 2] },
				{ group: 'b', values: [10, 12] },
			]),
		).toBeNull();
	});

	it('k = 0 when invoices of a customer never vary but customers do', () => {
		expect(
			credibilityK([
				{ group: 'a', values: [3, 3] },
				{ group: 'a', values: [9, 9] },
			]),
		).toBe(0);
	});

	it('weight Z = n / (n + k)', () => {
		expect(credibilityWeight(3, 1)).toBe(0.75);
		expect(credibilityWeight(1, 3)).toBe(0.25);
		expect(credibilityWeight(5, 0)).toBe(1);
	});
});

describe('a prediction weighted by credibility', () => {
	const D: CalendarDate = parseCalendarDate('2026-05-04');
	/** Due 2026-04-29: 5 days past due at D, so only invoices paid more than 5 days late count. */
	const due = parseCalendarDate('2026-04-29');
	const invoice: OpenInvoice = {
		invoiceId: '1',
		tranDate: addDays(due, -30),
		dueDate: due,
		hasDueDate: true,
		openMinor: 10000,
		fxOpenMinor: 10000,
		disputed: false,
		nativePrediction: null,
	};
	// segment: 6 … 15 days late → 20th 7, median 11, 80th 14 (type 6, as in paymentPrediction.test.ts)
	const segment = { undisputed: sampleOf([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]), disputed: [] };
	const history = (customer: number[], k: number | null): HistoryContext => ({
		customer: { undisputed: sampleOf(customer), disputed: [] },
		segment: { name: 'slow-but-reliable', samples: segment },
		subsidiary: EMPTY_POOL,
		credibilityK: k,
	});
	const predict = (h: HistoryContext) =>
		predictPayment(invoice, { asOf: D, openInvoices: [invoice], promises: [], history: h });

	it('3 customer invoices, k = 3: half its median, half the segment’s, with the customer’s spread', () => {
		// customer 6, 8, 10 (all > 5): median 8; Z = 3 / 6 = 0.5; mid = 0.5·8 + 0.5·11 = 9.5 → 10;
		// its sample moved by +2 → 8, 10, 12: low 8, mid 10, high 12 → 05-07, 05-09, 05-11
		const p = predict(history([0, 6, 8, 10], 3));
		expect(p.source).toBe('customer-weighted');
		expect([p.low, p.date, p.high]).toEqual(['2026-05-07', '2026-05-09', '2026-05-11']);
		expect(p.history.credibility).toEqual({
			weight: 0.5,
			k: 3,
			customerSize: 3,
			customerMidDays: 8,
			pool: 'segment',
			poolSize: 10,
			poolMidDays: 11,
			spreadFrom: 'customer',
		});
		expect(explainPrediction(p)).toContain(
			'weighted 50 % against 10 of slow-but-reliable customers in this subsidiary (median 11 days late, 50 %)',
		);
	});

	it('1 customer invoice, k = 3: a quarter of its own, with the segment’s spread', () => {
		// customer 20: Z = 1 / 4; mid = 0.25·20 + 0.75·11 = 13.25 → 13; the segment moved by +2:
		// low 9, mid 13, high 16 → 05-08, 05-12, 05-15 (the fixed rules alone would say the segment: 11)
		const p = predict(history([20], 3));
		expect(p.source).toBe('customer-weighted');
		expect([p.low, p.date, p.high]).toEqual(['2026-05-08', '2026-05-12', '2026-05-15']);
		expect(p.history.credibility?.spreadFrom).toBe('pool');
		expect(predict(history([20], null)).date).toBe('2026-05-10');
	});

	it('without k (the data cannot tell) the fixed rules choose, as before', () => {
		const p = predict(history([0, 6, 8, 10], null));
		expect(p.source).toBe('customer');
		expect([p.low, p.date, p.high]).toEqual(['2026-05-05', '2026-05-07', '2026-05-09']);
	});
});

describe('the subsidiary pools carry k', () => {
	const row = (id: string, paid: string): InvoiceRow => ({
		invoiceId: id,
		tranDate: parseCalendarDate('2026-01-01'),
		dueDate: parseCalendarDate('2026-03-01'),
		amountMinor: 10000,
		fxAmountMinor: 10000,
		openNowMinor: 0,
		fxOpenNowMinor: 0,
		disputed: false,
		application: { on: parseCalendarDate(paid), minor: 10000, kind: 'payment' },
		nativePrediction: null,
	});
	it('from the undisputed paid invoices, customers grouped by segment; the cache keeps it', () => {
		// lateness 0, 2 and 10, 12 in one segment: k = 0.04 (the first case above)
		const rows = new Map([
			['1', [row('a', '2026-03-01'), row('b', '2026-03-03')]],
			['2', [row('c', '2026-03-11'), row('d', '2026-03-13')]],
		]);
		const pools = buildPools(rows, () => 'reliable', parseCalendarDate('2026-05-04'));
		expect(pools.credibilityK).toBe(0.04);
		expect(decodePools(encodePools(pools))).toEqual(pools);
		expect(() => decodePools('{"subsidiary":{"undisputed":[],"disputed":[]},"credibilityK":-1}')).toThrow(
			/credibilityK -1 is not a number ≥ 0/,
		);
	});
});
