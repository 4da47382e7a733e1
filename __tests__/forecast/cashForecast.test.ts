import fc from 'fast-check';
import { addDays, CalendarDate, parseCalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import {
	expectedWithin,
	forecastPart,
	subsidiaryForecast,
	weekShares,
} from '../../src/TypeScripts/o2c_dso/domain/cashForecast';

const d = (s: string): CalendarDate => parseCalendarDate(s);
const D = d('2026-05-04');

describe('weekShares', () => {
	it('week 1 is D + 1 … D + 7; after D + 91 is after the horizon', () => {
		const s = weekShares(
			[
				{ date: d('2026-05-05'), weight: 1 }, // day 1 → week 1
				{ date: d('2026-05-11'), weight: 1 }, // day 7 → week 1
				{ date: d('2026-05-12'), weight: 1 }, // day 8 → week 2
				{ date: d('2026-08-03'), weight: 1 }, // day 91 → week 13
				{ date: d('2026-08-04'), weight: 4 }, // day 92 → after
			],
			D,
		);
		expect(s).toEqual([0.25, 0.125, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.125, 0.5]);
	});
});

describe('forecastPart', () => {
	it('splits each invoice into whole minor units that add up to its open amount', () => {
		const part = forecastPart(
			[
				{
					openMinor: 10001,
					overdue: true,
					outcomes: [
						{ date: d('2026-05-06'), weight: 1 },
						{ date: d('2026-05-13'), weight: 1 },
					],
				},
			],
			D,
		);
		expect(part.expected.slice(0, 3)).toEqual([5001, 5000, 0]); // largest remainder, tie to the earlier week
		expect(part.spread[0]).toBeCloseTo(5000.5, 9); // 10,001 × √(0.5 × 0.5)
		expect(part).toMatchObject({ overdueBeyond: 0, open: 10001, invoices: 1 });
	});

	it('counts the overdue part expected after the horizon', () => {
		const part = forecastPart(
			[
				{ openMinor: 3000, overdue: true, outcomes: [{ date: d('2026-09-01'), weight: 1 }] },
				{ openMinor: 500, overdue: false, outcomes: [{ date: d('2026-09-01'), weight: 1 }] },
			],
			D,
		);
		expect(part.expected[13]).toBe(3500);
		expect(part.overdueBeyond).toBe(3000);
	});
});

describe('subsidiaryForecast: the band', () => {
	// Customer X: 100.00 paid in week 1 or 2 (one half each): spread 5,000 in both weeks.
	// Customer Y: 200.00 surely in week 1: spread 0. Customers independent: σ week 1 = 5,000.
	const x = forecastPart(
		[
			{
				openMinor: 10000,
				overdue: false,
				outcomes: [
					{ date: d('2026-05-06'), weight: 1 },
					{ date: d('2026-05-13'), weight: 1 },
				],
			},
		],
		D,
	);
	const y = forecastPart([{ openMinor: 20000, overdue: false, outcomes: [{ date: d('2026-05-07'), weight: 1 }] }], D);

	it('is expected ± 0.8416 σ, worked by hand', () => {
		const f = subsidiaryForecast([x, y], D, 'USD');
		expect(f.weeks[0]).toEqual({
			week: 1,
			start: '2026-05-05',
			end: '2026-05-11',
			expected: { minor: 25000, currency: 'USD' },
			low: { minor: 20792, currency: 'USD' }, // 25,000 − 0.8416 × 5,000 = 20,792
			high: { minor: 29208, currency: 'USD' },
		});
		expect(f.weeks[1]).toMatchObject({ expected: { minor: 5000 }, low: { minor: 792 }, high: { minor: 9208 } });
		expect(f.weeks[2]).toMatchObject({ expected: { minor: 0 }, low: { minor: 0 }, high: { minor: 0 } });
		expect(f.weeks[12]).toMatchObject({ week: 13, start: '2026-07-28', end: '2026-08-03' });
		expect(expectedWithin(f, 4).minor).toBe(30000);
		expect(f.open.minor).toBe(30000);
	});

	it("adds two customers' spreads as variances, one customer's invoices as one spread", () => {
		// Two invoices of ONE customer, each half in week 1: spread 5,000 + 5,000 = 10,000 → ±8,416.
		const one = forecastPart(
			[x, x].map(() => ({
				openMinor: 10000,
				overdue: false,
				outcomes: [
					{ date: d('2026-05-06'), weight: 1 },
					{ date: d('2026-05-13'), weight: 1 },
				],
			})),
			D,
		);
		expect(subsidiaryForecast([one], D, 'USD').weeks[0]?.low.minor).toBe(10000 - 8416);
		// The same two invoices at two customers: σ = √(5,000² + 5,000²) = 7,071.07 → ±5,951.
		expect(subsidiaryForecast([x, x], D, 'USD').weeks[0]?.low.minor).toBe(10000 - 5951);
	});

	it('never goes below zero nor above what is open', () => {
		// 100.00 with a 10 % chance in week 1: expected 1,000, σ = 10,000 × 0.3 = 3,000 → 1,000 ± 2,524.8
		const p = forecastPart(
			[
				{
					openMinor: 10000,
					overdue: false,
					outcomes: [
						{ date: d('2026-05-06'), weight: 1 },
						{ date: d('2026-09-06'), weight: 9 },
					],
				},
			],
			D,
		);
		const f = subsidiaryForecast([p], D, 'USD');
		expect(f.weeks[0]).toMatchObject({ expected: { minor: 1000 }, low: { minor: 0 }, high: { minor: 3525 } });
		expect(f.beyondHorizon.minor).toBe(9000);
		const sure = subsidiaryForecast(
			[forecastPart([{ openMinor: 50, overdue: false, outcomes: [{ date: d('2026-05-05'), weight: 1 }] }], D)],
			D,
			'USD',
		);
		expect(sure.weeks[0]?.high.minor).toBe(50);
	});

	it('a subsidiary with nothing open has 13 zero weeks', () => {
		const f = subsidiaryForecast([], D, 'EUR');
		expect(f.weeks).toHaveLength(13);
		expect(f.weeks.every((w) => w.expected.minor === 0 && w.high.minor === 0)).toBe(true);
	});

	it('weeks plus after-the-horizon always add up to the open amount, to the minor unit', () => {
		const outcome = fc.record({
			offset: fc.integer({ min: -5, max: 200 }),
			weight: fc.integer({ min: 1, max: 9 }),
		});
		const inv = fc.record({
			openMinor: fc.integer({ min: 1, max: 1e9 }),
			overdue: fc.boolean(),
			outcomes: fc.array(outcome, { minLength: 1, maxLength: 6 }),
		});
		fc.assert(
			fc.property(fc.array(fc.array(inv, { maxLength: 5 }), { maxLength: 6 }), (customers) => {
				const parts = customers.map((list) =>
					forecastPart(
						list.map((i) => ({
							...i,
							outcomes: i.outcomes.map((o) => ({ date: addDays(D, o.offset), weight: o.weight })),
						})),
						D,
					),
				);
				const f = subsidiaryForecast(parts, D, 'USD');
				const total = f.weeks.reduce((s, w) => s + w.expected.minor, 0) + f.beyondHorizon.minor;
				expect(total).toBe(f.open.minor);
				for (const w of f.weeks)
					expect(w.low.minor <= w.expected.minor && w.expected.minor <= w.high.minor).toBe(true);
				expect(f.overdueBeyondHorizon.minor).toBeLessThanOrEqual(f.beyondHorizon.minor);
			}),
			{ numRuns: 200 },
		);
	});
});
