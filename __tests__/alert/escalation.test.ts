import { decideEscalation, EscalationInput } from '../../src/TypeScripts/o2c_dso/domain/escalation';
import { m } from '../support/minor';

/** Fired, nothing else: sales 4,000,000.00 in 30 days, past-due A/R flat, terms flat. */
function base(over: Partial<EscalationInput> = {}): EscalationInput {
	return {
		fired: true,
		previousPeriods: [false, false],
		termsDays: { this: 30, prior: 30 },
		overdueMinor: { this: m(100000000), prior: m(100000000) },
		creditSalesThisMinor: m(400000000),
		windowDays: 30,
		...over,
	};
}

describe('decideEscalation', () => {
	it('a fired alert with no cause is not escalated (AR clerk + controller only)', () => {
		const r = decideEscalation(base());
		expect(r).toMatchObject({
			escalated: false,
			causes: [],
			consecutivePeriods: 1,
			termsShiftDays: 0,
			impactMinor: m(0),
			monthlyRevenueMinor: m(400000000),
			impactSharePercent: 0,
		});
	});
	it('an alert that did not fire never escalates, whatever the causes', () => {
		const r = decideEscalation(
			base({ fired: false, previousPeriods: [true, true], termsDays: { this: 60, prior: 30 } }),
		);
		expect(r).toMatchObject({ escalated: false, causes: [], consecutivePeriods: 0 });
	});

	describe('persistence: more than two consecutive periods', () => {
		it('this period + one before (2 periods) does not escalate', () => {
			expect(decideEscalation(base({ previousPeriods: [true, false] }))).toMatchObject({
				escalated: false,
				consecutivePeriods: 2,
			});
		});
		it('this period + the two before (3 periods) escalates', () => {
			const r = decideEscalation(base({ previousPeriods: [true, true] }));
			expect(r).toMatchObject({ escalated: true, causes: ['persistence'], consecutivePeriods: 3 });
			expect(r.why[0]).toContain('3 consecutive periods');
		});
		it('a gap breaks the run: [true, false, true] is 2', () => {
			expect(decideEscalation(base({ previousPeriods: [true, false, true] })).consecutivePeriods).toBe(2);
		});
		it('unknown history (no snapshot) counts as not holding', () => {
			expect(decideEscalation(base({ previousPeriods: [true, null] }))).toMatchObject({
				escalated: false,
				consecutivePeriods: 2,
			});
			expect(decideEscalation(base({ previousPeriods: [] })).consecutivePeriods).toBe(1);
		});
	});

	describe('terms-mix shift toward longer terms (≥ 5.00 days)', () => {
		it('weighted terms 30 → 35 (+5.00) escalates', () => {
			const r = decideEscalation(base({ termsDays: { this: 35, prior: 30 } }));
			expect(r).toMatchObject({ escalated: true, causes: ['terms-mix'], termsShiftDays: 5 });
		});
		it('+4.99 does not', () => {
			expect(decideEscalation(base({ termsDays: { this: 34.99, prior: 30 } }))).toMatchObject({
				escalated: false,
				termsShiftDays: 4.99,
			});
		});
		it('float noise: 35.3 − 30.3 (4.999999999999996) counts as 5.00', () => {
			expect(decideEscalation(base({ termsDays: { this: 35.3, prior: 30.3 } })).causes).toEqual(['terms-mix']);
		});
		it('a shift toward SHORTER terms does not escalate', () => {
			expect(decideEscalation(base({ termsDays: { this: 20, prior: 30 } })).escalated).toBe(false);
		});
		it('unknown terms mix does not escalate', () => {
			expect(decideEscalation(base({ termsDays: { this: null, prior: 30 } }))).toMatchObject({
				escalated: false,
				termsShiftDays: null,
			});
		});
	});

	describe('dollar impact > 5% of monthly revenue', () => {
		// monthly revenue 4,000,000.00 → 5% = 200,000.00
		it('past-due growth of exactly 5% (200,000.00) does not escalate', () => {
			const r = decideEscalation(base({ overdueMinor: { this: m(120000000), prior: m(100000000) } }));
			expect(r).toMatchObject({ escalated: false, impactMinor: m(20000000), impactSharePercent: 5 });
		});
		it('5.01% (200,400.00) escalates', () => {
			const r = decideEscalation(base({ overdueMinor: { this: m(120040000), prior: m(100000000) } }));
			expect(r).toMatchObject({ escalated: true, causes: ['impact'], impactSharePercent: 5.01 });
		});
		it('monthly revenue scales the window to 30 days: W = 60 halves it', () => {
			// sales 4,000,000.00 over 60 days → 2,000,000.00 a month; growth 150,000.00 = 7.5%
			const r = decideEscalation(base({ windowDays: 60, overdueMinor: { this: m(15000000), prior: m(0) } }));
			expect(r).toMatchObject({ monthlyRevenueMinor: m(200000000), impactSharePercent: 7.5, causes: ['impact'] });
		});
		it('no sales: no share, no escalation by impact', () => {
			expect(
				decideEscalation(base({ creditSalesThisMinor: m(0), overdueMinor: { this: m(1), prior: m(0) } })),
			).toMatchObject({ impactSharePercent: null, escalated: false });
		});
	});

	it('every cause that holds is listed, in a fixed order', () => {
		const r = decideEscalation(
			base({
				previousPeriods: [true, true],
				termsDays: { this: 45, prior: 30 },
				overdueMinor: { this: m(300000000), prior: m(0) },
			}),
		);
		expect(r.causes).toEqual(['persistence', 'terms-mix', 'impact']);
		expect(r.why).toHaveLength(3);
	});
});
