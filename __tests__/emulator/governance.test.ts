/**
 * Governance (platform §8): per-execution limits, unit costs from one table, and
 * SSS_USAGE_LIMIT_EXCEEDED exactly at the call that crosses the limit.
 */
import {
	TIME_LIMITS_SECONDS,
	UNIT_COSTS,
	UNIT_LIMITS,
	UsageMeter,
	charge,
	recordClass,
	unitCost,
} from '../../local/emulator/governance';
import { SuiteScriptError } from '../../local/emulator';
import { lastLogged, logged, mrLastLogged, newEmulator, parseError, probe } from './helpers';

describe('the meter', () => {
	test('charges up to the limit exactly; the call crossing it throws SSS_USAGE_LIMIT_EXCEEDED and adds nothing', () => {
		const m = new UsageMeter(30);
		m.charge(20, 'email.send');
		m.charge(10, 'https.request');
		expect(m.remaining()).toBe(0);
		let err: unknown;
		try {
			m.charge(1, 'Cache.put');
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(SuiteScriptError);
		expect((err as SuiteScriptError).name).toBe('SSS_USAGE_LIMIT_EXCEEDED');
		expect((err as SuiteScriptError).message).toBe('Script Execution Usage Limit Exceeded');
		expect(m.used()).toBe(30);
		expect(m.exceeded).toBe(true);
		expect(m.byApi.get('email.send')).toEqual({ calls: 1, units: 20 });
	});

	test('limits per script type and stage (platform §8.1)', () => {
		expect(UNIT_LIMITS).toMatchObject({
			scheduled: 10000,
			getInputData: 10000,
			map: 1000,
			reduce: 5000,
			summarize: 10000,
			restlet: 5000,
			portlet: 1000,
			suitelet: 1000,
		});
	});

	test('unit costs come from one table (platform §8.2); an API missing from it is an emulator bug', () => {
		expect(unitCost('email.send')).toBe(20);
		expect(unitCost('https.request')).toBe(10);
		expect(unitCost('MapReduceScriptTask.submit')).toBe(20);
		expect(unitCost('ResultSet.each')).toBe(10);
		expect(unitCost('search.load')).toBe(5);
		expect(unitCost('search.lookupFields')).toBe(1);
		expect(unitCost('Cache.get.miss')).toBe(2);
		expect([
			UNIT_COSTS['record.load.transaction'],
			UNIT_COSTS['record.load.custom'],
			UNIT_COSTS['record.load.other'],
		]).toEqual([10, 2, 5]);
		expect([
			UNIT_COSTS['Record.save.transaction'],
			UNIT_COSTS['Record.save.custom'],
			UNIT_COSTS['Record.save.other'],
		]).toEqual([20, 4, 10]);
		expect(() => unitCost('record.teleport')).toThrow(/no unit cost for record.teleport/);
		expect(() => {
			charge(new UsageMeter(10), 'nope');
		}).toThrow(/emulator bug/);
		expect([recordClass('invoice'), recordClass('customrecord_o2c_promise'), recordClass('customer')]).toEqual([
			'transaction',
			'custom',
			'other',
		]);
	});
});

describe('units charged by the emulated modules (getRemainingUsage after each call)', () => {
	test('cache, record (custom / transaction / other), email, task, config', () => {
		const emu = newEmulator();
		const u = probe(emu, 'usage');
		const r: number[] = u.remaining;
		const deltas = r.slice(1).map((v, i) => r[i]! - v);
		expect(r[0]).toBe(10000);
		expect(deltas).toEqual([
			1, // cache.put
			1, // cache.get hit
			2, // cache.get miss
			2, // cache.get miss with loader
			1, // cache.remove
			2, // record.create custom
			4, // Record.save custom
			2, // record.load custom
			10, // record.load invoice (transaction)
			5, // record.load customer (other)
			2, // record.submitFields custom
			4, // record.delete custom
			20, // email.send
			0, // task.create
			20, // ScheduledScriptTask.submit
			0, // task.checkStatus
			10, // config.load
		]);
		expect(u.hit).toBe('{"a":1}');
		expect(u.miss).toBeNull();
		expect(u.loaded).toBe('7');
		const entry = emu.governanceLog.find((g) => g.deployment === 'customdeploy_t_probe_ss')!;
		expect(entry).toMatchObject({
			script: 'customscript_t_probe_ss',
			unitsUsed: 10000 - r[r.length - 1]!,
			unitsLimit: 10000,
			startedAt: '2026-01-16T07:00:00.000Z',
		});
	});
});

describe('limits per execution', () => {
	test('scheduled: 10,000 units, the 10,001st throws SSS_USAGE_LIMIT_EXCEEDED', () => {
		const emu = newEmulator();
		const r = emu.runScheduled('customscript_t_probe_ss', undefined, { params: { custscript_t_mode: 'burn' } });
		expect(lastLogged(emu.logs)).toMatchObject({ count: 10000, name: 'SSS_USAGE_LIMIT_EXCEEDED', remaining: 0 });
		expect(r.status).toBe('FAILED');
	});

	test('SSS_USAGE_LIMIT_EXCEEDED cannot be caught to carry on: later calls fail too and the execution failed', () => {
		// The limit ends the execution (issue 14's audit; Oracle help "Script Type Usage Unit Limits" via
		// netsuite-platform.md §8.1): a script that catches the error and goes on must not succeed here.
		const emu = newEmulator();
		const r = emu.runScheduled('customscript_t_probe_ss', undefined, { params: { custscript_t_mode: 'burn' } });
		expect((lastLogged(emu.logs) as { again: string }).again).toBe('SSS_USAGE_LIMIT_EXCEEDED');
		expect(r).toMatchObject({ status: 'FAILED', unitsUsed: 10000 });
		expect(r.error!.name).toBe('SSS_USAGE_LIMIT_EXCEEDED');
		expect(emu.governanceLog.at(-1)).toMatchObject({ limitExceeded: true });
	});

	test('an uncaught SSS_USAGE_LIMIT_EXCEEDED fails the run and is recorded', () => {
		const emu = newEmulator();
		const r = emu.runScheduled('customscript_t_probe_ss', undefined, {
			params: { custscript_t_mode: 'burnUncaught' },
		});
		expect(r).toMatchObject({ status: 'FAILED', unitsUsed: 10000, unitsLimit: 10000 });
		expect(r.error!.name).toBe('SSS_USAGE_LIMIT_EXCEEDED');
		expect(emu.governanceLog.at(-1)).toMatchObject({ unitsUsed: 10000, limitExceeded: true });
	});

	test('RESTlet: 5,000 units per request', () => {
		const emu = newEmulator();
		const ok = emu.callRestlet('customscript_t_rl', 'customdeploy_t_rl', 'POST', { burn: 5000 });
		expect(ok.code).toBe(200);
		expect((JSON.parse(ok.body) as { remaining: number }).remaining).toBe(0);
		const over = emu.callRestlet('customscript_t_rl', 'customdeploy_t_rl', 'POST', { burn: 5001 });
		expect(over.code).toBe(400);
		expect(JSON.parse(over.body)).toEqual({
			error: { code: 'SSS_USAGE_LIMIT_EXCEEDED', message: 'Script Execution Usage Limit Exceeded' },
		});
		expect(emu.governanceLog.map((g) => [g.unitsUsed, g.unitsLimit])).toEqual([
			[5000, 5000],
			[5000, 5000],
		]);
	});

	test('map: 1,000 units per invocation (the 1,001st unit throws, other keys carry on); reduce: 5,000', () => {
		const emu = newEmulator();
		const r = emu.runMapReduce('customscript_t_mr', 'customdeploy_t_mr_od', {
			params: { custscript_t_mr_mode: 'burnMap' },
		});
		expect(r.map!.map((k) => [k.key, k.state])).toEqual([
			['0', 'COMPLETE'],
			['1', 'FAILED'],
			['2', 'COMPLETE'],
		]);
		expect(parseError(r.map![1]!.errors[0]!.error).name).toBe('SSS_USAGE_LIMIT_EXCEEDED');
		expect(logged(emu.logs, 'burned')).toEqual([
			{ n: 1000, remaining: 0 },
			{ n: 3, remaining: 997 },
		]);
		const mapGov = r.governance.find((g) => g.stage === 'map')!;
		expect(mapGov).toMatchObject({
			unitsLimit: 1000,
			invocations: 3,
			maxInvocationUnits: 1000,
			unitsUsed: 1000 + 1000 + 3,
			limitExceeded: true,
		});
		// the calls behind the stage's units, summed over its invocations (the call that crossed the limit is not in them)
		expect(Object.values(mapGov.calls!).reduce((n, c) => n + c.units, 0)).toBe(2003);

		const emu2 = newEmulator();
		const r2 = emu2.runMapReduce('customscript_t_mr', 'customdeploy_t_mr_od', {
			params: { custscript_t_mr_mode: 'burnReduce' },
		});
		expect(r2.reduce!.map((k) => [k.key, k.state])).toEqual([
			['a', 'COMPLETE'],
			['b', 'FAILED'],
		]);
		expect(r2.governance.find((g) => g.stage === 'reduce')).toMatchObject({
			unitsLimit: 5000,
			maxInvocationUnits: 5000,
			invocations: 2,
		});
	});

	test('getInputData: 10,000 units', () => {
		const emu = newEmulator();
		const r = emu.runMapReduce('customscript_t_mr', 'customdeploy_t_mr_od', {
			params: { custscript_t_mr_mode: 'inputBurn' },
		});
		expect(parseError(r.inputError!).name).toBe('SSS_USAGE_LIMIT_EXCEEDED');
		expect(r.governance[0]).toMatchObject({
			stage: 'getInputData',
			unitsUsed: 10000,
			unitsLimit: 10000,
			limitExceeded: true,
		});
		expect(mrLastLogged(emu.logs, 'summary').inputError).toBe('SSS_USAGE_LIMIT_EXCEEDED');
	});

	test('portlet: 1,000 units (recorded per render)', () => {
		const emu = newEmulator();
		emu.renderPortlet('customscript_t_html_pt');
		expect(emu.governanceLog.at(-1)).toMatchObject({
			script: 'customscript_t_html_pt',
			unitsUsed: 0,
			unitsLimit: 1000,
		});
	});
});

describe('runHostScript (benchmark baselines)', () => {
	test('a host function gets the emulated modules, metered at the table costs without a limit, outside governanceLog', () => {
		const emu = newEmulator();
		const before = emu.governanceLog.length;
		const run = emu.runHostScript('t_host', (n) => {
			const cache = n('N/cache') as {
				getCache(o: { name: string }): { put(o: { key: string; value: string }): void };
			};
			const c = cache.getCache({ name: 'bench' });
			for (let i = 0; i < 12_000; i++) c.put({ key: String(i), value: 'x' });
		});
		expect(run.unitsUsed).toBe(12_000 * UNIT_COSTS['Cache.put']!);
		expect(run.calls).toEqual({ 'Cache.put': { calls: 12_000, units: 12_000 } });
		expect(emu.governanceLog).toHaveLength(before);
		expect(() => emu.runHostScript('t_host', (n) => n('N/nothing'))).toThrow('no emulated module N/nothing');
	});
});

describe('time limits per execution (Oracle help "Script Execution Time Limits", section_161591009480)', () => {
	// "If the time limit is exceeded, an SSS_TIME_LIMIT_EXCEEDED error is thrown and script execution
	// stops." NetSuite's limits are minutes; the tests lower them to 200 ms so that a runaway loop ends
	// quickly. What is asserted is the behaviour (which execution fails, with what), never a duration.
	const short = { scheduled: 200, map: 200, restlet: 200 };

	test("NetSuite's limits: map 300 s, reduce 900 s, input and summarize 3,600 s, scheduled 3,600 s, RESTlet, Suitelet, portlet 300 s", () => {
		expect(TIME_LIMITS_SECONDS).toEqual({
			scheduled: 3600,
			getInputData: 3600,
			map: 300,
			reduce: 900,
			summarize: 3600,
			restlet: 300,
			portlet: 300,
			suitelet: 300,
			userevent: 300,
			plugin: 300,
		});
	});

	test('scheduled: a loop that never ends fails with SSS_TIME_LIMIT_EXCEEDED, and its own catch never runs', () => {
		const emu = newEmulator({ timeLimitsMs: short });
		const r = emu.runScheduled('customscript_t_probe_ss', undefined, { params: { custscript_t_mode: 'spin' } });
		expect(r.status).toBe('FAILED');
		expect(r.error).toMatchObject({ name: 'SSS_TIME_LIMIT_EXCEEDED', message: 'Script Execution Time Exceeded' });
		expect(logged(emu.logs, 'result')).toEqual([]); // neither the catch nor the line after the loop ran
		expect(emu.logs.filter((l) => l.system).map((l) => l.title)).toEqual(['SSS_TIME_LIMIT_EXCEEDED']);
	});

	test('map: the invocation past its limit fails for its key; the other keys complete', () => {
		const emu = newEmulator({ timeLimitsMs: short });
		const r = emu.runMapReduce('customscript_t_mr', 'customdeploy_t_mr_od', {
			params: { custscript_t_mr_mode: 'spin' },
		});
		expect(r.map!.map((k) => [k.key, k.state])).toEqual([
			['0', 'COMPLETE'],
			['1', 'FAILED'],
			['2', 'COMPLETE'],
		]);
		expect(parseError(r.map![1]!.errors[0]!.error).name).toBe('SSS_TIME_LIMIT_EXCEEDED');
		expect(r.output.map((o) => o.key).sort()).toEqual(['k0', 'k2']); // nothing from the stopped key, not 'caught'
	});

	test('RESTlet: the request fails with HTTP 400 SSS_TIME_LIMIT_EXCEEDED; the next request runs normally', () => {
		const emu = newEmulator({ timeLimitsMs: short });
		const over = emu.callRestlet('customscript_t_rl', 'customdeploy_t_rl', 'POST', { spin: true });
		expect(over.code).toBe(400);
		expect(JSON.parse(over.body)).toEqual({
			error: { code: 'SSS_TIME_LIMIT_EXCEEDED', message: 'Script Execution Time Exceeded' },
		});
		const next = emu.callRestlet('customscript_t_rl', 'customdeploy_t_rl', 'POST', { n: 1 });
		expect(next.code).toBe(200);
	});
});
