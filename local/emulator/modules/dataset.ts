/**
 * N/dataset: `create`, `createColumn`, `createJoin`, `createCondition`, `load` (a Dataset Builder
 * plug-in's dataset, by the plug-in's script id: netsuite-platform.md §5), and on a Dataset `run`,
 * `runPaged`, `getExpressionFromColumn`. Rows come from the analytics records of
 * analytics/records.ts, conditions and formula columns as analytics/datasetEngine.ts and
 * analytics/formula.ts model them. Costs (§8.2): load 10, run 10, runPaged 10, PagedData.fetch 10;
 * the builders none. `save`, `list`, relative dates, reverse joins (`source`/`target`) →
 * EMULATOR_UNSUPPORTED.
 */
import type { RuntimeContext } from '../services';
import { charge } from '../governance';
import { missingArg, nsError, unsupported } from '../errors';
import { guard, isList, opts, scriptText } from './guard';
import {
	CompiledDataset,
	type ColumnSpec,
	type ConditionSpec,
	type DatasetRow,
	type DatasetSpec,
	type JoinSpec,
} from './analytics/datasetEngine';
import { columns, conditions, datasets, expressions, joins, specOf } from './analytics/registry';
import { formatUserDate } from './analytics/values';

export function compileDataset(ctx: RuntimeContext, spec: DatasetSpec): CompiledDataset {
	return new CompiledDataset(spec, ctx.store, ctx.objects, ctx.account.dateFormat || 'M/D/YYYY');
}

/** A row value as N/query results give it: select → internal id, date → user-format text. */
function outValue(ctx: RuntimeContext, c: CompiledDataset, row: DatasetRow, i: number): unknown {
	const v = row[i] ?? null;
	if (v === null) return null;
	const kind = c.columns[i]?.kind;
	if (kind === 'date' && typeof v === 'string') return formatUserDate(v, ctx.account.dateFormat || 'M/D/YYYY');
	return v;
}

/** The script-facing Dataset object of a spec. */
export function datasetObject(ctx: RuntimeContext, spec: DatasetSpec): object {
	const resultSet = (c: CompiledDataset, rows: DatasetRow[]): object => {
		const cols = spec.columns.map((col) =>
			guard('dataset.Column', {
				alias: col.alias,
				label: col.label,
				fieldId: col.fieldId ?? '',
				formula: col.formula ?? '',
				type: col.type ?? '',
			}),
		);
		const results = rows.map((r) =>
			guard('query.Result', {
				values: r.map((_v, i) => outValue(ctx, c, r, i)),
				asMap: () => Object.fromEntries(spec.columns.map((col, i) => [col.alias, outValue(ctx, c, r, i)])),
			}),
		);
		return guard('query.ResultSet', {
			columns: cols,
			results,
			types: c.columns.map((x) => x.kind.toUpperCase()),
			asMappedResults: () =>
				rows.map((r) => Object.fromEntries(spec.columns.map((col, i) => [col.alias, outValue(ctx, c, r, i)]))),
		});
	};
	const obj = guard('dataset.Dataset', {
		get type(): string {
			return spec.type;
		},
		get name(): string {
			return spec.name;
		},
		get description(): string {
			return spec.description;
		},
		get id(): string {
			return spec.id;
		},
		get columns(): object[] {
			return spec.columns.map((c) =>
				guard('dataset.Column', {
					...c,
					fieldId: c.fieldId ?? '',
					formula: c.formula ?? '',
					type: c.type ?? '',
				}),
			);
		},
		get condition(): null {
			return null;
		},
		getExpressionFromColumn(options?: unknown): object {
			const o = opts(options);
			if (typeof o.alias !== 'string' || o.alias === '')
				throw missingArg('Dataset.getExpressionFromColumn', 'alias');
			const alias = o.alias;
			if (!spec.columns.some((c) => c.alias.toLowerCase() === alias.toLowerCase())) {
				throw nsError(
					'INVALID_COLUMN_ALIAS',
					`The dataset ${spec.name} has no column ${alias}`,
					'Dataset.getExpressionFromColumn',
				);
			}
			const e = guard('workbook.Expression', { functionId: 'FIELD', parameters: { alias } });
			expressions.set(e, { dataset: spec, alias });
			return e;
		},
		run(): object {
			charge(ctx.meter, 'Dataset.run');
			const c = compileDataset(ctx, spec);
			return resultSet(c, c.run());
		},
		runPaged(options?: unknown): object {
			const size = Number(opts(options).pageSize ?? 50);
			if (!Number.isInteger(size) || size < 5 || size > 1000)
				throw nsError('INVALID_PAGE_RANGE', 'pageSize must be 5-1000', 'Dataset.runPaged');
			charge(ctx.meter, 'Dataset.runPaged');
			const c = compileDataset(ctx, spec);
			const rows = c.run();
			const pages = Math.ceil(rows.length / size);
			return guard('query.PagedData', {
				count: rows.length,
				pageSize: size,
				pageRanges: Array.from({ length: pages }, (_x, i) =>
					guard('query.PageRange', { index: i, size: Math.min(size, rows.length - i * size) }),
				),
				fetch(o?: unknown): object {
					const index = Number(opts(o).index);
					if (!Number.isInteger(index) || index < 0 || index >= pages)
						throw nsError('INVALID_PAGE_RANGE', `No page ${String(index)}`, 'PagedData.fetch');
					charge(ctx.meter, 'DatasetPagedData.fetch');
					return guard('query.Page', {
						pageRange: { index },
						data: resultSet(c, rows.slice(index * size, (index + 1) * size)),
						isFirst: index === 0,
						isLast: index === pages - 1,
					});
				},
			});
		},
		save(): never {
			throw unsupported('Dataset.save');
		},
	});
	datasets.set(obj, spec);
	return obj;
}

function joinSpec(v: unknown): JoinSpec | undefined {
	return v === undefined || v === null ? undefined : specOf(joins, v, 'dataset.Join', 'dataset.createColumn');
}

export function createDatasetModule(ctx: RuntimeContext): object {
	let formulas = 0;
	return guard('N/dataset', {
		createJoin(options?: unknown): object {
			const o = opts(options);
			if (typeof o.fieldId !== 'string' || o.fieldId === '') throw missingArg('dataset.createJoin', 'fieldId');
			if (o.source !== undefined || o.target !== undefined)
				throw unsupported('dataset.createJoin with source/target (reverse joins)');
			const spec: JoinSpec = {
				fieldId: o.fieldId,
				...(o.join === undefined || o.join === null
					? {}
					: { join: specOf(joins, o.join, 'dataset.Join', 'dataset.createJoin') }),
			};
			const j = guard('dataset.Join', { fieldId: spec.fieldId, join: o.join ?? null });
			joins.set(j, spec);
			return j;
		},
		createColumn(options?: unknown): object {
			const o = opts(options);
			const fieldId = typeof o.fieldId === 'string' && o.fieldId !== '' ? o.fieldId : undefined;
			const formula = typeof o.formula === 'string' && o.formula !== '' ? o.formula : undefined;
			if (fieldId === undefined && formula === undefined)
				throw missingArg('dataset.createColumn', 'fieldId or formula');
			if (fieldId !== undefined && formula !== undefined)
				throw nsError(
					'MUTUALLY_EXCLUSIVE_ARGUMENTS',
					'dataset.createColumn: fieldId and formula are exclusive',
					'dataset.createColumn',
				);
			if (formula !== undefined && (o.type === undefined || o.type === null))
				throw missingArg('dataset.createColumn', 'type (for a formula)');
			const join = joinSpec(o.join);
			const alias =
				typeof o.alias === 'string' && o.alias !== '' ? o.alias : (fieldId ?? `formula${String(++formulas)}`);
			const spec: ColumnSpec = {
				...(fieldId !== undefined ? { fieldId } : {}),
				...(formula !== undefined ? { formula, type: scriptText(o.type) } : {}),
				...(join ? { join } : {}),
				alias,
				label: typeof o.label === 'string' ? o.label : alias,
			};
			const c = guard('dataset.Column', {
				...spec,
				fieldId: spec.fieldId ?? '',
				formula: spec.formula ?? '',
				type: spec.type ?? '',
				join: o.join ?? null,
			});
			columns.set(c, spec);
			return c;
		},
		createCondition(options?: unknown): object {
			const o = opts(options);
			if (typeof o.operator !== 'string' || o.operator === '')
				throw missingArg('dataset.createCondition', 'operator');
			const operator = o.operator.toUpperCase();
			const compound = operator === 'AND' || operator === 'OR' || operator === 'NOT';
			const children = isList(o.children)
				? o.children.map((c) => specOf(conditions, c, 'dataset.Condition', 'dataset.createCondition'))
				: [];
			if (compound && children.length === 0) throw missingArg('dataset.createCondition', 'children');
			const spec: ConditionSpec = {
				operator,
				...(compound ? {} : { column: specOf(columns, o.column, 'dataset.Column', 'dataset.createCondition') }),
				values: isList(o.values) ? o.values : o.values === undefined ? [] : [o.values],
				children,
			};
			const c = guard('dataset.Condition', {
				operator,
				values: spec.values,
				children: o.children ?? [],
				column: o.column ?? null,
			});
			conditions.set(c, spec);
			return c;
		},
		create(options?: unknown): object {
			const o = opts(options);
			if (typeof o.type !== 'string' || o.type === '') throw missingArg('dataset.create', 'type');
			const spec: DatasetSpec = {
				type: o.type,
				name: typeof o.name === 'string' ? o.name : '',
				description: typeof o.description === 'string' ? o.description : '',
				id: typeof o.id === 'string' ? o.id : '',
				columns: isList(o.columns)
					? o.columns.map((c) => specOf(columns, c, 'dataset.Column', 'dataset.create'))
					: [],
				condition:
					o.condition === undefined || o.condition === null
						? null
						: specOf(conditions, o.condition, 'dataset.Condition', 'dataset.create'),
			};
			// compile now: an unknown type, field or join fails where the script builds the dataset
			compileDataset(ctx, spec);
			return datasetObject(ctx, spec);
		},
		load(options?: unknown): object {
			const id = opts(options).id;
			if (typeof id !== 'string' || id === '') throw missingArg('dataset.load', 'id');
			charge(ctx.meter, 'dataset.load');
			const loader = ctx.svc.analytics;
			if (!loader) throw unsupported('dataset.load outside the emulator runtime');
			return datasetObject(ctx, loader.loadDataset(id));
		},
		list(): never {
			throw unsupported('dataset.list');
		},
	});
}
