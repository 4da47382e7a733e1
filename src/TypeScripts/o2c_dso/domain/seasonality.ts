/**
 * Seasonality calendar of the DSO-increase alert: date ranges in which a DSO rise is expected, so
 * the alert is suppressed or its threshold raised (custom record `customrecord_o2c_seasonality`,
 * dataset `settings.seasonality`, shared/dataset-format.md §1).
 *
 * Rules (binding, documented in the README "DSO-increase alert"):
 * - `from`/`to` are `MM-DD`, both inclusive. `from > to` wraps the year end (`12-15`..`01-15`
 *   covers 15 Dec to 15 Jan). `from = to` is a single day.
 * - `02-29` is a valid bound. In a non-leap year the day does not exist, so a range ending
 *   `02-29` ends on 28 Feb, one starting `02-29` starts on 1 Mar, and the single-day range
 *   `02-29`..`02-29` applies only in leap years (plain `MM-DD` comparison gives exactly this).
 * - Which rows apply to subsidiary S at date D: S's own rows (subsidiary = S) that cover D; when
 *   none of S's own rows covers D, the account-wide rows (subsidiary empty) that cover D. A
 *   subsidiary row therefore wins over an account-wide row for the days it covers, whatever the
 *   action (a subsidiary `raise` row in January overrides an account-wide January `suppress`).
 * - Among the applying rows: any `suppress` row suppresses (the first by id is reported); the
 *   `raise` rows add the LARGEST of their `days` to the threshold (not the sum: overlapping rows
 *   are usually the same season entered twice), ties to the first by id.
 *
 * Pure: no `N/*`, no clock (D is a parameter).
 */
import { CalendarDate, monthDay } from './calendarDate';

/** What a seasonality row does while it covers the as-of date. */
export type SeasonalityAction = 'suppress' | 'raise';

/** A validated seasonality row. */
export interface SeasonalityRow {
	/** Internal id of the custom record (orders ties); optional for rows built in tests. */
	readonly id?: number;
	/** Subsidiary internal id, `null` = every subsidiary. */
	readonly subsidiaryId: number | null;
	/** `MM-DD`, inclusive. */
	readonly from: string;
	/** `MM-DD`, inclusive; may be before `from` (wraps the year end). */
	readonly to: string;
	readonly action: SeasonalityAction;
	/** Days added to the threshold (`raise` rows, > 0); `null` for `suppress` rows. */
	readonly days: number | null;
	readonly note: string;
}

/** Raw values as read from the custom record or the dataset (before validation). */
export interface SeasonalityRowInput {
	readonly id?: number;
	readonly subsidiaryId?: number | null;
	readonly from?: unknown;
	readonly to?: unknown;
	readonly action?: unknown;
	readonly days?: unknown;
	readonly note?: unknown;
}

/** The seasonality rows that apply to one subsidiary at one date. */
export interface SeasonalityResolution {
	/** The suppress row in force, if any. */
	readonly suppress: SeasonalityRow | null;
	/** The raise row in force (largest `days`), if any. */
	readonly raise: SeasonalityRow | null;
	/** Days added to the threshold (0 without a raise row). */
	readonly raiseDays: number;
	/** Whether the applying rows are the subsidiary's own rows (`subsidiary`) or account-wide (`account`). */
	readonly scope: 'subsidiary' | 'account' | 'none';
}

const MONTH_DAY = /^(\d{2})-(\d{2})$/;
/** Days per month allowing 29 February (a leap year's calendar). */
const MAX_DAY = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Thrown for a seasonality row that cannot be used; the message names the record and field. */
export class SeasonalityRowError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SeasonalityRowError';
		Object.setPrototypeOf(this, SeasonalityRowError.prototype);
	}
}

/** True when `text` is a real `MM-DD` (01-01 .. 12-31, 02-29 allowed). @example isMonthDay('02-29') // true */
export function isMonthDay(text: unknown): text is string {
	if (typeof text !== 'string') return false;
	const match = MONTH_DAY.exec(text);
	if (match === null) return false;
	const month = Number(match[1]);
	const day = Number(match[2]);
	return month >= 1 && month <= 12 && day >= 1 && day <= (MAX_DAY[month - 1] as number);
}

function rowLabel(input: SeasonalityRowInput): string {
	return input.id === undefined ? 'seasonality row' : `seasonality record ${String(input.id)}`;
}

/**
 * Validates a raw row; throws {@link SeasonalityRowError} naming the record and the field.
 * `action` is case-insensitive and trimmed; `days` is required and > 0 for `raise`, ignored for
 * `suppress`; `note` defaults to ''.
 * @example parseSeasonalityRow({ id: 3, subsidiaryId: null, from: '12-15', to: '01-15', action: 'suppress' })
 */
export function parseSeasonalityRow(input: SeasonalityRowInput): SeasonalityRow {
	const label = rowLabel(input);
	const from = typeof input.from === 'string' ? input.from.trim() : input.from;
	const to = typeof input.to === 'string' ? input.to.trim() : input.to;
	if (!isMonthDay(from))
		throw new SeasonalityRowError(
			`${label}: "from" ${JSON.stringify(input.from ?? null)} is not a date written MM-DD`,
		);
	if (!isMonthDay(to))
		throw new SeasonalityRowError(`${label}: "to" ${JSON.stringify(input.to ?? null)} is not a date written MM-DD`);
	const action = typeof input.action === 'string' ? input.action.trim().toLowerCase() : '';
	if (action !== 'suppress' && action !== 'raise') {
		throw new SeasonalityRowError(
			`${label}: "action" ${JSON.stringify(input.action ?? null)} must be "suppress" or "raise"`,
		);
	}
	let days: number | null = null;
	if (action === 'raise') {
		const raw = typeof input.days === 'string' && input.days.trim() !== '' ? Number(input.days) : input.days;
		if (typeof raw !== 'number' || !Number.isFinite(raw) || raw <= 0) {
			throw new SeasonalityRowError(
				`${label}: a "raise" row needs "days" > 0, got ${JSON.stringify(input.days ?? null)}`,
			);
		}
		days = raw;
	}
	const subsidiaryId = input.subsidiaryId ?? null;
	if (subsidiaryId !== null && (!Number.isSafeInteger(subsidiaryId) || subsidiaryId <= 0)) {
		throw new SeasonalityRowError(`${label}: "subsidiary" ${String(subsidiaryId)} is not an internal id`);
	}
	const note = typeof input.note === 'string' ? input.note : '';
	return { ...(input.id === undefined ? {} : { id: input.id }), subsidiaryId, from, to, action, days, note };
}

/**
 * True when the row's `MM-DD` range covers `d` (inclusive; wraps the year end when from > to).
 * @example seasonalityCovers({ from: '12-15', to: '01-15' }, d('2027-01-10')) // true
 */
function seasonalityCovers(row: Pick<SeasonalityRow, 'from' | 'to'>, d: CalendarDate): boolean {
	const md = monthDay(d);
	if (row.from <= row.to) return row.from <= md && md <= row.to;
	return md >= row.from || md <= row.to;
}

function byId(a: SeasonalityRow, b: SeasonalityRow): number {
	return (a.id ?? Number.MAX_SAFE_INTEGER) - (b.id ?? Number.MAX_SAFE_INTEGER);
}

/**
 * The seasonality in force for `subsidiaryId` at `d` (see the module rules: the subsidiary's own
 * covering rows win over account-wide ones; suppress if any applying row suppresses; raise by the
 * largest applying `days`).
 * @example resolveSeasonality(rows, 1, d('2026-01-15')).suppress?.note // 'post-holiday payment delays'
 */
export function resolveSeasonality(
	rows: readonly SeasonalityRow[],
	subsidiaryId: number,
	d: CalendarDate,
): SeasonalityResolution {
	const covering = rows.filter((r) => seasonalityCovers(r, d));
	const own = covering.filter((r) => r.subsidiaryId === subsidiaryId);
	const scope: SeasonalityResolution['scope'] =
		own.length > 0 ? 'subsidiary' : covering.some((r) => r.subsidiaryId === null) ? 'account' : 'none';
	const applying = (scope === 'subsidiary' ? own : covering.filter((r) => r.subsidiaryId === null))
		.slice()
		.sort(byId);
	const suppress = applying.find((r) => r.action === 'suppress') ?? null;
	let raise: SeasonalityRow | null = null;
	for (const r of applying) {
		if (r.action === 'raise' && (raise === null || (r.days ?? 0) > (raise.days ?? 0))) raise = r;
	}
	return { suppress, raise, raiseDays: raise === null ? 0 : (raise.days ?? 0), scope };
}
