/**
 * The dashboard's reads over N/search (app/dashboard/ports.ts): only stored records
 * (customrecord_o2c_sub_snapshot, customrecord_o2c_cust_metrics, customrecord_o2c_alert_eval,
 * customrecord_o2c_promise, the alert settings and seasonality rows), never transactions, so a
 * render costs the same on a small and a large account.
 *
 * Costs: today 10 (N/config); snapshots 5 + 5 per 1,000 rows (subsidiaries × days); oldest
 * customers 10 per subsidiary shown; fired days 5 + 5 per 1,000; worklist 10; segments 10;
 * promises 10 (+10 to tell "none recorded" from "none in the window"); settings and seasonality
 * 10 each.
 */
import * as search from 'N/search';
import type { CalendarDate } from '../../domain/calendarDate';
import { fromDecimal } from '../../domain/money';
import type { Bucket, ForecastSummaryView, SnapshotPoint } from '../../domain/dashboard/views';
import type {
	DashboardReader,
	ForecastSource,
	OldestCustomerRow,
	PromiseCountRow,
	SegmentStatRow,
	WorklistRow,
} from '../../app/dashboard/ports';
import { accountToday } from '../clock';
import { fromNsDate, toNsDate } from '../nsDate';
import { readAlertSettingRows, readSeasonality } from '../alerts/configReaders';
import { forEachRow, textOf, valueOf } from '../searches/searchKit';
import { SUB_SNAPSHOT, SUB_SNAPSHOT_FIELDS as S } from '../records/subSnapshotRecords';
import { CUST_METRICS, CUST_METRICS_FIELDS as M } from '../records/custMetricsRecords';
import { CASH_FORECAST_WEEK, CASH_FORECAST_WEEK_FIELDS as W } from '../records/forecastRecords';

const ALERT_EVAL = 'customrecord_o2c_alert_eval';
const PROMISE = 'customrecord_o2c_promise';

const BUCKET_FIELDS: Readonly<Record<Bucket, { readonly ag: string; readonly wow: string }>> = {
	current: { ag: S.agCurrent, wow: S.wowCurrent },
	'1-30': { ag: S.ag1to30, wow: S.wow1to30 },
	'31-60': { ag: S.ag31to60, wow: S.wow31to60 },
	'61-90': { ag: S.ag61to90, wow: S.wow61to90 },
	'90+': { ag: S.ag90plus, wow: S.wow90plus },
};

function minor(row: search.Result, name: string, currency: string): number {
	const v = valueOf(row, { name });
	return v === '' ? 0 : fromDecimal(v, currency).minor;
}

function ratio(row: search.Result, name: string): number | null {
	const v = valueOf(row, { name });
	if (v === '') return null;
	const n = Number(v);
	return Number.isFinite(n) ? n : null;
}

function id(row: search.Result, name: string): number {
	return Number(valueOf(row, { name }));
}

const SNAPSHOT_COLUMNS = [
	S.subsidiary,
	S.date,
	S.currency,
	S.arBalance,
	S.window,
	S.dso,
	S.dsoPrior,
	S.dsoDelta,
	S.countback,
	S.bpdso,
	S.add,
	S.ceiMtd,
	S.ceiLastMonth,
	...Object.values(BUCKET_FIELDS).flatMap((f) => [f.ag, f.wow]),
];

function snapshotOf(row: search.Result): SnapshotPoint | null {
	const date = fromNsDate(valueOf(row, { name: S.date }));
	const currency = valueOf(row, { name: S.currency });
	if (date === null || currency === '') return null; // a hand-made record without its key figures
	const aging = {} as Record<Bucket, number>;
	const change = {} as Record<Bucket, number>;
	for (const [b, f] of Object.entries(BUCKET_FIELDS) as [Bucket, { ag: string; wow: string }][]) {
		aging[b] = minor(row, f.ag, currency);
		change[b] = minor(row, f.wow, currency);
	}
	return {
		subsidiaryId: id(row, S.subsidiary),
		subsidiaryName: textOf(row, { name: S.subsidiary }),
		currency,
		date,
		arBalanceMinor: minor(row, S.arBalance, currency),
		windowDays: ratio(row, S.window) ?? 30,
		dso: ratio(row, S.dso),
		dsoPrior: ratio(row, S.dsoPrior),
		dsoDelta: ratio(row, S.dsoDelta),
		countback: ratio(row, S.countback),
		bestPossible: ratio(row, S.bpdso),
		averageDaysDelinquent: ratio(row, S.add),
		ceiMonthToDate: ratio(row, S.ceiMtd),
		ceiLastMonth: ratio(row, S.ceiLastMonth),
		aging,
		agingWeekChange: change,
	};
}

function sortedById(): search.Column {
	return search.createColumn({ name: 'internalid', sort: search.Sort.ASC });
}

export const nsDashboardReader: DashboardReader = {
	today: () => accountToday(),

	snapshots(from: CalendarDate, to: CalendarDate): SnapshotPoint[] {
		const s = search.create({
			type: SUB_SNAPSHOT,
			filters: [[S.date, 'within', toNsDate(from), toNsDate(to)], 'AND', ['isinactive', 'is', 'F']],
			columns: [sortedById(), ...SNAPSHOT_COLUMNS],
		});
		const out: SnapshotPoint[] = [];
		forEachRow(s, (row) => {
			const p = snapshotOf(row);
			if (p !== null) out.push(p);
		});
		return out;
	},

	oldestCustomers(subsidiaryId: number, limit: number): OldestCustomerRow[] {
		const s = search.create({
			type: CUST_METRICS,
			filters: [
				[M.subsidiary, 'anyof', String(subsidiaryId)],
				'AND',
				['isinactive', 'is', 'F'],
				'AND',
				[[M.ag90plus, 'greaterthan', '0'], 'OR', [M.ag61to90, 'greaterthan', '0']],
			],
			columns: [
				search.createColumn({ name: M.ag90plus, sort: search.Sort.DESC }),
				search.createColumn({ name: M.ag61to90, sort: search.Sort.DESC }),
				sortedById(),
				M.customer,
				M.currency,
			],
		});
		return s
			.run()
			.getRange({ start: 0, end: limit })
			.map((row) => {
				const currency = valueOf(row, { name: M.currency });
				return {
					customerId: id(row, M.customer),
					name: textOf(row, { name: M.customer }),
					over90Minor: minor(row, M.ag90plus, currency),
					days61to90Minor: minor(row, M.ag61to90, currency),
				};
			});
	},

	alertSettingRows: () => readAlertSettingRows(),
	seasonality: () => readSeasonality(),

	firedDays(from: CalendarDate, to: CalendarDate): { subsidiaryId: number; date: CalendarDate }[] {
		const s = search.create({
			type: ALERT_EVAL,
			filters: [
				['custrecord_o2c_ae_as_of', 'within', toNsDate(from), toNsDate(to)],
				'AND',
				['custrecord_o2c_ae_fired', 'is', 'T'],
			],
			columns: [sortedById(), 'custrecord_o2c_ae_subsidiary', 'custrecord_o2c_ae_as_of'],
		});
		const out: { subsidiaryId: number; date: CalendarDate }[] = [];
		forEachRow(s, (row) => {
			const date = fromNsDate(valueOf(row, { name: 'custrecord_o2c_ae_as_of' }));
			if (date !== null) out.push({ subsidiaryId: id(row, 'custrecord_o2c_ae_subsidiary'), date });
		});
		return out;
	},

	worklist(limit: number): { rows: WorklistRow[]; candidates: number } {
		const s = search.create({
			type: CUST_METRICS,
			filters: [[M.overdue, 'greaterthan', '0'], 'AND', ['isinactive', 'is', 'F']],
			columns: [
				search.createColumn({ name: M.overdue, sort: search.Sort.DESC }),
				search.createColumn({ name: M.maxDaysOverdue, sort: search.Sort.DESC }),
				sortedById(),
				M.score,
				M.customer,
				M.subsidiary,
				M.currency,
				M.segment,
				M.promisesOpen,
				M.promisedAmount,
				M.nextPromise,
				M.asOf,
			],
		});
		const paged = s.runPaged({ pageSize: Math.max(5, limit) });
		const rows: WorklistRow[] = [];
		if (paged.count > 0) {
			for (const row of paged.fetch({ index: 0 }).data.slice(0, limit)) {
				const currency = valueOf(row, { name: M.currency });
				const score = ratio(row, M.score);
				rows.push({
					customerId: id(row, M.customer),
					name: textOf(row, { name: M.customer }),
					subsidiaryName: textOf(row, { name: M.subsidiary }),
					currency,
					score: score === null ? null : Math.round(score),
					segment: valueOf(row, { name: M.segment }),
					overdueMinor: minor(row, M.overdue, currency),
					maxDaysOverdue: ratio(row, M.maxDaysOverdue),
					promisesOpen: ratio(row, M.promisesOpen) ?? 0,
					// the promised amount is in the customer's currency, which the record does not name
					promisedMinor: 0,
					nextPromise: fromNsDate(valueOf(row, { name: M.nextPromise })),
					asOf: fromNsDate(valueOf(row, { name: M.asOf })),
				});
			}
		}
		return { rows, candidates: paged.count };
	},

	segmentStats(): SegmentStatRow[] {
		const s = search.create({
			type: CUST_METRICS,
			// COUNT is a count of distinct values, so count the records (internal ids) that have an average
			filters: [['isinactive', 'is', 'F'], 'AND', [M.avgDaysToPay, 'isnotempty', '']],
			columns: [
				search.createColumn({ name: M.subsidiary, summary: search.Summary.GROUP }),
				search.createColumn({ name: M.segment, summary: search.Summary.GROUP }),
				search.createColumn({ name: 'internalid', summary: search.Summary.COUNT }),
				search.createColumn({ name: M.avgDaysToPay, summary: search.Summary.AVG }),
			],
		});
		return s
			.run()
			.getRange({ start: 0, end: 1000 })
			.map((row) => {
				const n = Number(valueOf(row, { name: 'internalid', summary: search.Summary.COUNT }));
				const avg = valueOf(row, { name: M.avgDaysToPay, summary: search.Summary.AVG });
				return {
					subsidiaryId: Number(valueOf(row, { name: M.subsidiary, summary: search.Summary.GROUP })),
					segment: valueOf(row, { name: M.segment, summary: search.Summary.GROUP }),
					customers: Number.isFinite(n) ? n : 0,
					avgDaysToPay: avg === '' ? null : Number(avg),
				};
			})
			.filter((g) => g.segment !== '' && g.segment !== '- None -');
	},

	promiseCounts(from: CalendarDate, to: CalendarDate): PromiseCountRow[] | null {
		const s = search.create({
			type: PROMISE,
			filters: [
				['custrecord_o2c_pr_date', 'within', toNsDate(from), toNsDate(to)],
				'AND',
				['isinactive', 'is', 'F'],
			],
			columns: [
				search.createColumn({ name: 'custrecord_o2c_pr_status', summary: search.Summary.GROUP }),
				search.createColumn({ name: 'custrecord_o2c_pr_date', summary: search.Summary.GROUP }),
				search.createColumn({ name: 'internalid', summary: search.Summary.COUNT }),
			],
		});
		const rows: PromiseCountRow[] = [];
		for (const row of s.run().getRange({ start: 0, end: 1000 })) {
			const date = fromNsDate(valueOf(row, { name: 'custrecord_o2c_pr_date', summary: search.Summary.GROUP }));
			if (date === null) continue;
			rows.push({
				status: valueOf(row, { name: 'custrecord_o2c_pr_status', summary: search.Summary.GROUP }),
				promisedDate: date,
				count: Number(valueOf(row, { name: 'internalid', summary: search.Summary.COUNT })),
			});
		}
		if (rows.length > 0) return rows;
		const any = search.create({ type: PROMISE, filters: [['isinactive', 'is', 'F']], columns: ['internalid'] });
		return any.run().getRange({ start: 0, end: 1 }).length > 0 ? rows : null;
	},
};

/**
 * The cash-in forecast the nightly forecast job stores (customrecord_o2c_cash_fc_week: one row per
 * subsidiary and week), for the subsidiaries shown: one search (10 units), null when none is stored.
 */
export const storedCashForecast: ForecastSource = {
	forecast(subsidiaryIds: readonly number[]): ForecastSummaryView[] | null {
		if (subsidiaryIds.length === 0) return null;
		const s = search.create({
			type: CASH_FORECAST_WEEK,
			filters: [[W.subsidiary, 'anyof', ...subsidiaryIds.map(String)], 'AND', ['isinactive', 'is', 'F']],
			columns: [
				search.createColumn({ name: W.week, sort: search.Sort.ASC }),
				sortedById(),
				W.subsidiary,
				W.asOf,
				W.currency,
				W.start,
				W.expected,
				W.low,
				W.high,
			],
		});
		const bySub = new Map<number, ForecastSummaryView & { weeks: ForecastSummaryView['weeks'][number][] }>();
		for (const row of s.run().getRange({ start: 0, end: 1000 })) {
			const sub = id(row, W.subsidiary);
			const currency = valueOf(row, { name: W.currency });
			const start = fromNsDate(valueOf(row, { name: W.start }));
			if (currency === '' || start === null) continue;
			let f = bySub.get(sub);
			if (!f) {
				f = { subsidiaryId: sub, currency, asOf: fromNsDate(valueOf(row, { name: W.asOf })), weeks: [] };
				bySub.set(sub, f);
			}
			f.weeks.push({
				week: ratio(row, W.week) ?? f.weeks.length + 1,
				start,
				expectedMinor: minor(row, W.expected, currency),
				lowMinor: minor(row, W.low, currency),
				highMinor: minor(row, W.high, currency),
			});
		}
		if (bySub.size === 0) return null;
		return subsidiaryIds.flatMap((i) => {
			const f = bySub.get(i);
			return f ? [f] : [];
		});
	},
};
