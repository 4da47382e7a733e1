/**
 * What the A/R snapshot and the DSO alert cost on a steady night, from the emulator's governance
 * counters, on the hand-made account (__tests__/snapshot/support/handDataset.ts: 2 subsidiaries,
 * 4 customers): the first night (the 90-day backfill) and the next one through the whole nightly
 * chain, then the searches, pages, lookups and units of the second night, each worked out below.
 * These are the figures the design changes of issue 11 aim at (README "Performance at scale").
 */
import * as path from 'path';
import { Emulator, type GovernanceEntry } from '../../local/emulator';
import { accountInfo, buildStore } from '../../local/emulator/account';
import { loadSdfProject } from '../../local/sdf/objects';
import { handDataset, HAND_AS_OF } from '../snapshot/support/handDataset';
import { requireBuilt, ROOT } from '../snapshot/support/harness';

const SNAPSHOT = 'customscript_o2c_ar_snapshot_ss';
const ALERT = 'customscript_o2c_dso_alert_mr';

function calls(g: GovernanceEntry | undefined): Record<string, number> {
	return Object.fromEntries(Object.entries(g?.calls ?? {}).map(([api, c]) => [api, c.calls]));
}

describe('steady night on the hand-made account', () => {
	let night: GovernanceEntry[];
	beforeAll(() => {
		requireBuilt();
		const ds = handDataset();
		const project = loadSdfProject(path.join(ROOT, 'src'));
		const emu = new Emulator({
			projectRoot: ROOT,
			store: buildStore(ds, HAND_AS_OF, project),
			account: accountInfo(ds, HAND_AS_OF),
			dataset: ds,
			project,
		});
		emu.runNight();
		emu.advanceDay();
		const second = emu.asOf;
		emu.runNight();
		night = emu.governanceLog.filter((g) => g.night === second);
	}, 120000);

	it('the snapshot: 9 searches (7 of them saved searches), 8 pages, 4 lookups, its 2 records and the next job: 156 units', () => {
		const g = night.filter((e) => e.script === SNAPSHOT);
		expect(g).toHaveLength(1);
		// searches: subsidiaries (saved), alert settings, the snapshots of the range, A/R opening, daily
		// flows from 03-01 (the payments' receipts among them), open invoices, applications since
		// 04-28 (none: no page), terms by day, billed orders (all saved but the two custom-record ones)
		// lookups: the currencies USD and EUR, the terms Net 20 and Net 30 of the window's invoices
		expect(calls(g[0])).toEqual({
			'search.create': 9,
			'search.load': 7,
			'Search.runPaged': 9,
			'PagedData.fetch': 8,
			'search.lookupFields': 4,
			'record.create.custom': 2,
			'Record.save.custom': 2,
			'task.create': 1,
			'ScheduledScriptTask.submit': 1,
		});
		expect(g[0]?.unitsUsed).toBe(7 * 5 + 9 * 5 + 8 * 5 + 4 + 2 * 6 + 20);
	});

	it('the alert: getInputData reads everything once (6 searches), the reduces only write: 92 units', () => {
		const g = new Map(night.filter((e) => e.script === ALERT).map((e) => [e.stage, e]));
		// currencies, subsidiaries (saved), settings, calendar (no row: no page), the 2 × 3 snapshots at
		// D, D − W, D − 2W in one search, the period's evaluation records in one search
		expect(calls(g.get('getInputData'))).toEqual({
			'search.create': 6,
			'search.load': 1,
			'Search.runPaged': 6,
			'PagedData.fetch': 5,
		});
		expect(g.get('getInputData')?.unitsUsed).toBe(5 + 6 * 5 + 5 * 5);
		// each subsidiary's reduce saves its evaluation (neither fires) and searches nothing
		expect(calls(g.get('reduce'))).toEqual({ 'record.create.custom': 2, 'Record.save.custom': 2 });
		expect([g.get('reduce')?.invocations, g.get('reduce')?.unitsUsed]).toEqual([2, 2 * 6]);
		expect(g.get('summarize')?.unitsUsed).toBe(20); // the next job of the chain
		expect([...g.values()].reduce((n, e) => n + e.unitsUsed, 0)).toBe(60 + 12 + 20);
	});
});
