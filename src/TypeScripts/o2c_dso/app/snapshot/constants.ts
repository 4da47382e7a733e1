/** Look-back constants shared by the snapshot computation and the data ranges it loads. */

/** Months of sales history the countback walks through before giving up (DSO beyond ~1 year). */
export const COUNTBACK_MONTHS_FOR_RANGE = 12;
/** Days between the two agings of the week-over-week change. */
export const WEEK_DAYS_FOR_RANGE = 7;
