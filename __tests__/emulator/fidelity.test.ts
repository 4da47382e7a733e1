/**
 * Departures of the emulator from NetSuite found by the issue 14 audit, each tested against the
 * platform fact it now follows (the source is named in each test). Paged-search order is in
 * search-limits.test.ts and search.test.ts, join spelling in search.test.ts, the usage limit in
 * governance.test.ts, yields in mapreduce.test.ts.
 */
import { lastLogged, newEmulator, parseError } from './helpers';
import type { Emulator } from '../../local/emulator';
import { PERSISTED_LIMIT_BYTES } from '../../local/emulator/runners';
import { makeSetting } from '../../local/emulator/modules/search/model';

const runMr = (emu: Emulator, mode: string) =>
	emu.runMapReduce('customscript_t_mr', 'customdeploy_t_mr_od', { params: { custscript_t_mr_mode: mode } });

const errorNames = (errs: { error: string; executionNo: number }[]) => errs.map((e) => parseError(e.error).name);

describe('map/reduce persisted data: 200 MB at any one time (Oracle help "Map/Reduce Governance")', () => {
	// "The total persisted data used by a map/reduce script cannot exceed 200MB at any one time ...
	// the system throws a PERSISTED_DATA_LIMIT_FOR_MAPREDUCE_SCRIPT_EXCEEDED error ... exits the current
	// stage, and goes immediately to the summarize stage." Input search results count; a key or value
	// stops counting once processed.
	test('an input of more than 200 MB ends the input stage: nothing is mapped, summarize runs, the run failed', () => {
		const emu = newEmulator();
		const r = runMr(emu, 'persistInput');
		expect(PERSISTED_LIMIT_BYTES).toBe(200_000_000);
		expect(r.status).toBe('FAILED');
		expect(r.persistedLimitExceeded).toBe('getInputData');
		expect(parseError(r.inputError as string).name).toBe('PERSISTED_DATA_LIMIT_FOR_MAPREDUCE_SCRIPT_EXCEEDED');
		expect(r.persistedPeakBytes).toBe(201 * 1_000_000 + 10 * 1 + 90 * 2 + 101 * 3); // values + keys '0'..'200'
		expect(r.map).toBeNull();
		expect(emu.governanceLog.map((g) => g.stage)).toEqual(['getInputData', 'summarize']);
	});

	test('a map stage that writes past 200 MB ends at the invocation that crossed it, then summarize', () => {
		const emu = newEmulator();
		const r = runMr(emu, 'persistMap');
		// 100 MB of input; after k maps the job holds (100 − k) + 3k MB plus keys: the 51st write round crosses
		expect(r.status).toBe('FAILED');
		expect(r.persistedLimitExceeded).toBe('map');
		const states = r.map!.map((k) => k.state);
		expect(states.filter((s) => s === 'COMPLETE')).toHaveLength(49);
		expect(states[49]).toBe('FAILED');
		expect(errorNames(r.map![49]!.errors)).toEqual(['PERSISTED_DATA_LIMIT_FOR_MAPREDUCE_SCRIPT_EXCEEDED']);
		expect(states.slice(50).every((s) => s === 'PENDING')).toBe(true);
		expect(r.reduce).toBeNull();
		expect(r.persistedPeakBytes).toBeLessThanOrEqual(PERSISTED_LIMIT_BYTES);
		expect(r.persistedPeakBytes).toBeGreaterThan(199_000_000);
	});

	test('a run within the limit reports its peak: keys and values held at the fullest moment', () => {
		const r = runMr(newEmulator(), 'basic');
		expect(r.status).toBe('COMPLETE');
		expect(r.persistedLimitExceeded).toBeNull();
		// the four input values are JSON of {id, customer, amount}, keys '0'..'3'
		const input = ['{"id":1,"customer":"B","amount":10}', '{"id":2,"customer":"A","amount":5}'];
		expect(r.persistedPeakBytes).toBeGreaterThanOrEqual(input.join('').length);
	});
});

describe('map/reduce keys', () => {
	test('a grouped search input is keyed by row index (Oracle help, mapContext.key: "If the search result has no internal ID, the key is the index of the search result")', () => {
		const r = runMr(newEmulator({ modules: {} }), 'grouped'); // the emulated N/search, not the fake
		expect(r.status).toBe('COMPLETE');
		const keys = r.map!.map((k) => k.key);
		expect(keys.length).toBeGreaterThan(1);
		expect(keys).toEqual(keys.map((_k, i) => String(i)));
	});

	test('key length is counted in UTF-8 bytes, 3,000 at most (limits chapter KEY_LENGTH_IS_OVER_3000_BYTES; platform §9)', () => {
		const r = runMr(newEmulator(), 'utf8key');
		// 1,000 × "é" is 2,000 bytes (written), 1,500 × "é" + "e" is 1,501 characters but 3,001 bytes (refused)
		expect(errorNames(r.map![0]!.errors)).toEqual(['KEY_LENGTH_IS_OVER_3000_BYTES']);
		expect(parseError(r.map![0]!.errors[0]!.error).message).toMatch(/3001 bytes long in UTF-8/);
	});
});

describe('scheduled context.type (Oracle help, "context.InvocationType")', () => {
	test('SCHEDULED by the schedule, ON_DEMAND through ScheduledScriptTask.submit, USER_INTERFACE for a run started by hand', () => {
		const emu = newEmulator();
		emu.runScheduled('customscript_t_probe_ss', undefined, { params: { custscript_t_mode: 'invocation' } });
		expect(lastLogged(emu.logs)).toEqual({
			type: 'USER_INTERFACE',
			onDemand: 'ON_DEMAND',
			scheduled: 'SCHEDULED',
			ui: 'USER_INTERFACE',
		});
		emu.submitTask('SCHEDULED_SCRIPT', 'customscript_t_probe_ss', 'customdeploy_t_probe_od2', {
			custscript_t_mode: 'invocation',
		});
		emu.drainTasks();
		expect((lastLogged(emu.logs) as { type: string }).type).toBe('ON_DEMAND');
	});
});

describe('email.send relatedRecords (Oracle help, email.send: transactionId, entityId, activityId, customRecord)', () => {
	test('references to records of the account attach; anything else is refused naming the emulator limit', () => {
		const emu = newEmulator();
		emu.runScheduled('customscript_t_probe_ss', undefined, { params: { custscript_t_mode: 'related' } });
		const r = lastLogged(emu.logs) as Record<string, { ok?: string; name?: string; message?: string }>;
		expect(r.entity).toEqual({ ok: 'sent' });
		expect(r.transaction).toEqual({ ok: 'sent' });
		for (const k of ['missingEntity', 'unknownKey', 'customType']) expect(r[k]?.name).toBe('EMULATOR_UNSUPPORTED');
		expect(r.missingEntity?.message).toMatch(/entityId 999: no such entity/);
		expect(emu.emails.map((e) => e.relatedRecords)).toEqual([{ entityId: 100 }, { transactionId: 12 }]);
	});
});

describe('search settings (Oracle help, search.createSetting: consolidationtype is the Consolidated Exchange Rate)', () => {
	test('consolidationtype NONE is served; another consolidation is refused instead of silently ignored', () => {
		expect(makeSetting('consolidationtype', 'NONE')).toMatchObject({ name: 'consolidationtype', value: 'NONE' });
		for (const v of ['ACCTTYPE', 'AVERAGE', 'CURRENT', 'HISTORICAL']) {
			let err: unknown;
			try {
				makeSetting('consolidationtype', v);
			} catch (e) {
				err = e;
			}
			expect(err).toMatchObject({ name: 'EMULATOR_UNSUPPORTED' });
			expect((err as Error).message).toMatch(/consolidated exchange rates are not modelled/);
		}
	});
});
