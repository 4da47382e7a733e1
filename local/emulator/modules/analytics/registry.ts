/**
 * What the N/dataset and N/workbook builders created, keyed by the objects handed to scripts
 * (so a plug-in's objects can be read back by the runner and by another module, whatever realm
 * they travel through). Kinds name what each object is; a wrong kind where another is expected is
 * a WRONG_PARAMETER_TYPE, as NetSuite answers.
 */
import { nsError } from '../../errors';
import type { ColumnSpec, ConditionSpec, DatasetSpec, JoinSpec } from './datasetEngine';

export interface ExpressionSpec {
	dataset: DatasetSpec;
	alias: string;
}

export type WbSpec =
	| { kind: 'item'; expression: ExpressionSpec; label: string }
	| { kind: 'dimension'; items: WbSpec[]; children: WbSpec[] }
	| { kind: 'section'; children: WbSpec[] }
	| { kind: 'measure'; aggregation: string; expression: ExpressionSpec; label: string }
	| { kind: 'axis'; root: WbSpec }
	| { kind: 'pivot'; id: string; name: string; dataset: DatasetSpec; rowAxis: WbSpec; columnAxis: WbSpec }
	| { kind: 'tablecolumn'; alias: string; label: string }
	| { kind: 'table'; id: string; name: string; dataset: DatasetSpec; columns: WbSpec[] }
	| { kind: 'chartaxis'; title: string }
	| { kind: 'category'; axis: WbSpec; root: WbSpec }
	| { kind: 'legend'; axes: WbSpec[]; root: WbSpec }
	| { kind: 'aspect'; measure: WbSpec; type: string }
	| { kind: 'series'; aspects: WbSpec[] }
	| {
			kind: 'chart';
			id: string;
			name: string;
			title: string;
			type: string;
			dataset: DatasetSpec;
			category: WbSpec;
			legend: WbSpec;
			series: WbSpec[];
			stacking: string;
	  }
	| { kind: 'workbook'; name: string; description: string; pivots: WbSpec[]; tables: WbSpec[]; charts: WbSpec[] };

export const columns = new WeakMap<object, ColumnSpec>();
export const joins = new WeakMap<object, JoinSpec>();
export const conditions = new WeakMap<object, ConditionSpec>();
export const datasets = new WeakMap<object, DatasetSpec>();
export const expressions = new WeakMap<object, ExpressionSpec>();
export const wb = new WeakMap<object, WbSpec>();

function isObj(v: unknown): v is object {
	return typeof v === 'object' && v !== null;
}

/** The spec behind an object the builders made, or a WRONG_PARAMETER_TYPE naming what was expected. */
export function specOf<T>(map: WeakMap<object, T>, v: unknown, what: string, where: string): T {
	const s = isObj(v) ? map.get(v) : undefined;
	if (s === undefined)
		throw nsError('WRONG_PARAMETER_TYPE', `${where}: expected a ${what} created by its builder`, where);
	return s;
}

export function wbOf<K extends WbSpec['kind']>(
	v: unknown,
	kinds: readonly K[],
	where: string,
): Extract<WbSpec, { kind: K }> {
	const s = isObj(v) ? wb.get(v) : undefined;
	if (s === undefined || !(kinds as readonly string[]).includes(s.kind)) {
		throw nsError('WRONG_PARAMETER_TYPE', `${where}: expected a workbook ${kinds.join(' or ')} object`, where);
	}
	return s as Extract<WbSpec, { kind: K }>;
}
