/**
 * What every saved-search adapter shares: the search is defined once in code and saved under a
 * stable `customsearch_o2c_…` id the first time it is needed (so an admin can open, drill into and
 * tune it); afterwards it is loaded by id, or by the id a script parameter names. Runtime filters
 * (as-of dates, a subsidiary) are ANDed onto whatever the saved definition holds, and rows are
 * read through `runPaged` (5 units + 5 per 1,000 rows).
 */
import * as search from 'N/search';

/** A saved search defined in code. `create` must not save; {@link ensureSavedSearch} does. */
export interface SavedSearchSpec {
	/** Stable script id, `customsearch_o2c_…`. */
	readonly id: string;
	/** Title shown to admins. */
	readonly title: string;
	/** Builds the definition (search.create, 0 units). */
	create(): search.Search;
}

/**
 * The search to run: `overrideId` when a parameter names another saved search (it must exist);
 * otherwise ours, loaded by id, or created and saved under that id on first use.
 * Costs 5 units (load), or 5 (failed load is free in NetSuite's count) + 5 (save) the first time.
 * @example const s = ensureSavedSearch(AR_DAILY, params.arDailyId)
 */
export function ensureSavedSearch(spec: SavedSearchSpec, overrideId?: string): search.Search {
	if (overrideId !== undefined && overrideId !== spec.id) return search.load({ id: overrideId });
	try {
		return search.load({ id: spec.id });
	} catch (e) {
		if (!isMissingSearch(e)) throw e;
	}
	const s = spec.create();
	s.id = spec.id;
	s.title = spec.title;
	s.save();
	return s;
}

function isMissingSearch(e: unknown): boolean {
	const name = (e as { name?: unknown } | null)?.name;
	const message = (e as { message?: unknown } | null)?.message;
	return (
		name === 'INVALID_SEARCH' ||
		name === 'SSS_INVALID_SRCH' ||
		name === 'RCRD_DSNT_EXIST' ||
		(typeof message === 'string' && /does not exist|not found|invalid search/i.test(message))
	);
}

/** ANDs `extra` (a filter expression) onto the search's own filters. */
export function andFilters(s: search.Search, extra: unknown[]): void {
	// Typed any[], but a NetSuite value: checked rather than trusted.
	const own: unknown = s.filterExpression;
	s.filterExpression = Array.isArray(own) && own.length > 0 ? [own, 'AND', extra] : extra;
}

/**
 * Calls `each` for every row, 1,000 rows per page. Returns the row count.
 * @example forEachRow(s, (r) => rows.push(parse(r)))
 */
export function forEachRow(s: search.Search, each: (row: search.Result) => void): number {
	const paged = s.runPaged({ pageSize: 1000 });
	let n = 0;
	for (const range of paged.pageRanges) {
		const page = paged.fetch({ index: range.index });
		for (const row of page.data) {
			each(row);
			n++;
		}
	}
	return n;
}

/** A column reference: name, optional join and summary. */
export interface Col {
	readonly name: string;
	readonly join?: string;
	readonly summary?: search.Summary;
}

/** search.createColumn for a {@link Col}. */
export function column(c: Col): search.Column {
	return search.createColumn({ name: c.name, join: c.join, summary: c.summary });
}

/**
 * A column's value as NetSuite returns it. The typings say `boolean | string | string[]`, but an
 * empty column (e.g. a join without a match) comes back null.
 */
export type SearchValue = boolean | string | string[] | null | undefined;

/** `row.getValue` with its run-time type ({@link SearchValue}). @example rawValue(row, { name: 'isinactive' }) */
export function rawValue(row: search.Result, column: search.Column | string): SearchValue {
	return row.getValue(column);
}

/** The raw value of a column (text; `''` when empty). */
export function valueOf(row: search.Result, c: Col): string {
	const v = rawValue(row, { name: c.name, join: c.join, summary: c.summary });
	if (v === null || v === undefined) return '';
	return typeof v === 'string' ? v : String(v);
}

/** The display text of a select column (`''` when empty: NetSuite returns null, the typings say string). */
export function textOf(row: search.Result, c: Col): string {
	const v = rawText(row, { name: c.name, join: c.join, summary: c.summary });
	return v ?? '';
}

function rawText(row: search.Result, column: search.Column | string): string | null | undefined {
	return row.getText(column);
}

/** Consolidation setting every transaction search uses: amounts in each subsidiary's base currency. */
export function baseCurrencySettings(): search.Setting[] {
	// Plain strings: the typings' enums are not runtime members of N/search.
	return [search.createSetting({ name: 'consolidationtype', value: 'NONE' })];
}
