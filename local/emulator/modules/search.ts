/**
 * The emulated `N/search` module (docs/ARCHITECTURE.md, "N/search"), served over the account's
 * RecordStore. The engine (filters, joins, summaries, indexes) lives in `./search/engine.ts`.
 *
 * Governance (charged through ctx.meter before the call does its work): create 0, load 5,
 * Search.save 5, delete 5, Search.run 0, ResultSet.each 10, ResultSet.getRange 10,
 * Search.runPaged 5, PagedData.fetch / Page.next / Page.prev 5, lookupFields 1.
 * `runForMapReduceInput` (a map/reduce input stage's search) charges nothing: NetSuite runs the
 * input search outside the script's governance.
 *
 * Limits: getRange ≤ 1,000 rows per call (SSS_SEARCH_RESULT_LIMIT_EXCEEDED); each throws
 * SSS_SEARCH_FOR_EACH_LIMIT_EXCEEDED when the callback asks for a 4,001st result (NetSuite throws
 * rather than stopping silently: public scripts catch that error by name); runPaged pageSize
 * 5–1,000 (INVALID_PAGE_RANGE) and ≤ 1,000 pages (EMULATOR_UNSUPPORTED: NetSuite would silently return
 * only the first 1,000 pages).
 */
import type { ModuleContext, SavedSearchDef } from '../context';
import { charge } from '../governance';
import type { StoredRecord } from '../store';
import { emulatorLimit, ssError, SuiteScriptError } from './search/errors';
import { dateInZone, formatDate, isDateObject } from './search/dates';
import {
	Column,
	Filter,
	makeSetting,
	normalizeSettings,
	Operator,
	Setting,
	Sort,
	Summary,
	toColumn,
	Type,
} from './search/model';
import {
	compileSearch,
	executeSearch,
	nodeToExpression,
	parseFilters,
	rowCell,
	schemaFor,
	toCell,
	type Cell,
	type ColumnSpec,
	type CompiledSearch,
	type Execution,
	type FilterNode,
	type SearchDefinition,
	type TermSpec,
} from './search/engine';
import { getSchema, transactionById, type Row } from './search/schema';
import { guard, scriptText } from './guard';

export { SuiteScriptError } from './search/errors';

/* ------------------------------------------------------------------------------------------ */
/* Results                                                                                     */
/* ------------------------------------------------------------------------------------------ */

interface ColumnLike {
	name?: unknown;
	join?: unknown;
	summary?: unknown;
}

const columnIndexCache = new WeakMap<ColumnSpec[], Map<string, number>>();

function findColumn(specs: ColumnSpec[], cols: Column[], opt: unknown): number {
	let key: string;
	if (typeof opt === 'string') key = opt;
	else if (
		opt &&
		typeof opt === 'object' &&
		!(opt instanceof Column) &&
		typeof (opt as ColumnLike).name === 'string'
	) {
		const o = opt as ColumnLike;
		key = `${scriptText(o.name)}\u0001${o.join ? scriptText(o.join) : ''}\u0001${o.summary ? scriptText(o.summary) : ''}`;
	} else return findColumnUncached(specs, cols, opt);
	let cache = columnIndexCache.get(specs);
	if (!cache) {
		cache = new Map();
		columnIndexCache.set(specs, cache);
	}
	let i = cache.get(key);
	if (i === undefined) {
		i = findColumnUncached(specs, cols, opt);
		cache.set(key, i);
	}
	return i;
}

function findColumnUncached(specs: ColumnSpec[], cols: Column[], opt: unknown): number {
	if (opt instanceof Column) {
		const i = cols.indexOf(opt);
		if (i >= 0) return i;
	}
	let name: string;
	let join = '';
	let summary = '';
	if (typeof opt === 'string') {
		name = opt.trim().toLowerCase();
		const dot = name.indexOf('.');
		if (dot > 0) {
			join = name.slice(0, dot);
			name = name.slice(dot + 1);
		}
	} else if (opt && typeof opt === 'object' && typeof (opt as ColumnLike).name === 'string') {
		const o = opt as ColumnLike;
		name = scriptText(o.name).trim().toLowerCase();
		join = o.join ? scriptText(o.join).trim().toLowerCase() : '';
		summary = o.summary ? scriptText(o.summary).trim().toUpperCase() : '';
	} else {
		throw ssError(
			'SSS_MISSING_REQD_ARGUMENT',
			'Result.getValue: missing a required argument: name (a column name, {name, join, summary} or a search.Column)',
		);
	}
	return specs.findIndex((s) => s.name === name && (s.join ?? '') === join && (s.summary ?? '') === summary);
}

function isSelectValued(spec: ColumnSpec): boolean {
	const k = spec.resolved.kind;
	return (
		(k === 'select' || k === 'multiselect') &&
		(!spec.summary || spec.summary === 'GROUP' || spec.summary === 'MIN' || spec.summary === 'MAX')
	);
}

/** One search result (search.Result). */
export class Result {
	readonly recordType: string | null;
	readonly id: string | null;
	readonly columns: Column[];
	private readonly specs: ColumnSpec[];
	private readonly cellAt: (i: number) => Cell;

	constructor(recordType: string | null, id: string | null, specs: ColumnSpec[], cellAt: (i: number) => Cell) {
		this.recordType = recordType;
		this.id = id;
		this.specs = specs;
		this.columns = specs.map((s) => s.col);
		this.cellAt = cellAt;
	}

	/** String for numbers and dates (user format), boolean for checkboxes, id for selects, '' when empty; null for a column not in the search. */
	getValue(column: unknown): string | boolean | null {
		const i = findColumn(this.specs, this.columns, column);
		return i < 0 ? null : this.cellAt(i).value;
	}

	/** Display text of a select column; null for other columns and columns not in the search. */
	getText(column: unknown): string | null {
		const i = findColumn(this.specs, this.columns, column);
		return i < 0 ? null : this.cellAt(i).text;
	}

	getAllValues(): Record<string, unknown> {
		return this.toJSON().values;
	}

	/** The shape map/reduce receives: selects as {value, text}, summaries as SUMMARY(name), joins as name.join. */
	toJSON(): { recordType?: string; id?: string; values: Record<string, unknown> } {
		const values: Record<string, unknown> = {};
		this.specs.forEach((s, i) => {
			const cell = this.cellAt(i);
			values[s.key] = isSelectValued(s) ? { value: cell.value, text: cell.text ?? '' } : cell.value;
		});
		const out: { recordType?: string; id?: string; values?: Record<string, unknown> } = {};
		if (this.recordType !== null) out.recordType = this.recordType;
		if (this.id !== null) out.id = this.id;
		out.values = values; // key order as NetSuite serialises: recordType, id, values
		return out as { recordType?: string; id?: string; values: Record<string, unknown> };
	}
}

/**
 * Results of one execution, materialised lazily and not kept: each fetch, getRange or each builds
 * new Result objects (as NetSuite returns new objects per call), so a script that reads a large
 * search page by page holds one page of results, not every result it has seen.
 */
class Executed {
	constructor(
		readonly compiled: CompiledSearch,
		readonly execution: Execution,
	) {}

	get length(): number {
		return this.execution.kind === 'rows' ? this.execution.rows.length : this.execution.groups.length;
	}

	result(i: number): Result {
		const c = this.compiled;
		let r: Result;
		if (this.execution.kind === 'rows') {
			const row = this.execution.rows[i] as Row;
			const cells = new Array<Cell | undefined>(c.columns.length);
			// Results are the hot objects (one per row a script reads), so they are not wrapped in a guard
			r = new Result(row.rec.type, String(row.rec.id), c.columns, (k) => {
				let cell = cells[k];
				if (!cell) {
					cell = rowCell(c.columns[k] as ColumnSpec, row, c.dateFormat);
					cells[k] = cell;
				}
				return cell;
			});
		} else {
			const g = this.execution.groups[i] as { cells: Cell[] };
			r = new Result(c.searchType, null, c.columns, (k) => g.cells[k] as Cell);
		}
		return r;
	}
}

function execute(ctx: ModuleContext, def: SearchDefinition): Executed {
	const compiled = compileSearch(ctx, def);
	return new Executed(compiled, executeSearch(ctx, compiled));
}

function withPromise<F extends (...args: never[]) => unknown>(
	fn: F,
): F & { promise: (...args: Parameters<F>) => Promise<ReturnType<F>> } {
	const f = fn as F & { promise: (...args: Parameters<F>) => Promise<ReturnType<F>> };
	// what fn throws rejects the promise (a Promise executor's throw does), whatever the thrown value
	f.promise = (...args: Parameters<F>) =>
		new Promise<ReturnType<F>>((resolve) => {
			resolve(fn(...args) as ReturnType<F>);
		});
	return f;
}

/** Search limits (platform §8.3; Oracle help ResultSet.each, ResultSet.getRange, Search.runPaged). */
export const SEARCH_LIMITS = {
	eachRows: 4000,
	getRangeRows: 1000,
	pageSizeMin: 5,
	pageSizeMax: 1000,
	pages: 1000,
} as const;
const EACH_LIMIT = SEARCH_LIMITS.eachRows;
const RANGE_LIMIT = SEARCH_LIMITS.getRangeRows;

/** search.ResultSet */
export class ResultSet {
	readonly columns: Column[];
	readonly each: ((callback: (result: Result) => unknown) => void) & {
		promise: (callback: (result: Result) => unknown) => Promise<void>;
	};
	readonly getRange: ((options: { start: number; end: number } | number, end?: number) => Result[]) & {
		promise: (options: { start: number; end: number } | number, end?: number) => Promise<Result[]>;
	};
	private executed: Executed | null = null;

	constructor(
		private readonly ctx: ModuleContext,
		private readonly def: SearchDefinition,
	) {
		this.columns = def.columns.slice();
		this.each = withPromise((callback: (result: Result) => unknown): void => {
			charge(ctx.meter, 'ResultSet.each');
			if (typeof callback !== 'function')
				throw ssError('SSS_MISSING_REQD_ARGUMENT', 'ResultSet.each: missing a required argument: callback');
			const ex = this.exec();
			const n = ex.length;
			for (let i = 0; i < n; i++) {
				if (i >= EACH_LIMIT) {
					throw ssError(
						'SSS_SEARCH_FOR_EACH_LIMIT_EXCEEDED',
						'No more than 4000 search results may be returned at one time from nlobjSearchResultSet.forEachResult(callback). Please revise your search criteria or modify the callback logic so that no more than 4000 results are returned.',
					);
				}
				if (!callback(ex.result(i))) return;
			}
		});
		// a script may call getRange() without options: the checks below refuse it
		type RangeOptions = { start: number; end: number } | number | null | undefined;
		this.getRange = withPromise((options: RangeOptions, endArg?: number): Result[] => {
			charge(ctx.meter, 'ResultSet.getRange');
			const start = typeof options === 'number' ? options : options?.start;
			const end = typeof options === 'number' ? endArg : options?.end;
			if (
				typeof start !== 'number' ||
				typeof end !== 'number' ||
				!Number.isInteger(start) ||
				!Number.isInteger(end)
			) {
				throw ssError(
					'SSS_MISSING_REQD_ARGUMENT',
					'ResultSet.getRange: missing a required argument: start and end (integers)',
				);
			}
			if (start < 0)
				throw ssError(
					'SSS_INVALID_SEARCH_RESULT_INDEX',
					`Invalid search result index: start ${start} is negative`,
				);
			if (end - start > RANGE_LIMIT) {
				throw ssError(
					'SSS_SEARCH_RESULT_LIMIT_EXCEEDED',
					`No more than 1000 search results may be requested at one time from nlobjSearchResultSet.getResults(). Please narrow your range, or use nlobjSearchResultSet.forEachResult() instead. (requested ${end - start})`,
				);
			}
			const ex = this.exec();
			const out: Result[] = [];
			for (let i = start; i < Math.min(end, ex.length); i++) out.push(ex.result(i));
			return out;
		});
	}

	private exec(): Executed {
		this.executed ??= execute(this.ctx, this.def);
		return this.executed;
	}
}

/** search.PageRange */
export interface PageRange {
	index: number;
	compoundLabel: string;
}

/** search.Page */
export class Page {
	readonly next: (() => Page) & { promise: () => Promise<Page> };
	readonly prev: (() => Page) & { promise: () => Promise<Page> };
	constructor(
		readonly pagedData: PagedData,
		readonly pageRange: PageRange,
		readonly data: Result[],
		readonly isFirst: boolean,
		readonly isLast: boolean,
	) {
		this.next = withPromise((): Page => {
			if (this.isLast) throw ssError('INVALID_PAGE_RANGE', 'Invalid page range: this is the last page.');
			return this.pagedData.fetch({ index: this.pageRange.index + 1 });
		});
		this.prev = withPromise((): Page => {
			if (this.isFirst) throw ssError('INVALID_PAGE_RANGE', 'Invalid page range: this is the first page.');
			return this.pagedData.fetch({ index: this.pageRange.index - 1 });
		});
	}
}

const MAX_PAGES = SEARCH_LIMITS.pages;

/**
 * Oracle help, Search.runPaged: "You must specify a sorting order in the search definition when
 * using this method to avoid duplicate or missing results." Pages are separate queries; without a
 * unique, unambiguous order a row can move between pages, so it is read twice or never. The emulator
 * refuses a search of more than one page whose sort does not determine every row's place:
 * - a summary search: every GROUP column sorted (the GROUP values are the row's key);
 * - a row search: `internalid` sorted, and on rows expanded per application also the applying
 *   transaction (`applyingtransaction`, or `internalid` joined on it).
 * A single page has no such hazard and is allowed unsorted.
 */
function requireUniqueOrder(c: CompiledSearch, count: number, pages: number): void {
	const sorted = c.columns.filter((col) => col.sort);
	let unique: boolean;
	let need: string;
	if (c.summary) {
		const groups = c.columns.filter((col) => col.summary === 'GROUP');
		unique = groups.length > 0 && groups.every((g) => g.sort);
		need = `a sort on every GROUP column (${groups.map((g) => g.key).join(', ') || 'none'})`;
	} else {
		const byId = sorted.some((col) => col.name === 'internalid' && !col.join && !col.summary);
		const byApplication =
			!c.expands ||
			sorted.some(
				(col) =>
					(col.name === 'applyingtransaction' && !col.join) ||
					(col.name === 'internalid' && col.join === 'applyingtransaction'),
			);
		unique = byId && byApplication;
		need = c.expands
			? 'a sort on internalid and on the applying transaction (rows are one per application)'
			: 'a sort on internalid';
	}
	if (unique) return;
	throw emulatorLimit(
		`runPaged: ${count} results make ${pages} pages, and the search has no unique sort order (it needs ${need}). Oracle help, Search.runPaged: "You must specify a sorting order in the search definition when using this method to avoid duplicate or missing results."`,
	);
}

/** search.PagedData */
export class PagedData {
	/** the object the script holds (the guarded proxy), which pages point back to */
	self: PagedData = this;
	readonly count: number;
	readonly pageRanges: PageRange[];
	readonly fetch: ((options: { index: number } | number) => Page) & {
		promise: (options: { index: number } | number) => Promise<Page>;
	};

	constructor(
		ctx: ModuleContext,
		private readonly executed: Executed,
		readonly pageSize: number,
		readonly searchDefinition: SearchObject,
	) {
		this.count = executed.length;
		const pages = Math.ceil(this.count / pageSize);
		if (pages > 1) requireUniqueOrder(executed.compiled, this.count, pages);
		if (pages > MAX_PAGES) {
			throw emulatorLimit(
				`runPaged: ${this.count} results in pages of ${pageSize} make ${pages} pages; NetSuite returns at most 1,000 pages (the rest would be silently missing), so the emulator refuses. Narrow the search or use a map/reduce input.`,
			);
		}
		this.pageRanges = [];
		for (let i = 0; i < pages; i++) {
			const first = i * pageSize + 1;
			const last = Math.min(this.count, (i + 1) * pageSize);
			this.pageRanges.push({ index: i, compoundLabel: `${first} \u2013 ${last}` });
		}
		// a script may call fetch() without options: the check below refuses it
		this.fetch = withPromise((options: { index: number } | number | null | undefined): Page => {
			charge(ctx.meter, 'PagedData.fetch');
			const index = typeof options === 'number' ? options : options?.index;
			if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= this.pageRanges.length) {
				throw ssError('INVALID_PAGE_RANGE', `Invalid page range: ${JSON.stringify(index)}.`);
			}
			const data: Result[] = [];
			const end = Math.min(this.count, (index + 1) * this.pageSize);
			for (let i = index * this.pageSize; i < end; i++) data.push(this.executed.result(i));
			return guard(
				'search.Page',
				new Page(
					this.self,
					this.pageRanges[index] as PageRange,
					data,
					index === 0,
					index === this.pageRanges.length - 1,
				),
			);
		});
	}
}

/* ------------------------------------------------------------------------------------------ */
/* Search                                                                                      */
/* ------------------------------------------------------------------------------------------ */

interface StoredDefinition {
	searchType: string;
	filterExpression: unknown[];
	columns: { name: string; join?: string; summary?: string; label?: string; sort?: string }[];
	settings: { name: string; value: string }[];
	isPublic: boolean;
	searchId: number;
}

/** search.Search */
export class SearchObject {
	/** the object the script holds (the guarded proxy) */
	self: SearchObject = this;
	private readonly _type: string;
	id: string;
	title: string;
	searchId: number;
	isPublic: boolean;
	settings: Setting[];
	private _filters: Filter[] | null = null;
	private _node: FilterNode | null = null;
	private _columns: Column[];
	readonly run: (() => ResultSet) & { promise: () => Promise<ResultSet> };
	readonly runPaged: ((options?: { pageSize?: number }) => PagedData) & {
		promise: (options?: { pageSize?: number }) => Promise<PagedData>;
	};
	readonly save: ((options?: { id?: string; title?: string }) => number) & {
		promise: (options?: { id?: string; title?: string }) => Promise<number>;
	};

	constructor(
		private readonly ctx: ModuleContext,
		opts: {
			type: string;
			filters?: unknown;
			filterExpression?: unknown;
			columns?: unknown;
			settings?: unknown;
			title?: string;
			id?: string;
			isPublic?: boolean;
		},
	) {
		this._type = opts.type;
		schemaFor(ctx, opts.type);
		this._node = parseFilters(opts.filters ?? opts.filterExpression);
		this._columns = toColumns(opts.columns);
		this.settings = normalizeSettings(opts.settings);
		this.title = opts.title ?? '';
		this.id = opts.id ?? '';
		this.searchId = -1;
		this.isPublic = opts.isPublic === true;

		this.run = withPromise((): ResultSet => guard('search.ResultSet', new ResultSet(ctx, this.definition())));
		this.runPaged = withPromise((options?: { pageSize?: number }): PagedData => {
			charge(ctx.meter, 'Search.runPaged');
			const given = options?.pageSize ?? 50;
			const size = typeof given === 'string' && /^\s*\d+\s*$/.test(given) ? Number(given) : given;
			if (
				typeof size !== 'number' ||
				!Number.isInteger(size) ||
				size < SEARCH_LIMITS.pageSizeMin ||
				size > SEARCH_LIMITS.pageSizeMax
			) {
				throw ssError(
					'INVALID_PAGE_RANGE',
					`Invalid page size ${JSON.stringify(given)}: runPaged pageSize must be an integer from 5 to 1000.`,
				);
			}
			const paged = new PagedData(ctx, execute(ctx, this.definition()), size, this.self);
			paged.self = guard('search.PagedData', paged);
			return paged.self;
		});
		this.save = withPromise((options?: { id?: string; title?: string }): number => {
			charge(ctx.meter, 'Search.save');
			return saveSearch(ctx, this, options);
		});
	}

	get searchType(): string {
		return this._type;
	}

	/** Filter objects; when the filters are a filter expression with OR/NOT the array is a derived copy. */
	get filters(): Filter[] {
		if (this._filters) return this._filters;
		const node = this._node;
		const terms =
			node === null
				? []
				: node.t === 'term'
					? [node]
					: node.t === 'and' && node.items.every((n) => n.t === 'term')
						? node.items
						: null;
		const asFilters = (list: FilterNode[]): Filter[] =>
			list.map((n) => {
				const t = (n as { t: 'term'; term: TermSpec }).term;
				return new Filter({
					name: t.name,
					join: t.join,
					operator: t.operator,
					values: t.values,
					summary: t.summary,
				});
			});
		if (terms) {
			this._filters = asFilters(terms);
			this._node = null;
			return this._filters;
		}
		const flat: FilterNode[] = [];
		const walk = (n: FilterNode): void => {
			if (n.t === 'term') flat.push(n);
			else if (n.t === 'not') walk(n.item);
			else n.items.forEach(walk);
		};
		if (node) walk(node);
		return asFilters(flat);
	}

	set filters(value: unknown) {
		const list = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
		for (const f of list) {
			if (!(f instanceof Filter))
				throw ssError(
					'SSS_INVALID_SRCH_FILTER',
					'Search.filters takes search.Filter objects; use filterExpression for expressions',
				);
		}
		this._filters = list as Filter[];
		this._node = null;
	}

	get filterExpression(): unknown[] {
		return nodeToExpression(this.currentNode());
	}

	set filterExpression(value: unknown) {
		this._node = parseFilters(value);
		this._filters = null;
	}

	get columns(): Column[] {
		return this._columns;
	}

	set columns(value: unknown) {
		this._columns = toColumns(value);
	}

	private currentNode(): FilterNode | null {
		return this._filters ? parseFilters(this._filters) : this._node;
	}

	/** The definition a run uses: a snapshot of filters and columns now. */
	definition(): SearchDefinition {
		return { searchType: this._type, filters: this.currentNode(), columns: this._columns.map((c) => toColumn(c)) };
	}

	toJSON(): Record<string, unknown> {
		return {
			id: this.id,
			searchId: this.searchId,
			searchType: this._type,
			title: this.title,
			filterExpression: this.filterExpression,
			columns: this._columns.map((c) => c.toJSON()),
			settings: this.settings.map((s) => s.toJSON()),
		};
	}

	toString(): string {
		return 'search.Search';
	}
}

function newSearch(ctx: ModuleContext, opts: ConstructorParameters<typeof SearchObject>[1]): SearchObject {
	const s = new SearchObject(ctx, opts);
	s.self = guard('search.Search', s);
	return s.self;
}

function toColumns(value: unknown): Column[] {
	if (value === undefined || value === null) return [];
	const list = Array.isArray(value) ? value : [value];
	return list.map(toColumn);
}

/* ------------------------------------------------------------------------------------------ */
/* Saved searches                                                                              */
/* ------------------------------------------------------------------------------------------ */

function serialiseValues(ctx: ModuleContext, expr: unknown): unknown {
	if (Array.isArray(expr)) return expr.map((x) => serialiseValues(ctx, x));
	if (isDateObject(expr))
		return formatDate(dateInZone(expr, ctx.account.timezone || 'UTC'), ctx.account.dateFormat || 'M/D/YYYY');
	return expr;
}

function nextSearchId(ctx: ModuleContext): number {
	let max = 99;
	for (const s of ctx.savedSearches.values()) {
		const id = (s.definition as StoredDefinition | undefined)?.searchId;
		if (typeof id === 'number' && id > max) max = id;
	}
	return max + 1;
}

function saveSearch(ctx: ModuleContext, s: SearchObject, options?: { id?: string; title?: string }): number {
	const title = options?.title ?? s.title;
	if (typeof title !== 'string' || title.trim() === '')
		throw ssError('SSS_MISSING_REQD_ARGUMENT', 'Search.save: missing a required argument: title');
	let id = (options?.id ?? s.id).trim().toLowerCase();
	const existing = id ? ctx.savedSearches.get(id) : undefined;
	const existingId = (existing?.definition as StoredDefinition | undefined)?.searchId;
	if (existing && existingId !== s.searchId) {
		throw ssError('DUP_RCRD', `A saved search with the id ${id} already exists; load it to change it.`);
	}
	const searchId = existingId ?? (s.searchId > 0 ? s.searchId : nextSearchId(ctx));
	if (!id) id = `customsearch${searchId}`;
	if (!/^customsearch[a-z0-9_]*$/.test(id)) {
		throw ssError(
			'SSS_INVALID_SRCH_ID',
			`Invalid saved search id ${JSON.stringify(id)}: a script id starts with "customsearch" (lowercase letters, digits, underscores).`,
		);
	}
	compileSearch(ctx, s.definition()); // NetSuite validates fields and joins when saving
	const definition: StoredDefinition = {
		searchType: s.searchType,
		filterExpression: serialiseValues(ctx, s.filterExpression) as unknown[],
		columns: s.columns.map((c) => ({
			name: c.name,
			...(c.join ? { join: c.join } : {}),
			...(c.summary ? { summary: c.summary } : {}),
			...(c.label !== undefined ? { label: c.label } : {}),
			...(c.sort ? { sort: c.sort } : {}),
		})),
		settings: s.settings.map((x) => ({ name: x.name, value: x.value })),
		isPublic: s.isPublic,
		searchId,
	};
	const saved: SavedSearchDef = { id, title, definition };
	ctx.savedSearches.set(id, saved);
	s.id = id;
	s.title = title;
	s.searchId = searchId;
	return searchId;
}

function findSaved(ctx: ModuleContext, id: unknown): SavedSearchDef | undefined {
	if (typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id.trim()))) {
		const n = Number(id);
		for (const s of ctx.savedSearches.values())
			if ((s.definition as StoredDefinition | undefined)?.searchId === n) return s;
		return undefined;
	}
	if (typeof id !== 'string') return undefined;
	return ctx.savedSearches.get(id.trim().toLowerCase());
}

function notFound(ctx: ModuleContext, id: unknown): SuiteScriptError {
	if (typeof id === 'string' && ctx.objects.objects.get(id.trim().toLowerCase())?.objectType === 'savedsearch') {
		return emulatorLimit(
			`saved search ${id} is an SDF object; the emulator does not read SDF saved search definitions (create and save it with N/search instead)`,
		);
	}
	return ssError('INVALID_SEARCH', `That search or mass update does not exist: ${JSON.stringify(id)}.`);
}

/**
 * The columns of a saved search as a load returns them: joins in NetSuite's spelling
 * (`applyingTransaction`, `createdFrom`), whatever case the script used when it saved the search, so
 * result JSON keys read `trandate.applyingTransaction` (public map/reduce code over loaded searches).
 */
function loadedColumns(ctx: ModuleContext, d: StoredDefinition): Column[] {
	const joins = getSchema(ctx.objects, d.searchType)?.joins;
	return d.columns.map(
		(c) => new Column(c.join ? { ...c, join: joins?.get(c.join.trim().toLowerCase())?.canonical ?? c.join } : c),
	);
}

function loadSearch(ctx: ModuleContext, id: unknown): SearchObject {
	const saved = findSaved(ctx, id);
	if (!saved) throw notFound(ctx, id);
	const d = saved.definition as StoredDefinition;
	const s = newSearch(ctx, {
		type: d.searchType,
		filters: d.filterExpression,
		columns: loadedColumns(ctx, d),
		settings: d.settings,
		title: saved.title,
		id: saved.id,
		isPublic: d.isPublic,
	});
	s.searchId = d.searchId;
	return s;
}

/* ------------------------------------------------------------------------------------------ */
/* lookupFields                                                                                */
/* ------------------------------------------------------------------------------------------ */

/** What a script passes to search.lookupFields (possibly nothing). */
type LookupOptions = { type?: unknown; id?: unknown; columns?: unknown } | null | undefined;

function lookupFields(ctx: ModuleContext, options: LookupOptions): Record<string, unknown> {
	if (!options || typeof options.type !== 'string')
		throw ssError('SSS_MISSING_REQD_ARGUMENT', 'search.lookupFields: missing a required argument: type');
	if (options.id === undefined || options.id === null || options.id === '')
		throw ssError('SSS_MISSING_REQD_ARGUMENT', 'search.lookupFields: missing a required argument: id');
	if (options.columns === undefined || options.columns === null)
		throw ssError('SSS_MISSING_REQD_ARGUMENT', 'search.lookupFields: missing a required argument: columns');
	const schema = schemaFor(ctx, options.type);
	const id = Number(options.id);
	let rec: StoredRecord | undefined;
	if (Number.isSafeInteger(id)) {
		if (schema.isTransaction && schema.recordTypes.length > 1) {
			rec = transactionById(ctx.store, id);
		} else {
			rec = ctx.store.get(schema.recordTypes[0] as string, id);
		}
	}
	if (!rec) throw ssError('RCRD_DSNT_EXIST', `Record does not exist: ${options.type} ${JSON.stringify(options.id)}.`);
	const names = (Array.isArray(options.columns) ? options.columns : [options.columns]).map((c) => String(c));
	const columns = names.map((n) => toColumn(n));
	const compiled = compileSearch(ctx, {
		searchType: schema.searchType,
		filters: schema.isTransaction ? parseFilters(['mainline', 'is', 'T']) : null,
		columns,
	});
	const out: Record<string, unknown> = {};
	const row: Row = { rec, app: null };
	compiled.columns.forEach((spec, i) => {
		if (spec.resolved.expands)
			throw ssError(
				'SSS_INVALID_SRCH_COL',
				`search.lookupFields cannot read ${names[i]}: it has one value per application`,
			);
		const cell = toCell(
			spec.resolved.kind,
			spec.resolved.field,
			spec.resolved.raw(row),
			spec.resolved.text(row),
			compiled.dateFormat,
		);
		const kind = spec.resolved.kind;
		out[names[i] as string] =
			kind === 'select' || kind === 'multiselect'
				? cell.value === ''
					? []
					: [{ value: cell.value, text: cell.text ?? '' }]
				: cell.value;
	});
	return out;
}

/* ------------------------------------------------------------------------------------------ */
/* Module                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/** What a script passes to search.create (possibly nothing). */
type CreateOptions = ConstructorParameters<typeof SearchObject>[1] | null | undefined;

/** The N/search module a script receives, bound to one execution's context. */
export function createSearchModule(ctx: ModuleContext) {
	// the module's functions check their options: a script may pass none, or something else
	const create = withPromise((options: CreateOptions): SearchObject => {
		charge(ctx.meter, 'search.create');
		if (!options || typeof options !== 'object' || typeof options.type !== 'string' || options.type === '') {
			throw ssError('SSS_MISSING_REQD_ARGUMENT', 'search.create: missing a required argument: type');
		}
		return newSearch(ctx, options);
	});
	const load = withPromise((options: { id?: unknown; type?: string } | null | undefined): SearchObject => {
		charge(ctx.meter, 'search.load');
		const id = options?.id;
		if (id === undefined || id === null || id === '')
			throw ssError('SSS_MISSING_REQD_ARGUMENT', 'search.load: missing a required argument: id');
		return loadSearch(ctx, id);
	});
	const del = withPromise((options: { id?: unknown } | null | undefined): void => {
		charge(ctx.meter, 'search.delete');
		const id = options?.id;
		if (id === undefined || id === null || id === '')
			throw ssError('SSS_MISSING_REQD_ARGUMENT', 'search.delete: missing a required argument: id');
		const saved = findSaved(ctx, id);
		if (!saved) throw notFound(ctx, id);
		ctx.savedSearches.delete(saved.id);
	});
	const lookup = withPromise((options: LookupOptions): Record<string, unknown> => {
		charge(ctx.meter, 'search.lookupFields');
		return lookupFields(ctx, options);
	});
	const unsupported = (what: string) => (): never => {
		throw emulatorLimit(`search.${what} is not modelled`);
	};
	return guard('N/search', {
		create,
		load,
		delete: del,
		lookupFields: lookup,
		createColumn: (options: ConstructorParameters<typeof Column>[0]): Column =>
			guard('search.Column', new Column(options)),
		createFilter: (options: ConstructorParameters<typeof Filter>[0]): Filter =>
			guard('search.Filter', new Filter(options)),
		createSetting: (options: { name: string; value: string } | null | undefined): Setting =>
			guard('search.Setting', makeSetting(options?.name, options?.value)),
		global: withPromise(unsupported('global')),
		duplicates: withPromise(unsupported('duplicates')),
		Type: guard('search.Type', Type),
		Operator: guard('search.Operator', Operator),
		Summary: guard('search.Summary', Summary),
		Sort: guard('search.Sort', Sort),
	});
}

export type SearchModule = ReturnType<typeof createSearchModule>;

/**
 * The results a map/reduce input stage gets from a Search (or a `{type: 'search', id}` reference
 * to a saved search), each `JSON.stringify`'d as NetSuite hands them to map. Charges no units.
 */
export function runForMapReduceInput(ctx: ModuleContext, searchOrRef: unknown): string[] {
	let def: SearchDefinition;
	if (searchOrRef instanceof SearchObject) {
		def = searchOrRef.definition();
	} else if (
		searchOrRef &&
		typeof searchOrRef === 'object' &&
		(searchOrRef as { type?: unknown }).type === 'search'
	) {
		const id = (searchOrRef as { id?: unknown }).id;
		const saved = findSaved(ctx, id);
		if (!saved) throw notFound(ctx, id);
		const d = saved.definition as StoredDefinition;
		def = {
			searchType: d.searchType,
			filters: parseFilters(d.filterExpression),
			columns: loadedColumns(ctx, d),
		};
	} else {
		throw ssError('SSS_INVALID_TYPE_ARG', 'map/reduce input: expected a search.Search or {type: "search", id}');
	}
	const ex = execute(ctx, def);
	const out = new Array<string>(ex.length);
	for (let i = 0; i < ex.length; i++) out[i] = JSON.stringify(ex.result(i).toJSON());
	return out;
}

/** True when a value is a Search this module created (for runners deciding how to treat an input). */
export function isSearchObject(x: unknown): x is SearchObject {
	return x instanceof SearchObject;
}

export { getSchema };
