/**
 * The SuiteAnalytics workbooks of the Workbook Builder plug-ins: each loads its dataset by the
 * Dataset Builder plug-in's script id and defines table views, pivots and charts with N/workbook.
 * Oracle's "Workbook API Limitations" page still says charting is not available while
 * `createChart` exists (netsuite-platform.md §5): check the charts in a sandbox.
 */
import * as dataset from 'N/dataset';
import * as workbook from 'N/workbook';

export const DATASETS = {
	openAr: 'customscript_o2c_ds_open_ar',
	dsoTrend: 'customscript_o2c_ds_dso_trend',
	paymentBehaviour: 'customscript_o2c_ds_pay_behaviour',
} as const;

type DimensionChildren = Parameters<typeof workbook.createDataDimension>[0]['children'];
type Table = ReturnType<typeof workbook.createTable>;
type Chart = ReturnType<typeof workbook.createChart>;

/** A dimension on one dataset column, optionally holding child dimensions or measures. */
function dimension(
	ds: dataset.Dataset,
	alias: string,
	label: string,
	children: (workbook.DataDimension | workbook.DataMeasure)[] = [],
): workbook.DataDimension {
	const item = workbook.createDataDimensionItem({ expression: ds.getExpressionFromColumn({ alias }), label });
	// the docs allow data measures as children (DataDimension.children); the typings know only Measure
	return workbook.createDataDimension({ items: [item], children: children as DimensionChildren });
}

function measure(
	ds: dataset.Dataset,
	alias: string,
	aggregation: 'SUM' | 'AVG' | 'COUNT',
	label: string,
): workbook.DataMeasure {
	// the Aggregation enum's values are these strings (docs "workbook.Aggregation")
	return workbook.createDataMeasure({ expression: ds.getExpressionFromColumn({ alias }), aggregation, label });
}

function table(ds: dataset.Dataset, id: string, name: string, columns: [alias: string, label: string][]): Table {
	return workbook.createTable({
		id,
		name,
		dataset: ds,
		// Oracle's sample passes only the alias; the typings also ask for an id and a sort
		columns: columns.map(([alias, label]) =>
			workbook.createTableColumn({ datasetColumnAlias: alias, label } as Parameters<
				typeof workbook.createTableColumn
			>[0]),
		),
	});
}

function chart(
	ds: dataset.Dataset,
	o: {
		id: string;
		name: string;
		type: 'COLUMN' | 'LINE' | 'BAR';
		category: workbook.DataDimension;
		categoryTitle: string;
		legend: workbook.DataDimension;
		legendTitle: string;
		measures: workbook.DataMeasure[];
	},
): Chart {
	return workbook.createChart({
		id: o.id,
		name: o.name,
		title: o.name,
		type: o.type as unknown as workbook.ChartType,
		dataset: ds,
		category: workbook.createCategory({
			axis: workbook.createChartAxis({ title: o.categoryTitle }),
			root: o.category,
		}),
		legend: workbook.createLegend({ axes: [workbook.createChartAxis({ title: o.legendTitle })], root: o.legend }),
		series: [workbook.createSeries({ aspects: o.measures.map((m) => workbook.createAspect({ measure: m })) })],
	});
}

/** Open A/R: the open invoices; customers by aging bucket per subsidiary; open amount by bucket. */
export function openArWorkbook(): workbook.Workbook {
	const ds = dataset.load({ id: DATASETS.openAr });
	const open = (): workbook.DataMeasure => measure(ds, 'open', 'SUM', 'Open amount (base currency)');
	const pivot = workbook.createPivot({
		id: 'customers_by_bucket',
		name: 'Customers by aging bucket',
		dataset: ds,
		rowAxis: workbook.createPivotAxis({
			root: dimension(ds, 'subsidiary', 'Subsidiary', [dimension(ds, 'customer', 'Customer')]),
		}),
		columnAxis: workbook.createPivotAxis({ root: dimension(ds, 'bucket', 'Aging bucket', [open()]) }),
	});
	return workbook.create({
		name: 'O2C DSO open A/R',
		description: "Open invoices by customer and aging bucket (amounts in each subsidiary's base currency).",
		tables: [
			table(ds, 'open_invoices', 'Open invoices', [
				['invoice', 'Invoice'],
				['customer', 'Customer'],
				['subsidiary', 'Subsidiary'],
				['due', 'Due date'],
				['days', 'Days overdue'],
				['bucket', 'Aging bucket'],
				['openfx', 'Open amount'],
				['currency', 'Currency'],
				['open', 'Open amount (base currency)'],
			]),
		],
		pivots: [pivot],
		charts: [
			chart(ds, {
				id: 'open_by_bucket',
				name: 'Open amount by aging bucket',
				type: 'COLUMN',
				category: dimension(ds, 'bucket', 'Aging bucket'),
				categoryTitle: 'Aging bucket',
				legend: dimension(ds, 'subsidiary', 'Subsidiary'),
				legendTitle: 'Subsidiary',
				measures: [open()],
			}),
		],
	});
}

/** DSO trend: daily DSO per subsidiary as a line chart and a pivot of days by subsidiary. */
export function dsoTrendWorkbook(): workbook.Workbook {
	const ds = dataset.load({ id: DATASETS.dsoTrend });
	return workbook.create({
		name: 'O2C DSO trend',
		description: 'DSO of every stored day per subsidiary (nightly snapshots).',
		pivots: [
			workbook.createPivot({
				id: 'dso_by_day',
				name: 'DSO by day and subsidiary',
				dataset: ds,
				rowAxis: workbook.createPivotAxis({ root: dimension(ds, 'date', 'Date') }),
				columnAxis: workbook.createPivotAxis({
					root: dimension(ds, 'subsidiary', 'Subsidiary', [
						measure(ds, 'dso', 'AVG', 'DSO'),
						measure(ds, 'prior', 'AVG', 'DSO, prior window'),
					]),
				}),
			}),
		],
		charts: [
			chart(ds, {
				id: 'dso_line',
				name: 'Daily DSO per subsidiary',
				type: 'LINE',
				category: dimension(ds, 'date', 'Date'),
				categoryTitle: 'Date',
				legend: dimension(ds, 'subsidiary', 'Subsidiary'),
				legendTitle: 'Subsidiary',
				measures: [measure(ds, 'dso', 'AVG', 'DSO')],
			}),
		],
	});
}

/** Payment behaviour: customers, scores and days to pay per segment and subsidiary. */
export function paymentBehaviourWorkbook(): workbook.Workbook {
	const ds = dataset.load({ id: DATASETS.paymentBehaviour });
	return workbook.create({
		name: 'O2C DSO payment behaviour',
		description: 'Behaviour scores and segments of the customers (latest nightly metrics).',
		tables: [
			table(ds, 'customers', 'Customers', [
				['customer', 'Customer'],
				['subsidiary', 'Subsidiary'],
				['segment', 'Segment'],
				['score', 'Score'],
				['daystopay', 'Average days to pay'],
				['dayslate', 'Average days late'],
				['overdue', 'Overdue'],
			]),
		],
		pivots: [
			workbook.createPivot({
				id: 'segments',
				name: 'Segments per subsidiary',
				dataset: ds,
				rowAxis: workbook.createPivotAxis({
					root: dimension(ds, 'subsidiary', 'Subsidiary', [dimension(ds, 'segment', 'Segment')]),
				}),
				columnAxis: workbook.createPivotAxis({
					root: workbook.createSection({
						children: [
							measure(ds, 'customer', 'COUNT', 'Customers'),
							measure(ds, 'score', 'AVG', 'Average score'),
							measure(ds, 'daystopay', 'AVG', 'Average days to pay'),
						],
					}),
				}),
			}),
		],
		charts: [
			chart(ds, {
				id: 'segment_bar',
				name: 'Customers per segment',
				type: 'BAR',
				category: dimension(ds, 'segment', 'Segment'),
				categoryTitle: 'Segment',
				legend: dimension(ds, 'subsidiary', 'Subsidiary'),
				legendTitle: 'Subsidiary',
				measures: [measure(ds, 'customer', 'COUNT', 'Customers')],
			}),
		],
	});
}
