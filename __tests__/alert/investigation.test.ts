import { money } from '../../src/TypeScripts/o2c_dso/domain/money';
import {
	investigate,
	InvestigationCustomer,
	InvestigationInput,
	TermsMixEntry,
} from '../../src/TypeScripts/o2c_dso/domain/investigation';
import { agingOf, Buckets, m } from '../support/minor';

const aging = agingOf;

function customer(
	id: number,
	name: string,
	thisA: Buckets,
	priorA: Buckets | null,
	util: number | null = null,
): InvestigationCustomer {
	return {
		id,
		name,
		aging: { this: aging(thisA), prior: priorA === null ? null : aging(priorA) },
		creditUtilisation: util,
		creditLimit: util === null ? null : money(100000000, 'USD'),
		maxDaysOverdue: null,
	};
}

// The example: the over-60 amount goes from $810k to $2.14m. Here in the 61-90 bucket:
// 81,000,000 → 214,000,000 minor (+133,000,000).
const customers: InvestigationCustomer[] = [
	customer(1, 'Premier Construction Inc', { '61-90': 120000000 }, { '61-90': 10000000 }, 0.92), // +110,000,000
	customer(2, 'Beta Supply', { '61-90': 30000000, '31-60': 5000000 }, { '61-90': 20000000 }, 0.5), // +10,000,000
	customer(3, 'Gamma LLC', { '61-90': 20000000 }, { '61-90': 11000000 }), // +9,000,000
	customer(4, 'Delta & Sons', { '61-90': 24000000 }, { '61-90': 20000000 }, 0.85), // +4,000,000 (85% exactly: high)
	customer(5, 'Epsilon', { '61-90': 10000000 }, { '61-90': 8000000 }, 0.849), // +2,000,000 (84.9%: not high)
	customer(6, 'Zeta', { '61-90': 10000000 }, { '61-90': 9000000 }), // +1,000,000 (6th: not listed)
	customer(7, 'Eta', { '61-90': 0 }, { '61-90': 3000000 }), // −3,000,000
	customer(8, 'Theta', { '31-60': 5000000 }, { '31-60': 5000000 }, 0.9), // no growth; delinquent at 90%
];
const input: InvestigationInput = {
	currency: 'USD',
	aging: {
		this: aging({ current: 300000000, '1-30': 150000000, '31-60': 90000000, '61-90': 214000000, '90+': 28000000 }),
		prior: aging({ current: 290000000, '1-30': 140000000, '31-60': 100000000, '61-90': 81000000, '90+': 3000000 }),
	},
	customers,
	termsMix: {
		this: [
			{ label: 'Net 30', days: 30, amountMinor: m(200000000) },
			{ label: 'Net 60', days: 60, amountMinor: m(200000000) },
		],
		prior: [
			{ label: 'Net 30', days: 30, amountMinor: m(300000000) },
			{ label: 'Net 60', days: 60, amountMinor: m(100000000) },
		],
	},
	cashApplicationRate: { this: 0.8, prior: 0.95 },
	leadTimeDays: { this: 6, prior: 3.5 },
};

describe('investigate: the issue example, hand-computed', () => {
	const r = investigate(input);
	it('lists every bucket this vs prior with change and percent', () => {
		expect(r.buckets.map((b) => b.label)).toEqual(['current', '1-30', '31-60', '61-90', '90+']);
		expect(r.buckets[3]).toEqual({
			label: '61-90',
			thisMinor: m(214000000),
			priorMinor: m(81000000),
			changeMinor: m(133000000),
			changePercent: (133000000 / 81000000) * 100,
		});
		expect(r.buckets[2]?.changeMinor).toBe(-10000000);
	});
	it('finds the overdue bucket that grew most: 61-90 (+1,330,000.00), not current or 90+ (+250,000.00)', () => {
		expect(r.grewBucket?.label).toBe('61-90');
	});
	it("top five contributors with their share of the customers' increases (+1,360,000.00; Eta fell 30,000.00: net +1,330,000.00)", () => {
		expect(r.growthBreakdown).toEqual({
			increasesMinor: m(136000000),
			decreasesMinor: m(3000000),
			customersUp: 6,
			customersDown: 1,
		});
		expect(r.topContributors.map((c) => [c.customerId, c.growthMinor])).toEqual([
			[1, 110000000],
			[2, 10000000],
			[3, 9000000],
			[4, 4000000],
			[5, 2000000],
		]);
		expect(r.topContributors[0]?.sharePercent).toBeCloseTo(80.882352941, 6); // 110 / 136
		expect(r.topContributors[4]?.sharePercent).toBeCloseTo(1.470588235, 6); // 2 / 136
	});
	it('terms mix: weighted terms 45.00 vs 37.50 days (+7.50) shifted toward longer terms', () => {
		expect(r.termsMix).toMatchObject({
			weightedDays: { this: 45, prior: 37.5 },
			shiftDays: 7.5,
			shiftedLonger: true,
		});
		expect(r.termsMix?.rows).toEqual([
			{ label: 'Net 30', days: 30, shareThis: 50, sharePrior: 75 },
			{ label: 'Net 60', days: 60, shareThis: 50, sharePrior: 25 },
		]);
	});
	it('triple threat: delinquent (> 30 days past due) and utilisation ≥ 85%: Premier (92%), Delta (85.0%) and Theta (90%), not Epsilon (84.9%) or Beta (50%)', () => {
		expect(r.tripleThreat.map((t) => [t.customerId, t.delinquentMinor])).toEqual([
			[1, 120000000],
			[4, 24000000],
			[8, 5000000],
		]);
	});
	it('cash application 80% vs 95% (−15 points) and lead time 6 vs 3.5 days (+2.5)', () => {
		expect(r.cashApplication).toEqual({ this: 80, prior: 95, change: -15 });
		expect(r.leadTime).toEqual({ this: 6, prior: 3.5, change: 2.5 });
	});
	it('recommends every action that applies, with the customers to link', () => {
		expect(r.actions.map((a) => a.kind)).toEqual([
			'call-top-contributors',
			'review-credit',
			'review-terms',
			'apply-cash',
			'billing-backlog',
			'review-aging',
		]);
		expect(r.actions[0]?.customerIds).toEqual([1, 2, 3, 4, 5]);
		// Premier and Delta are triple threats too: called once, the credit hold said in the same line
		expect(r.actions[0]?.text).toContain(
			'Premier Construction Inc (80.9% of the increases; also more than 30 days past due at 92% of its credit limit: hold new orders until it pays)',
		);
		expect(r.actions[0]?.text).toContain(
			'Delta & Sons (2.9% of the increases; also more than 30 days past due at 85%',
		);
		expect(r.actions[0]?.text).toContain('Beta Supply (7.4% of the increases)');
		// the credit review names only the triple threat not called: Theta
		expect(r.actions[1]?.customerIds).toEqual([8]);
		expect(r.actions[1]?.text).toBe(
			'Review credit for the customer not called above both more than 30 days past due and at 85% or more of their credit limit; consider holding new orders until they pay: Theta.',
		);
		const named = r.actions.flatMap((a) => a.customerIds);
		expect(new Set(named).size).toBe(named.length);
		expect(r.actions[2]?.text).toContain('from 37.5 to 45.0 days');
		expect(r.actions[3]?.text).toContain('80.0% of the receipts');
		expect(r.actions[4]?.text).toContain('6.0 days on average to be invoiced (prior 3.5)');
	});
});

describe('investigation edge cases', () => {
	it('no prior aging: no bucket growth, no contributors, only the aging action', () => {
		const r = investigate({
			...input,
			aging: { this: input.aging.this, prior: null },
			customers: [],
			termsMix: { this: null, prior: null },
			cashApplicationRate: { this: null, prior: null },
			leadTimeDays: { this: null, prior: null },
		});
		expect(r).toMatchObject({
			grewBucket: null,
			topContributors: [],
			termsMix: null,
			tripleThreat: [],
			cashApplication: { change: null },
			leadTime: { change: null },
		});
		expect(r.actions.map((a) => a.kind)).toEqual(['review-aging']);
		expect(r.buckets[0]).toMatchObject({ priorMinor: null, changeMinor: null, changePercent: null });
	});
	it('only `current` grew: no overdue bucket grew', () => {
		const r = investigate({ ...input, aging: { this: aging({ current: 10 }), prior: aging({ current: 5 }) } });
		expect(r.grewBucket).toBeNull();
	});
	it('a tie in growth picks the older bucket', () => {
		const r = investigate({ ...input, aging: { this: aging({ '1-30': 10, '90+': 10 }), prior: aging() } });
		expect(r.grewBucket?.label).toBe('90+');
	});
	it('a customer without prior aging (new customer) counts from zero; ties sort by name', () => {
		const rows = investigate({
			...input,
			aging: { this: aging({ '90+': 10 }), prior: aging() },
			customers: [customer(9, 'b', { '90+': 5 }, null), customer(8, 'a', { '90+': 5 }, { '90+': 0 })],
		}).topContributors;
		expect(rows.map((c) => [c.name, c.sharePercent])).toEqual([
			['a', 50],
			['b', 50],
		]);
	});
	const termsOf = (thisMix: TermsMixEntry[] | null, prior: TermsMixEntry[] | null) =>
		investigate({ ...input, termsMix: { this: thisMix, prior } }).termsMix;
	it('weighted terms ignore sales without terms; null when nothing is known', () => {
		const mix = [
			{ label: 'No terms', days: null, amountMinor: m(100) },
			{ label: 'Net 10', days: 10, amountMinor: m(100) },
			{ label: 'Net 90', days: 90, amountMinor: m(0) },
		];
		expect(termsOf(mix, null)?.weightedDays.this).toBe(10);
		expect(termsOf([], null)?.weightedDays.this).toBeNull();
		expect(termsOf(null, mix)).toBeNull();
	});
	it('terms shift boundary: +4.99 is not structural, +5.00 is', () => {
		const prior = [{ label: 'Net 30', days: 30, amountMinor: m(100) }];
		expect(termsOf([{ label: 'x', days: 34.99, amountMinor: m(100) }], prior)?.shiftedLonger).toBe(false);
		expect(termsOf([{ label: 'x', days: 35, amountMinor: m(100) }], prior)?.shiftedLonger).toBe(true);
		expect(
			termsOf(
				[{ label: 'x', days: 35.3, amountMinor: m(100) }],
				[{ label: 'y', days: 30.3, amountMinor: m(100) }],
			)?.shiftDays,
		).toBe(5);
	});
	it('the credit action names at most 10 customers ("and N more")', () => {
		const many = Array.from({ length: 12 }, (_, i) =>
			customer(100 + i, `C${String(i)}`, { '31-60': 100 - i }, null, 0.9),
		);
		const a = investigate({ ...input, customers: many }).actions.find((x) => x.kind === 'review-credit');
		expect(a?.text).toContain('C9 and 2 more.');
		expect(a?.customerIds).toHaveLength(10);
	});
	it('triple threat needs an amount more than 30 days past due (1-30 only is not delinquent)', () => {
		const threats = (c: InvestigationCustomer) => investigate({ ...input, customers: [c] }).tripleThreat;
		expect(threats(customer(1, 'A', { '1-30': 100 }, null, 1.2))).toEqual([]);
		expect(threats(customer(1, 'A', { '31-60': 100 }, null, 1.2))).toHaveLength(1);
	});
	it('cash application boundary: −5.00 points triggers the action, −4.99 does not; lead time +2.00 does, +1.99 does not', () => {
		const kinds = (ca: [number, number], lt: [number, number]): string[] =>
			investigate({
				...input,
				cashApplicationRate: { this: ca[0], prior: ca[1] },
				leadTimeDays: { this: lt[0], prior: lt[1] },
			}).actions.map((a) => a.kind);
		expect(kinds([0.9, 0.95], [5, 3])).toEqual(expect.arrayContaining(['apply-cash', 'billing-backlog']));
		expect(kinds([0.9001, 0.95], [4.99, 3])).not.toEqual(expect.arrayContaining(['apply-cash']));
		expect(kinds([0.9001, 0.95], [4.99, 3])).not.toEqual(expect.arrayContaining(['billing-backlog']));
	});
});
