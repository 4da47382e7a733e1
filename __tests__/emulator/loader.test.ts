/**
 * The vm loader (local/emulator/loader.ts): what a built file sees (platform §7, toolchain §5):
 * only ECMAScript built-ins plus `define`; N/* from the emulated modules; relative and
 * /SuiteScripts ids; MODULE_DOES_NOT_EXIST for anything else; header and entry-point checks; the
 * fixed clock.
 */
import { ScriptLoadError } from '../../local/emulator';
import { parseHeader } from '../../local/emulator/loader';
import { lastLogged, newEmulator, probe, stringContaining, type ProbeResults } from './helpers';

/** What globals_ss.js logs: the `typeof` of each global (and, as amd, of define.amd). */
type GlobalTypes = Record<string, string | false>;

/**
 * What reqfs_ss.js logs: the error require('fs') throws, the name of the one require('lodash')
 * throws, and whether require('N/log') gives the module define passed in.
 */
interface RequireProbe {
	fs: { name: string; message: string } | null;
	lodash: string | null;
	nlog: boolean;
}

function loadError(fn: () => unknown): ScriptLoadError {
	try {
		fn();
	} catch (e) {
		if (e instanceof ScriptLoadError) return e;
		throw e;
	}
	throw new Error('expected a ScriptLoadError');
}

describe('the sandbox', () => {
	test('globals are ECMAScript built-ins plus define: no require, process, module, console, timers, Buffer', () => {
		const emu = newEmulator();
		const r = emu.runScheduled('customscript_t_globals_ss');
		expect(r.status).toBe('COMPLETE');
		const g = lastLogged(emu.logs) as GlobalTypes;
		for (const k of [
			'require',
			'process',
			'module',
			'exports',
			'console',
			'setTimeout',
			'setInterval',
			'setImmediate',
			'Buffer',
			'global',
			'WebAssembly',
			'__dirname',
			'fetch',
			'queueMicrotask',
			'structuredClone',
			'TextEncoder',
			'URL',
		]) {
			expect([k, g[k]]).toEqual([k, 'undefined']);
		}
		expect(g.define).toBe('function');
		expect(g.amd).toBe('object');
		for (const k of ['JSON', 'Intl', 'Promise', 'SharedArrayBuffer'])
			expect([k, g[k]]).toEqual([k, k === 'JSON' || k === 'Intl' ? 'object' : 'function']);
	});

	test('a script touching process fails with a ReferenceError, as in NetSuite', () => {
		const emu = newEmulator();
		const r = emu.runScheduled('customscript_t_process_ss');
		expect(r.status).toBe('FAILED');
		expect(r.error).toMatchObject({ name: 'ReferenceError', message: 'process is not defined' });
		expect(emu.logs.find((l) => l.system)).toMatchObject({
			level: 'ERROR',
			title: 'ReferenceError',
			details: 'process is not defined',
		});
	});

	test("define(['fs']) fails to load with MODULE_DOES_NOT_EXIST", () => {
		const emu = newEmulator();
		const r = emu.runScheduled('customscript_t_fs_ss');
		expect(r.status).toBe('FAILED');
		expect(r.error).toMatchObject({ name: 'MODULE_DOES_NOT_EXIST', type: 'error.SuiteScriptError' });
		expect(String(r.error!.message)).toContain('fs');
	});

	test("require('fs') at run time throws MODULE_DOES_NOT_EXIST; require of a bare npm name too; require('N/log') works", () => {
		const emu = newEmulator();
		const r = emu.runScheduled('customscript_t_reqfs_ss');
		const seen = lastLogged(emu.logs) as RequireProbe;
		expect(seen.fs!.name).toBe('MODULE_DOES_NOT_EXIST');
		expect(seen.lodash).toBe('MODULE_DOES_NOT_EXIST');
		expect(seen.nlog).toBe(true);
		expect(r.status).toBe('FAILED');
		expect(r.error!.name).toBe('MODULE_DOES_NOT_EXIST');
	});

	test('an N/ id NetSuite does not have is MODULE_DOES_NOT_EXIST; one it has but the emulator lacks loads and refuses use', () => {
		const emu = newEmulator();
		expect(emu.runScheduled('customscript_t_unknownn_ss').error).toMatchObject({ name: 'MODULE_DOES_NOT_EXIST' });
		const seen = probe(emu, 'runtime');
		expect(seen.searchModule).toMatchObject({
			name: 'EMULATOR_UNSUPPORTED',
			message: stringContaining('N/query.runSuiteQL'),
		});
	});

	test('a file in the File Cabinet but outside the paths deploy.xml deploys does not exist in the account', () => {
		const emu = newEmulator();
		const r = emu.runScheduled('customscript_t_notdeployed_ss');
		expect(r.error).toMatchObject({
			name: 'MODULE_DOES_NOT_EXIST',
			message: stringContaining('/SuiteScripts/other/lib.js'),
		});
	});

	test('relative ids resolve against the importing file, /SuiteScripts ids against the File Cabinet, to one module instance; cycles see partial exports', () => {
		const emu = newEmulator();
		expect(emu.runScheduled('customscript_t_abs_ss').status).toBe('COMPLETE');
		expect(lastLogged(emu.logs)).toEqual({ rel: 4, same: true, sibling: 'sibling', cyc: 'peer>sibling' });
	});

	test('an async entry point (a Promise) is refused: server entry points are synchronous', () => {
		const emu = newEmulator();
		const r = emu.runScheduled('customscript_t_async_ss');
		expect(r.error).toMatchObject({ name: 'EMULATOR_UNSUPPORTED', message: stringContaining('Promise') });
	});
});

describe('header, define and entry-point checks', () => {
	test('no /** header */ block', () => {
		const e = loadError(() => newEmulator().runScheduled('customscript_t_noheader_ss'));
		expect(e.code).toBe('INVALID_SCRIPT_HEADER');
		expect(e.message).toMatch(/noheader_ss\.js does not start with a \/\*\* \.\.\. \*\/ block/);
	});

	test('@NScriptType must match the object type', () => {
		const e = loadError(() => newEmulator().runScheduled('customscript_t_wrongtype_ss'));
		expect(e.code).toBe('INVALID_SCRIPT_HEADER');
		expect(e.message).toContain(
			'@NScriptType is "MapReduceScript" but the scheduledscript object needs ScheduledScript',
		);
	});

	test('@NApiVersion must be 2.1 (or 2.x)', () => {
		const e = loadError(() => newEmulator().runScheduled('customscript_t_api20_ss'));
		expect(e.message).toContain('@NApiVersion is "2.0"');
	});

	test('a file must call define exactly once', () => {
		expect(loadError(() => newEmulator().runScheduled('customscript_t_twodefine_ss')).message).toMatch(
			/calls define\(\) 2 times/,
		);
		expect(loadError(() => newEmulator().runScheduled('customscript_t_nodefine_ss')).message).toMatch(
			/calls define\(\) 0 times/,
		);
	});

	test('the entry points must be exported', () => {
		const e = loadError(() => newEmulator().runScheduled('customscript_t_noentry_ss'));
		expect(e.code).toBe('MISSING_ENTRY_POINT');
		expect(e.message).toContain('does not export execute');
	});

	test('a scriptfile that was not built is a clear load error', () => {
		const e = loadError(() => newEmulator().runScheduled('customscript_t_missingfile_ss'));
		expect(e.code).toBe('SCRIPT_FILE_NOT_FOUND');
		expect(e.message).toContain('/SuiteScripts/o2c_dso/missing_ss.js');
	});

	test('parseHeader reads the tags of the leading block only', () => {
		expect(
			parseHeader(
				'/**\n * @NApiVersion 2.1\n * @NScriptType MapReduceScript\n * @NModuleScope SameAccount\n */\ndefine([], {})',
			),
		).toEqual({
			apiVersion: '2.1',
			scriptType: 'MapReduceScript',
			moduleScope: 'SameAccount',
		});
		expect(parseHeader('// built file\n/** @NApiVersion 2.x */')).toEqual({ apiVersion: '2.x' });
		expect(parseHeader('define([], {}); /** @NApiVersion 2.1 @NScriptType Restlet */')).toBeNull();
		expect(parseHeader('/* @NApiVersion 2.1 */')).toBeNull();
	});
});

describe('the clock', () => {
	test('new Date() starts at the deployment start time in the night after the as-of date, in the account zone, and advances 1 ms per reading', () => {
		const emu = newEmulator();
		const c = probe(emu, 'clock');
		// no recurrence: 02:00 in New York on 2026-01-16 (the night covering the as-of date 2026-01-15) = 07:00Z
		expect(c.a).toBe('2026-01-16T07:00:00.000Z');
		expect(c.b).toBe(Date.parse('2026-01-16T07:00:00.001Z'));
		expect(c.c).toBe('2026-01-16T07:00:00.002Z');
		expect(c.fn).toBe('string');
		expect(c.instance).toBe(true);
		expect(c.explicit).toBe('1970-01-01T00:00:00.000Z');
	});

	test('a deployment starttime is UTC, converted to the account zone when deployed (05:30:00Z = 00:30 in New York)', () => {
		// Oracle help, "Date and Time Formats in SDF Custom Objects": "When a Time With Time Zone value is
		// deployed to an account, the time is converted from the UTC standard to the time zone preference
		// of the account"
		const emu = newEmulator();
		emu.runScheduled('customscript_t_probe_ss', 'customdeploy_t_probe_audit', {
			params: { custscript_t_mode: 'clock' },
		});
		expect((lastLogged(emu.logs) as ProbeResults['clock']).a).toBe('2026-01-16T05:30:00.000Z');
	});

	test('the start follows the account zone and daylight saving (Los Angeles in July: UTC-7)', () => {
		const emu = newEmulator({
			account: {
				name: 'West',
				timezone: 'America/Los_Angeles',
				dateFormat: 'M/D/YYYY',
				features: [],
				asOf: '2026-07-01',
			},
		});
		expect(probe(emu, 'clock').a).toBe('2026-07-02T09:00:00.000Z'); // 02:00 PDT on the 2nd
	});
});
