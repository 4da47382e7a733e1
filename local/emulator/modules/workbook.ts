/**
 * N/workbook, the part a Workbook Builder plug-in needs for table views, pivots and charts:
 * `create`, `createTable`, `createTableColumn`, `createPivot`, `createPivotAxis`, `createSection`,
 * `createDataDimension`, `createDataDimensionItem`, `createDataMeasure` (and `createMeasure`),
 * `createChart`, `createChartAxis`, `createCategory`, `createLegend`, `createSeries`,
 * `createAspect`, the enums `Aggregation`, `ChartType`, `Stacking`, `TotalLine`, `AspectType`,
 * and on a Workbook `runPivot({id})` (10 units per intersection, platform §8.2) and
 * `runTable({id})` (10). Expressions come from `Dataset.getExpressionFromColumn`.
 * Refused (EMULATOR_UNSUPPORTED): sort definitions, conditional/limiting filters, calculated
 * measures, createExpression/createConstant, dataset links, `workbook.load`, `list`.
 * Oracle's "Workbook API Limitations" still says charting is not available although createChart
 * exists (netsuite-platform.md §5): the emulator builds charts; test them in a sandbox.
 */
import type { RuntimeContext } from '../services';
import { charge } from '../governance';
import { missingArg, nsError, unsupported } from '../errors';
import { guard, isList, opts, scriptText } from './guard';
import { datasets, expressions, specOf, wb, wbOf, type WbSpec } from './analytics/registry';
import { WorkbookEngine } from './analytics/pivot';

const AGGREGATIONS = ['AVG', 'COUNT', 'COUNT_DISTINCT', 'MAX', 'MEDIAN', 'MIN', 'SUM'];
const CHART_TYPES = ['AREA', 'BAR', 'COLUMN', 'LINE'];
const enumOf = (names: string[]): Record<string, string> => Object.fromEntries(names.map((n) => [n, n]));

function make(what: string, spec: WbSpec, shape: Record<string, unknown> = {}): object {
	const o = guard(`workbook.${what}`, { ...shape });
	wb.set(o, spec);
	return o;
}

function list(v: unknown): unknown[] {
	return isList(v) ? v : v === undefined || v === null ? [] : [v];
}

function text(v: unknown, fallback = ''): string {
	return typeof v === 'string' ? v : v === undefined || v === null ? fallback : scriptText(v);
}

export function workbookEngine(ctx: RuntimeContext): WorkbookEngine {
	return new WorkbookEngine(ctx.store, ctx.objects, ctx.account.dateFormat || 'M/D/YYYY');
}

export function createWorkbookModule(ctx: RuntimeContext): object {
	const refuse = (o: Record<string, unknown>, where: string, keys: string[]): void => {
		for (const k of keys)
			if (o[k] !== undefined && o[k] !== null && !(isList(o[k]) && o[k].length === 0))
				throw unsupported(`${where} with ${k}`);
	};
	return guard('N/workbook', {
		Aggregation: guard('workbook.Aggregation', enumOf(AGGREGATIONS)),
		ChartType: guard('workbook.ChartType', enumOf(CHART_TYPES)),
		Stacking: guard('workbook.Stacking', enumOf(['DISABLED', 'NORMAL', 'PERCENT'])),
		TotalLine: guard('workbook.TotalLine', enumOf(['FIRST_LINE', 'HIDDEN', 'LAST_LINE'])),
		AspectType: guard('workbook.AspectType', { COLOR: 'color', VALUE: 'value' }),
		createDataDimensionItem(options?: unknown): object {
			const o = opts(options);
			const expression = specOf(
				expressions,
				o.expression,
				'workbook.Expression',
				'workbook.createDataDimensionItem',
			);
			return make(
				'DataDimensionItem',
				{ kind: 'item', expression, label: text(o.label, expression.alias) },
				{ label: text(o.label, expression.alias) },
			);
		},
		createDataDimension(options?: unknown): object {
			const o = opts(options);
			const items = list(o.items).map((i) => wbOf(i, ['item'], 'workbook.createDataDimension'));
			if (items.length === 0)
				throw nsError(
					'NO_DIMENSION_ITEM_DEFINED',
					'workbook.createDataDimension: items is empty',
					'workbook.createDataDimension',
				);
			const children = list(o.children).map((c) =>
				wbOf(c, ['dimension', 'section', 'measure'], 'workbook.createDataDimension'),
			);
			return make('DataDimension', { kind: 'dimension', items, children });
		},
		createSection(options?: unknown): object {
			const o = opts(options);
			const children = list(o.children).map((c) =>
				wbOf(c, ['dimension', 'section', 'measure'], 'workbook.createSection'),
			);
			if (children.length === 0) throw missingArg('workbook.createSection', 'children');
			return make('Section', { kind: 'section', children });
		},
		createDataMeasure(options?: unknown): object {
			const o = opts(options);
			if (o.expression !== undefined && o.expressions !== undefined)
				throw nsError(
					'MUTUALLY_EXCLUSIVE_ARGUMENTS',
					'workbook.createDataMeasure: expression and expressions',
					'workbook.createDataMeasure',
				);
			const exprs = o.expression !== undefined ? [o.expression] : list(o.expressions);
			if (exprs.length === 0)
				throw nsError(
					'AT_LEAST_ONE_EXPRESSION_IS_NEEDED',
					'workbook.createDataMeasure: an expression is needed',
					'workbook.createDataMeasure',
				);
			if (exprs.length > 1) throw unsupported('multi-expression data measures');
			const aggregation = text(o.aggregation).toUpperCase();
			if (!AGGREGATIONS.includes(aggregation))
				throw nsError(
					'INVALID_AGGREGATION',
					`workbook.createDataMeasure: aggregation ${text(o.aggregation)} is not one of ${AGGREGATIONS.join(', ')}`,
					'workbook.createDataMeasure',
				);
			const expression = specOf(expressions, exprs[0], 'workbook.Expression', 'workbook.createDataMeasure');
			const label = text(o.label, `${aggregation} of ${expression.alias}`);
			return make('DataMeasure', { kind: 'measure', aggregation, expression, label }, { aggregation, label });
		},
		createMeasure(options?: unknown): object {
			const o = opts(options);
			const expression = specOf(expressions, o.expression, 'workbook.Expression', 'workbook.createMeasure');
			const aggregation = text(o.aggregation, 'SUM').toUpperCase();
			return make(
				'Measure',
				{ kind: 'measure', aggregation, expression, label: text(o.label, expression.alias) },
				{ aggregation },
			);
		},
		createPivotAxis(options?: unknown): object {
			const o = opts(options);
			refuse(o, 'workbook.createPivotAxis', ['sortDefinitions']);
			return make('PivotAxis', {
				kind: 'axis',
				root: wbOf(o.root, ['dimension', 'section'], 'workbook.createPivotAxis'),
			});
		},
		createPivot(options?: unknown): object {
			const o = opts(options);
			refuse(o, 'workbook.createPivot', [
				'aggregationFilters',
				'filterExpressions',
				'datasetLink',
				'reportStyles',
			]);
			for (const k of ['id', 'name', 'rowAxis', 'columnAxis', 'dataset'])
				if (o[k] === undefined || o[k] === null || o[k] === '') throw missingArg('workbook.createPivot', k);
			const spec: WbSpec = {
				kind: 'pivot',
				id: text(o.id),
				name: text(o.name),
				dataset: specOf(datasets, o.dataset, 'dataset.Dataset', 'workbook.createPivot'),
				rowAxis: wbOf(o.rowAxis, ['axis'], 'workbook.createPivot'),
				columnAxis: wbOf(o.columnAxis, ['axis'], 'workbook.createPivot'),
			};
			return make('Pivot', spec, { id: spec.id, name: spec.name });
		},
		createTableColumn(options?: unknown): object {
			const o = opts(options);
			refuse(o, 'workbook.createTableColumn', ['filters', 'fieldContext']);
			if (typeof o.datasetColumnAlias !== 'string' || o.datasetColumnAlias === '')
				throw missingArg('workbook.createTableColumn', 'datasetColumnAlias');
			return make('TableColumn', {
				kind: 'tablecolumn',
				alias: o.datasetColumnAlias,
				label: text(o.label, o.datasetColumnAlias),
			});
		},
		createTable(options?: unknown): object {
			const o = opts(options);
			for (const k of ['id', 'name', 'dataset'])
				if (o[k] === undefined || o[k] === null || o[k] === '') throw missingArg('workbook.createTable', k);
			const spec: WbSpec = {
				kind: 'table',
				id: text(o.id),
				name: text(o.name),
				dataset: specOf(datasets, o.dataset, 'dataset.Dataset', 'workbook.createTable'),
				columns: list(o.columns).map((c) => wbOf(c, ['tablecolumn'], 'workbook.createTable')),
			};
			return make('Table', spec, { id: spec.id, name: spec.name });
		},
		createChartAxis(options?: unknown): object {
			return make('ChartAxis', { kind: 'chartaxis', title: text(opts(options).title) });
		},
		createCategory(options?: unknown): object {
			const o = opts(options);
			refuse(o, 'workbook.createCategory', ['sortDefinitions']);
			return make('Category', {
				kind: 'category',
				axis: wbOf(o.axis, ['chartaxis'], 'workbook.createCategory'),
				root: wbOf(o.root, ['dimension', 'section'], 'workbook.createCategory'),
			});
		},
		createLegend(options?: unknown): object {
			const o = opts(options);
			refuse(o, 'workbook.createLegend', ['sortDefinitions']);
			return make('Legend', {
				kind: 'legend',
				axes: list(o.axes).map((a) => wbOf(a, ['chartaxis'], 'workbook.createLegend')),
				root: wbOf(o.root, ['dimension', 'section'], 'workbook.createLegend'),
			});
		},
		createAspect(options?: unknown): object {
			const o = opts(options);
			return make('Aspect', {
				kind: 'aspect',
				measure: wbOf(o.measure, ['measure'], 'workbook.createAspect'),
				type: text(o.type, 'value'),
			});
		},
		createSeries(options?: unknown): object {
			return make('Series', {
				kind: 'series',
				aspects: list(opts(options).aspects).map((a) => wbOf(a, ['aspect'], 'workbook.createSeries')),
			});
		},
		createChart(options?: unknown): object {
			const o = opts(options);
			refuse(o, 'workbook.createChart', ['aggregationFilters', 'filterExpressions', 'datasetLink']);
			for (const k of ['id', 'name', 'type', 'category', 'legend', 'series', 'dataset'])
				if (o[k] === undefined || o[k] === null || o[k] === '') throw missingArg('workbook.createChart', k);
			const type = text(o.type).toUpperCase();
			if (!CHART_TYPES.includes(type))
				throw nsError(
					'INVALID_CHART_TYPE',
					`workbook.createChart: type ${text(o.type)} is not one of ${CHART_TYPES.join(', ')}`,
					'workbook.createChart',
				);
			const spec: WbSpec = {
				kind: 'chart',
				id: text(o.id),
				name: text(o.name),
				title: text(o.title, text(o.name)),
				type,
				dataset: specOf(datasets, o.dataset, 'dataset.Dataset', 'workbook.createChart'),
				category: wbOf(o.category, ['category'], 'workbook.createChart'),
				legend: wbOf(o.legend, ['legend'], 'workbook.createChart'),
				series: list(o.series).map((s) => wbOf(s, ['series'], 'workbook.createChart')),
				stacking: text(o.stacking, 'DISABLED').toUpperCase(),
			};
			return make('Chart', spec, { id: spec.id, name: spec.name });
		},
		create(options?: unknown): object {
			const o = opts(options);
			const spec: Extract<WbSpec, { kind: 'workbook' }> = {
				kind: 'workbook',
				name: text(o.name),
				description: text(o.description),
				pivots: list(o.pivots).map((p) => wbOf(p, ['pivot'], 'workbook.create')),
				tables: list(o.tables).map((t) => wbOf(t, ['table'], 'workbook.create')),
				charts: list(o.charts).map((c) => wbOf(c, ['chart'], 'workbook.create')),
			};
			const find = <K extends 'pivot' | 'table'>(
				k: K,
				id: unknown,
				where: string,
			): Extract<WbSpec, { kind: K }> => {
				const all = (k === 'pivot' ? spec.pivots : spec.tables) as Extract<WbSpec, { kind: K }>[];
				const hit = all.find((x) => (x as { id: string }).id === text(id));
				if (!hit) throw nsError('INVALID_ID', `${where}: the workbook has no ${k} ${text(id)}`, where);
				return hit;
			};
			return make('Workbook', spec, {
				name: spec.name,
				description: spec.description,
				runPivot(options2?: unknown): object[] {
					const p = find('pivot', opts(options2).id, 'Workbook.runPivot');
					const result = workbookEngine(ctx).pivot(p);
					result.cells.forEach(() => {
						charge(ctx.meter, 'Workbook.runPivot.intersection');
					});
					const value = (leaf: { path: { label: string; value: unknown }[] }): object =>
						guard('workbook.DataDimensionValue', {
							itemValues: leaf.path.map((m) =>
								guard('workbook.DataDimensionItemValue', { value: m.value, label: m.label }),
							),
						});
					return result.cells.map((c) =>
						guard('workbook.PivotIntersection', {
							row: value(c.row),
							column: value(c.column),
							measureValues: [guard('workbook.MeasureValue', { value: c.value, label: c.measure.label })],
						}),
					);
				},
				runTable(options2?: unknown): object {
					const t = find('table', opts(options2).id, 'Workbook.runTable');
					charge(ctx.meter, 'Workbook.runTable');
					const r = workbookEngine(ctx).table(t);
					return guard('query.ResultSet', {
						results: r.raw.map((values) => guard('query.Result', { values })),
					});
				},
			});
		},
		createExpression(): never {
			throw unsupported('workbook.createExpression (calculated expressions)');
		},
		createConstant(): never {
			throw unsupported('workbook.createConstant');
		},
		createCalculatedMeasure(): never {
			throw unsupported('workbook.createCalculatedMeasure');
		},
		createSort(): never {
			throw unsupported('workbook.createSort (sort definitions)');
		},
		load(): never {
			throw unsupported('workbook.load');
		},
		list(): never {
			throw unsupported('workbook.list');
		},
	});
}
