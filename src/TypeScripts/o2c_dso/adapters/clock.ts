/**
 * "Today" in the account's time zone, computed once per execution and passed into everything
 * else (app and domain never read the clock).
 *
 * Server-side `Date` and `N/format` default to the Pacific time zone, not the account's, so the
 * company time zone is read from Company Information (`N/config`, 10 units) and the current
 * instant is formatted as DATETIMETZ in that zone; the date part of that text is today. An as-of
 * override (script parameter `custscript_o2c_as_of`, `YYYY-MM-DD`) replaces the clock for reruns.
 */
import * as config from 'N/config';
import * as format from 'N/format';
import { CalendarDate, isCalendarDate } from '../domain/calendarDate';
import { fromNsDate } from './nsDate';

/** The company time zone (Olson name), or null when Company Information has none. */
export function companyTimeZone(): string | null {
	const info = config.load({ type: config.Type.COMPANY_INFORMATION });
	const tz = info.getValue({ fieldId: 'timezone' });
	return typeof tz === 'string' && tz !== '' ? tz : null;
}

/** Strips the time part (`2:00:00 am`, `14:00`) from DATETIMETZ text, leaving the user-format date. */
export function datePartOf(dateTimeText: string): string {
	return dateTimeText.replace(/\s+\d{1,2}:\d{2}(:\d{2})?(\s*[ap]\.?m\.?)?\s*$/i, '').trim();
}

/**
 * Today in the account: the override when given (validated), else the current instant in the
 * company time zone.
 * @example accountToday(runtime.getCurrentScript().getParameter({ name: 'custscript_o2c_as_of' }))
 */
export function accountToday(override?: unknown): CalendarDate {
	if (typeof override === 'string' && override.trim() !== '') {
		const text = override.trim();
		if (!isCalendarDate(text))
			throw new Error(`custscript_o2c_as_of must be a date written YYYY-MM-DD, got ${JSON.stringify(text)}`);
		return text;
	}
	const tz = companyTimeZone();
	const options: { value: Date; type: format.Type.DATETIMETZ; timezone?: format.Timezone } = {
		value: new Date(),
		type: format.Type.DATETIMETZ,
	};
	if (tz !== null) options.timezone = tz as unknown as format.Timezone;
	const text = String(format.format(options));
	const today = fromNsDate(datePartOf(text));
	if (today === null) throw new Error(`Could not read today's date from ${JSON.stringify(text)}`);
	return today;
}
