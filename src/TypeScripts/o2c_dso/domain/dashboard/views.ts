/**
 * What each dashboard portlet shows, as plain data (money in minor units with its currency, dates
 * as calendar dates, links already resolved). The app layer builds these from the stored
 * snapshot and metrics records; the renderers in this folder turn them into HTML. Views are plain
 * JSON so a portlet can cache one (N/cache) and render it again. Pure: no `N/*`.
 */
import type { CalendarDate } from '../calendarDate';
import type { DefaultAgingLabel } from '../aging';

export type Bucket = DefaultAgingLabel;

export const BUCKETS: readonly Bucket[] = ['current', '1-30', '31-60', '61-90', '90+'];

export const BUCKET_LABELS: Readonly<Record<Bucket, string>> = {
	current: 'Current',
	'1-30': '1–30 days',
	'31-60': '31–60 days',
	'61-90': '61–90 days',
	'90+': 'Over 90 days',
};

export function isBucket(s: string): s is Bucket {
	return (BUCKETS as readonly string[]).includes(s);
}

/** One stored subsidiary snapshot (customrecord_o2c_sub_snapshot), as the portlets read it. */
export interface SnapshotPoint {
	readonly subsidiaryId: number;
	readonly subsidiaryName: string;
	readonly currency: string;
	readonly date: CalendarDate;
	readonly arBalanceMinor: number;
	readonly windowDays: number;
	readonly dso: number | null;
	readonly dsoPrior: number | null;
	readonly dsoDelta: number | null;
	readonly countback: number | null;
	readonly bestPossible: number | null;
	readonly averageDaysDelinquent: number | null;
	readonly ceiMonthToDate: number | null;
	readonly ceiLastMonth: number | null;
	readonly aging: Readonly<Record<Bucket, number>>;
	readonly agingWeekChange: Readonly<Record<Bucket, number>>;
}

/** Which column the portlet is in: '1' left and '3' right are narrow, '2' centre is wide. */
export type Width = 'narrow' | 'wide';

export function widthOfColumn(column: unknown): Width {
	return String(column) === '2' ? 'wide' : 'narrow';
}

/* ------------------------------------------------------------------ A/R aging */

export interface AgingBucketView {
	readonly bucket: Bucket;
	readonly minor: number;
	readonly weekChangeMinor: number;
	readonly drillUrl: string | null;
}

export interface OldestCustomerView {
	readonly customerId: number;
	readonly name: string;
	/** open amount over 90 days and 61–90 days (subsidiary currency) */
	readonly over90Minor: number;
	readonly days61to90Minor: number;
	readonly customerUrl: string | null;
	readonly drillUrl: string | null;
}

export interface AgingSubsidiaryView {
	readonly id: number;
	readonly name: string;
	readonly currency: string;
	/** the snapshot's date */
	readonly date: CalendarDate;
	readonly arBalanceMinor: number;
	readonly buckets: readonly AgingBucketView[];
	/** the customers holding most of the oldest buckets (61+ days), largest first */
	readonly oldest: readonly OldestCustomerView[];
	readonly drillUrl: string | null;
}

export interface AgingPortletView {
	readonly today: CalendarDate;
	readonly subsidiaries: readonly AgingSubsidiaryView[];
	/** subsidiaries with a snapshot that the portlet does not show (over its limit) */
	readonly notShown: number;
}

/* ------------------------------------------------------------------ DSO trend */

export interface SeasonBandView {
	readonly from: number;
	readonly to: number;
	readonly action: 'suppress' | 'raise';
	readonly note: string;
}

export interface TrendSubsidiaryView {
	readonly id: number;
	readonly name: string;
	readonly currency: string;
	/** one entry per day, oldest first */
	readonly days: readonly CalendarDate[];
	readonly dso: readonly (number | null)[];
	readonly dsoPrior: readonly (number | null)[];
	readonly countback: readonly (number | null)[];
	/** prior-window DSO + the threshold applied that day (the level current DSO must exceed); null when off or suppressed */
	readonly alertLevel: readonly (number | null)[];
	readonly floorDays: number;
	readonly thresholdDays: number;
	readonly alertEnabled: boolean;
	/** indexes of the days an alert evaluation recorded as fired */
	readonly firedDays: readonly number[];
	readonly seasons: readonly SeasonBandView[];
	/** the last day with a snapshot */
	readonly latest: {
		readonly date: CalendarDate;
		readonly dso: number | null;
		readonly dsoPrior: number | null;
		readonly dsoDelta: number | null;
		readonly countback: number | null;
	} | null;
	/** a configuration problem the chart could not apply (an invalid seasonality row), shown as text */
	readonly configProblem: string | null;
	readonly drillUrl: string | null;
}

export interface TrendPortletView {
	readonly today: CalendarDate;
	readonly subsidiaries: readonly TrendSubsidiaryView[];
	readonly notShown: number;
}

/* ------------------------------------------------------------------ collections worklist */

/** A call or contact from the collections system (not recorded by this version). */
export interface LastContactView {
	readonly date: CalendarDate;
	readonly outcome: string;
}

export interface WorklistRowView {
	readonly customerId: number;
	readonly name: string;
	readonly subsidiaryName: string;
	readonly currency: string;
	readonly score: number | null;
	readonly segment: string;
	readonly overdueMinor: number;
	readonly maxDaysOverdue: number | null;
	/** pending promises to pay (from the customer metrics) */
	readonly promise: {
		readonly count: number;
		readonly nextDate: CalendarDate | null;
		readonly amountMinor: number;
	} | null;
	/** undefined: contacts are not recorded in this account; null: none recorded for this customer */
	readonly lastContact?: LastContactView | null;
	readonly customerUrl: string | null;
	readonly drillUrl: string | null;
}

export interface WorklistPortletView {
	readonly today: CalendarDate;
	/** metrics as-of date of the rows (the nightly run's day) */
	readonly asOf: CalendarDate | null;
	readonly rows: readonly WorklistRowView[];
	/** customers with an overdue balance, of which `rows` are the first */
	readonly candidates: number;
	readonly contactsRecorded: boolean;
}

/* ------------------------------------------------------------------ KPIs and promises */

export interface SegmentStatView {
	readonly segment: string;
	/** customers with an average days to pay */
	readonly customers: number;
	/** mean over those customers of their amount-weighted average days to pay */
	readonly avgDaysToPay: number | null;
}

export interface KpiSubsidiaryView {
	readonly id: number;
	readonly name: string;
	readonly currency: string;
	readonly date: CalendarDate;
	readonly dso: number | null;
	readonly countback: number | null;
	readonly bestPossible: number | null;
	readonly averageDaysDelinquent: number | null;
	readonly ceiMonthToDate: number | null;
	readonly ceiLastMonth: number | null;
	readonly segments: readonly SegmentStatView[];
}

export interface PromiseStatsView {
	readonly from: CalendarDate;
	readonly to: CalendarDate;
	/** pending, promised between today and `to` */
	readonly dueSoon: number;
	/** pending with a promised date already past (not yet settled by the collections system) */
	readonly pendingPast: number;
	/** kept / broken with a promised date in [from, today] */
	readonly kept: number;
	readonly broken: number;
}

/** The 13-week cash-in forecast, once a forecast job stores one. */
export interface ForecastSummaryView {
	readonly subsidiaryId: number;
	readonly currency: string;
	/** the nightly forecast's as-of date */
	readonly asOf: CalendarDate | null;
	readonly weeks: readonly {
		readonly week: number;
		readonly start: CalendarDate;
		readonly expectedMinor: number;
		readonly lowMinor: number;
		readonly highMinor: number;
	}[];
}

export interface KpiPortletView {
	readonly today: CalendarDate;
	readonly subsidiaries: readonly KpiSubsidiaryView[];
	readonly notShown: number;
	/** null when no promise to pay is recorded in the account at all */
	readonly promises: PromiseStatsView | null;
	/** null while no forecast is stored */
	readonly forecast: readonly ForecastSummaryView[] | null;
}
