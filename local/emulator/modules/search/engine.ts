/**
 * The search engine behind the emulated N/search: parses filters (arrays, expressions, Filter
 * objects), resolves fields and joins against the type schema, picks candidate records through
 * simple indexes, filters, expands invoice rows per application when asked, groups/aggregates
 * (summary searches, HAVING filters) and sorts.
 *
 * Money is aggregated in integer cents; dates compare as YYYY-MM-DD.
 */
import type { ModuleContext } from '../../context';
import type { RawValue, RecordStore, StoredRecord } from '../../store';
import { getAccountIndex } from '../../account';
import { emulatorLimit, ssError, SuiteScriptError } from './errors';
import { scriptText } from '../guard';
import { formatDate, toFilterDate, type DateContext } from './dates';
import {
	Column,
	normalizeOperator,
	normalizeSummary,
	normalizeValues,
	refuseFormula,
	type SortDir,
	type SummaryType,
} from './model';
import {
	getSchema,
	STANDARD_SEARCH_TYPES,
	TRANSACTION_TYPES,
	TYPE_ID_TO_RECORD,
	type FieldDef,
	type JoinDef,
	type Kind,
	type Row,
	type TypeSchema,
} from './schema';

/* ------------------------------------------------------------------------------------------ */
/* Filter parsing                                                                              */
/* ------------------------------------------------------------------------------------------ */

export interface TermSpec {
	/** field id, lowercase */
	name: string;
	/** join id, lowercase */
	join?: string;
	operator: string;
	values: unknown[];
	summary?: SummaryType;
	/** how the script wrote it, for messages */
	label: string;
}

export type FilterNode =
	| { t: 'and'; items: FilterNode[] }
	| { t: 'or'; items: FilterNode[] }
	| { t: 'not'; item: FilterNode }
	| { t: 'term'; term: TermSpec };

const LOGICAL = new Set(['and', 'or', 'not']);
const isLogical = (x: unknown): x is string => typeof x === 'string' && LOGICAL.has(x.trim().toLowerCase());

function exprError(message: string): SuiteScriptError {
	return ssError(
		'SSS_INVALID_SRCH_FILTER_EXPR',
		`The filters parameter is not a valid search filter, filter array, or filter expression: ${message}`,
	);
}

export function isFilterLike(
	x: unknown,
): x is { name: string; join?: unknown; operator: unknown; values?: unknown; summary?: unknown; formula?: unknown } {
	return (
		!!x &&
		typeof x === 'object' &&
		!Array.isArray(x) &&
		typeof (x as { name?: unknown }).name === 'string' &&
		'operator' in x
	);
}

function looksLikeTerm(a: unknown[]): boolean {
	return (
		a.length >= 2 && typeof a[0] === 'string' && !isLogical(a[0]) && typeof a[1] === 'string' && !isLogical(a[1])
	);
}

const SUMMARY_NAME = /^(group|count|sum|avg|min|max)\((.+)\)$/i;

function splitName(raw: string): { name: string; join?: string; summary?: SummaryType } {
	let s = raw.trim();
	let summary: SummaryType | undefined;
	const m = SUMMARY_NAME.exec(s);
	if (m) {
		summary = normalizeSummary(m[1], raw);
		s = (m[2] as string).trim();
	}
	refuseFormula(s, 'filter');
	const dot = s.indexOf('.');
	if (dot > 0) return { name: s.slice(dot + 1).toLowerCase(), join: s.slice(0, dot).toLowerCase(), summary };
	return { name: s.toLowerCase(), summary };
}

function termFromArray(a: unknown[]): TermSpec {
	const rawName = a[0] as string;
	const { name, join, summary } = splitName(rawName);
	const operator = normalizeOperator(a[1], `filter ${rawName}`);
	return { name, join, operator, values: normalizeValues(a.slice(2)), summary, label: rawName };
}

function termFromFilter(f: {
	name: string;
	join?: unknown;
	operator: unknown;
	values?: unknown;
	summary?: unknown;
}): TermSpec {
	refuseFormula(f.name, 'filter');
	const split = splitName(f.name);
	const join = f.join ? scriptText(f.join).toLowerCase() : split.join;
	const summary = normalizeSummary(f.summary, `filter ${f.name}`) ?? split.summary;
	const operator = normalizeOperator(f.operator, `filter ${f.name}`);
	return {
		name: split.name,
		join,
		operator,
		values: normalizeValues(f.values),
		summary,
		label: join ? `${join}.${split.name}` : f.name,
	};
}

function parseOperand(x: unknown): FilterNode {
	if (isFilterLike(x)) return { t: 'term', term: termFromFilter(x) };
	if (Array.isArray(x)) {
		if (looksLikeTerm(x)) return { t: 'term', term: termFromArray(x) };
		const node = parseSequence(x);
		if (!node) throw exprError('empty nested expression');
		return node;
	}
	throw exprError(`unexpected element ${JSON.stringify(x)}`);
}

function parseSequence(arr: unknown[]): FilterNode | null {
	if (arr.length === 0) return null;
	let i = 0;
	const peek = (): string | null => (isLogical(arr[i]) ? (arr[i] as string).trim().toLowerCase() : null);
	const parseNot = (): FilterNode => {
		if (peek() === 'not') {
			i++;
			return { t: 'not', item: parseNot() };
		}
		if (i >= arr.length) throw exprError('dangling operator at the end of the expression');
		if (peek() !== null) throw exprError(`unexpected ${JSON.stringify(arr[i])}`);
		return parseOperand(arr[i++]);
	};
	const parseAnd = (): FilterNode => {
		const items = [parseNot()];
		for (;;) {
			const l = peek();
			if (l === 'and') {
				i++;
				items.push(parseNot());
			} else if (i < arr.length && l === null) {
				items.push(parseNot()); // adjacent terms: implicit AND (a plain filter array)
			} else break;
		}
		return items.length === 1 ? (items[0] as FilterNode) : { t: 'and', items };
	};
	const parseOr = (): FilterNode => {
		const items = [parseAnd()];
		while (peek() === 'or') {
			i++;
			items.push(parseAnd());
		}
		return items.length === 1 ? (items[0] as FilterNode) : { t: 'or', items };
	};
	const node = parseOr();
	if (i < arr.length) throw exprError(`unexpected ${JSON.stringify(arr[i])}`);
	return node;
}

/** Filters as search.create accepts them (Filter, Filter[], expression, single term) -> tree. */
export function parseFilters(input: unknown): FilterNode | null {
	if (input === undefined || input === null) return null;
	if (isFilterLike(input)) return { t: 'term', term: termFromFilter(input) };
	if (!Array.isArray(input)) throw exprError(JSON.stringify(input));
	if (looksLikeTerm(input)) return { t: 'term', term: termFromArray(input) };
	return parseSequence(input);
}

/** Tree -> filter expression (arrays), for Search.filterExpression. */
export function nodeToExpression(node: FilterNode | null): unknown[] {
	if (!node) return [];
	const termArr = (t: TermSpec): unknown[] => {
		let name = t.join ? `${t.join}.${t.name}` : t.name;
		if (t.summary) name = `${t.summary.toLowerCase()}(${name})`;
		return [name, t.operator, ...t.values];
	};
	const conv = (n: FilterNode): unknown[] => {
		switch (n.t) {
			case 'term':
				return termArr(n.term);
			case 'not':
				return ['NOT', conv(n.item)];
			case 'and':
			case 'or': {
				const out: unknown[] = [];
				n.items.forEach((it, k) => {
					if (k > 0) out.push(n.t === 'and' ? 'AND' : 'OR');
					out.push(conv(it));
				});
				return out;
			}
		}
	};
	if (node.t === 'term') return [termArr(node.term)];
	return conv(node);
}

/* ------------------------------------------------------------------------------------------ */
/* Field resolution                                                                            */
/* ------------------------------------------------------------------------------------------ */

export interface Resolved {
	field: FieldDef;
	join?: JoinDef;
	kind: Kind;
	expands: boolean;
	// function-valued properties, not methods: compiled tests hold them detached from the Resolved
	raw: (row: Row) => RawValue;
	text: (row: Row) => string;
}

type Usage = 'filter' | 'column';

function invalidJoin(usage: Usage, label: string): SuiteScriptError {
	return usage === 'filter'
		? ssError(
				'SSS_INVALID_SRCH_FILTER_JOIN',
				`An nlobjSearchFilter contains an invalid join ID, or is not in proper syntax: ${label}.`,
			)
		: ssError(
				'SSS_INVALID_SRCH_COLUMN_JOIN',
				`An nlobjSearchColumn contains an invalid column join ID, or is not in proper syntax: ${label}.`,
			);
}

function invalidField(usage: Usage, label: string): SuiteScriptError {
	return usage === 'filter'
		? ssError('SSS_INVALID_SRCH_FILTER', `An nlobjSearchFilter contains invalid search criteria: ${label}.`)
		: ssError(
				'SSS_INVALID_SRCH_COL',
				`An nlobjSearchColumn contains an invalid column, or is not in proper syntax: ${label}.`,
			);
}

function resolveField(
	ctx: ModuleContext,
	schema: TypeSchema,
	name: string,
	join: string | undefined,
	usage: Usage,
	label: string,
): Resolved {
	const store = ctx.store;
	if (!join) {
		const field = schema.fields.get(name);
		if (!field) throw invalidField(usage, label);
		const text = field.text ?? (() => '');
		return { field, kind: field.kind, expands: !!field.expands, raw: field.raw, text };
	}
	const jd = schema.joins.get(join);
	if (!jd) throw invalidJoin(usage, label);
	const target = getSchema(ctx.objects, jd.target);
	const field = target?.fields.get(name);
	if (!field || field.expands) throw invalidField(usage, label);
	const fieldText = field.text;
	return {
		field,
		join: jd,
		kind: field.kind,
		expands: !!jd.expands,
		raw: (row) => {
			const r = jd.resolve(row, store);
			return r ? field.raw({ rec: r, app: null }) : null;
		},
		text: (row) => {
			if (!fieldText) return '';
			const r = jd.resolve(row, store);
			return r ? fieldText({ rec: r, app: null }) : '';
		},
	};
}

/* ------------------------------------------------------------------------------------------ */
/* Operators                                                                                   */
/* ------------------------------------------------------------------------------------------ */

type Test = (raw: RawValue) => boolean;

const SELECT_OPS = new Set(['anyof', 'noneof']);
const MULTI_OPS = new Set(['anyof', 'noneof', 'allof', 'notallof']);
const CHECKBOX_OPS = new Set(['is', 'isnot', 'equalto']);
const NUMBER_OPS = new Set([
	'equalto',
	'notequalto',
	'greaterthan',
	'greaterthanorequalto',
	'lessthan',
	'lessthanorequalto',
	'notgreaterthan',
	'notgreaterthanorequalto',
	'notlessthan',
	'notlessthanorequalto',
	'between',
	'notbetween',
	'isempty',
	'isnotempty',
	'any',
]);
const DATE_OPS = new Set([
	'on',
	'noton',
	'before',
	'notbefore',
	'after',
	'notafter',
	'onorbefore',
	'notonorbefore',
	'onorafter',
	'notonorafter',
	'within',
	'notwithin',
	'isempty',
	'isnotempty',
	'any',
]);
const TEXT_OPS = new Set([
	'is',
	'isnot',
	'contains',
	'doesnotcontain',
	'startswith',
	'doesnotstartwith',
	'isempty',
	'isnotempty',
	'haskeywords',
	'any',
]);

const OPS_BY_KIND: Record<Kind, Set<string>> = {
	select: SELECT_OPS,
	multiselect: MULTI_OPS,
	checkbox: CHECKBOX_OPS,
	mainline: CHECKBOX_OPS,
	currency: NUMBER_OPS,
	float: NUMBER_OPS,
	integer: NUMBER_OPS,
	date: DATE_OPS,
	text: TEXT_OPS,
};

const KIND_LABEL: Record<Kind, string> = {
	select: 'a list/record field (use anyof/noneof)',
	multiselect: 'a multiple-select field (anyof/noneof/allof/notallof)',
	checkbox: "a checkbox (use is 'T'/'F')",
	mainline: "a checkbox (use is 'T')",
	currency: 'a currency field',
	float: 'a number field',
	integer: 'a number field',
	date: 'a date field',
	text: 'a text field',
};

function valueError(label: string, message: string): SuiteScriptError {
	return ssError('SSS_INVALID_SRCH_FILTER', `Invalid filter value for ${label}: ${message}`);
}

function needValues(op: string, values: unknown[], label: string, n: number): void {
	if (values.length < n)
		throw valueError(label, `operator ${op} needs ${n} value${n > 1 ? 's' : ''}, got ${values.length}`);
}

function parseBool(v: unknown, label: string): boolean {
	if (v === true || v === false) return v;
	if (typeof v === 'string') {
		const u = v.trim().toUpperCase();
		if (u === 'T' || u === 'TRUE') return true;
		if (u === 'F' || u === 'FALSE') return false;
	}
	throw valueError(label, `expected 'T' or 'F', got ${JSON.stringify(v)}`);
}

function parseNum(v: unknown, label: string): number {
	const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : Number.NaN;
	if (!Number.isFinite(n)) throw valueError(label, `expected a number, got ${JSON.stringify(v)}`);
	return n;
}

const toCents = (x: number): number => Math.round(x * 100);

export function compileTest(kind: Kind, op: string, values: unknown[], label: string, dctx: DateContext): Test {
	if (!OPS_BY_KIND[kind].has(op)) {
		throw ssError(
			'SSS_INVALID_SRCH_OPERATOR',
			`An nlobjSearchFilter contains an invalid operator, or is not in proper syntax: ${op} is not valid for ${label}, ${KIND_LABEL[kind]}.`,
		);
	}
	if (op === 'any') return () => true;
	switch (kind) {
		case 'select': {
			needValues(op, values, label, 1);
			const set = new Set(values.map((v) => String(v).trim()));
			const none = set.has('@NONE@');
			// ids are mostly numbers: compare numbers without building strings
			const nums = new Set<number>();
			for (const x of set) if (/^-?\d+$/.test(x)) nums.add(Number(x));
			const anyof: Test = (raw) => {
				if (raw === null || raw === '') return none;
				return typeof raw === 'number' ? nums.has(raw) : set.has(String(raw));
			};
			return op === 'anyof' ? anyof : (raw) => !anyof(raw);
		}
		case 'multiselect': {
			needValues(op, values, label, 1);
			const wanted = values.map((v) => String(v).trim());
			const none = wanted.includes('@NONE@');
			const list = (raw: RawValue): string[] =>
				Array.isArray(raw) ? raw.map(String) : raw === null || raw === '' ? [] : String(raw).split(',');
			const anyof: Test = (raw) => {
				const have = list(raw);
				return have.length === 0 ? none : wanted.some((w) => have.includes(w));
			};
			const allof: Test = (raw) => {
				const have = list(raw);
				return wanted.every((w) => have.includes(w));
			};
			if (op === 'anyof') return anyof;
			if (op === 'noneof') return (raw) => !anyof(raw);
			if (op === 'allof') return allof;
			return (raw) => !allof(raw);
		}
		case 'checkbox':
		case 'mainline': {
			needValues(op, values, label, 1);
			const want = parseBool(values[0], label);
			return op === 'isnot' ? (raw) => (raw === true) !== want : (raw) => (raw === true) === want;
		}
		case 'currency':
		case 'float':
		case 'integer': {
			const norm = kind === 'currency' ? toCents : (x: number): number => x;
			const val = (raw: RawValue): number | null => (typeof raw === 'number' ? norm(raw) : null);
			if (op === 'isempty') return (raw) => val(raw) === null;
			if (op === 'isnotempty') return (raw) => val(raw) !== null;
			if (op === 'between' || op === 'notbetween') {
				needValues(op, values, label, 2);
				const a = norm(parseNum(values[0], label));
				const b = norm(parseNum(values[1], label));
				const inside = (x: number): boolean => x >= a && x <= b;
				return op === 'between'
					? (raw) => {
							const x = val(raw);
							return x !== null && inside(x);
						}
					: (raw) => {
							const x = val(raw);
							return x !== null && !inside(x);
						};
			}
			needValues(op, values, label, 1);
			const c = norm(parseNum(values[0], label));
			const cmp: Record<string, (x: number) => boolean> = {
				equalto: (x) => x === c,
				notequalto: (x) => x !== c,
				greaterthan: (x) => x > c,
				greaterthanorequalto: (x) => x >= c,
				lessthan: (x) => x < c,
				lessthanorequalto: (x) => x <= c,
				notgreaterthan: (x) => x <= c,
				notgreaterthanorequalto: (x) => x < c,
				notlessthan: (x) => x >= c,
				notlessthanorequalto: (x) => x > c,
			};
			const f = cmp[op] as (x: number) => boolean;
			return (raw) => {
				const x = val(raw);
				return x !== null && f(x);
			};
		}
		case 'date': {
			const val = (raw: RawValue): string | null => (typeof raw === 'string' && raw !== '' ? raw : null);
			if (op === 'isempty') return (raw) => val(raw) === null;
			if (op === 'isnotempty') return (raw) => val(raw) !== null;
			if (op === 'within' || op === 'notwithin') {
				if (values.length === 1 && typeof values[0] === 'string') {
					throw emulatorLimit(
						`filter ${label}: relative date range ${JSON.stringify(values[0])} is not modelled; give two dates`,
					);
				}
				needValues(op, values, label, 2);
				const a = toFilterDate(values[0], dctx, label);
				const b = toFilterDate(values[1], dctx, label);
				const inside = (x: string): boolean => x >= a && x <= b;
				return op === 'within'
					? (raw) => {
							const x = val(raw);
							return x !== null && inside(x);
						}
					: (raw) => {
							const x = val(raw);
							return x !== null && !inside(x);
						};
			}
			needValues(op, values, label, 1);
			const d = toFilterDate(values[0], dctx, label);
			const cmp: Record<string, (x: string) => boolean> = {
				on: (x) => x === d,
				noton: (x) => x !== d,
				before: (x) => x < d,
				notbefore: (x) => x >= d,
				after: (x) => x > d,
				notafter: (x) => x <= d,
				onorbefore: (x) => x <= d,
				notonorbefore: (x) => x > d,
				onorafter: (x) => x >= d,
				notonorafter: (x) => x < d,
			};
			const f = cmp[op] as (x: string) => boolean;
			return (raw) => {
				const x = val(raw);
				return x !== null && f(x);
			};
		}
		case 'text': {
			const val = (raw: RawValue): string => (raw === null ? '' : String(raw).toLowerCase());
			if (op === 'isempty') return (raw) => val(raw) === '';
			if (op === 'isnotempty') return (raw) => val(raw) !== '';
			needValues(op, values, label, 1);
			const s = scriptText(values[0] ?? '').toLowerCase();
			switch (op) {
				case 'is':
					return (raw) => val(raw) === s;
				case 'isnot':
					return (raw) => val(raw) !== s;
				case 'contains':
					return (raw) => val(raw).includes(s);
				case 'doesnotcontain':
					return (raw) => !val(raw).includes(s);
				case 'startswith':
					return (raw) => val(raw).startsWith(s);
				case 'doesnotstartwith':
					return (raw) => !val(raw).startsWith(s);
				default: {
					const words = s.split(/\s+/).filter((w) => w !== '');
					return (raw) => {
						const x = val(raw);
						return words.every((w) => x.includes(w));
					};
				}
			}
		}
	}
}

/* ------------------------------------------------------------------------------------------ */
/* Values                                                                                      */
/* ------------------------------------------------------------------------------------------ */

export interface Cell {
	value: string | boolean;
	/** getText: display text of selects, null for other kinds */
	text: string | null;
}

export function formatCents(c: number): string {
	const neg = c < 0;
	const a = Math.abs(c);
	const s = `${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
	return neg ? `-${s}` : s;
}

function formatNumber(n: number): string {
	return String(n);
}

/** A raw value as getValue/getText see it. */
export function toCell(kind: Kind, field: FieldDef, raw: RawValue, text: string, dateFormat: string): Cell {
	const empty = raw === null || raw === '';
	switch (kind) {
		case 'select':
			return empty ? { value: '', text: '' } : { value: field.out ? field.out(raw) : String(raw), text };
		case 'multiselect':
			return empty ? { value: '', text: '' } : { value: Array.isArray(raw) ? raw.join(',') : String(raw), text };
		case 'mainline':
			return { value: '*', text: null };
		case 'checkbox':
			return { value: raw === true, text: null };
		case 'date':
			return { value: empty ? '' : formatDate(String(raw), dateFormat), text: null };
		case 'currency':
			return { value: typeof raw === 'number' ? formatCents(toCents(raw)) : '', text: null };
		case 'float':
		case 'integer':
			return { value: typeof raw === 'number' ? formatNumber(raw) : '', text: null };
		case 'text':
			return { value: empty ? '' : String(raw), text: null };
	}
}

/* ------------------------------------------------------------------------------------------ */
/* Indexes                                                                                     */
/* ------------------------------------------------------------------------------------------ */

interface StoreIndex {
	sig: string;
	byType: Map<string, StoredRecord[]>;
	/** transactions of several types ('creditmemo,invoice'), id order, built on first use */
	byTypes: Map<string, StoredRecord[]>;
	allTx: StoredRecord[];
	txByEntity: Map<number, StoredRecord[]>;
	txBySub: Map<number, StoredRecord[]>;
	custBySub: Map<number, StoredRecord[]>;
}

const INDEXED_TYPES = [...TRANSACTION_TYPES, 'customer'];
const indexes = new WeakMap<RecordStore, StoreIndex>();

const byId = (a: StoredRecord, b: StoredRecord): number => a.id - b.id;

function sortedRecords(store: RecordStore, type: string): StoredRecord[] {
	const list = [...store.all(type)];
	for (let i = 1; i < list.length; i++) {
		if ((list[i - 1] as StoredRecord).id > (list[i] as StoredRecord).id) {
			list.sort(byId);
			break;
		}
	}
	return list;
}

function pushTo(map: Map<number, StoredRecord[]>, key: RawValue, rec: StoredRecord): void {
	if (typeof key !== 'number') return;
	let l = map.get(key);
	if (!l) {
		l = [];
		map.set(key, l);
	}
	l.push(rec);
}

/**
 * Per-store indexes of the big record types (transactions, customers): records by type, by
 * entity and by subsidiary, in internal id order. Rebuilt when a count changes; records are
 * re-read from the store when used, so a record replaced in place is seen (its entity or
 * subsidiary changing is not).
 */
/** Forget the search indexes of a store about to be replaced (they hold every one of its records). */
export function forgetStoreIndex(store: RecordStore): void {
	indexes.delete(store);
}

function getIndex(store: RecordStore): StoreIndex {
	const sig = INDEXED_TYPES.map((t) => store.count(t)).join(',');
	const hit = indexes.get(store);
	if (hit?.sig === sig) return hit;
	const byType = new Map<string, StoredRecord[]>();
	for (const t of INDEXED_TYPES) byType.set(t, sortedRecords(store, t));
	const allTx = TRANSACTION_TYPES.flatMap((t) => byType.get(t) as StoredRecord[]).sort(byId);
	const txByEntity = new Map<number, StoredRecord[]>();
	const txBySub = new Map<number, StoredRecord[]>();
	for (const r of allTx) {
		pushTo(txByEntity, r.values.entity ?? null, r);
		pushTo(txBySub, r.values.subsidiary ?? null, r);
	}
	const custBySub = new Map<number, StoredRecord[]>();
	for (const r of byType.get('customer') as StoredRecord[]) pushTo(custBySub, r.values.subsidiary ?? null, r);
	const idx = { sig, byType, byTypes: new Map<string, StoredRecord[]>(), allTx, txByEntity, txBySub, custBySub };
	indexes.set(store, idx);
	return idx;
}

/* ------------------------------------------------------------------------------------------ */
/* Compilation                                                                                 */
/* ------------------------------------------------------------------------------------------ */

export interface ColumnSpec {
	col: Column;
	name: string;
	join?: string;
	summary?: SummaryType;
	sort?: SortDir;
	resolved: Resolved;
	/** key in Result.toJSON().values */
	key: string;
}

interface HavingSpec {
	summary: SummaryType;
	resolved: Resolved;
	test: Test;
}

export interface CompiledSearch {
	schema: TypeSchema;
	searchType: string;
	columns: ColumnSpec[];
	summary: boolean;
	expands: boolean;
	predicate: (row: Row) => boolean;
	having: HavingSpec[];
	recordTypes: string[];
	/** candidate records when an indexed anyof term narrows the search */
	candidates: (() => StoredRecord[]) | null;
	dateFormat: string;
}

export interface SearchDefinition {
	searchType: string;
	filters: FilterNode | null;
	columns: Column[];
}

function dateContext(ctx: ModuleContext): DateContext {
	return {
		dateFormat: ctx.account.dateFormat || 'M/D/YYYY',
		timezone: ctx.account.timezone || 'UTC',
		today: ctx.account.asOf,
	};
}

function conjuncts(node: FilterNode | null): FilterNode[] {
	if (!node) return [];
	if (node.t === 'and') return node.items.flatMap(conjuncts);
	return [node];
}

function walkTerms(node: FilterNode, f: (t: TermSpec, topLevel: boolean) => void, top: boolean): void {
	if (node.t === 'term') f(node.term, top);
	else if (node.t === 'not') walkTerms(node.item, f, false);
	else for (const n of node.items) walkTerms(n, f, top && node.t === 'and');
}

export function schemaFor(ctx: ModuleContext, searchType: string): TypeSchema {
	const schema = typeof searchType === 'string' ? getSchema(ctx.objects, searchType) : undefined;
	if (!schema) {
		throw ssError(
			'SSS_INVALID_RECORD_TYPE',
			`Emulator limit or invalid type: search type ${JSON.stringify(searchType)} is not served by the emulated account (it serves ${STANDARD_SEARCH_TYPES.join(', ')} and the custom record types in src/Objects)`,
		);
	}
	return schema;
}

const isMainlineT = (t: TermSpec): boolean => {
	if (t.name !== 'mainline' || t.join || t.summary) return false;
	if (t.operator !== 'is' && t.operator !== 'equalto') return false;
	try {
		return parseBool(t.values[0], 'mainline');
	} catch {
		return false;
	}
};

export function compileSearch(ctx: ModuleContext, def: SearchDefinition): CompiledSearch {
	const schema = schemaFor(ctx, def.searchType);
	const dctx = dateContext(ctx);
	const store = ctx.store;

	// ---- columns
	const columns: ColumnSpec[] = def.columns.map((col) => {
		refuseFormula(col.name, 'column');
		if (col.function)
			throw emulatorLimit(`column ${col.name}: column function ${JSON.stringify(col.function)} is not modelled`);
		const name = col.name.trim().toLowerCase();
		const join = col.join ? col.join.trim().toLowerCase() : undefined;
		const label = join ? `${join}.${name}` : name;
		const resolved = resolveField(ctx, schema, name, join, 'column', label);
		if (
			(col.summary === 'SUM' || col.summary === 'AVG') &&
			!['currency', 'float', 'integer'].includes(resolved.kind)
		) {
			throw ssError(
				'SSS_INVALID_SRCH_COLUMN_SUM',
				`Summary type ${col.summary} is not valid for ${label} (not a number field)`,
			);
		}
		if (resolved.kind === 'mainline' && col.summary && col.summary !== 'GROUP' && col.summary !== 'COUNT') {
			throw ssError('SSS_INVALID_SRCH_COLUMN_SUM', `Summary type ${col.summary} is not valid for ${label}`);
		}
		// JSON keys spell the join as the definition does: as the script wrote it in search.create, or
		// NetSuite's own spelling (JoinDef.canonical) once the search was loaded (loadedColumns)
		const spelled = col.join ? col.join.trim() : undefined;
		const key = col.summary ? `${col.summary}(${label2(name, spelled)})` : label2(name, spelled);
		return { col, name, join, summary: col.summary, sort: col.sort, resolved, key };
	});
	const summarised = columns.filter((c) => c.summary).length;
	if (summarised > 0 && summarised < columns.length) {
		const bare = columns.filter((c) => !c.summary).map((c) => c.key);
		throw ssError(
			'SSS_INVALID_SRCH_COLUMN_SUM',
			`In a summary search every column needs a summary type (GROUP, COUNT, SUM, AVG, MIN, MAX); these have none: ${bare.join(', ')}`,
		);
	}

	// ---- filters
	const top = conjuncts(def.filters);
	const havingTerms: TermSpec[] = [];
	const rowNodes: FilterNode[] = [];
	for (const n of top) {
		if (n.t === 'term' && n.term.summary) havingTerms.push(n.term);
		else rowNodes.push(n);
	}
	for (const n of rowNodes) {
		walkTerms(
			n,
			(t) => {
				if (t.summary)
					throw emulatorLimit(
						`summary filter ${t.label}: summary (HAVING) filters must be ANDed at the top level of the filters`,
					);
			},
			true,
		);
	}
	if (havingTerms.length > 0 && summarised === 0) {
		throw ssError(
			'SSS_INVALID_SRCH_FILTER',
			`Summary filter ${havingTerms[0]?.label} needs a summary search (columns with summary types)`,
		);
	}

	let expands = columns.some((c) => c.resolved.expands);
	const compileNode = (n: FilterNode): ((row: Row) => boolean) => {
		switch (n.t) {
			case 'term': {
				const t = n.term;
				const label = t.join ? `${t.join}.${t.name}` : t.name;
				const r = resolveField(ctx, schema, t.name, t.join, 'filter', label);
				if (r.expands) expands = true;
				if (r.kind === 'mainline' && !t.join) {
					const want = t.values.length > 0 ? parseBool(t.values[0], label) : true;
					if (!want || t.operator === 'isnot')
						throw emulatorLimit(
							'mainline is F: transaction line rows are not modelled, only main lines (mainline is T)',
						);
				}
				const test = compileTest(r.kind, t.operator, t.values, label, dctx);
				const raw = r.raw;
				return (row) => test(raw(row));
			}
			case 'not': {
				const f = compileNode(n.item);
				return (row) => !f(row);
			}
			case 'and': {
				const fs = n.items.map(compileNode);
				return (row) => {
					for (const f of fs) if (!f(row)) return false;
					return true;
				};
			}
			case 'or': {
				const fs = n.items.map(compileNode);
				return (row) => {
					for (const f of fs) if (f(row)) return true;
					return false;
				};
			}
		}
	};
	const preds = rowNodes.map(compileNode);
	const predicate =
		preds.length === 0
			? () => true
			: preds.length === 1
				? (preds[0] as (row: Row) => boolean)
				: (row: Row) => {
						for (const p of preds) if (!p(row)) return false;
						return true;
					};

	const having: HavingSpec[] = havingTerms.map((t) => {
		const label = t.join ? `${t.join}.${t.name}` : t.name;
		const r = resolveField(ctx, schema, t.name, t.join, 'filter', label);
		if (r.expands) expands = true;
		const summary = t.summary as SummaryType;
		if ((summary === 'SUM' || summary === 'AVG') && !['currency', 'float', 'integer'].includes(r.kind)) {
			throw ssError(
				'SSS_INVALID_SRCH_FILTER',
				`Summary type ${summary} is not valid for ${label} (not a number field)`,
			);
		}
		const aggKind: Kind = summary === 'COUNT' ? 'integer' : r.kind;
		return { summary, resolved: r, test: compileTest(aggKind, t.operator, t.values, `${summary}(${label})`, dctx) };
	});

	// ---- transaction searches: main lines only
	let recordTypes = schema.recordTypes;
	if (schema.isTransaction) {
		const topTerms = rowNodes.filter((n): n is { t: 'term'; term: TermSpec } => n.t === 'term').map((n) => n.term);
		if (!topTerms.some(isMainlineT)) {
			throw emulatorLimit(
				`a ${schema.searchType} search must filter ['mainline', 'is', 'T'] (ANDed at the top level): transaction line rows are not modelled, so a search that would return them is refused`,
			);
		}
		const typeTerm = topTerms.find((t) => t.name === 'type' && !t.join && t.operator === 'anyof');
		if (typeTerm) {
			const wanted = new Set(
				typeTerm.values.map((v) => TYPE_ID_TO_RECORD[String(v).trim()]).filter((x): x is string => !!x),
			);
			recordTypes = recordTypes.filter((rt) => wanted.has(rt));
		}
	}

	// ---- index-backed candidates
	let candidates: (() => StoredRecord[]) | null = null;
	const indexed = INDEXED_TYPES.includes(schema.recordTypes[0] as string);
	const topTerms = rowNodes.filter((n): n is { t: 'term'; term: TermSpec } => n.t === 'term').map((n) => n.term);
	let best: { size: number; get: () => StoredRecord[] } | null = null;
	for (const t of topTerms) {
		const rt = recordTypes[0];
		const kind = schema.fields.get(t.name)?.kind;
		const equality =
			(kind === 'select' && t.operator === 'anyof') ||
			(kind === 'text' && t.operator === 'is') ||
			(kind === 'integer' && t.operator === 'equalto');
		if (
			!schema.isTransaction &&
			!indexed &&
			rt &&
			recordTypes.length === 1 &&
			!t.join &&
			!t.summary &&
			t.name.startsWith('custrecord') &&
			equality &&
			!t.values.some((v) => String(v).trim() === '@NONE@')
		) {
			// custom records: the store's maintained field index narrows an equality filter to its ids
			// (looked up when the search runs, so records written after compiling are seen)
			const keys = t.values.map((v) => (kind === 'text' ? v : Number(String(v).trim())));
			const lookups = (): ReadonlySet<number>[] => keys.map((k) => store.lookup(rt, t.name, k));
			const size = lookups().reduce((n, x) => n + x.size, 0);
			const get = (): StoredRecord[] => {
				const ids = new Set<number>();
				for (const set of lookups()) for (const id of set) ids.add(id);
				return [...ids]
					.sort((a, b) => a - b)
					.map((id) => store.get(rt, id))
					.filter((r): r is StoredRecord => r !== undefined);
			};
			if (!best || size < best.size) best = { size, get };
			continue;
		}
		if (t.operator !== 'anyof' || t.summary) continue;
		const ids = t.values.map((v) => Number(String(v).trim()));
		if (ids.some((n) => !Number.isSafeInteger(n))) continue; // '@NONE@' or non-numeric ids
		let lists: (() => StoredRecord[][]) | null = null;
		const isCustomerJoin = t.join === 'customer' || t.join === 'customermain';
		if (!t.join && t.name === 'internalid') {
			const types = recordTypes;
			const get = (): StoredRecord[] => {
				const out: StoredRecord[] = [];
				for (const id of [...new Set(ids)].sort((a, b) => a - b)) {
					for (const rt of types) {
						const r = store.get(rt, id);
						if (r) out.push(r);
					}
				}
				return out;
			};
			const cand = { size: ids.length, get };
			if (!best || cand.size < best.size) best = cand;
			continue;
		}
		if (!indexed) continue;
		if (
			schema.isTransaction &&
			((!t.join && (t.name === 'entity' || t.name === 'name')) || (isCustomerJoin && t.name === 'internalid'))
		) {
			lists = () => ids.map((id) => getIndex(store).txByEntity.get(id) ?? []);
		} else if (schema.isTransaction && !t.join && t.name === 'subsidiary') {
			lists = () => ids.map((id) => getIndex(store).txBySub.get(id) ?? []);
		} else if (!schema.isTransaction && !t.join && t.name === 'subsidiary') {
			lists = () => ids.map((id) => getIndex(store).custBySub.get(id) ?? []);
		}
		if (lists) {
			const l = lists;
			const size = l().reduce((s, x) => s + x.length, 0);
			const get = (): StoredRecord[] => {
				const parts = l();
				if (parts.length === 1) return parts[0] as StoredRecord[];
				const seen = new Set<StoredRecord>();
				const merged: StoredRecord[] = [];
				for (const p of parts)
					for (const r of p)
						if (!seen.has(r)) {
							seen.add(r);
							merged.push(r);
						}
				return merged.sort(byId);
			};
			if (!best || size < best.size) best = { size, get };
		}
	}
	if (best) candidates = best.get;

	return {
		schema,
		searchType: schema.searchType,
		columns,
		summary: summarised > 0,
		expands,
		predicate,
		having,
		recordTypes,
		candidates,
		dateFormat: dctx.dateFormat,
	};
}

function label2(name: string, join: string | undefined): string {
	return join ? `${name}.${join}` : name;
}

/* ------------------------------------------------------------------------------------------ */
/* Execution                                                                                   */
/* ------------------------------------------------------------------------------------------ */

export interface GroupRow {
	cells: Cell[];
}

export type Execution = { kind: 'rows'; rows: Row[] } | { kind: 'groups'; groups: GroupRow[] };

function baseRecords(store: RecordStore, c: CompiledSearch): Iterable<StoredRecord> {
	if (c.candidates) {
		const types = new Set(c.recordTypes);
		return c.candidates().filter((r) => types.has(r.type));
	}
	if (c.recordTypes.length === 0) return [];
	if (INDEXED_TYPES.includes(c.recordTypes[0] as string)) {
		const idx = getIndex(store);
		if (c.recordTypes.length === 1) return idx.byType.get(c.recordTypes[0] as string) ?? [];
		const types = new Set(c.recordTypes);
		if (types.size === TRANSACTION_TYPES.length) return idx.allTx;
		const key = [...types].sort().join(',');
		let list = idx.byTypes.get(key);
		if (!list) {
			list = idx.allTx.filter((r) => types.has(r.type));
			idx.byTypes.set(key, list);
		}
		return list;
	}
	return sortedRecords(store, c.recordTypes[0] as string);
}

/**
 * Calls `visit` for every row of the search's records (one per application on expanded invoice
 * rows). The row object is reused between calls: a visitor that keeps a row must copy it.
 */
function scanRows(store: RecordStore, c: CompiledSearch, visit: (row: Row) => void): void {
	const apps = c.expands ? getAccountIndex(store)?.applications : undefined;
	const row: Row = { rec: null as unknown as StoredRecord, app: null };
	const records = baseRecords(store, c);
	for (const indexedRec of records) {
		const rec = store.get(indexedRec.type, indexedRec.id);
		if (!rec) continue;
		row.rec = rec;
		if (c.expands) {
			const list = rec.type === 'invoice' ? apps?.get(rec.id) : undefined;
			if (list && list.length > 0) {
				for (const app of list) {
					row.app = app;
					visit(row);
				}
				row.app = null;
				continue;
			}
		}
		visit(row);
	}
}

const copyRow = (row: Row): Row => ({ rec: row.rec, app: row.app });

type SortKey = string | number | null;

function sortKeyOf(r: Resolved, row: Row): SortKey {
	const raw = r.raw(row);
	if (raw === null || raw === '') return r.kind === 'checkbox' ? 0 : null;
	switch (r.kind) {
		case 'select':
		case 'multiselect': {
			if (r.field.id === 'internalid') return Number(raw);
			const txt = r.text(row);
			return (txt || String(raw)).toLowerCase();
		}
		case 'checkbox':
			return raw === true ? 1 : 0;
		case 'mainline':
			return 1;
		case 'currency':
			return typeof raw === 'number' ? toCents(raw) : null;
		case 'float':
		case 'integer':
			return typeof raw === 'number' ? raw : null;
		case 'date':
			return String(raw);
		case 'text':
			return String(raw).toLowerCase();
	}
}

function compareKeys(a: SortKey, b: SortKey): number {
	if (a === b) return 0;
	if (a === null) return 1; // empty last (ascending)
	if (b === null) return -1;
	return a < b ? -1 : a > b ? 1 : 0;
}

export function executeSearch(ctx: ModuleContext, c: CompiledSearch): Execution {
	const store = ctx.store;
	if (!c.summary) {
		const rows: Row[] = [];
		const pred = c.predicate;
		scanRows(store, c, (row) => {
			if (pred(row)) rows.push(copyRow(row));
		});
		const sorted = c.columns.filter((s) => s.sort === 'ASC' || s.sort === 'DESC');
		if (sorted.length > 0) {
			const keyed = rows.map((row, i) => ({ row, i, keys: sorted.map((s) => sortKeyOf(s.resolved, row)) }));
			keyed.sort((x, y) => {
				for (let k = 0; k < sorted.length; k++) {
					let d = compareKeys(x.keys[k] as SortKey, y.keys[k] as SortKey);
					if ((sorted[k] as ColumnSpec).sort === 'DESC') d = -d;
					if (d !== 0) return d;
				}
				return x.i - y.i;
			});
			return { kind: 'rows', rows: keyed.map((k) => k.row) };
		}
		return { kind: 'rows', rows };
	}
	return { kind: 'groups', groups: aggregate(store, c) };
}

/* ------------------------------------------------------------------------------------------ */
/* Summaries                                                                                   */
/* ------------------------------------------------------------------------------------------ */

interface Acc {
	add(row: Row): void;
	/** aggregated value in the field's raw domain (COUNT: a number) */
	raw(): RawValue;
	cell(dateFormat: string): Cell;
	sortKey(): SortKey;
}

function makeAcc(summary: SummaryType, r: Resolved): Acc {
	const kind = r.kind;
	switch (summary) {
		case 'GROUP': {
			let first: Row | null = null;
			return {
				add(row) {
					first ??= copyRow(row);
				},
				raw: () => (first ? r.raw(first) : null),
				cell: (fmt) => {
					if (!first) return { value: '', text: null };
					const raw = r.raw(first);
					const cell = toCell(kind, r.field, raw, r.text(first), fmt);
					if ((kind === 'select' || kind === 'multiselect') && cell.value === '')
						return { value: '', text: '- None -' };
					return cell;
				},
				sortKey: () => (first ? sortKeyOf(r, first) : null),
			};
		}
		case 'COUNT': {
			const seen = new Set<string>();
			return {
				add(row) {
					const raw = r.raw(row);
					if (raw === null || raw === '') return;
					seen.add(Array.isArray(raw) ? raw.join(',') : String(raw));
				},
				raw: () => seen.size,
				cell: () => ({ value: String(seen.size), text: null }),
				sortKey: () => seen.size,
			};
		}
		case 'SUM':
		case 'AVG': {
			let n = 0;
			let sum = 0; // cents for currency
			const isCur = kind === 'currency';
			const value = (): number | null => {
				if (n === 0) return null;
				if (summary === 'SUM') return isCur ? sum / 100 : sum;
				if (isCur) {
					const avg = Math.abs(sum) / n;
					return (Math.sign(sum) * Math.round(avg)) / 100;
				}
				return sum / n;
			};
			return {
				add(row) {
					const raw = r.raw(row);
					if (typeof raw !== 'number') return;
					n++;
					sum += isCur ? toCents(raw) : raw;
				},
				raw: value,
				cell: () => {
					const v = value();
					if (v === null) return { value: '', text: null };
					return { value: isCur ? formatCents(toCents(v)) : String(v), text: null };
				},
				sortKey: () => {
					const v = value();
					return v === null ? null : isCur ? toCents(v) : v;
				},
			};
		}
		case 'MIN':
		case 'MAX': {
			let best: Row | null = null;
			let bestKey: SortKey = null;
			const sign = summary === 'MIN' ? 1 : -1;
			return {
				add(row) {
					const k = sortKeyOf(r, row);
					if (k === null) return;
					if (best === null || sign * compareKeys(k, bestKey) < 0) {
						best = copyRow(row);
						bestKey = k;
					}
				},
				raw: () => (best ? r.raw(best) : null),
				cell: (fmt) =>
					best
						? toCell(kind, r.field, r.raw(best), r.text(best), fmt)
						: { value: '', text: kind === 'select' ? '' : null },
				sortKey: () => bestKey,
			};
		}
	}
}

interface Group {
	accs: Acc[];
	having: Acc[];
}

function aggregate(store: RecordStore, c: CompiledSearch): GroupRow[] {
	const groupCols = c.columns.map((s, i) => ({ s, i })).filter((x) => x.s.summary === 'GROUP');
	const groups = new Map<unknown, Group>();
	const newGroup = (): Group => ({
		accs: c.columns.map((s) => makeAcc(s.summary as SummaryType, s.resolved)),
		having: c.having.map((h) => makeAcc(h.summary, h.resolved)),
	});
	const NONE = '\u0000';
	const keyOf = (row: Row): unknown => {
		if (groupCols.length === 0) return '';
		if (groupCols.length === 1) {
			// one GROUP column: its raw value is the key (numbers stay numbers)
			const raw = (groupCols[0] as { s: ColumnSpec }).s.resolved.raw(row);
			return raw === null ? NONE : Array.isArray(raw) ? raw.join(',') : raw;
		}
		return groupCols
			.map((g) => {
				const raw = g.s.resolved.raw(row);
				return raw === null ? NONE : String(raw);
			})
			.join('\u0001');
	};
	const pred = c.predicate;
	scanRows(store, c, (row) => {
		if (!pred(row)) return;
		const k = keyOf(row);
		let g = groups.get(k);
		if (!g) {
			g = newGroup();
			groups.set(k, g);
		}
		for (const a of g.accs) a.add(row);
		for (const a of g.having) a.add(row);
	});
	let list = [...groups.values()];
	if (c.having.length > 0) list = list.filter((g) => c.having.every((h, i) => h.test((g.having[i] as Acc).raw())));
	// explicitly sorted columns first, then the GROUP columns ascending (NetSuite's grouped order)
	const sortCols = c.columns
		.map((s, i) => ({ s, i, desc: false }))
		.filter((x) => x.s.sort === 'ASC' || x.s.sort === 'DESC');
	for (const x of sortCols) x.desc = x.s.sort === 'DESC';
	const order = [
		...sortCols,
		...groupCols.filter((g) => !sortCols.some((x) => x.i === g.i)).map((g) => ({ ...g, desc: false })),
	];
	if (order.length > 0) {
		const keyed = list.map((g, i) => ({ g, i, keys: order.map((o) => (g.accs[o.i] as Acc).sortKey()) }));
		keyed.sort((x, y) => {
			for (let k = 0; k < order.length; k++) {
				let d = compareKeys(x.keys[k] as SortKey, y.keys[k] as SortKey);
				if ((order[k] as { desc: boolean }).desc) d = -d;
				if (d !== 0) return d;
			}
			return x.i - y.i;
		});
		list = keyed.map((k) => k.g);
	}
	return list.map((g) => ({ cells: g.accs.map((a) => a.cell(c.dateFormat)) }));
}

/* ------------------------------------------------------------------------------------------ */
/* Plain-row cells                                                                             */
/* ------------------------------------------------------------------------------------------ */

export function rowCell(spec: ColumnSpec, row: Row, dateFormat: string): Cell {
	const r = spec.resolved;
	const raw = r.raw(row);
	return toCell(r.kind, r.field, raw, r.kind === 'select' || r.kind === 'multiselect' ? r.text(row) : '', dateFormat);
}
