/**
 * Readers of what the push selects from: the collections settings
 * (`customrecord_o2c_collections_setting`, domain/collections/collectionsSettings.ts) and the
 * customer metrics records of the day (`customrecord_o2c_cust_metrics`, written earlier the same
 * night). Inactive records are ignored. Costs: one paged search each (5 + 5 per 1,000 rows).
 */
import * as search from 'N/search';
import type { CalendarDate } from '../../domain/calendarDate';
import {
	COLLECTIONS_SETTING_FIELDS as S,
	type CollectionsSettingRow,
	type PushCandidate,
} from '../../domain/collections/collectionsSettings';
import { fromDecimal } from '../../domain/money';
import { toNsDate } from '../nsDate';
import { CUST_METRICS, CUST_METRICS_FIELDS as M } from '../records/custMetricsRecords';
import { forEachRow, rawValue, valueOf } from '../searches/searchKit';

export const COLLECTIONS_SETTING = 'customrecord_o2c_collections_setting';

function text(row: search.Result, name: string): string {
	return valueOf(row, { name }).trim();
}

function wholeOrNaN(t: string): number | null {
	if (t === '') return null;
	const n = Number(t);
	return Number.isFinite(n) ? n : Number.NaN; // refused by the domain's validation, naming the record
}

/** Every active collections setting row. */
export function collectionsSettingRows(): CollectionsSettingRow[] {
	const s = search.create({
		type: COLLECTIONS_SETTING,
		filters: [['isinactive', 'is', 'F']],
		columns: ['internalid', S.subsidiary, S.enabled, S.minOverdue, S.minDays, S.segments],
	});
	const rows: CollectionsSettingRow[] = [];
	forEachRow(s, (row) => {
		const sub = text(row, S.subsidiary);
		const min = text(row, S.minOverdue);
		const enabled = rawValue(row, { name: S.enabled });
		rows.push({
			id: Number(row.id),
			subsidiaryId: sub === '' ? null : Number(sub),
			enabled: enabled === true || enabled === 'T',
			minOverdueMinor: min === '' ? null : fromDecimal(min, 'base').minor,
			minDaysOverdue: wholeOrNaN(text(row, S.minDays)),
			segments: text(row, S.segments)
				.split(',')
				.map((x) => x.trim())
				.filter((x) => x !== ''),
		});
	});
	// the account-wide row's enabled box decides only where no subsidiary row exists; an account row
	// read from NetSuite always has a value, which is what it means
	return rows;
}

/** Customers with something overdue in the metrics of `day`, as the selection reads them. */
export function pushCandidates(day: CalendarDate): PushCandidate[] {
	const s = search.create({
		type: CUST_METRICS,
		filters: [
			[M.asOf, 'on', toNsDate(day)],
			'AND',
			[M.overdue, 'greaterthan', 0],
			'AND',
			['isinactive', 'is', 'F'],
		],
		columns: ['internalid', M.key, M.subsidiary, M.overdue, M.maxDaysOverdue, M.segment],
	});
	const out: PushCandidate[] = [];
	forEachRow(s, (row) => {
		const days = text(row, M.maxDaysOverdue);
		out.push({
			customerId: text(row, M.key),
			subsidiaryId: Number(text(row, M.subsidiary)),
			overdueMinor: fromDecimal(text(row, M.overdue), 'base').minor,
			maxDaysOverdue: days === '' ? null : Number(days),
			segment: text(row, M.segment),
		});
	});
	return out;
}
