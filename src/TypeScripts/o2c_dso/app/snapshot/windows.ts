/**
 * Which dates of data a set of snapshot days needs, so each execution reads every grouped search
 * once, over exactly the range its remaining days use.
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
	/** Daily A/R flows from this day (the opening balance is the A/R the day before). */
	readonly ledgerFrom: CalendarDate;
	/** Applications dated after this day re-open invoices for aging at past dates. */
	readonly agingCoveredAfter: CalendarDate;
	/** Terms, receipts and billed orders from this day (the earliest window's first day). */
	readonly windowFrom: CalendarDate;
	readonly latest: CalendarDate;
}

/**
 * The ranges needed by every day in [earliest, latest]: prior DSO window (D − 2W + 1), countback
 * months (12 calendar months back), last full month for CEI, week-ago aging.
 * @example dataRanges(d('2026-05-04'), d('2026-05-04'), 30).ledgerFrom // '2025-06-01'
 */
export function dataRanges(earliest: CalendarDate, latest: CalendarDate, windowDays: number): DataRanges {
	const monthStart = startOfMonth(earliest);
	return {
		ledgerFrom: minDate(addDays(earliest, 1 - 2 * windowDays), countbackFrom(earliest), addMonths(monthStart, -1)),
		agingCoveredAfter: minDate(addDays(earliest, -WEEK_DAYS_FOR_RANGE), addDays(monthStart, -1)),
		windowFrom: windowStart(earliest, windowDays),
		latest,
	};
}
