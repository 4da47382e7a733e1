/**
 * Settings of the DSO-increase alert per subsidiary (custom record
 * `customrecord_o2c_alert_setting`, dataset `settings.alerts`).
 *
 * Resolution, field by field: the subsidiary's own row when the field is set there, else the
 * account-wide row (subsidiary empty), else the documented default:
 * threshold 10 days, floor 30 days, window 30 days, enabled. Recipients have no default: an
 * alert that fires with neither an AR clerk nor a controller address is a configuration error
 * ({@link alertRecipients} throws {@link AlertSettingsError}); an escalation without a CFO
 * address still goes to the AR clerk and controller and records the gap.
 *
 * `enabled` is a CHECKBOX in NetSuite, which is never empty: a subsidiary row with the box clear
 * disables the alert for that subsidiary. Readers that cannot tell "clear" from "not set" (the
 * dataset's optional `enabled`) pass `null` to inherit.
 *
 * Several active rows for the same scope: the lowest internal id is used and the others are
 * reported in `warnings` (never silently merged).
 *
 * Pure: no `N/*`.
 */

/** Defaults from the issue (README "DSO-increase alert"). */
export const DEFAULT_ALERT_SETTINGS = Object.freeze({
	thresholdDays: 10,
	floorDays: 30,
	windowDays: 30,
	enabled: true,
});

/** Largest accepted window (days). */
export const MAX_WINDOW_DAYS = 366;

/** One row as read from the custom record or the dataset; `null`/`undefined` = not set. */
export interface AlertSettingRow {
	readonly id?: number;
	/** `null` = the account-wide default row. */
	readonly subsidiaryId: number | null;
	readonly thresholdDays?: number | null;
	readonly floorDays?: number | null;
	readonly windowDays?: number | null;
	readonly enabled?: boolean | null;
	readonly arClerk?: string | null;
	readonly controller?: string | null;
	readonly cfo?: string | null;
}

/** Where a resolved value came from. */
export type SettingSource = 'subsidiary' | 'account' | 'default';

export interface AlertRecipients {
	readonly arClerk: string | null;
	readonly controller: string | null;
	readonly cfo: string | null;
}

/** The settings in force for one subsidiary. */
export interface ResolvedAlertSettings {
	readonly subsidiaryId: number;
	readonly thresholdDays: number;
	readonly floorDays: number;
	readonly windowDays: number;
	readonly enabled: boolean;
	readonly recipients: AlertRecipients;
	/** Source of each value, for the evaluation record and the admin. */
	readonly sources: Readonly<
		Record<
			'thresholdDays' | 'floorDays' | 'windowDays' | 'enabled' | 'arClerk' | 'controller' | 'cfo',
			SettingSource
		>
	>;
	/** Ids of the rows used (subsidiary row, account row), when any. */
	readonly rowIds: { readonly subsidiary: number | null; readonly account: number | null };
	/** Non-fatal problems (duplicate rows). */
	readonly warnings: readonly string[];
}

/** A configuration problem an admin must fix; the message says which record and field. */
export class AlertSettingsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AlertSettingsError';
		Object.setPrototypeOf(this, AlertSettingsError.prototype);
	}
}

function label(row: AlertSettingRow): string {
	const scope = row.subsidiaryId === null ? 'account-wide' : `subsidiary ${String(row.subsidiaryId)}`;
	return row.id === undefined ? `alert setting (${scope})` : `alert setting record ${String(row.id)} (${scope})`;
}

function isSet<T>(v: T | null | undefined): v is T {
	return v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '');
}

/** Validates the numeric fields of a row; throws {@link AlertSettingsError} naming record and field. */
export function validateAlertSettingRow(row: AlertSettingRow): void {
	const check = (field: 'thresholdDays' | 'floorDays', v: number | null | undefined): void => {
		if (isSet(v) && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
			throw new AlertSettingsError(`${label(row)}: ${field} must be a number of days ≥ 0, got ${String(v)}`);
		}
	};
	check('thresholdDays', row.thresholdDays);
	check('floorDays', row.floorDays);
	const w = row.windowDays;
	if (isSet(w) && (typeof w !== 'number' || !Number.isInteger(w) || w < 1 || w > MAX_WINDOW_DAYS)) {
		throw new AlertSettingsError(
			`${label(row)}: windowDays must be a whole number of days 1-${MAX_WINDOW_DAYS}, got ${String(w)}`,
		);
	}
}

function pickRow(rows: readonly AlertSettingRow[], scope: string, warnings: string[]): AlertSettingRow | null {
	if (rows.length === 0) return null;
	const sorted = rows.slice().sort((a, b) => (a.id ?? Number.MAX_SAFE_INTEGER) - (b.id ?? Number.MAX_SAFE_INTEGER));
	const first = sorted[0] as AlertSettingRow;
	if (sorted.length > 1) {
		warnings.push(
			`${sorted.length} active alert setting rows for ${scope}: using ${first.id === undefined ? 'the first' : `record ${String(first.id)}`}, ignoring ${sorted
				.slice(1)
				.map((r) => (r.id === undefined ? '?' : String(r.id)))
				.join(', ')}`,
		);
	}
	return first;
}

/**
 * Resolves the settings for `subsidiaryId` over the account-wide row and the defaults; throws
 * {@link AlertSettingsError} for an invalid value in a row that is used.
 * @example resolveAlertSettings([{ subsidiaryId: null, thresholdDays: 5 }], 2).thresholdDays // 5
 */
export function resolveAlertSettings(rows: readonly AlertSettingRow[], subsidiaryId: number): ResolvedAlertSettings {
	const warnings: string[] = [];
	const own = pickRow(
		rows.filter((r) => r.subsidiaryId === subsidiaryId),
		`subsidiary ${String(subsidiaryId)}`,
		warnings,
	);
	const account = pickRow(
		rows.filter((r) => r.subsidiaryId === null),
		'the account-wide default',
		warnings,
	);
	if (own !== null) validateAlertSettingRow(own);
	if (account !== null) validateAlertSettingRow(account);

	const sources = {} as Record<keyof ResolvedAlertSettings['sources'], SettingSource>;
	function resolve<K extends keyof ResolvedAlertSettings['sources']>(
		key: K,
		fallback: NonNullable<AlertSettingRow[K]> | null,
	): NonNullable<AlertSettingRow[K]> | null {
		const a = own?.[key];
		if (isSet(a)) {
			sources[key] = 'subsidiary';
			return a as NonNullable<AlertSettingRow[K]>;
		}
		const b = account?.[key];
		if (isSet(b)) {
			sources[key] = 'account';
			return b as NonNullable<AlertSettingRow[K]>;
		}
		sources[key] = 'default';
		return fallback;
	}
	const email = (key: 'arClerk' | 'controller' | 'cfo'): string | null => {
		const v = resolve(key, null);
		return v === null ? null : v.trim();
	};
	return {
		subsidiaryId,
		thresholdDays: resolve('thresholdDays', DEFAULT_ALERT_SETTINGS.thresholdDays) as number,
		floorDays: resolve('floorDays', DEFAULT_ALERT_SETTINGS.floorDays) as number,
		windowDays: resolve('windowDays', DEFAULT_ALERT_SETTINGS.windowDays) as number,
		enabled: resolve('enabled', DEFAULT_ALERT_SETTINGS.enabled) as boolean,
		recipients: { arClerk: email('arClerk'), controller: email('controller'), cfo: email('cfo') },
		sources,
		rowIds: { subsidiary: own?.id ?? null, account: account?.id ?? null },
		warnings,
	};
}

/** Who gets one alert email, and what is missing. */
export interface AlertRouting {
	/** Distinct addresses, AR clerk and controller first, then the CFO when escalated. */
	readonly to: readonly string[];
	/** Roles that should have received it but have no address. */
	readonly missing: readonly ('arClerk' | 'controller' | 'cfo')[];
}

/**
 * Recipients of a fired alert: the AR clerk and the controller, plus the CFO when escalated.
 * Throws {@link AlertSettingsError} when neither the AR clerk nor the controller has an address
 * (the alert would reach nobody whose job it is to act). Duplicates are removed (case-insensitive).
 * @example alertRecipients(settings, false).to // ['ar@acme.example', 'controller@acme.example']
 */
export function alertRecipients(
	settings: Pick<ResolvedAlertSettings, 'recipients' | 'subsidiaryId'>,
	escalated: boolean,
): AlertRouting {
	const { arClerk, controller, cfo } = settings.recipients;
	if (arClerk === null && controller === null) {
		throw new AlertSettingsError(
			`subsidiary ${String(settings.subsidiaryId)}: no AR clerk or controller email on its alert setting or the account-wide one (customrecord_o2c_alert_setting)`,
		);
	}
	const missing: ('arClerk' | 'controller' | 'cfo')[] = [];
	const to: string[] = [];
	const seen = new Set<string>();
	const addr = (role: 'arClerk' | 'controller' | 'cfo', value: string | null): void => {
		if (value === null) {
			missing.push(role);
			return;
		}
		const key = value.toLowerCase();
		if (!seen.has(key)) {
			seen.add(key);
			to.push(value);
		}
	};
	addr('arClerk', arClerk);
	addr('controller', controller);
	if (escalated) addr('cfo', cfo);
	return { to, missing };
}
