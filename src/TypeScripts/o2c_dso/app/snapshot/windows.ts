/**
 * Which dates of data a set of snapshot days needs, so each execution reads every grouped search
 * once, over the range its remaining days use (the countback's older months only when a day's
 * countback reaches them: runSnapshot.ts).
 */
import { trailingPeriods } from '../../domain/arBalance';
import { CalendarDate, addDays, addMonths, minDate, startOfMonth } from '../../domain/calendarDate';
import { COUNTBACK_MONTHS_FOR_RANGE, WEEK_DAYS_FOR_RANGE } from './constants';

/** First day of the W-day window ending `d`. @example windowStart(d('2026-05-04'), 30) // '2026-04-05' */
export function windowStart(d: CalendarDate, windowDays: number): CalendarDate {
	return addDays(d, 1 - windowDays);
}

/** First day of the countback's oldest month at `d` (the periods `countbackDsoAt` walks through). */
function countbackFrom(d: CalendarDate): CalendarDate {
	const periods = trailingPeriods(d, COUNTBACK_MONTHS_FOR_RANGE);
	return periods[periods.length - 1]?.from ?? d;
}

/** Data ranges for snapshot days from `earliest` to `latest`. */
export interface DataRanges {
	/**
	 * Daily A/R flows from this day (the opening balance is the A/R the day before): the DSO
	 * windows, CEI's last full month and the countback's first {@link COUNTBACK_MONTHS_FIRST_READ}
	 * months before the earliest day's month.
	 */
	readonly ledgerFrom: CalendarDate;
	/** The earliest day's countback can walk back to this day (12 calendar months): read only when it does. */
	readonly countbackFrom: CalendarDate;
	/** Applications dated after this day re-open invoices for aging at past dates. */
	readonly agingCoveredAfter: CalendarDate;
	/** Terms, receipts and billed orders from this day (the earliest window's first day). */
	readonly windowFrom: CalendarDate;
	readonly latest: CalendarDate;
}

/**
 * Whole calendar months before the earliest day's month the first read of the flows covers: a
 * countback that uses up the A/R within them (DSO up to about two months) needs nothing older.
 */
export const COUNTBACK_MONTHS_FIRST_READ = 2;

/**
 * The ranges needed by every day in [earliest, latest]: prior DSO window (D − 2W + 1), last full
 * month for CEI, week-ago aging, the countback's first months; the rest of the countback's 12
 * months in `countbackFrom`.
 * @example dataRanges(d('2026-05-04'), d('2026-05-04'), 30).ledgerFrom // '2026-03-01'
 */
export function dataRanges(earliest: CalendarDate, latest: CalendarDate, windowDays: number): DataRanges {
	const monthStart = startOfMonth(earliest);
	const ledgerFrom = minDate(
		addDays(earliest, 1 - 2 * windowDays),
		addMonths(monthStart, -COUNTBACK_MONTHS_FIRST_READ),
	);
	return {
		ledgerFrom,
		countbackFrom: minDate(ledgerFrom, countbackFrom(earliest)),
		agingCoveredAfter: minDate(addDays(earliest, -WEEK_DAYS_FOR_RANGE), addDays(monthStart, -1)),
		windowFrom: windowStart(earliest, windowDays),
		latest,
	};
}
