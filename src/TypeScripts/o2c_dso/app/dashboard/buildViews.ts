/**
 * The portlets' use cases: read through the ports, build the views the renderers draw. Each view
 * costs a fixed number of reads: one snapshot read for all subsidiaries, one read per shown
 * subsidiary for its oldest customers (at most {@link MAX_SUBSIDIARIES}), one worklist read,
 * one segment read, one promise read, the alert settings and seasonality rows.
 */
import { addDays, type CalendarDate, daysBetween } from '../../domain/calendarDate';
import { AlertSettingsError, resolveAlertSettings, DEFAULT_ALERT_SETTINGS } from '../../domain/alertSettings';
import { resolveSeasonality } from '../../domain/seasonality';
import {
	BUCKETS,
	type AgingPortletView,
	type KpiPortletView,
	type PromiseStatsView,
	type SeasonBandView,
	type SnapshotPoint,
	type TrendPortletView,
	type TrendSubsidiaryView,
	type WorklistPortletView,
} from '../../domain/dashboard/views';
import type { CollectionsActivitySource, DashboardLinks, DashboardReader, ForecastSource } from './ports';

/** Subsidiaries a portlet shows (the rest are counted, and reachable from the drill-down). */
export const MAX_SUBSIDIARIES = 8;
/** Days of the DSO trend. */
export const TREND_DAYS = 90;
/** Customers listed per subsidiary under the oldest buckets. */
export const OLDEST_PER_SUBSIDIARY = 5;
/** Days back and ahead the promise panel counts. */
export const PROMISE_LOOKBACK_DAYS = 30;
export const PROMISE_LOOKAHEAD_DAYS = 7;

/** The latest snapshot of each subsidiary, largest A/R first (ties by id). */
export function latestPerSubsidiary(points: readonly SnapshotPoint[]): SnapshotPoint[] {
	const latest = new Map<number, SnapshotPoint>();
	for (const p of points) {
		const seen = latest.get(p.subsidiaryId);
		if (seen === undefined || p.date > seen.date) latest.set(p.subsidiaryId, p);
	}
	return [...latest.values()].sort((a, b) => b.arBalanceMinor - a.arBalanceMinor || a.subsidiaryId - b.subsidiaryId);
}

/** The snapshots of the last `days` days ending today (today included). */
function recent(reader: DashboardReader, today: CalendarDate, days: number): SnapshotPoint[] {
	return reader.snapshots(addDays(today, -(days - 1)), today);
}

export function buildAgingView(reader: DashboardReader, links: DashboardLinks): AgingPortletView {
	const today = reader.today();
	// a week back: the latest snapshot of a subsidiary whose nightly run failed a few days is still shown, dated
	const latest = latestPerSubsidiary(recent(reader, today, 7));
	const shown = latest.slice(0, MAX_SUBSIDIARIES);
	return {
		today,
		notShown: latest.length - shown.length,
		subsidiaries: shown.map((p) => ({
			id: p.subsidiaryId,
			name: p.subsidiaryName,
			currency: p.currency,
			date: p.date,
			arBalanceMinor: p.arBalanceMinor,
			drillUrl: links.drilldown({ subsidiaryId: p.subsidiaryId }),
			buckets: BUCKETS.map((b) => ({
				bucket: b,
				minor: p.aging[b],
				weekChangeMinor: p.agingWeekChange[b],
				drillUrl: links.drilldown({ subsidiaryId: p.subsidiaryId, bucket: b }),
			})),
			oldest: reader.oldestCustomers(p.subsidiaryId, OLDEST_PER_SUBSIDIARY).map((c) => ({
				...c,
				customerUrl: links.customer(c.customerId),
				drillUrl: links.drilldown({
					subsidiaryId: p.subsidiaryId,
					customerId: c.customerId,
					bucket: 'overdue',
				}),
			})),
		})),
	};
}

/** Runs of consecutive days where `pick` gives the same non-null note. */
function bands(
	days: readonly CalendarDate[],
	pick: (d: CalendarDate) => { action: 'suppress' | 'raise'; note: string } | null,
): SeasonBandView[] {
	const out: SeasonBandView[] = [];
	const marks = days.map(pick);
	let start = 0;
	for (let i = 1; i <= marks.length; i++) {
		const a = marks[start] ?? null;
		const b = i < marks.length ? (marks[i] ?? null) : null;
		const same = a !== null && b !== null && a.action === b.action && a.note === b.note;
		if (same) continue;
		if (a !== null) out.push({ from: start, to: i - 1, action: a.action, note: a.note });
		start = i;
	}
	return out;
}

export function buildTrendView(reader: DashboardReader, links: DashboardLinks): TrendPortletView {
	const today = reader.today();
	const from = addDays(today, -(TREND_DAYS - 1));
	const points = reader.snapshots(from, today);
	const subsidiaries = latestPerSubsidiary(points);
	const shown = subsidiaries.slice(0, MAX_SUBSIDIARIES);
	const days: CalendarDate[] = [];
	for (let i = 0; i < TREND_DAYS; i++) days.push(addDays(from, i));
	const settingsRows = reader.alertSettingRows();
	const season = reader.seasonality();
	const fired = reader.firedDays(from, today);
	const views: TrendSubsidiaryView[] = shown.map((latest) => {
		const id = latest.subsidiaryId;
		const byDay = new Map<CalendarDate, SnapshotPoint>();
		for (const p of points) if (p.subsidiaryId === id) byDay.set(p.date, p);
		let problem: string | null = null;
		let threshold: number = DEFAULT_ALERT_SETTINGS.thresholdDays;
		let floor: number = DEFAULT_ALERT_SETTINGS.floorDays;
		let enabled: boolean = DEFAULT_ALERT_SETTINGS.enabled;
		try {
			const s = resolveAlertSettings(settingsRows, id);
			threshold = s.thresholdDays;
			floor = s.floorDays;
			enabled = s.enabled;
		} catch (e) {
			if (!(e instanceof AlertSettingsError)) throw e;
			problem = `${e.message} (the chart uses the default threshold and floor)`;
		}
		const seasonErrors = season.errors.filter((er) => er.subsidiaryId === null || er.subsidiaryId === id);
		if (seasonErrors.length > 0) {
			problem = [problem, ...seasonErrors.map((er) => er.message)].filter((x) => x !== null).join('; ');
		}
		const resolved = days.map((d) => resolveSeasonality(season.rows, id, d));
		const value = (pick: (p: SnapshotPoint) => number | null): (number | null)[] =>
			days.map((d) => {
				const p = byDay.get(d);
				return p === undefined ? null : pick(p);
			});
		const dsoPrior = value((p) => p.dsoPrior);
		return {
			id,
			name: latest.subsidiaryName,
			currency: latest.currency,
			days,
			dso: value((p) => p.dso),
			dsoPrior,
			countback: value((p) => p.countback),
			alertLevel: days.map((_d, i) => {
				const prior = dsoPrior[i] ?? null;
				const r = resolved[i];
				if (!enabled || prior === null || r?.suppress !== null) return null;
				return prior + threshold + r.raiseDays;
			}),
			floorDays: floor,
			thresholdDays: threshold,
			alertEnabled: enabled,
			firedDays: fired
				.filter((f) => f.subsidiaryId === id && f.date >= from && f.date <= today)
				.map((f) => daysBetween(from, f.date))
				.sort((a, b) => a - b),
			seasons: bands(days, (d) => {
				const r = resolved[daysBetween(from, d)];
				if (r?.suppress) return { action: 'suppress', note: r.suppress.note };
				if (r?.raise) return { action: 'raise', note: `${r.raise.note} (+${String(r.raiseDays)} days)` };
				return null;
			}),
			latest: {
				date: latest.date,
				dso: latest.dso,
				dsoPrior: latest.dsoPrior,
				dsoDelta: latest.dsoDelta,
				countback: latest.countback,
			},
			configProblem: problem,
			drillUrl: links.drilldown({ subsidiaryId: id }),
		};
	});
	return { today, subsidiaries: views, notShown: subsidiaries.length - shown.length };
}

export function buildWorklistView(
	reader: DashboardReader,
	links: DashboardLinks,
	activity: CollectionsActivitySource,
	limit: number,
): WorklistPortletView {
	const today = reader.today();
	const { rows, candidates } = reader.worklist(limit);
	const contacts = activity.lastContacts(rows.map((r) => r.customerId));
	return {
		today,
		asOf: rows.reduce<CalendarDate | null>(
			(m, r) => (r.asOf !== null && (m === null || r.asOf > m) ? r.asOf : m),
			null,
		),
		candidates,
		contactsRecorded: contacts !== undefined,
		rows: rows.map((r) => ({
			customerId: r.customerId,
			name: r.name,
			subsidiaryName: r.subsidiaryName,
			currency: r.currency,
			score: r.score,
			segment: r.segment,
			overdueMinor: r.overdueMinor,
			maxDaysOverdue: r.maxDaysOverdue,
			promise:
				r.promisesOpen > 0
					? { count: r.promisesOpen, nextDate: r.nextPromise, amountMinor: r.promisedMinor }
					: null,
			...(contacts === undefined ? {} : { lastContact: contacts.get(r.customerId) ?? null }),
			customerUrl: links.customer(r.customerId),
			drillUrl: links.drilldown({ customerId: r.customerId, bucket: 'overdue' }),
		})),
	};
}

/** Promise counts of the panel: due soon, kept and broken lately, past their date without an outcome. */
export function promiseStats(
	rows: readonly { status: string; promisedDate: CalendarDate; count: number }[],
	today: CalendarDate,
): PromiseStatsView {
	const from = addDays(today, -PROMISE_LOOKBACK_DAYS);
	const to = addDays(today, PROMISE_LOOKAHEAD_DAYS - 1);
	const v = { from, to, dueSoon: 0, pendingPast: 0, kept: 0, broken: 0 };
	for (const r of rows) {
		if (r.promisedDate < from || r.promisedDate > to) continue;
		const status = r.status.trim().toLowerCase();
		if (status === 'pending') {
			if (r.promisedDate >= today) v.dueSoon += r.count;
			else v.pendingPast += r.count;
		} else if (r.promisedDate <= today) {
			if (status === 'kept') v.kept += r.count;
			else if (status === 'broken') v.broken += r.count;
		}
	}
	return v;
}

export function buildKpiView(reader: DashboardReader, forecasts: ForecastSource): KpiPortletView {
	const today = reader.today();
	const latest = latestPerSubsidiary(recent(reader, today, 7));
	const shown = latest.slice(0, MAX_SUBSIDIARIES);
	const segments = reader.segmentStats();
	const counts = reader.promiseCounts(
		addDays(today, -PROMISE_LOOKBACK_DAYS),
		addDays(today, PROMISE_LOOKAHEAD_DAYS - 1),
	);
	return {
		today,
		notShown: latest.length - shown.length,
		subsidiaries: shown.map((p) => ({
			id: p.subsidiaryId,
			name: p.subsidiaryName,
			currency: p.currency,
			date: p.date,
			dso: p.dso,
			countback: p.countback,
			bestPossible: p.bestPossible,
			averageDaysDelinquent: p.averageDaysDelinquent,
			ceiMonthToDate: p.ceiMonthToDate,
			ceiLastMonth: p.ceiLastMonth,
			segments: segments
				.filter((g) => g.subsidiaryId === p.subsidiaryId)
				.map((g) => ({ segment: g.segment, customers: g.customers, avgDaysToPay: g.avgDaysToPay })),
		})),
		promises: counts === null ? null : promiseStats(counts, today),
		forecast: forecasts.forecast(shown.map((p) => p.subsidiaryId)),
	};
}
