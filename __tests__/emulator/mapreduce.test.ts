/**
 * Map/reduce stages as NetSuite runs them (platform §9; docs "Map/Reduce Script Stages",
 * "System Response After a Map/Reduce Interruption", "Configuration Options for Handling
 * Map/Reduce Interruptions", mapContext/reduceContext/summaryContext members).
 */
import { mrLastLogged, mrLogged, newEmulator, parseError, stringContaining } from './helpers';
import type { Emulator } from '../../local/emulator';

const run = (
	emu: Emulator,
	mode: string,
	interrupt?: { stage: 'getInputData' | 'map' | 'reduce' | 'summarize'; afterInvocations: number },
) =>
	emu.runMapReduce('customscript_t_mr', 'customdeploy_t_mr_od', {
		params: { custscript_t_mr_mode: mode },
		...(interrupt ? { interrupt } : {}),
	});

const errorNames = (errs: { error: string; executionNo: number }[]) =>
	errs.map((e) => [parseError(e.error).name, e.executionNo]);

describe('stages and serialisation', () => {
	test('array input: keys are indexes, values strings; map writes objects that reach reduce as JSON strings; shuffle groups by key in lexicographical order', () => {
		const emu = newEmulator();
		const r = run(emu, 'basic');
		expect(r.status).toBe('COMPLETE');
		expect(r.map!.map((k) => [k.key, k.state, k.executionCount])).toEqual([
			['0', 'COMPLETE', 1],
			['1', 'COMPLETE', 1],
			['2', 'COMPLETE', 1],
			['3', 'COMPLETE', 1],
		]);
		// input order B, A, B, C -> reduce keys A, B, C; B's two values in write order
		expect(r.reduce!.map((k) => k.key)).toEqual(['A', 'B', 'C']);
		expect(r.output).toEqual([
			{ key: 'A', value: JSON.stringify({ total: 5, n: 1, types: ['string'] }) },
			{ key: 'B', value: JSON.stringify({ total: 17, n: 2, types: ['string', 'string'] }) },
			{ key: 'C', value: JSON.stringify({ total: 1, n: 1, types: ['string'] }) },
		]);
		const input = mrLogged(emu.logs, 'input');
		expect(input).toEqual([{ isRestarted: false, ctx: 'MAPREDUCE', remaining: 10000 }]);
	});

	test('object input: keys are property names, non-string values JSON-stringified', () => {
		const r = run(newEmulator(), 'object');
		expect(r.map!.map((k) => k.key)).toEqual(['first', 'second', 'third']);
		expect(r.output).toEqual([
			{ key: 'first', value: 'plain' },
			{ key: 'second', value: '{"nested":true}' },
			{ key: 'third', value: '3' },
		]);
	});

	test('reduce without map: getInputData pairs go straight to the shuffle; values always strings', () => {
		const emu = newEmulator();
		const r = emu.runMapReduce('customscript_t_mr_reduceonly');
		expect(r.map).toBeNull();
		expect(r.reduce!.map((k) => k.key)).toEqual(['a', 'm', 'z']);
		expect(r.output.map((o): unknown => JSON.parse(o.value))).toEqual([
			{ values: ['text'], types: ['string'] },
			{ values: ['2'], types: ['string'] },
			{ values: ['{"n":1}'], types: ['string'] },
		]);
	});

	test('map without reduce: map writes are the output; write(key, value) and number values stringified', () => {
		const emu = newEmulator();
		const r = emu.runMapReduce('customscript_t_mr_maponly');
		expect(r.reduce).toBeNull();
		expect(r.output).toEqual([
			{ key: 'x', value: '0' },
			{ key: 'x2', value: '5' },
			{ key: 'y', value: '1' },
			{ key: 'y2', value: '5' },
		]);
	});

	test('search reference {type: "search", id}: one map per result, key = id, value = JSON.stringify(result); the search is not charged to getInputData', () => {
		const emu = newEmulator();
		const r = run(emu, 'search');
		expect(r.map!.map((k) => k.key)).toEqual(['12', '13', '14']);
		expect(r.output).toEqual([
			{
				key: '100',
				value:
					JSON.stringify({ id: '12', recordType: 'invoice', amount: '1200', key: '12' }) +
					'|' +
					JSON.stringify({ id: '14', recordType: 'invoice', amount: '50', key: '14' }),
			},
			{ key: '101', value: JSON.stringify({ id: '13', recordType: 'invoice', amount: '300.5', key: '13' }) },
		]);
		expect(r.governance[0]).toMatchObject({ stage: 'getInputData', unitsUsed: 0 });
	});

	test('a search.Search object returned by getInputData is run the same way', () => {
		const r = run(newEmulator(), 'searchObj');
		expect(r.map!.map((k) => k.key)).toEqual(['12', '13', '14']);
		expect(r.reduce!.map((k) => k.key)).toEqual(['100', '101']);
	});

	test('input kinds the emulator lacks are refused loudly (inputSummary.error EMULATOR_UNSUPPORTED)', () => {
		const r = run(newEmulator(), 'query');
		expect(r.status).toBe('FAILED');
		expect(parseError(r.inputError!).name).toBe('EMULATOR_UNSUPPORTED');
	});

	test('summarize sees usage, keys (key, executionCount, completionState), output; iterators stop when the callback does not return true', () => {
		const emu = newEmulator();
		run(emu, 'basic');
		const s = mrLastLogged(emu.logs, 'summary');
		expect(s).toMatchObject({
			isRestarted: false,
			concurrency: 1,
			// yields depend on processing time the emulator does not model: reading them is refused (README)
			yields: 'EMULATOR_UNSUPPORTED',
			dateCreated: '2026-01-16T07:00:00.000Z', // 02:00 New York, the night after the as-of date
			seconds: 'number',
			inputError: null,
			mapKeys: [
				['0', 1, 'COMPLETE'],
				['1', 1, 'COMPLETE'],
				['2', 1, 'COMPLETE'],
				['3', 1, 'COMPLETE'],
			],
			reduceKeys: [
				['A', 1, 'COMPLETE'],
				['B', 1, 'COMPLETE'],
				['C', 1, 'COMPLETE'],
			],
			firstOnly: ['A'],
		});
		expect(s.output.map((o) => o[0])).toEqual(['A', 'B', 'C']);
		expect(mrLastLogged(emu.logs, 'summaryRemaining')).toBe(10000);
	});

	test('governance: per-stage totals, per-invocation limit and the largest single invocation', () => {
		const emu = newEmulator();
		const r = run(emu, 'burnMap');
		expect(r.governance.map((g) => [g.stage, g.unitsLimit])).toEqual([
			['getInputData', 10000],
			['map', 1000],
			['reduce', 5000],
			['summarize', 10000],
		]);
		expect(emu.governanceLog).toEqual(r.governance);
		expect(r.governance[1]).toMatchObject({ unitsUsed: 2003, invocations: 3, maxInvocationUnits: 1000 });
		expect(mrLastLogged(emu.logs, 'summary')).toMatchObject({
			usage: 2003,
			inputUsage: 0,
			mapUsage: 2003,
			reduceUsage: 0,
		});
		expect(
			r.governance.every((g) => g.script === 'customscript_t_mr' && g.deployment === 'customdeploy_t_mr_od'),
		).toBe(true);
	});
});

describe('errors', () => {
	test('an uncaught error fails its key only; summary errors are serialised errors (SuiteScriptError and JS errors alike)', () => {
		const emu = newEmulator();
		const r = run(emu, 'mapErrors');
		expect(r.map!.map((k) => [k.key, k.state])).toEqual([
			['0', 'COMPLETE'],
			['1', 'FAILED'],
			['2', 'COMPLETE'],
			['3', 'FAILED'],
			['4', 'COMPLETE'],
		]);
		expect(errorNames(r.map![1]!.errors)).toEqual([['T_MAP', 1]]);
		expect(JSON.parse(r.map![3]!.errors[0]!.error)).toMatchObject({
			type: 'error.SuiteScriptError',
			name: 'TypeError',
			message: stringContaining('boom'),
		});
		expect(r.reduce!.map((k) => k.key)).toEqual(['k0', 'k2', 'k4']);
		const s = mrLastLogged(emu.logs, 'summary');
		expect(s.mapErrors).toEqual([
			['1', 'T_MAP', 1, 'error.SuiteScriptError'],
			['3', 'TypeError', 1, 'error.SuiteScriptError'],
		]);
		expect(emu.logs.filter((l) => l.system).map((l) => [l.stage, l.key, l.title])).toEqual([
			['map', '1', 'T_MAP'],
			['map', '3', 'TypeError'],
		]);
	});

	test('config.retryCount re-invokes a failing key (isRestarted, executionNo, errors of earlier attempts)', () => {
		const emu = newEmulator();
		const r = emu.runMapReduce('customscript_t_mr_retry');
		expect(r.map!.map((k) => [k.key, k.state, k.executionCount])).toEqual([
			['0', 'COMPLETE', 3],
			['1', 'FAILED', 3],
			['2', 'COMPLETE', 1],
		]);
		const traces = mrLogged(emu.logs, 'trace').filter((t) => t.key === '0');
		expect(traces).toEqual([
			{ stage: 'map', key: '0', isRestarted: false, executionNo: 1, errors: [] },
			{ stage: 'map', key: '0', isRestarted: true, executionNo: 2, errors: [['0', 'T_FLAKY', 1]] },
			{
				stage: 'map',
				key: '0',
				isRestarted: true,
				executionNo: 3,
				errors: [
					['0', 'T_FLAKY', 1],
					['0', 'T_FLAKY', 2],
				],
			},
		]);
		expect(r.output).toEqual([
			{ key: 'flaky', value: '3' },
			{ key: 'fine', value: '1' },
		]);
		expect(errorNames(r.map![1]!.errors)).toEqual([
			['T_BROKEN', 1],
			['T_BROKEN', 2],
			['T_BROKEN', 3],
		]);
	});

	test('config.exitOnError ends the stage at the first failed key: later keys stay PENDING, reduce is skipped, summarize runs', () => {
		const emu = newEmulator();
		const r = emu.runMapReduce('customscript_t_mr_exit');
		expect(r.map!.map((k) => [k.key, k.state, k.executionCount])).toEqual([
			['0', 'COMPLETE', 1],
			['1', 'FAILED', 1],
			['2', 'PENDING', 0],
			['3', 'PENDING', 0],
		]);
		expect(r.reduce).toBeNull();
		expect(r.output).toEqual([]);
		expect(mrLastLogged(emu.logs, 'summary').mapKeys).toEqual([
			['0', 1, 'COMPLETE'],
			['1', 1, 'FAILED'],
			['2', 0, 'PENDING'],
			['3', 0, 'PENDING'],
		]);
	});

	test('getInputData throwing: inputSummary.error set, map and reduce skipped, summarize runs, run FAILED', () => {
		const emu = newEmulator();
		const r = run(emu, 'inputThrows');
		expect(r.status).toBe('FAILED');
		expect(JSON.parse(r.inputError!)).toMatchObject({ name: 'T_INPUT', message: 'no input' });
		expect([r.map, r.reduce]).toEqual([null, null]);
		expect(mrLastLogged(emu.logs, 'summary').inputError).toBe('T_INPUT');
	});

	test('keys over 3,000 characters and values over 1 MB are refused at write()', () => {
		const r = run(newEmulator(), 'limits');
		expect(r.map!.map((k) => [k.key, k.state])).toEqual([
			['0', 'FAILED'],
			['1', 'FAILED'],
			['2', 'COMPLETE'],
		]);
		expect(errorNames(r.map![0]!.errors)).toEqual([['KEY_LENGTH_IS_OVER_3000_BYTES', 1]]);
		expect(errorNames(r.map![1]!.errors)).toEqual([['VALUE_LENGTH_IS_OVER_1_MB', 1]]);
		// a failed invocation's earlier writes are not kept: only key '2' reached the shuffle;
		// a key of exactly 3,000 characters and a value of exactly 1 MB pass
		expect(r.output.map((o) => [o.key.length, o.value.length])).toEqual([
			[4, 1],
			[3000, 1024 * 1024],
		]);
		expect(r.output[0]).toEqual({ key: 'fine', value: '2' });
	});
});

describe('application-server restarts (interrupt)', () => {
	test('getInputData restarts from the top with isRestarted true', () => {
		const emu = newEmulator();
		const r = run(emu, 'restart', { stage: 'getInputData', afterInvocations: 0 });
		expect(r.restarted).toBe('getInputData');
		expect(mrLogged(emu.logs, 'input').map((i) => i.isRestarted)).toEqual([false, true]);
		expect(r.map!.map((k) => k.executionCount)).toEqual([1, 1, 1, 1]);
		expect(r.output.map((o) => o.key)).toEqual(['A', 'B', 'C']);
	});

	test('map: completed keys are not redone, the interrupted key runs again with isRestarted and SSS_APP_SERVER_RESTART; its lost writes are not duplicated', () => {
		const emu = newEmulator();
		const r = run(emu, 'restart', { stage: 'map', afterInvocations: 1 });
		expect(r.restarted).toBe('map');
		const traces = mrLogged(emu.logs, 'trace').filter((t) => t.stage === 'map');
		expect(traces.map((t) => [t.key, t.isRestarted, t.executionNo, t.errors])).toEqual([
			['0', false, 1, []],
			['1', false, 1, []],
			['1', true, 2, [['1', 'SSS_APP_SERVER_RESTART', 1]]],
			['2', false, 1, []],
			['3', false, 1, []],
		]);
		// key 1 (customer A) wrote once in each attempt; only the second survives
		expect(JSON.parse(r.output[0]!.value)).toEqual({ total: 5, n: 1, types: ['string'] });
		const s = mrLastLogged(emu.logs, 'summary');
		expect(s.mapErrors).toEqual([['1', 'SSS_APP_SERVER_RESTART', 1, 'error.SuiteScriptError']]);
		expect(s.mapKeys[1]).toEqual(['1', 2, 'COMPLETE']);
	});

	test('reduce: the same, for the interrupted reduce key', () => {
		const emu = newEmulator();
		const r = run(emu, 'restart', { stage: 'reduce', afterInvocations: 2 });
		const traces = mrLogged(emu.logs, 'trace').filter((t) => t.stage === 'reduce');
		expect(traces.map((t) => [t.key, t.isRestarted, t.executionNo])).toEqual([
			['A', false, 1],
			['B', false, 1],
			['C', false, 1],
			['C', true, 2],
		]);
		expect(r.output.map((o) => o.key)).toEqual(['A', 'B', 'C']);
		expect(mrLastLogged(emu.logs, 'summary').reduceErrors).toEqual([['C', 'SSS_APP_SERVER_RESTART', 1]]);
	});

	test('with retryCount 0 the interrupted key is not retried: FAILED with SSS_APP_SERVER_RESTART', () => {
		const emu = newEmulator();
		const r = emu.runMapReduce('customscript_t_mr_retry0', undefined, {
			interrupt: { stage: 'map', afterInvocations: 1 },
		});
		expect(r.map!.map((k) => [k.key, k.state, k.executionCount])).toEqual([
			['0', 'COMPLETE', 1],
			['1', 'FAILED', 1],
			['2', 'COMPLETE', 1],
		]);
		expect(errorNames(r.map![1]!.errors)).toEqual([['SSS_APP_SERVER_RESTART', 1]]);
		expect(r.output).toEqual([
			{ key: 'a', value: 'x' },
			{ key: 'c', value: 'x' },
		]);
	});

	test('summarize restarts with isRestarted true', () => {
		const emu = newEmulator();
		const r = run(emu, 'restart', { stage: 'summarize', afterInvocations: 0 });
		expect(r.restarted).toBe('summarize');
		expect(mrLogged(emu.logs, 'summary').map((s) => s.isRestarted)).toEqual([false, true]);
		expect(r.governance.filter((g) => g.stage === 'summarize')).toHaveLength(2);
	});

	test('an interrupt that cannot happen is an error, so a test cannot pass vacuously', () => {
		expect(() => run(newEmulator(), 'restart', { stage: 'map', afterInvocations: 4 })).toThrow(/never happened/);
		expect(() => run(newEmulator(), 'restart', { stage: 'summarize', afterInvocations: 1 })).toThrow(/must be 0/);
	});
});

describe('with the project N/search (modules/search.ts), when present', () => {
	const hasSearch = (() => {
		try {
			// eslint-disable-next-line @typescript-eslint/no-require-imports -- optional module: a static import fails without it
			const mod: unknown = require('../../local/emulator/modules/search');
			return (
				typeof mod === 'object' &&
				mod !== null &&
				'createSearchModule' in mod &&
				typeof mod.createSearchModule === 'function'
			);
		} catch {
			return false;
		}
	})();
	(hasSearch ? test : test.skip)(
		'a search.Search from getInputData reaches map as JSON.stringify(search.Result), keyed by id',
		() => {
			const emu = newEmulator({ modules: {} });
			const r = run(emu, 'searchObj');
			expect(r.inputError).toBeNull();
			expect(r.map!.map((k) => [k.key, k.state])).toEqual([
				['12', 'COMPLETE'],
				['13', 'COMPLETE'],
				['14', 'COMPLETE'],
			]);
			expect(r.reduce!.map((k) => k.key)).toEqual(['100', '101']);
			expect(r.governance[0]!.unitsUsed).toBe(0);
		},
	);
});
