import { parseCalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import { AlertRuleInput, evaluateAlertRule } from '../../src/TypeScripts/o2c_dso/domain/alertRule';
import { toHundredths } from '../../src/TypeScripts/o2c_dso/domain/rounding';
import { SeasonalityRow } from '../../src/TypeScripts/o2c_dso/domain/seasonality';

const d = parseCalendarDate;

function input(dsoThis: number | null, dsoPrior: number | null, over: Partial<AlertRuleInput> = {}): AlertRuleInput {
	return {
		subsidiaryId: 1,
		asOf: d('2026-05-04'),
		dso: { this: dsoThis, prior: dsoPrior },
		settings: { enabled: true, thresholdDays: 10, floorDays: 30 },
		seasonality: [],
		...over,
	};
}

const suppressMay: SeasonalityRow = {
	id: 1,
	subsidiaryId: null,
	from: '05-01',
	to: '05-31',
	action: 'suppress',
	days: null,
	note: 'May close',
};
const raiseMay5: SeasonalityRow = {
	id: 2,
	subsidiaryId: null,
	from: '05-01',
	to: '05-31',
	action: 'raise',
	days: 5,
	note: 'spring terms',
};

describe('evaluateAlertRule: the threshold is strict ("more than"), compared in hundredths', () => {
	it('the issue example fires: 58.36 vs 47.23 is +11.13 > 10', () => {
		const r = evaluateAlertRule(input(58.358208955, 47.230769231));
		expect(r).toMatchObject({
			fired: true,
			reason: 'threshold',
			delta: 11.13,
			thresholdApplied: 10,
			floorDays: 30,
			seasonalityRow: null,
		});
	});
	it('a rise of exactly 10.0 does not fire (below-threshold)', () => {
		expect(evaluateAlertRule(input(45, 35))).toMatchObject({ fired: false, reason: 'below-threshold', delta: 10 });
	});
	it('a rise of 10.1 fires', () => {
		expect(evaluateAlertRule(input(45.1, 35))).toMatchObject({ fired: true, reason: 'threshold', delta: 10.1 });
	});
	it('float noise does not decide: 32.2 − 22.2 = 10.000000000000004 in binary is a rise of 10.00, quiet', () => {
		expect(32.2 - 22.2).toBeGreaterThan(10);
		expect(evaluateAlertRule(input(32.2, 22.2))).toMatchObject({
			fired: false,
			reason: 'below-threshold',
			delta: 10,
		});
	});
	it('float noise the other way: 45.1 − 35 = 10.100000000000001 and 30.4 − 20.3 = 10.099999999999998 both fire as 10.10', () => {
		expect(30.4 - 20.3).toBeLessThan(10.1);
		expect(evaluateAlertRule(input(45.1, 35))).toMatchObject({ fired: true, delta: 10.1 });
		expect(evaluateAlertRule(input(30.4, 20.3))).toMatchObject({ fired: true, delta: 10.1 });
		expect(evaluateAlertRule(input(40.3, 30.3))).toMatchObject({ fired: false, delta: 10 });
	});
	it('hundredths: 10.01 fires, 10.004 rounds to 10.00 and does not, 10.005 rounds to 10.01 and does', () => {
		expect(evaluateAlertRule(input(40.01, 30)).fired).toBe(true);
		expect(evaluateAlertRule(input(40.004, 30))).toMatchObject({ fired: false, delta: 10 });
		expect(evaluateAlertRule(input(40.005, 30))).toMatchObject({ fired: true, delta: 10.01 });
	});
	it('a fall in DSO is below-threshold with a negative delta', () => {
		expect(evaluateAlertRule(input(40, 55))).toMatchObject({ fired: false, reason: 'below-threshold', delta: -15 });
	});
});

describe('evaluateAlertRule: the floor (dso.this must be strictly above it)', () => {
	it('18 → 24 stays quiet even with a low threshold: below-floor', () => {
		const r = evaluateAlertRule(input(24, 18, { settings: { enabled: true, thresholdDays: 3, floorDays: 30 } }));
		expect(r).toMatchObject({ fired: false, reason: 'below-floor', delta: 6 });
	});
	it('dso.this exactly at the floor (30.00) with a +15 rise is below-floor; 30.01 fires', () => {
		expect(evaluateAlertRule(input(30, 15))).toMatchObject({ fired: false, reason: 'below-floor' });
		expect(evaluateAlertRule(input(30.01, 15))).toMatchObject({ fired: true, reason: 'threshold' });
		expect(evaluateAlertRule(input(30.004, 15))).toMatchObject({ fired: false, reason: 'below-floor' });
	});
	it("below the floor AND below the threshold reports below-floor (the contract's order)", () => {
		expect(evaluateAlertRule(input(20, 19)).reason).toBe('below-floor');
	});
	it('above the floor and below the threshold reports below-threshold', () => {
		expect(evaluateAlertRule(input(50, 45)).reason).toBe('below-threshold');
	});
});

describe('evaluateAlertRule: no sales and disabled', () => {
	it('no credit sales in the current window (dso.this null) → no-sales, delta null', () => {
		expect(evaluateAlertRule(input(null, 40))).toMatchObject({
			fired: false,
			reason: 'no-sales',
			delta: null,
			conditionMet: false,
		});
	});
	it('no credit sales in the prior window (dso.prior null) → no-sales', () => {
		expect(evaluateAlertRule(input(80, null))).toMatchObject({ fired: false, reason: 'no-sales', delta: null });
	});
	it('disabled wins over everything, even a rule that would fire or no sales', () => {
		const off = { settings: { enabled: false, thresholdDays: 10, floorDays: 30 } };
		expect(evaluateAlertRule(input(58.36, 47.23, off))).toMatchObject({
			fired: false,
			reason: 'disabled',
			delta: 11.13,
			conditionMet: true,
		});
		expect(evaluateAlertRule(input(null, null, off)).reason).toBe('disabled');
	});
	it('no-sales wins over seasonality', () => {
		expect(evaluateAlertRule(input(null, 40, { seasonality: [suppressMay] })).reason).toBe('no-sales');
	});
});

describe('evaluateAlertRule: seasonality', () => {
	it('a suppress row covering D turns a firing rule into seasonality (not fired) and names the row', () => {
		const r = evaluateAlertRule(input(58.36, 47.23, { seasonality: [suppressMay] }));
		expect(r).toMatchObject({
			fired: false,
			reason: 'seasonality',
			conditionMet: true,
			seasonalityRow: suppressMay,
		});
	});
	it('a suppress row does not change a quiet result: below-threshold / below-floor keep their reason', () => {
		expect(evaluateAlertRule(input(50, 45, { seasonality: [suppressMay] })).reason).toBe('below-threshold');
		expect(evaluateAlertRule(input(25, 5, { seasonality: [suppressMay] })).reason).toBe('below-floor');
	});
	it('a suppress row not covering D has no effect', () => {
		expect(
			evaluateAlertRule(input(58.36, 47.23, { asOf: d('2026-06-01'), seasonality: [suppressMay] })).reason,
		).toBe('threshold');
	});
	it('a raise row adds its days: threshold 15; +15.00 quiet, +15.01 fires, and the row is reported', () => {
		const quiet = evaluateAlertRule(input(50, 35, { seasonality: [raiseMay5] }));
		expect(quiet).toMatchObject({
			fired: false,
			reason: 'below-threshold',
			thresholdApplied: 15,
			seasonalityRow: raiseMay5,
		});
		const fires = evaluateAlertRule(input(50.01, 35, { seasonality: [raiseMay5] }));
		expect(fires).toMatchObject({
			fired: true,
			reason: 'threshold',
			thresholdApplied: 15,
			seasonalityRow: raiseMay5,
		});
	});
	it('a raise and a suppress row together: suppress wins when the raised rule would still fire', () => {
		const r = evaluateAlertRule(input(60, 40, { seasonality: [raiseMay5, suppressMay] }));
		expect(r).toMatchObject({ reason: 'seasonality', thresholdApplied: 15, seasonalityRow: suppressMay });
	});
	it('fractional raise days: 10 + 2.5 = 12.5', () => {
		const row: SeasonalityRow = { ...raiseMay5, days: 2.5 };
		expect(evaluateAlertRule(input(42.5, 30, { seasonality: [row] }))).toMatchObject({
			fired: false,
			thresholdApplied: 12.5,
		});
		expect(evaluateAlertRule(input(42.51, 30, { seasonality: [row] }))).toMatchObject({
			fired: true,
			thresholdApplied: 12.5,
		});
	});
	it('year-end wrap: a 12-15..01-15 suppress row covers 31 Dec and 10 Jan, not 16 Jan', () => {
		const wrap: SeasonalityRow = {
			id: 3,
			subsidiaryId: null,
			from: '12-15',
			to: '01-15',
			action: 'suppress',
			days: null,
			note: 'holidays',
		};
		expect(evaluateAlertRule(input(60, 40, { asOf: d('2026-12-31'), seasonality: [wrap] })).reason).toBe(
			'seasonality',
		);
		expect(evaluateAlertRule(input(60, 40, { asOf: d('2027-01-10'), seasonality: [wrap] })).reason).toBe(
			'seasonality',
		);
		expect(evaluateAlertRule(input(60, 40, { asOf: d('2027-01-16'), seasonality: [wrap] })).reason).toBe(
			'threshold',
		);
	});
});

describe('toHundredths', () => {
	it.each([
		[10, 1000],
		[10.1, 1010],
		[9.999999999999996, 1000],
		[10.005, 1001],
		[-10.005, -1001],
		[0.1 + 0.2, 30],
	])('%p → %p', (x, h) => {
		expect(toHundredths(x)).toBe(h);
	});
	it('rejects NaN and Infinity', () => {
		expect(() => toHundredths(Number.NaN)).toThrow('not a finite');
		expect(() => toHundredths(Number.POSITIVE_INFINITY)).toThrow('not a finite');
	});
});
