/**
 * The README's bench tables (local/bench/readme.ts) from a hand-made results file: each cell is the
 * figure of the run, the ratios as the bench computed them (units / floor, naive / units).
 */
import {
	coreLine,
	machineLine,
	pipelineTable,
	restletTable,
	scriptTable,
	unmodelledTable,
	type ReadmeResults,
} from '../../local/bench/readme';

const results: ReadmeResults = {
	generatedAt: '2026-12-03T06:40:12.000Z',
	machine: {
		cores: 2,
		cpu: 'AMD EPYC',
		memoryBytes: 24 * 2 ** 30,
		node: 'v20.20.2',
		loadAverage: { before: [9.04] },
	},
	sizes: [
		{
			size: 'M',
			subsidiaries: 5,
			customers: 5000,
			invoices: 200_000,
			seconds: 95.4,
			peakRssBytes: 1.5 * 2 ** 30,
			nights: [
				{
					night: 'steady state',
					day: '2026-05-05',
					scripts: [
						{ script: 'customscript_o2c_nightly_ss', units: 30, executions: 1, wallMs: 20 },
						{
							script: 'customscript_o2c_ar_snapshot_ss',
							units: 300,
							executions: 1,
							wallMs: 2_500,
							floor: { units: 200, executions: 1 },
							vsFloor: 1.5,
							naive: { units: 9_000, wallMs: 40_000 },
							belowNaive: 30,
						},
					],
					pipeline: {
						units: 12_345,
						floor: 1_000,
						naive: 6_000,
						vsFloor: 12.345,
						belowNaive: 6_000 / 12_345,
					},
					busiest: { script: 'customscript_o2c_forecast_mr', stage: 'reduce', share: 0.0312 },
				},
			],
		},
	],
	core: { invoices: 1_000_000, coreMs: 812.4, readOnlyMs: 40.6, ratio: 812.4 / 40.6 },
};

test('pipeline table: one row per size and night, ratios to two places below 10', () => {
	expect(pipelineTable(results).split('\n')[2]).toBe(
		'| M (5 subs, 5,000 customers, 200,000 invoices) | steady state | 12,345 | 1,000 | 12x | 6,000 | 0.49x | forecast_mr [reduce]: 3.1 % of its limit |',
	);
});

test('script table: the starter without a floor is left out; executions against the floor’s', () => {
	const lines = scriptTable(results.sizes[0]!).split('\n');
	expect(lines).toHaveLength(3);
	expect(lines[2]).toBe('| ar_snapshot_ss | steady state | 300 | 1.50x | 30x | 1 (1) | 2.5 s | 40.0 s |');
});

test('machine and core lines say where and how the figures were measured', () => {
	expect(machineLine(results)).toBe(
		'Measured 2026-12-03 06:40 UTC on 2 cores (AMD EPYC), 24 GB, Node v20.20.2, load average 9.0 when it started (a shared machine)',
	);
	expect(coreLine(results)).toBe(
		'Domain core on 1,000,000 open invoices: 812 ms of CPU against 41 ms for a pass that only reads the same rows: 20x.',
	);
	expect(coreLine({ ...results, core: null })).toMatch(/not timed/);
});

test('scripts without a floor: each stage of a script the bench has no floor for, its busiest execution against its limit', () => {
	const night = results.sizes[0]!.nights[0]!;
	const withStages: ReadmeResults = {
		...results,
		sizes: [
			{
				...results.sizes[0]!,
				nights: [
					{
						...night,
						stages: [
							// the snapshot has a floor: not listed
							{ script: 'customscript_o2c_ar_snapshot_ss', maxUnits: 300, limit: 10_000, executions: 1 },
							{
								script: 'customscript_o2c_promise_match_ss',
								maxUnits: 250,
								limit: 10_000,
								executions: 1,
							},
							{
								script: 'customscript_o2c_collections_push_mr',
								stage: 'map',
								maxUnits: 58,
								limit: 1_000,
								executions: 1_158,
							},
						],
					},
				],
			},
		],
	};
	expect(unmodelledTable(withStages).split('\n')).toEqual([
		'| Script [stage] | M steady state |',
		'| --- | ---: |',
		'| promise_match_ss | 250 of 10,000 (2.5 %); 1 execution |',
		'| collections_push_mr [map] | 58 of 1,000 (5.8 %); 1,158 invocations |',
	]);
});

test('RESTlet table: units of each request against its limit, the rows it listed', () => {
	const withRestlet: ReadmeResults = {
		...results,
		sizes: [
			{
				...results.sizes[0]!,
				dashboard: {
					restlet: {
						worklistPage: { units: 35, limit: 5_000, rows: 50 },
						postPromise: { units: 120, limit: 5_000 },
					},
				},
			},
		],
	};
	const lines = restletTable(withRestlet).split('\n');
	expect(lines[0]).toBe('| Request | M |');
	expect(lines[2]).toBe('| GET worklist, first page (50 rows) | 35 of 5,000 (0.7 %, 50 rows) |');
	expect(lines[3]).toBe('| GET worklist, page_size=200 | - |');
	expect(lines[6]).toBe('| POST a promise to pay | 120 of 5,000 (2.4 %) |');
});
