/**
 * Unit layer (Oracle's stubs): the entry points, loaded as TypeScript modules with every `N/*`
 * import served by @oracle/suitecloud-unit-testing. They must load without NetSuite, export the
 * functions their @NScriptType calls, and their map stages (pure wiring) must write what the
 * reduce stage expects, and a reduce must refuse an input it cannot read: checked with real input
 * values, not with "was called" alone.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as alertMr from '../../src/TypeScripts/o2c_dso/entrypoints/dso_alert_mr';
import * as metricsMr from '../../src/TypeScripts/o2c_dso/entrypoints/cust_metrics_mr';

const ENTRY_DIR = path.join(__dirname, '..', '..', 'src', 'TypeScripts', 'o2c_dso', 'entrypoints');

/** Entry functions per script type (SuiteScript 2.1 help, "SuiteScript 2.x Script Types"). */
const REQUIRED: Record<string, readonly string[]> = {
	ScheduledScript: ['execute'],
	// map and/or reduce: either stage may be skipped, not both (netsuite-platform.md, Map/reduce stages; checked below); summarize is optional
	MapReduceScript: ['getInputData'],
	Restlet: [],
	Portlet: ['render'],
	Suitelet: ['onRequest'],
	// SuiteAnalytics plug-ins (Dataset Builder / Workbook Builder plug-in help)
	datasetbuilderplugin: ['createDataset'],
	workbookbuilderplugin: ['createWorkbook'],
};

/** A map context that records what the stage writes. */
function mapContext(value: string): {
	value: string;
	written: { key: string; value: string }[];
	write: (o: { key: string; value: string }) => void;
} {
	const written: { key: string; value: string }[] = [];
	return { value, written, write: (o) => written.push(o) };
}

describe('every entry point loads under the stubs and exports what its script type needs', () => {
	const files = fs.readdirSync(ENTRY_DIR).filter((f) => f.endsWith('.ts'));
	it.each(files)('%s', (file) => {
		const source = fs.readFileSync(path.join(ENTRY_DIR, file), 'utf8');
		const type = /@NScriptType\s+(\w+)/.exec(source)?.[1] ?? '';
		expect(Object.keys(REQUIRED)).toContain(type);
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- each entry file in turn, by name
		const mod = require(path.join(ENTRY_DIR, file)) as Record<string, unknown>;
		for (const fn of REQUIRED[type] ?? []) expect([file, fn, typeof mod[fn]]).toEqual([file, fn, 'function']);
		if (type === 'Restlet')
			expect(['get', 'post', 'put', 'delete'].some((m) => typeof mod[m] === 'function')).toBe(true);
		if (type === 'MapReduceScript')
			expect([file, ['map', 'reduce'].some((m) => typeof mod[m] === 'function')]).toEqual([file, true]);
	});
});

describe('customer metrics reduce: one batch of customers (no map stage)', () => {
	it('a value that is not the batch its key names is refused, naming the job and the key', () => {
		expect(() =>
			metricsMr.reduce({ key: '1001,1002', values: ['{"units":52,"customers":[["1001",["1"]]]}'] } as never),
		).toThrow('The customer metrics batch 1001,1002 is not a batch of customers: it lists 1001');
		expect(() => metricsMr.reduce({ key: '1001', values: ['1001'] } as never)).toThrow(
			'The customer metrics batch 1001 is not a batch of customers: its value has no estimated units',
		);
	});
	it('exports no map: getInputData hands the batches straight to reduce', () => {
		expect('map' in metricsMr).toBe(false);
		expect(typeof metricsMr.reduce).toBe('function');
	});
});

describe('DSO alert map: one job per subsidiary, keyed by its id', () => {
	it('writes the job unchanged under the subsidiary id', () => {
		const job = JSON.stringify({
			subsidiary: { id: 3, name: 'UK Wholesale', currency: 'GBP' },
			asOf: '2026-05-04',
		});
		const ctx = mapContext(job);
		void alertMr.map(ctx as never);
		expect(ctx.written).toEqual([{ key: '3', value: job }]);
	});
});
