/**
 * Datasets as the emulator keeps them (what `N/dataset` builds) and how it runs them over the
 * analytics records (records.ts): columns (fields, joined fields, formulas), a condition tree,
 * one row per base record. Shared by N/dataset (`Dataset.run`), N/workbook (pivots, charts, tables)
 * and the local analytics page.
 */
import type { RecordStore, StoredRecord } from '../../store';
import type { SdfProject } from '../../../sdf/types';
import { nsError, unsupported } from '../../errors';
import { analyticsType, type AnalyticsField, type AnalyticsType } from './records';
import { parseFormula, type Formula, type FormulaValue } from './formula';

export interface JoinSpec {
	fieldId: string;
	join?: JoinSpec;
}

export interface ColumnSpec {
	fieldId?: string;
	formula?: string;
	/** formula result type (STRING, INTEGER, FLOAT, CURRENCY, DATE, BOOLEAN) */
	type?: string;
	join?: JoinSpec;
	alias: string;
	label: string;
}

export interface ConditionSpec {
	/** AND / OR / NOT for a compound condition, else a query.Operator value */
	operator: string;
	column?: ColumnSpec;
	values: unknown[];
	children: ConditionSpec[];
}

export interface DatasetSpec {
	type: string;
	name: string;
	description: string;
	id: string;
	columns: ColumnSpec[];
	condition: ConditionSpec | null;
}

/** One result row: the columns' values in column order (select: the internal id; date: YYYY-MM-DD). */
export type DatasetRow = FormulaValue[];

export interface ColumnInfo {
	spec: ColumnSpec;
	kind: AnalyticsField['kind'] | 'formula';
	/** select columns: the record type their values are ids of */
	target?: string;
}

function joinPath(j: JoinSpec | undefined): string[] {
	const out: string[] = [];
	for (let x = j; x; x = x.join) out.push(x.fieldId.toLowerCase());
	return out;
}

/** Resolves field paths (`field`, `join.field`, `join.join.field`) from a base record. */
class Resolver {
	private readonly types = new Map<string, AnalyticsType>();
	constructor(
		private readonly store: RecordStore,
		private readonly objects: SdfProject,
		readonly base: AnalyticsType,
	) {}

	type(id: string): AnalyticsType {
		let t = this.types.get(id);
		if (!t) {
			t = analyticsType(this.store, this.objects, id);
			this.types.set(id, t);
		}
		return t;
	}

	/** The field a path names, and the chain of joins to reach it; throws naming what is unknown. */
	field(path: string[]): { chain: { type: AnalyticsType; join: string }[]; field: AnalyticsField } {
		let t = this.base;
		const chain: { type: AnalyticsType; join: string }[] = [];
		for (const j of path.slice(0, -1)) {
			const target = t.joins.get(j);
			if (target === undefined)
				throw nsError(
					'INVALID_JOIN_ID',
					`${t.id} has no join ${j} (modelled: ${[...t.joins.keys()].join(', ') || 'none'})`,
					'dataset',
				);
			chain.push({ type: t, join: j });
			t = this.type(target);
		}
		const fieldId = path[path.length - 1] ?? '';
		const field = t.fields.get(fieldId);
		if (!field)
			throw nsError(
				'INVALID_FIELD_ID',
				`${t.id} has no field ${fieldId} in the emulator's analytics model (${[...t.fields.keys()].join(', ')})`,
				'dataset',
			);
		return { chain, field };
	}

	value(rec: StoredRecord, path: string[]): FormulaValue {
		const { chain, field } = this.field(path);
		let r: StoredRecord | undefined = rec;
		for (const step of chain) {
			if (!r) return null;
			if (step.join === 'transactionlines') continue; // the main line of the same transaction
			const id = step.type.fields.get(step.join)?.value(r);
			if (id === null || id === undefined) return null;
			const target = step.type.joins.get(step.join) as string;
			r = this.type(target).byId(Number(id));
		}
		return r ? field.value(r) : null;
	}
}

function isoOf(v: unknown, dateFormat: string, what: string): string {
	if (v instanceof Date || (typeof v === 'object' && v !== null && typeof (v as Date).getTime === 'function')) {
		const d = new Date((v as Date).getTime() + 12 * 3600 * 1000);
		return d.toISOString().slice(0, 10);
	}
	if (typeof v === 'string') {
		if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
		if (dateFormat === 'M/D/YYYY') {
			const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
			if (m) return `${m[3] ?? ''}-${(m[1] ?? '').padStart(2, '0')}-${(m[2] ?? '').padStart(2, '0')}`;
		}
	}
	if (typeof v === 'object' && v !== null && 'dateId' in v)
		throw unsupported(`relative dates ({dateId}) in dataset conditions (${what})`);
	throw nsError('INVALID_DATE_VALUE', `${what}: ${JSON.stringify(v)} is not a date`, 'dataset');
}

const DATE_OPS = new Set(['AFTER', 'BEFORE', 'ON', 'ON_OR_AFTER', 'ON_OR_BEFORE', 'WITHIN']);

/** Compiles a dataset against the account; `run` gives every row. */
export class CompiledDataset {
	readonly columns: ColumnInfo[];
	private readonly resolver: Resolver;
	private readonly getters: ((rec: StoredRecord) => FormulaValue)[];
	private readonly predicate: (rec: StoredRecord) => boolean;

	constructor(
		readonly spec: DatasetSpec,
		private readonly store: RecordStore,
		objects: SdfProject,
		private readonly dateFormat: string,
	) {
		this.resolver = new Resolver(store, objects, analyticsType(store, objects, spec.type));
		const usesLines = (c?: ColumnSpec): boolean =>
			joinPath(c?.join)[0] === 'transactionlines' || (c?.formula ?? '').includes('{transactionlines.');
		this.columns = spec.columns.map((c) => this.info(c));
		this.getters = spec.columns.map((c) => this.getter(c));
		this.predicate = spec.condition === null ? () => true : this.condition(spec.condition);
		const condUses = (c: ConditionSpec | null): boolean =>
			c !== null && (usesLines(c.column) || c.children.some(condUses));
		if (spec.columns.some(usesLines) || condUses(spec.condition)) {
			const mainlineOnly = (c: ConditionSpec | null): boolean => {
				if (c === null) return false;
				if (c.operator === 'AND') return c.children.some(mainlineOnly);
				const path = c.column ? [...joinPath(c.column.join), (c.column.fieldId ?? '').toLowerCase()] : [];
				return (
					path.join('.') === 'transactionlines.mainline' &&
					['IS', 'ANY_OF', 'EQUAL'].includes(c.operator) &&
					c.values.some((v) => v === true || v === 'T')
				);
			};
			if (!mainlineOnly(spec.condition)) {
				throw unsupported(
					'transaction lines other than the main line: a dataset joining transactionlines must have the condition transactionlines.mainline IS true (ANDed at the top)',
				);
			}
		}
	}

	private info(c: ColumnSpec): ColumnInfo {
		if (c.formula !== undefined) return { spec: c, kind: 'formula' };
		const f = this.resolver.field([...joinPath(c.join), (c.fieldId ?? '').toLowerCase()]).field;
		return { spec: c, kind: f.kind, ...(f.target ? { target: f.target } : {}) };
	}

	private getter(c: ColumnSpec): (rec: StoredRecord) => FormulaValue {
		if (c.formula !== undefined) {
			const f: Formula = parseFormula(c.formula);
			const prefix = joinPath(c.join);
			for (const p of f.fields) this.resolver.field([...prefix, ...p.split('.')]);
			const t = (c.type ?? 'STRING').toUpperCase();
			return (rec) => {
				const v = f.evaluate((p) => this.resolver.value(rec, [...prefix, ...p.split('.')]));
				if (v === null) return null;
				if (t === 'STRING' || t === 'TEXT') return String(v);
				if (t === 'INTEGER') return Math.trunc(Number(v));
				if (t === 'FLOAT' || t === 'CURRENCY' || t === 'PERCENT') return Number(v);
				if (t === 'BOOLEAN') return v === true || v === 'T';
				throw unsupported(`formula columns of type ${t}`);
			};
		}
		const path = [...joinPath(c.join), (c.fieldId ?? '').toLowerCase()];
		return (rec) => this.resolver.value(rec, path);
	}

	private condition(c: ConditionSpec): (rec: StoredRecord) => boolean {
		const op = c.operator.toUpperCase();
		if (op === 'AND' || op === 'OR') {
			const kids = c.children.map((k) => this.condition(k));
			return op === 'AND' ? (r) => kids.every((k) => k(r)) : (r) => kids.some((k) => k(r));
		}
		if (op === 'NOT') {
			const kid = this.condition(c.children[0] ?? { operator: 'AND', values: [], children: [] });
			return (r) => !kid(r);
		}
		if (!c.column) throw nsError('SSS_MISSING_REQD_ARGUMENT', `condition ${op}: a column is required`, 'dataset');
		const get = this.getter(c.column);
		const kind = this.info(c.column).kind;
		const base = op.replace(/_NOT$/, '');
		const negate = op.endsWith('_NOT') && base !== op;
		const label = `condition ${op} on ${c.column.alias}`;
		let test: (v: FormulaValue) => boolean;
		if (kind === 'date' && DATE_OPS.has(base)) {
			const ds = c.values.map((v) => isoOf(v, this.dateFormat, label));
			const a = ds[0] ?? '';
			const b = ds[1] ?? '';
			const cmp: Record<string, (x: string) => boolean> = {
				AFTER: (x) => x > a,
				BEFORE: (x) => x < a,
				ON: (x) => x === a,
				ON_OR_AFTER: (x) => x >= a,
				ON_OR_BEFORE: (x) => x <= a,
				WITHIN: (x) => x >= a && x <= b,
			};
			const f = cmp[base] as (x: string) => boolean;
			test = (v) => v !== null && f(String(v));
		} else {
			const vals = c.values.map((v) =>
				typeof v === 'boolean' || typeof v === 'number' || v === null
					? v
					: typeof v === 'string'
						? v
						: JSON.stringify(v),
			);
			const num = (v: FormulaValue): number => Number(v);
			const n0 = Number(vals[0]);
			switch (base) {
				case 'EMPTY':
					test = (v) => v === null || v === '';
					break;
				case 'ANY_OF':
					test = (v) => vals.some((x) => (x === null ? v === null : v !== null && String(v) === String(x)));
					break;
				case 'IS':
				case 'EQUAL':
					test = (v) =>
						typeof vals[0] === 'boolean'
							? (v === true) === vals[0]
							: v !== null && String(v) === String(vals[0]);
					break;
				case 'GREATER':
					test = (v) => v !== null && num(v) > n0;
					break;
				case 'GREATER_OR_EQUAL':
					test = (v) => v !== null && num(v) >= n0;
					break;
				case 'LESS':
					test = (v) => v !== null && num(v) < n0;
					break;
				case 'LESS_OR_EQUAL':
					test = (v) => v !== null && num(v) <= n0;
					break;
				case 'BETWEEN':
					test = (v) => v !== null && num(v) >= n0 && num(v) <= Number(vals[1]);
					break;
				case 'CONTAIN':
					test = (v) => v !== null && String(v).toLowerCase().includes(String(vals[0]).toLowerCase());
					break;
				case 'START_WITH':
					test = (v) => v !== null && String(v).toLowerCase().startsWith(String(vals[0]).toLowerCase());
					break;
				default:
					throw unsupported(`the dataset condition operator ${op}`);
			}
		}
		return negate ? (r) => !test(get(r)) : (r) => test(get(r));
	}

	/** Every row, in internal-id order. */
	run(): DatasetRow[] {
		const recs = [...this.resolver.base.records()].sort((a, b) => a.id - b.id);
		const out: DatasetRow[] = [];
		for (const r of recs) if (this.predicate(r)) out.push(this.getters.map((g) => g(r)));
		return out;
	}

	/** A column's index by alias (case-insensitive); throws naming the aliases. */
	indexOf(alias: string): number {
		const i = this.spec.columns.findIndex((c) => c.alias.toLowerCase() === alias.toLowerCase());
		if (i < 0)
			throw nsError(
				'INVALID_COLUMN_ALIAS',
				`The dataset ${this.spec.name} has no column ${alias} (${this.spec.columns.map((c) => c.alias).join(', ')})`,
				'dataset',
			);
		return i;
	}

	get storeRef(): RecordStore {
		return this.store;
	}
}
