/**
 * Readers of the DSO-increase alert's configuration records (ARCHITECTURE.md "Custom records"):
 * `customrecord_o2c_alert_setting` (per subsidiary, empty subsidiary = account-wide default) and
 * `customrecord_o2c_seasonality`. Inactive records are ignored. Values are returned raw enough for
 * the domain to resolve and validate (domain/alertSettings.ts, domain/seasonality.ts).
 * Costs: one search each (5 + 5 per 1,000 rows).
 */
import * as search from 'N/search';
import { AlertSettingRow } from '../../domain/alertSettings';
import { parseSeasonalityRow, SeasonalityRow } from '../../domain/seasonality';
import { forEachRow, rawValue } from '../searches/searchKit';

const SETTING = 'customrecord_o2c_alert_setting';
const SEASONALITY = 'customrecord_o2c_seasonality';

function str(row: search.Result, name: string): string {
	const v = rawValue(row, { name });
	return v === null || v === undefined ? '' : String(v).trim();
}

function num(row: search.Result, name: string): number | null {
	const s = str(row, name);
	if (s === '') return null;
	const n = Number(s);
	return Number.isFinite(n) ? n : Number.NaN; // NaN is reported by the domain's validation, naming the record
}

function id(text: string): number | null {
	if (text === '') return null;
	const n = Number(text);
	return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** A checkbox search value: boolean in SuiteScript 2.x, 'T'/'F' in some contexts. */
function checkbox(row: search.Result, name: string): boolean {
	const v = rawValue(row, { name });
	return v === true || v === 'T' || v === 'true';
}

/**
 * Every active alert setting row.
 * @example readAlertSettingRows().find((r) => r.subsidiaryId === null)?.thresholdDays // 10
 */
export function readAlertSettingRows(): AlertSettingRow[] {
	const s = search.create({
		type: SETTING,
		filters: [['isinactive', 'is', 'F']],
		columns: [
			'custrecord_o2c_as_subsidiary',
			'custrecord_o2c_as_threshold',
			'custrecord_o2c_as_floor',
			'custrecord_o2c_as_window',
			'custrecord_o2c_as_enabled',
			'custrecord_o2c_as_ar_clerk',
			'custrecord_o2c_as_controller',
			'custrecord_o2c_as_cfo',
		],
	});
	const rows: AlertSettingRow[] = [];
	forEachRow(s, (row) => {
		rows.push({
			id: Number(row.id),
			subsidiaryId: id(str(row, 'custrecord_o2c_as_subsidiary')),
			thresholdDays: num(row, 'custrecord_o2c_as_threshold'),
			floorDays: num(row, 'custrecord_o2c_as_floor'),
			windowDays: num(row, 'custrecord_o2c_as_window'),
			enabled: checkbox(row, 'custrecord_o2c_as_enabled'),
			arClerk: str(row, 'custrecord_o2c_as_ar_clerk') || null,
			controller: str(row, 'custrecord_o2c_as_controller') || null,
			cfo: str(row, 'custrecord_o2c_as_cfo') || null,
		});
	});
	return rows;
}

/** Valid seasonality rows, and the problems of the invalid ones with the subsidiary they would apply to. */
export interface SeasonalityRead {
	readonly rows: SeasonalityRow[];
	readonly errors: { readonly subsidiaryId: number | null; readonly message: string }[];
}

/**
 * Every active seasonality row, validated; an invalid row is reported (never silently skipped:
 * the evaluations it would apply to fail with its message).
 * @example readSeasonality().rows.filter((r) => r.action === 'suppress')
 */
export function readSeasonality(): SeasonalityRead {
	const s = search.create({
		type: SEASONALITY,
		filters: [['isinactive', 'is', 'F']],
		columns: [
			'custrecord_o2c_se_subsidiary',
			'custrecord_o2c_se_from',
			'custrecord_o2c_se_to',
			'custrecord_o2c_se_action',
			'custrecord_o2c_se_days',
			'custrecord_o2c_se_note',
		],
	});
	const rows: SeasonalityRow[] = [];
	const errors: { subsidiaryId: number | null; message: string }[] = [];
	forEachRow(s, (row) => {
		const subsidiaryId = id(str(row, 'custrecord_o2c_se_subsidiary'));
		try {
			rows.push(
				parseSeasonalityRow({
					id: Number(row.id),
					subsidiaryId,
					from: str(row, 'custrecord_o2c_se_from'),
					to: str(row, 'custrecord_o2c_se_to'),
					action: str(row, 'custrecord_o2c_se_action'),
					days: num(row, 'custrecord_o2c_se_days'),
					note: str(row, 'custrecord_o2c_se_note'),
				}),
			);
		} catch (e) {
			errors.push({ subsidiaryId, message: e instanceof Error ? e.message : String(e) });
		}
	});
	return { rows, errors };
}
