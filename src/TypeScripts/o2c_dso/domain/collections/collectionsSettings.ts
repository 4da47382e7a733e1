/**
 * Which overdue customers the push selects (custom record `customrecord_o2c_collections_setting`,
 * dataset `settings.collections`), per subsidiary with an account-wide default, as the alert
 * settings resolve: field by field, the subsidiary's own row when the field is set there, else the
 * account-wide row (subsidiary empty), else the default below. `enabled` is a checkbox (never
 * empty on a NetSuite record): a subsidiary's row decides it for that subsidiary.
 *
 * Amounts are in the subsidiary's base currency (the customer metrics' overdue figure the selection
 * reads); days are the oldest overdue invoice's days overdue. A customer is selected when the
 * setting of its subsidiary is enabled, its overdue amount is positive and at least the minimum, its
 * days overdue at least the minimum, and its segment one of the listed segments (none listed: all).
 *
 * Values out of range are refused with {@link CollectionsSettingsError} naming the record and field;
 * the push then stops before it writes anything. Pure: no `N/*`.
 */

export const COLLECTIONS_SETTING_FIELDS = {
	subsidiary: 'custrecord_o2c_cs_subsidiary',
	enabled: 'custrecord_o2c_cs_enabled',
	minOverdue: 'custrecord_o2c_cs_min_overdue',
	minDays: 'custrecord_o2c_cs_min_days',
	segments: 'custrecord_o2c_cs_segments',
} as const;

export const KNOWN_SEGMENTS = [
	'reliable',
	'slow-but-reliable',
	'deteriorating',
	'at-risk',
	'insufficient-history',
] as const;

export const DEFAULT_COLLECTIONS_SETTINGS = Object.freeze({ enabled: true, minOverdueMinor: 1, minDaysOverdue: 1 });
/** Largest accepted minimum of days overdue. */
export const MAX_MIN_DAYS = 3650;

export interface CollectionsSettingRow {
	readonly id?: number;
	/** null = the account-wide row */
	readonly subsidiaryId: number | null;
	readonly enabled?: boolean | null;
	readonly minOverdueMinor?: number | null;
	readonly minDaysOverdue?: number | null;
	/** empty or null = inherit */
	readonly segments?: readonly string[] | null;
}

export interface ResolvedCollectionsSettings {
	readonly subsidiaryId: number;
	readonly enabled: boolean;
	readonly minOverdueMinor: number;
	readonly minDaysOverdue: number;
	/** empty = every segment */
	readonly segments: readonly string[];
}

export class CollectionsSettingsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CollectionsSettingsError';
	}
}

const where = (r: CollectionsSettingRow): string =>
	`customrecord_o2c_collections_setting ${r.id === undefined ? '' : `id ${String(r.id)} `}(${r.subsidiaryId === null ? 'account-wide' : `subsidiary ${String(r.subsidiaryId)}`})`;

/**
 * Throws naming the record and field of the first value out of range.
 * @example validateCollectionsSettings([{ subsidiaryId: null, minDaysOverdue: -1 }]) // throws
 */
export function validateCollectionsSettings(rows: readonly CollectionsSettingRow[]): void {
	const F = COLLECTIONS_SETTING_FIELDS;
	const seen = new Set<string>();
	for (const r of rows) {
		const scope = r.subsidiaryId === null ? 'account' : String(r.subsidiaryId);
		if (seen.has(scope))
			throw new CollectionsSettingsError(
				`${where(r)}: a second active collections setting for the same scope; keep one (inactivate the other)`,
			);
		seen.add(scope);
		const m = r.minOverdueMinor;
		if (m !== undefined && m !== null && (!Number.isSafeInteger(m) || m < 0))
			throw new CollectionsSettingsError(
				`${where(r)}: ${F.minOverdue} must be 0 or more, got ${String(m / 100)}`,
			);
		const d = r.minDaysOverdue;
		if (d !== undefined && d !== null && (!Number.isInteger(d) || d < 0 || d > MAX_MIN_DAYS))
			throw new CollectionsSettingsError(
				`${where(r)}: ${F.minDays} must be a whole number from 0 to ${String(MAX_MIN_DAYS)}, got ${String(d)}`,
			);
		for (const s of r.segments ?? []) {
			if (!(KNOWN_SEGMENTS as readonly string[]).includes(s))
				throw new CollectionsSettingsError(
					`${where(r)}: ${F.segments} names an unknown segment ${JSON.stringify(s)} (known: ${KNOWN_SEGMENTS.join(', ')})`,
				);
		}
	}
}

/**
 * The settings in force for a subsidiary.
 * @example resolveCollectionsSettings(rows, 2).minDaysOverdue // 15
 */
export function resolveCollectionsSettings(
	rows: readonly CollectionsSettingRow[],
	subsidiaryId: number,
): ResolvedCollectionsSettings {
	const own = rows.find((r) => r.subsidiaryId === subsidiaryId);
	const account = rows.find((r) => r.subsidiaryId === null);
	const pick = <T>(f: (r: CollectionsSettingRow) => T | null | undefined, fallback: T): T => {
		const a = own ? f(own) : undefined;
		if (a !== undefined && a !== null) return a;
		const b = account ? f(account) : undefined;
		return b ?? fallback;
	};
	const segs = (r: CollectionsSettingRow): readonly string[] | null =>
		r.segments && r.segments.length > 0 ? r.segments : null;
	return {
		subsidiaryId,
		enabled: pick((r) => r.enabled, DEFAULT_COLLECTIONS_SETTINGS.enabled),
		minOverdueMinor: pick((r) => r.minOverdueMinor, DEFAULT_COLLECTIONS_SETTINGS.minOverdueMinor),
		minDaysOverdue: pick((r) => r.minDaysOverdue, DEFAULT_COLLECTIONS_SETTINGS.minDaysOverdue),
		segments: pick(segs, []),
	};
}

/** A customer as the selection sees it (from its customer metrics record). */
export interface PushCandidate {
	readonly customerId: string;
	readonly subsidiaryId: number;
	/** base currency of the subsidiary, minor units */
	readonly overdueMinor: number;
	readonly maxDaysOverdue: number | null;
	readonly segment: string;
}

/**
 * Whether the customer is pushed under the settings of its subsidiary.
 * @example isSelected(candidate, resolved) // true
 */
export function isSelected(c: PushCandidate, s: ResolvedCollectionsSettings): boolean {
	return (
		s.enabled &&
		c.overdueMinor > 0 &&
		c.overdueMinor >= s.minOverdueMinor &&
		c.maxDaysOverdue !== null &&
		c.maxDaysOverdue >= s.minDaysOverdue &&
		(s.segments.length === 0 || s.segments.includes(c.segment))
	);
}
