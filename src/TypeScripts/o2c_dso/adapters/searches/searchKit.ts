/**
 * What every saved-search adapter shares: the search is defined once in code and saved under a
 * stable `customsearch_o2c_…` id the first time it is needed (so an admin can open, drill into and
 * tune it); afterwards it is loaded by id, or by the id a script parameter names. Runtime filters
 * (as-of dates, a subsidiary) are ANDed onto whatever the saved definition holds, and rows are
 * read through `runPaged` (5 units + 5 per 1,000 rows).
 */
import * as log from 'N/log';
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
 * The fingerprint of a definition: FNV-1a over its type, filters, columns (name, join, summary,
 * sort) and settings, as 8 hex digits. It changes whenever a release changes what the code defines,
 * and only then (dates and other runtime filters are ANDed on after loading, never saved).
 * @example definitionHash(AR_DAILY.create()) // '3f0c9a1e'
 */
export function definitionHash(s: search.Search): string {
	const text = JSON.stringify({
		type: s.searchType,
		filters: s.filterExpression,
		columns: s.columns
			.map(asColumn)
			.map((c) => [c.name, c.join ?? '', String(c.summary ?? ''), String(c.sort ?? '')]),
		settings: withSettings(s).settings.map((x) => [x.name, x.value]),
	});
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h.toString(16).padStart(8, '0');
}

/**
 * `Search.settings` (N/search since 2018.2, Oracle help "search.Setting"), which the typings leave
 * out of `Search`.
 */
function withSettings(s: search.Search): search.Search & { settings: search.Setting[] } {
	return s as search.Search & { settings: search.Setting[] };
}

/** A search column as an object (the typings allow a plain name where a search was created with one). */
function asColumn(c: search.Column | string): Pick<search.Column, 'name' | 'join' | 'summary' | 'sort'> {
	return typeof c === 'string' ? { name: c } : c;
}

/** The title a saved search of ours carries: the spec's title and the fingerprint of its definition. */
export function savedTitle(spec: SavedSearchSpec, hash: string): string {
	return `${spec.title} [def ${hash}]`;
}

/**
 * The search to run: `overrideId` when a parameter names another saved search (it must exist, and
 * it is never changed: it is the admin's); otherwise ours, loaded by id, or created and saved under
 * that id on first use.
 *
 * An upgrade must not run yesterday's definition: the saved search's title carries the fingerprint
 * of the definition that saved it ({@link definitionHash}); when the code's definition differs, the
 * saved search is rewritten in place (same id, so links and the admin's bookmarks keep working)
 * with the new filters, columns and settings, and an audit log says so. Changes an admin made to our
 * search survive until a release changes its definition; a search tuned for good belongs in a copy
 * named by the parameter.
 * Costs 5 units (load), 10 when the definition changed, 5 (a failed load is free) + 5 (save) the first time.
 * @example const s = ensureSavedSearch(AR_DAILY, params.arDailyId)
 */
export function ensureSavedSearch(spec: SavedSearchSpec, overrideId?: string): search.Search {
	if (overrideId !== undefined && overrideId !== spec.id) return search.load({ id: overrideId });
	const wanted = spec.create();
	const hash = definitionHash(wanted);
	let saved: search.Search | null = null;
	try {
		saved = search.load({ id: spec.id });
	} catch (e) {
		if (!isMissingSearch(e)) throw e;
	}
	if (saved === null) {
		wanted.id = spec.id;
		wanted.title = savedTitle(spec, hash);
		wanted.save();
		return wanted;
	}
	if (saved.title.endsWith(`[def ${hash}]`)) return saved;
	const before = /\[def ([0-9a-f]{8})\]$/.exec(saved.title)?.[1] ?? 'without a fingerprint';
	saved.filterExpression = wanted.filterExpression;
	saved.columns = wanted.columns;
	withSettings(saved).settings = withSettings(wanted).settings;
	saved.title = savedTitle(spec, hash);
	saved.save();
	log.audit({
		title: `Saved search ${spec.id} updated to this release's definition`,
		details: `Definition ${before} replaced by ${hash}. Changes made to this search in the account were replaced; to keep a tuned search, save a copy and name it in the script parameter.`,
	});
	return saved;
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
 * Pages are separate queries, so `runPaged` needs a unique order ("You must specify a sorting order
 * ... to avoid duplicate or missing results", Oracle help, Search.runPaged). Summary searches get it
 * from their definition ({@link column} sorts GROUP columns); a row search without an internal id
 * sort gets one added at the end, which makes any order unique (internal ids are).
 */
function withUniqueOrder(s: search.Search): void {
	const cols = s.columns.map(asColumn);
	if (cols.some((c) => c.summary)) return;
	if (cols.some((c) => c.name === 'internalid' && !c.join && c.sort)) return;
	s.columns = [...s.columns, idOrder()];
}

/**
 * Calls `each` for every row, 1,000 rows per page, in a unique order. Returns the row count.
 * @example forEachRow(s, (r) => rows.push(parse(r)))
 */
export function forEachRow(s: search.Search, each: (row: search.Result) => void): number {
	withUniqueOrder(s);
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

/**
 * Throws, naming them, when the search lacks columns the code reads (an admin's search named by a
 * parameter, say): `getValue` of a column a search does not have is empty, which would silently
 * read as zero or "no date" instead of failing.
 * @example requireColumns(s, [{ name: 'trandate', join: 'applyingtransaction' }], 'customer metrics input')
 */
export function requireColumns(s: search.Search, cols: readonly Col[], what: string): void {
	const key = (c: Pick<search.Column, 'name' | 'join' | 'summary'>): string => {
		const base = c.join ? `${c.name}.${c.join}` : c.name;
		return (c.summary ? `${String(c.summary)}(${base})` : base).toLowerCase();
	};
	const have = new Set(s.columns.map((c) => key(asColumn(c))));
	const missing = cols.filter((c) => !have.has(key(c))).map((c) => key(c));
	if (missing.length > 0)
		throw new Error(`The ${what} saved search ${s.id || '(unsaved)'} lacks the column(s) ${missing.join(', ')}`);
}

/** Whether the search has the column (name, join and summary alike). @example hasColumn(s, { name: 'amountremaining', summary: search.Summary.SUM }) */
export function hasColumn(s: search.Search, c: Col): boolean {
	const same = (x: Pick<search.Column, 'name' | 'join' | 'summary'>): boolean =>
		x.name.toLowerCase() === c.name.toLowerCase() &&
		(x.join ?? '').toLowerCase() === (c.join ?? '').toLowerCase() &&
		String(x.summary ?? '').toLowerCase() === String(c.summary ?? '').toLowerCase();
	return s.columns.some((x) => same(asColumn(x)));
}

/** A column reference: name, optional join and summary. */
export interface Col {
	readonly name: string;
	readonly join?: string;
	readonly summary?: search.Summary;
}

/**
 * search.createColumn for a {@link Col}. GROUP columns are sorted ascending: together they are the
 * key of a summary row, so every grouped search has the unique order `runPaged` needs ("You must
 * specify a sorting order ... to avoid duplicate or missing results", Oracle help, Search.runPaged).
 */
export function column(c: Col): search.Column {
	return search.createColumn({
		name: c.name,
		join: c.join,
		summary: c.summary,
		...(c.summary === search.Summary.GROUP ? { sort: search.Sort.ASC } : {}),
	});
}

/** The internal id column sorted ascending: the unique order of a search returning one row per record. */
export function idOrder(): search.Column {
	return search.createColumn({ name: 'internalid', sort: search.Sort.ASC });
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

/**
 * The filter every A/R transaction search starts with: main lines of posting transactions (line
 * rows and non-posting ones such as sales orders are not A/R), then `more` ANDed on.
 * @example postedMainLines(['type', 'anyof', 'CustInvc']) // [['mainline','is','T'],'AND',['posting','is','T'],'AND',['type','anyof','CustInvc']]
 */
export function postedMainLines(...more: unknown[][]): unknown[] {
	const out: unknown[] = [['mainline', 'is', 'T'], 'AND', ['posting', 'is', 'T']];
	for (const f of more) out.push('AND', f);
	return out;
}

/** What a job's input search holds for one customer: its subsidiaries and its detail rows. */
export interface CustomerCount {
	readonly customerId: string;
	readonly subsidiaryIds: string[];
	rows: number;
}

/**
 * The search grouped by customer and subsidiary with the rows of each (GROUP entity, GROUP
 * subsidiary, both sorted: a unique order for the pages; COUNT internalid), read in full: one entry
 * per customer in input order, its subsidiaries in order (5 + 5 per 1,000 customer-subsidiary pairs).
 * @example countByCustomer(narrowed(asOf, searchId)).get('100') // { customerId: '100', subsidiaryIds: ['1'], rows: 42 }
 */
export function countByCustomer(s: search.Search): Map<string, CustomerCount> {
	const entity = { name: 'entity', summary: search.Summary.GROUP };
	const subsidiary = { name: 'subsidiary', summary: search.Summary.GROUP };
	const count = { name: 'internalid', summary: search.Summary.COUNT };
	s.columns = [column(entity), column(subsidiary), search.createColumn(count)];
	const out = new Map<string, CustomerCount>();
	forEachRow(s, (row) => {
		const customerId = valueOf(row, entity);
		if (customerId === '') throw new Error(`A row of the input search ${s.id || '(unsaved)'} has no customer`);
		const rows = Number(valueOf(row, count));
		const known = out.get(customerId);
		const entry = known ?? { customerId, subsidiaryIds: [], rows: 0 };
		entry.subsidiaryIds.push(valueOf(row, subsidiary));
		entry.rows += Number.isFinite(rows) ? rows : 0;
		if (known === undefined) out.set(customerId, entry);
	});
	return out;
}

/**
 * Records of `type` matching `filters`, counted per value of `field` (GROUP field, COUNT internal
 * id): 5 + 5 per 1,000 values. A record without the field is not counted.
 * @example countRecordsBy('customrecord_o2c_promise', 'custrecord_o2c_pr_customer', [['isinactive', 'is', 'F']]).get('100')
 */
export function countRecordsBy(type: string, field: string, filters: unknown[]): Map<string, number> {
	const group = { name: field, summary: search.Summary.GROUP };
	const count = { name: 'internalid', summary: search.Summary.COUNT };
	const s = search.create({ type, filters, columns: [column(group), column(count)] });
	const out = new Map<string, number>();
	forEachRow(s, (row) => {
		const key = valueOf(row, group);
		const n = Number(valueOf(row, count));
		if (key !== '' && Number.isFinite(n)) out.set(key, (out.get(key) ?? 0) + n);
	});
	return out;
}
