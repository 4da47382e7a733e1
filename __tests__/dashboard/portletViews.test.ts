/**
 * The portlet use cases over fake ports (app/dashboard/buildViews.ts) and their renderers
 * (domain/dashboard/portlets.ts): which figures each view holds, the DSO trend's alert level and
 * seasonality bands, promise counts, and that every stored text is escaped.
 */
import {
	buildAgingView,
	buildKpiView,
	buildTrendView,
	buildWorklistView,
	latestPerSubsidiary,
	promiseStats,
} from '../../src/TypeScripts/o2c_dso/app/dashboard/buildViews';
import type { DashboardLinks, DashboardReader, WorklistRow } from '../../src/TypeScripts/o2c_dso/app/dashboard/ports';
import {
	renderAgingPortlet,
	renderKpiPortlet,
	renderTrendPortlet,
	renderWorklistPortlet,
} from '../../src/TypeScripts/o2c_dso/domain/dashboard/portlets';
import type { SnapshotPoint } from '../../src/TypeScripts/o2c_dso/domain/dashboard/views';
import { addDays, parseCalendarDate, type CalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import { parseSeasonalityRow } from '../../src/TypeScripts/o2c_dso/domain/seasonality';

const TODAY = parseCalendarDate('2026-05-04');
const HOSTILE = '<script>alert(1)</script> & "Co"';

function point(sub: number, date: CalendarDate, over: Partial<SnapshotPoint> = {}): SnapshotPoint {
	return {
		subsidiaryId: sub,
		subsidiaryName: sub === 1 ? HOSTILE : 'EU',
		currency: sub === 1 ? 'USD' : 'EUR',
		date,
		arBalanceMinor: 1000000,
		windowDays: 30,
		dso: 40,
		dsoPrior: 30,
		dsoDelta: 10,
		countback: 42,
		bestPossible: 20,
		averageDaysDelinquent: 20,
		ceiMonthToDate: 80,
		ceiLastMonth: 75,
		aging: { current: 500000, '1-30': 250000, '31-60': 125000, '61-90': 75000, '90+': 50000 },
		agingWeekChange: { current: -10000, '1-30': 20000, '31-60': 0, '61-90': 0, '90+': 5000 },
		...over,
	};
}

function reader(points: SnapshotPoint[], over: Partial<DashboardReader> = {}): DashboardReader {
	return {
		today: () => TODAY,
		snapshots: (from, to) => points.filter((p) => p.date >= from && p.date <= to),
		oldestCustomers: (sub) =>
			sub === 1 ? [{ customerId: 7, name: HOSTILE, over90Minor: 40000, days61to90Minor: 10000 }] : [],
		alertSettingRows: () => [],
		seasonality: () => ({ rows: [], errors: [] }),
		firedDays: () => [],
		worklist: () => ({ rows: [], candidates: 0 }),
		segmentStats: () => [],
		promiseCounts: () => null,
		...over,
	};
}

const links: DashboardLinks = {
	customer: (id) => `/app/common/entity/custjob.nl?id=${String(id)}`,
	invoice: (id) => `/app/accounting/transactions/custinvc.nl?id=${String(id)}`,
	drilldown: (q) =>
		`/app/site/hosting/scriptlet.nl?script=s&deploy=d&bucket=${encodeURIComponent(q.bucket ?? 'open')}&subsidiary=${String(q.subsidiaryId ?? '')}`,
};

function days(n: number): CalendarDate[] {
	return Array.from({ length: n }, (_x, i) => addDays(TODAY, -(n - 1 - i)));
}

describe('A/R aging', () => {
	test('the latest snapshot per subsidiary, largest A/R first; buckets link to the drill-down', () => {
		const pts = [
			point(1, addDays(TODAY, -1), { arBalanceMinor: 5 }),
			point(1, TODAY),
			point(2, addDays(TODAY, -3), { arBalanceMinor: 2000000 }),
		];
		expect(latestPerSubsidiary(pts).map((p) => [p.subsidiaryId, p.date])).toEqual([
			[2, '2026-05-01'],
			[1, '2026-05-04'],
		]);
		const v = buildAgingView(reader(pts), links);
		expect(v.subsidiaries.map((s) => s.id)).toEqual([2, 1]);
		const us = v.subsidiaries[1];
		expect(us?.buckets.map((b) => [b.bucket, b.minor, b.drillUrl])).toEqual([
			['current', 500000, '/app/site/hosting/scriptlet.nl?script=s&deploy=d&bucket=current&subsidiary=1'],
			['1-30', 250000, '/app/site/hosting/scriptlet.nl?script=s&deploy=d&bucket=1-30&subsidiary=1'],
			['31-60', 125000, '/app/site/hosting/scriptlet.nl?script=s&deploy=d&bucket=31-60&subsidiary=1'],
			['61-90', 75000, '/app/site/hosting/scriptlet.nl?script=s&deploy=d&bucket=61-90&subsidiary=1'],
			['90+', 50000, '/app/site/hosting/scriptlet.nl?script=s&deploy=d&bucket=90%2B&subsidiary=1'],
		]);
		expect(us?.oldest[0]).toMatchObject({
			customerId: 7,
			over90Minor: 40000,
			customerUrl: '/app/common/entity/custjob.nl?id=7',
		});
	});

	test('the HTML: amounts in whole units, shares of the open total, week-over-week, escaped names', () => {
		const html = renderAgingPortlet(buildAgingView(reader([point(1, TODAY)]), links), 'wide');
		expect(html.startsWith('<td>')).toBe(true);
		expect(html).toContain('>5,000</a>'); // current 500000 minor
		expect(html).toContain('>50%</td>'); // 5,000 of 10,000
		expect(html).toContain('>+200</td>'); // 1-30 week change
		expect(html).toContain('>10,000</a>'); // open invoices
		expect(html).toContain('80%'); // 400 of the 500 over 90
		expect(html).not.toMatch(/<script|<img|onerror/);
		expect(html).toContain('&lt;script&gt;alert(1)&lt;&#x2F;script&gt; &amp; &quot;Co&quot;');
	});

	test('no snapshot yet: says so instead of drawing zeros', () => {
		expect(renderAgingPortlet(buildAgingView(reader([]), links), 'narrow')).toContain(
			'No A&#x2F;R snapshot is stored yet',
		);
	});
});

describe('DSO trend', () => {
	const ds = days(90);
	const pts = ds.map((d, i) => point(1, d, { dso: 30 + i / 10, dsoPrior: 30, countback: 31 }));

	test('alert level = prior-window DSO + threshold (+ a raise row), none while suppressed; fired days by index', () => {
		const rows = [
			parseSeasonalityRow({
				id: 1,
				subsidiaryId: null,
				from: '04-01',
				to: '04-03',
				action: 'suppress',
				note: 'Easter',
			}),
			parseSeasonalityRow({
				id: 2,
				subsidiaryId: 1,
				from: '04-20',
				to: '04-21',
				action: 'raise',
				days: 5,
				note: 'Quarter end',
			}),
		];
		const v = buildTrendView(
			reader(pts, {
				alertSettingRows: () => [{ subsidiaryId: null, thresholdDays: 8, floorDays: 25 }],
				seasonality: () => ({ rows, errors: [] }),
				firedDays: () => [
					{ subsidiaryId: 1, date: TODAY },
					{ subsidiaryId: 2, date: TODAY },
				],
			}),
			links,
		);
		const s = v.subsidiaries[0];
		if (!s) throw new Error('no subsidiary');
		const at = (date: string): number => ds.indexOf(parseCalendarDate(date));
		expect(s.days).toHaveLength(90);
		expect(s.thresholdDays).toBe(8);
		expect(s.floorDays).toBe(25);
		expect(s.alertLevel[at('2026-03-31')]).toBe(38);
		expect(s.alertLevel[at('2026-04-02')]).toBeNull();
		expect(s.alertLevel[at('2026-04-20')]).toBe(43);
		expect(s.seasons).toEqual([
			{ from: at('2026-04-01'), to: at('2026-04-03'), action: 'suppress', note: 'Easter' },
			{ from: at('2026-04-20'), to: at('2026-04-21'), action: 'raise', note: 'Quarter end (+5 days)' },
		]);
		expect(s.firedDays).toEqual([89]);
		expect(s.latest).toMatchObject({ date: '2026-05-04', dso: 38.9 });
	});

	test('an invalid setting or seasonality row is named on the chart, which falls back to the defaults', () => {
		const v = buildTrendView(
			reader(pts, {
				alertSettingRows: () => [{ id: 9, subsidiaryId: null, thresholdDays: -3 }],
				seasonality: () => ({
					rows: [],
					errors: [{ subsidiaryId: null, message: 'Seasonality 4: from "13-01" is not MM-DD' }],
				}),
			}),
			links,
		);
		const s = v.subsidiaries[0];
		expect(s?.thresholdDays).toBe(10);
		expect(s?.configProblem).toMatch(
			/uses the default threshold and floor\); Seasonality 4: from "13-01" is not MM-DD$/,
		);
	});

	test('the chart is one inline SVG per subsidiary, narrower in a side column, with no script', () => {
		const v = buildTrendView(reader(pts, { firedDays: () => [{ subsidiaryId: 1, date: TODAY }] }), links);
		const wide = renderTrendPortlet(v, 'wide');
		const narrow = renderTrendPortlet(v, 'narrow');
		expect(wide).toContain('width="520" height="170"');
		expect(narrow).toContain('width="280" height="130"');
		expect(narrow.match(/<svg[^>]*role="img"/g)).toHaveLength(1);
		expect(narrow).toContain('Alert fired on 2026-05-04');
		expect(narrow).toContain('DSO 38.9 days on 2026-05-04 (prior window 30.0, +10.0)');
		expect(narrow).not.toMatch(/<script|javascript:|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
	});
});

describe('collections worklist', () => {
	const row = (id: number, over: Partial<WorklistRow> = {}): WorklistRow => ({
		customerId: id,
		name: id === 1 ? HOSTILE : `Customer ${String(id)}`,
		subsidiaryName: 'US',
		currency: 'USD',
		score: 20,
		segment: 'at-risk',
		overdueMinor: 100000 * id,
		maxDaysOverdue: 40,
		promisesOpen: 0,
		promisedMinor: 0,
		nextPromise: null,
		asOf: TODAY,
		...over,
	});

	test('rows keep the reader\'s order; last contact is "not recorded" until a source exists', () => {
		const r = reader([], {
			worklist: () => ({
				rows: [row(3), row(1, { promisesOpen: 2, nextPromise: parseCalendarDate('2026-05-10') })],
				candidates: 17,
			}),
		});
		const v = buildWorklistView(r, links, { lastContacts: () => undefined }, 10);
		expect(v).toMatchObject({ candidates: 17, contactsRecorded: false, asOf: '2026-05-04' });
		expect(v.rows.map((x) => [x.customerId, x.promise])).toEqual([
			[3, null],
			[1, { count: 2, nextDate: '2026-05-10', amountMinor: 0 }],
		]);
		const html = renderWorklistPortlet(v, 'wide');
		expect(html).toContain('USD 3,000');
		expect(html).toContain('2 pending, next 2026-05-10');
		expect(html).toContain('Last contact is not recorded yet');
		expect(html).toContain('2 of 17 customers with an overdue balance');
		expect(html).not.toMatch(/<script/);
		const narrow = renderWorklistPortlet(v, 'narrow');
		expect(narrow).not.toContain('Promise to pay');
	});

	test('once contacts are recorded, each row shows its own (or none)', () => {
		const r = reader([], { worklist: () => ({ rows: [row(3), row(4)], candidates: 2 }) });
		const v = buildWorklistView(
			r,
			links,
			{
				lastContacts: () =>
					new Map([[3, { date: parseCalendarDate('2026-05-02'), outcome: 'Promised to pay' }]]),
			},
			10,
		);
		expect(v.rows.map((x) => x.lastContact)).toEqual([{ date: '2026-05-02', outcome: 'Promised to pay' }, null]);
		expect(renderWorklistPortlet(v, 'wide')).toContain('2026-05-02: Promised to pay');
	});
});

describe('KPIs and promises', () => {
	test('promise counts: due in the next 7 days, kept and broken of the last 30, past their date without an outcome', () => {
		const d = (s: string): CalendarDate => parseCalendarDate(s);
		expect(
			promiseStats(
				[
					{ status: 'pending', promisedDate: d('2026-05-04'), count: 2 },
					{ status: 'pending', promisedDate: d('2026-05-10'), count: 1 },
					{ status: 'pending', promisedDate: d('2026-05-11'), count: 5 },
					{ status: 'pending', promisedDate: d('2026-05-01'), count: 3 },
					{ status: 'kept', promisedDate: d('2026-04-04'), count: 4 },
					{ status: 'Kept', promisedDate: d('2026-04-03'), count: 9 },
					{ status: 'broken', promisedDate: d('2026-05-03'), count: 1 },
				],
				TODAY,
			),
		).toEqual({ from: '2026-04-04', to: '2026-05-10', dueSoon: 3, pendingPast: 3, kept: 4, broken: 1 });
	});

	test('segments in attention order; no promise and no forecast are said plainly', () => {
		const v = buildKpiView(
			reader([point(1, TODAY)], {
				segmentStats: () => [
					{ subsidiaryId: 1, segment: 'reliable', customers: 10, avgDaysToPay: 31.25 },
					{ subsidiaryId: 1, segment: 'at-risk', customers: 2, avgDaysToPay: 95 },
					{ subsidiaryId: 2, segment: 'reliable', customers: 1, avgDaysToPay: 1 },
				],
			}),
			{ forecast: () => null },
		);
		expect(v.subsidiaries[0]?.segments).toHaveLength(2);
		const html = renderKpiPortlet(v, 'narrow');
		expect(html.indexOf('At risk')).toBeLessThan(html.indexOf('Reliable'));
		expect(html).toContain('>31.3</td>');
		expect(html).toContain('>80.0%</td>');
		expect(html).toContain('No promise to pay is recorded yet');
		expect(html).toContain('Not computed yet: no forecast is stored in this account.');
	});
});
