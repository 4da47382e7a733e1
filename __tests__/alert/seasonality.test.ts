import { parseCalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import {
	isMonthDay,
	parseSeasonalityRow,
	resolveSeasonality,
	SeasonalityRow,
	SeasonalityRowError,
} from '../../src/TypeScripts/o2c_dso/domain/seasonality';

const d = parseCalendarDate;

function row(from: string, to: string, over: Partial<SeasonalityRow> = {}): SeasonalityRow {
	return { subsidiaryId: null, from, to, action: 'suppress', days: null, note: '', ...over };
}

/** Whether a suppress row covers `date`, as the rule resolves it (subsidiary 1). */
function seasonalityCovers(r: SeasonalityRow, date: ReturnType<typeof d>): boolean {
	return resolveSeasonality([r], 1, date).suppress !== null;
}

describe('seasonality rows cover MM-DD ranges, inclusive', () => {
	const jan = row('01-01', '01-31');
	it.each([
		['2026-01-01', true],
		['2026-01-31', true],
		['2026-01-15', true],
		['2025-12-31', false],
		['2026-02-01', false],
	])('01-01..01-31 at %s → %p', (date, covered) => {
		expect(seasonalityCovers(jan, d(date))).toBe(covered);
	});

	const wrap = row('12-15', '01-15');
	it.each([
		['2026-12-14', false],
		['2026-12-15', true],
		['2026-12-31', true],
		['2027-01-01', true],
		['2027-01-15', true],
		['2027-01-16', false],
		['2026-07-01', false],
	])('year-end wrap 12-15..01-15 at %s → %p', (date, covered) => {
		expect(seasonalityCovers(wrap, d(date))).toBe(covered);
	});

	it('a single day (from = to)', () => {
		expect(seasonalityCovers(row('07-04', '07-04'), d('2026-07-04'))).toBe(true);
		expect(seasonalityCovers(row('07-04', '07-04'), d('2026-07-05'))).toBe(false);
	});

	it('Feb 29: a range ending 02-29 ends on 28 Feb in a non-leap year and covers the 29th in a leap year', () => {
		const feb = row('02-01', '02-29');
		expect(seasonalityCovers(feb, d('2026-02-28'))).toBe(true);
		expect(seasonalityCovers(feb, d('2026-03-01'))).toBe(false);
		expect(seasonalityCovers(feb, d('2028-02-29'))).toBe(true);
	});
	it('Feb 29: a range starting 02-29 starts on 1 Mar in a non-leap year', () => {
		const r = row('02-29', '03-10');
		expect(seasonalityCovers(r, d('2026-02-28'))).toBe(false);
		expect(seasonalityCovers(r, d('2026-03-01'))).toBe(true);
		expect(seasonalityCovers(r, d('2028-02-29'))).toBe(true);
	});
	it('Feb 29: the single day 02-29 applies only in leap years', () => {
		const r = row('02-29', '02-29');
		expect(seasonalityCovers(r, d('2028-02-29'))).toBe(true);
		expect(seasonalityCovers(r, d('2026-02-28'))).toBe(false);
		expect(seasonalityCovers(r, d('2026-03-01'))).toBe(false);
	});
	it('a wrap through Feb 29 (11-01..02-29) covers the whole of February either way', () => {
		const r = row('11-01', '02-29');
		expect(seasonalityCovers(r, d('2026-02-28'))).toBe(true);
		expect(seasonalityCovers(r, d('2028-02-29'))).toBe(true);
		expect(seasonalityCovers(r, d('2026-03-01'))).toBe(false);
	});
});

describe('resolveSeasonality: which rows apply to a subsidiary', () => {
	const accountSuppressJan = row('01-01', '01-31', { id: 10, note: 'post-holiday payment delays' });
	const sub1RaiseJan = row('01-10', '01-20', {
		id: 11,
		subsidiaryId: 1,
		action: 'raise',
		days: 8,
		note: 'sub 1 own January',
	});
	const sub1RaiseJul = row('07-01', '07-31', { id: 12, subsidiaryId: 1, action: 'raise', days: 8 });

	it('account-wide rows apply to every subsidiary', () => {
		const r = resolveSeasonality([accountSuppressJan], 7, d('2026-01-05'));
		expect(r).toMatchObject({ suppress: accountSuppressJan, raise: null, raiseDays: 0, scope: 'account' });
	});
	it("a subsidiary's own covering row wins over the account-wide row, whatever the action", () => {
		const r = resolveSeasonality([accountSuppressJan, sub1RaiseJan], 1, d('2026-01-15'));
		expect(r).toMatchObject({ suppress: null, raise: sub1RaiseJan, raiseDays: 8, scope: 'subsidiary' });
	});
	it('outside its own row the subsidiary falls back to the account-wide rows', () => {
		expect(resolveSeasonality([accountSuppressJan, sub1RaiseJan], 1, d('2026-01-25')).suppress).toBe(
			accountSuppressJan,
		);
	});
	it("another subsidiary's row never applies", () => {
		expect(resolveSeasonality([sub1RaiseJul], 2, d('2026-07-10'))).toMatchObject({
			raise: null,
			raiseDays: 0,
			scope: 'none',
		});
		expect(resolveSeasonality([accountSuppressJan, sub1RaiseJan], 2, d('2026-01-15')).suppress).toBe(
			accountSuppressJan,
		);
	});
	it('several raise rows: the largest days applies (not the sum)', () => {
		const a = row('07-01', '07-31', { id: 1, action: 'raise', days: 3 });
		const b = row('07-10', '07-20', { id: 2, action: 'raise', days: 6 });
		expect(resolveSeasonality([a, b], 1, d('2026-07-15'))).toMatchObject({ raise: b, raiseDays: 6 });
		expect(resolveSeasonality([a, b], 1, d('2026-07-25'))).toMatchObject({ raise: a, raiseDays: 3 });
	});
	it('nothing covers D', () => {
		expect(resolveSeasonality([accountSuppressJan], 1, d('2026-05-04'))).toEqual({
			suppress: null,
			raise: null,
			raiseDays: 0,
			scope: 'none',
		});
	});
});

describe('parseSeasonalityRow: clear errors naming the record and field', () => {
	it('accepts the dataset sample rows', () => {
		expect(
			parseSeasonalityRow({
				id: 1,
				subsidiaryId: null,
				from: '01-01',
				to: '01-31',
				action: 'suppress',
				note: 'post-holiday payment delays',
			}),
		).toEqual({
			id: 1,
			subsidiaryId: null,
			from: '01-01',
			to: '01-31',
			action: 'suppress',
			days: null,
			note: 'post-holiday payment delays',
		});
		expect(
			parseSeasonalityRow({ subsidiaryId: 1, from: '07-01', to: '07-31', action: 'raise', days: 8 }),
		).toMatchObject({ action: 'raise', days: 8, note: '' });
	});
	it('trims and lower-cases the action, accepts days as text', () => {
		expect(parseSeasonalityRow({ from: ' 07-01', to: '07-31 ', action: ' Raise ', days: '8' })).toMatchObject({
			from: '07-01',
			to: '07-31',
			action: 'raise',
			days: 8,
		});
	});
	it.each([
		[{ id: 5, from: '1-1', to: '01-31', action: 'suppress' }, 'seasonality record 5: "from" "1-1"'],
		[{ id: 5, from: '01-01', to: '02-30', action: 'suppress' }, '"to" "02-30"'],
		[{ id: 5, from: '13-01', to: '01-31', action: 'suppress' }, '"from" "13-01"'],
		[{ id: 5, to: '01-31', action: 'suppress' }, '"from" null'],
		[{ id: 5, from: '01-01', to: '01-31', action: 'mute' }, '"action" "mute"'],
		[{ id: 5, from: '01-01', to: '01-31', action: 'raise' }, 'a "raise" row needs "days" > 0'],
		[{ id: 5, from: '01-01', to: '01-31', action: 'raise', days: 0 }, 'a "raise" row needs "days" > 0'],
		[{ id: 5, from: '01-01', to: '01-31', action: 'raise', days: -2 }, 'a "raise" row needs "days" > 0'],
	])('%p', (raw, message) => {
		expect(() => parseSeasonalityRow(raw)).toThrow(SeasonalityRowError);
		expect(() => parseSeasonalityRow(raw)).toThrow(message);
	});
	it('isMonthDay', () => {
		expect(isMonthDay('02-29')).toBe(true);
		expect(isMonthDay('04-31')).toBe(false);
		expect(isMonthDay(101)).toBe(false);
	});
});
