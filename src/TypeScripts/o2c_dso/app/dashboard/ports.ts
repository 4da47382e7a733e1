/**
 * What the dashboard portlets and the drill-down read, as ports. The NetSuite implementation
 * (adapters/dashboard/) reads only the stored snapshot, customer-metrics, alert and promise
 * records, with a fixed number of searches per render. Data another part of the product will
 * store later (call outcomes from the collections RESTlet, the cash-in forecast) has its own
 * port that answers "not recorded" until then, so those panels fill in without touching the
 * portlets.
 */
import type { CalendarDate } from '../../domain/calendarDate';
import type { AlertSettingRow } from '../../domain/alertSettings';
import type { SeasonalityRow } from '../../domain/seasonality';
import type { DrilldownQuery } from '../../domain/dashboard/drilldown';
import type { ForecastSummaryView, LastContactView, SnapshotPoint } from '../../domain/dashboard/views';

/** A customer-metrics record holding part of a subsidiary's oldest buckets. */
export interface OldestCustomerRow {
	readonly customerId: number;
	readonly name: string;
	readonly over90Minor: number;
	readonly days61to90Minor: number;
}

/** A customer-metrics record with an overdue balance, for the worklist. */
export interface WorklistRow {
	readonly customerId: number;
	readonly name: string;
	readonly subsidiaryName: string;
	readonly currency: string;
	readonly score: number | null;
	readonly segment: string;
	readonly overdueMinor: number;
	readonly maxDaysOverdue: number | null;
	readonly promisesOpen: number;
	readonly promisedMinor: number;
	readonly nextPromise: CalendarDate | null;
	readonly asOf: CalendarDate | null;
}

export interface SegmentStatRow {
	readonly subsidiaryId: number;
	readonly segment: string;
	readonly customers: number;
	readonly avgDaysToPay: number | null;
}

/** Promise-to-pay records counted by status and promised date. */
export interface PromiseCountRow {
	readonly status: string;
	readonly promisedDate: CalendarDate;
	readonly count: number;
}

export interface DashboardReader {
	/** "today" in the account (company time zone) */
	today(): CalendarDate;
	/** every subsidiary snapshot dated in [from, to], by subsidiary then date */
	snapshots(from: CalendarDate, to: CalendarDate): SnapshotPoint[];
	/** the customers of a subsidiary with the most over 90 days (then 61–90), at most `limit` */
	oldestCustomers(subsidiaryId: number, limit: number): OldestCustomerRow[];
	alertSettingRows(): AlertSettingRow[];
	seasonality(): { rows: SeasonalityRow[]; errors: { subsidiaryId: number | null; message: string }[] };
	/** days in [from, to] an alert evaluation recorded as fired */
	firedDays(from: CalendarDate, to: CalendarDate): { subsidiaryId: number; date: CalendarDate }[];
	/** the first `limit` customers to call (largest overdue amount, then oldest overdue invoice) and how many have an overdue balance */
	worklist(limit: number): { rows: WorklistRow[]; candidates: number };
	/** per subsidiary and segment: customers with an average days to pay, and their mean */
	segmentStats(): SegmentStatRow[];
	/** promise counts with a promised date in [from, to]; null when the account holds no promise at all */
	promiseCounts(from: CalendarDate, to: CalendarDate): PromiseCountRow[] | null;
}

/** Call outcomes from the collections system. `undefined`: not recorded in this account (yet). */
export interface CollectionsActivitySource {
	lastContacts(customerIds: readonly number[]): ReadonlyMap<number, LastContactView> | undefined;
}

/** The stored 13-week cash-in forecast; null while none is stored. */
export interface ForecastSource {
	forecast(subsidiaryIds: readonly number[]): ForecastSummaryView[] | null;
}

/** Where links lead (NetSuite paths resolved by N/url). */
export interface DashboardLinks {
	customer(id: number): string | null;
	invoice(id: number): string | null;
	drilldown(q: Partial<DrilldownQuery>, csv?: boolean): string | null;
}
