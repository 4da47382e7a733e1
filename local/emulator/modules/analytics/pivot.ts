/**
 * Evaluates workbook components over a dataset's rows: pivots (row and column axes of data
 * dimensions, sections and measures), charts (category × legend × series aspects) and table views.
 * Dimension members are sorted ascending (nulls last); axis sort definitions, conditional and
 * limiting filters, calculated measures and dataset links are not modelled (the builders refuse
 * them). Aggregations: SUM, COUNT (non-empty values), COUNT_DISTINCT, AVG, MIN, MAX, MEDIAN
 * (workbook.Aggregation).
 */
import type { RecordStore } from '../../store';
import type { SdfProject } from '../../../sdf/types';
import { nsError } from '../../errors';
import { CompiledDataset, type DatasetRow, type DatasetSpec } from './datasetEngine';
import type { FormulaValue } from './formula';
import { displayText } from './records';
import type { ExpressionSpec, WbSpec } from './registry';

export interface Member {
	label: string;
	value: FormulaValue;
	/** what the Workbook UI shows (a select's record name) */
	display: string;
}

export interface AxisLeaf {
	path: Member[];
	measure?: Extract<WbSpec, { kind: 'measure' }>;
	rows: number[];
}

export interface PivotCell {
	row: AxisLeaf;
	column: AxisLeaf;
	measure: Extract<WbSpec, { kind: 'measure' }>;
	value: number | null;
}

export interface PivotResult {
	rows: AxisLeaf[];
	columns: AxisLeaf[];
	cells: PivotCell[];
}

export class WorkbookEngine {
	private readonly compiled = new Map<DatasetSpec, { c: CompiledDataset; rows: DatasetRow[] }>();
	constructor(
		private readonly store: RecordStore,
		private readonly objects: SdfProject,
		private readonly dateFormat: string,
	) {}

	data(ds: DatasetSpec): { c: CompiledDataset; rows: DatasetRow[] } {
		let d = this.compiled.get(ds);
		if (!d) {
			const c = new CompiledDataset(ds, this.store, this.objects, this.dateFormat);
			d = { c, rows: c.run() };
			this.compiled.set(ds, d);
		}
		return d;
	}

	private column(ds: DatasetSpec, e: ExpressionSpec, where: string): number {
		if (e.dataset !== ds) {
			throw nsError(
				'WRONG_PARAMETER_TYPE',
				`${where}: the expression ${e.alias} belongs to the dataset ${e.dataset.name}, not ${ds.name} (dataset links are not modelled)`,
				where,
			);
		}
		return this.data(ds).c.indexOf(e.alias);
	}

	/** A column value as the UI shows it. */
	display(ds: DatasetSpec, index: number, v: FormulaValue): string {
		if (v === null) return '(none)';
		const info = this.data(ds).c.columns[index];
		if (info?.target) return displayText(this.store, info.target, v);
		return typeof v === 'boolean' ? (v ? 'Yes' : 'No') : String(v);
	}

	leaves(ds: DatasetSpec, node: WbSpec, rows: number[], where: string): AxisLeaf[] {
		const { rows: data } = this.data(ds);
		if (node.kind === 'measure') return [{ path: [], measure: node, rows }];
		if (node.kind === 'section') return node.children.flatMap((ch) => this.leaves(ds, ch, rows, where));
		if (node.kind !== 'dimension')
			throw nsError('WRONG_PARAMETER_TYPE', `${where}: a ${node.kind} cannot be on an axis`, where);
		const idx = node.items.map((it) => {
			if (it.kind !== 'item')
				throw nsError('WRONG_PARAMETER_TYPE', `${where}: dimension items must be data dimension items`, where);
			return { it, col: this.column(ds, it.expression, where) };
		});
		const groups = new Map<string, { values: FormulaValue[]; rows: number[] }>();
		for (const r of rows) {
			const values = idx.map((x) => data[r]?.[x.col] ?? null);
			const key = JSON.stringify(values);
			const g = groups.get(key);
			if (g) g.rows.push(r);
			else groups.set(key, { values, rows: [r] });
		}
		const cmp = (a: FormulaValue, b: FormulaValue): number => {
			if (a === b) return 0;
			if (a === null) return 1;
			if (b === null) return -1;
			if (typeof a === 'number' && typeof b === 'number') return a - b;
			return String(a) < String(b) ? -1 : 1;
		};
		const sorted = [...groups.values()].sort((g, h) => {
			for (let i = 0; i < g.values.length; i++) {
				const d = cmp(g.values[i] ?? null, h.values[i] ?? null);
				if (d !== 0) return d;
			}
			return 0;
		});
		const out: AxisLeaf[] = [];
		for (const g of sorted) {
			const members: Member[] = idx.map((x, i) => {
				const it = x.it;
				const v = g.values[i] ?? null;
				return { label: it.label, value: v, display: this.display(ds, x.col, v) };
			});
			if (node.children.length === 0) out.push({ path: members, rows: g.rows });
			else
				for (const ch of node.children)
					for (const l of this.leaves(ds, ch, g.rows, where))
						out.push({ ...l, path: [...members, ...l.path] });
		}
		return out;
	}

	aggregate(ds: DatasetSpec, m: Extract<WbSpec, { kind: 'measure' }>, rows: number[], where: string): number | null {
		const col = this.column(ds, m.expression, where);
		const { rows: data } = this.data(ds);
		const vals = rows
			.map((r) => data[r]?.[col] ?? null)
			.filter((v): v is Exclude<FormulaValue, null> => v !== null && v !== '');
		const agg = m.aggregation.toUpperCase();
		if (agg === 'COUNT') return vals.length;
		if (agg === 'COUNT_DISTINCT') return new Set(vals.map(String)).size;
		const nums = vals.map(Number).filter((x) => Number.isFinite(x));
		if (nums.length === 0) return null;
		switch (agg) {
			case 'SUM':
				return Math.round(nums.reduce((a, b) => a + b, 0) * 1e6) / 1e6;
			case 'AVG':
				return nums.reduce((a, b) => a + b, 0) / nums.length;
			case 'MIN':
				return Math.min(...nums);
			case 'MAX':
				return Math.max(...nums);
			case 'MEDIAN': {
				const s = [...nums].sort((a, b) => a - b);
				const mid = Math.floor(s.length / 2);
				return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
			}
			default:
				throw nsError(
					'INVALID_AGGREGATION',
					`${where}: aggregation ${m.aggregation} is not one of workbook.Aggregation`,
					where,
				);
		}
	}

	pivot(p: Extract<WbSpec, { kind: 'pivot' }>): PivotResult {
		const where = `pivot ${p.id}`;
		const all = this.data(p.dataset).rows.map((_r, i) => i);
		const axisRoot = (a: WbSpec): WbSpec => (a.kind === 'axis' ? a.root : a);
		const rows = this.leaves(p.dataset, axisRoot(p.rowAxis), all, where);
		const columns = this.leaves(p.dataset, axisRoot(p.columnAxis), all, where);
		const cells: PivotCell[] = [];
		for (const r of rows) {
			const inRow = new Set(r.rows);
			for (const c of columns) {
				const measure = r.measure ?? c.measure;
				if (!measure) throw nsError('MISSING_MEASURE', `${where}: neither axis holds a measure`, where);
				if (r.measure && c.measure) throw nsError('INVALID_PIVOT', `${where}: both axes hold a measure`, where);
				const both = c.rows.filter((i) => inRow.has(i));
				cells.push({
					row: r,
					column: c,
					measure,
					value: both.length === 0 ? null : this.aggregate(p.dataset, measure, both, where),
				});
			}
		}
		return { rows, columns, cells };
	}

	chart(ch: Extract<WbSpec, { kind: 'chart' }>): {
		categories: AxisLeaf[];
		legend: AxisLeaf[];
		measures: Extract<WbSpec, { kind: 'measure' }>[];
		values: (number | null)[][][];
	} {
		const where = `chart ${ch.id}`;
		const all = this.data(ch.dataset).rows.map((_r, i) => i);
		const root = (x: WbSpec): WbSpec => (x.kind === 'category' || x.kind === 'legend' ? x.root : x);
		const categories = this.leaves(ch.dataset, root(ch.category), all, where);
		const legend = this.leaves(ch.dataset, root(ch.legend), all, where);
		const measures = ch.series
			.flatMap((s) => (s.kind === 'series' ? s.aspects : []))
			.map((a) => {
				const m = a.kind === 'aspect' ? a.measure : a;
				if (m.kind !== 'measure')
					throw nsError('WRONG_PARAMETER_TYPE', `${where}: an aspect needs a data measure`, where);
				return m;
			});
		if (measures.length === 0) throw nsError('MISSING_MEASURE', `${where}: the series hold no measure`, where);
		const values = measures.map((m) =>
			categories.map((cat) => {
				const inCat = new Set(cat.rows);
				return legend.map((l) => {
					const both = l.rows.filter((i) => inCat.has(i));
					return both.length === 0 ? null : this.aggregate(ch.dataset, m, both, where);
				});
			}),
		);
		return { categories, legend, measures, values };
	}

	table(t: Extract<WbSpec, { kind: 'table' }>): { headers: string[]; rows: string[][]; raw: DatasetRow[] } {
		const { c, rows } = this.data(t.dataset);
		const cols = t.columns.map((x) => {
			if (x.kind !== 'tablecolumn')
				throw nsError('WRONG_PARAMETER_TYPE', `table ${t.id}: columns must be table columns`, `table ${t.id}`);
			return { label: x.label, i: c.indexOf(x.alias) };
		});
		return {
			headers: cols.map((x) => x.label),
			rows: rows.map((r) => cols.map((x) => this.display(t.dataset, x.i, r[x.i] ?? null))),
			raw: rows.map((r) => cols.map((x) => r[x.i] ?? null)),
		};
	}
}
