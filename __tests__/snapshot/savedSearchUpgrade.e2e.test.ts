/**
 * Saved searches across runs of one account (the emulator keeps them, as an account does):
 * - every run after the first loads the search by id, and NetSuite then spells joins its own way in
 *   the map/reduce JSON (`trandate.applyingTransaction`): the figures must not change (issue 14, item 3);
 * - an upgrade must not run yesterday's searches: a definition saved by an older release is
 *   replaced by this release's, in place, with an audit log; a search an admin named in a parameter
 *   is never touched (issue 14, item 6).
 */
import type { Emulator } from '../../local/emulator';
import type { SavedSearchDef } from '../../local/emulator/context';
import { handDataset, HAND_AS_OF } from './support/handDataset';
import { emulatorFor, figuresOnly, METRICS_SCRIPT, recordsBy, SNAPSHOT_SCRIPT } from './support/harness';

const CM = 'customrecord_o2c_cust_metrics';
const INPUT = 'customsearch_o2c_cust_metrics_input';

interface StoredDefinition {
	searchType: string;
	filterExpression: unknown[];
	columns: { name: string; join?: string; summary?: string; sort?: string }[];
	settings: { name: string; value: string }[];
}

function metrics(emu: Emulator): Map<string, Record<string, unknown>> {
	const out = new Map<string, Record<string, unknown>>();
	for (const [k, v] of recordsBy(emu, CM, 'custrecord_o2c_cm_key')) {
		// the aging history grows by the day each run adds: compare the figures
		const rest = { ...figuresOnly(v) };
		delete rest.custrecord_o2c_cm_history;
		out.set(k, rest);
	}
	return out;
}

/** The saved search as an older release left it: no sort columns, no disputed column, no fingerprint. */
function olderRelease(saved: SavedSearchDef): SavedSearchDef {
	const d = saved.definition as StoredDefinition;
	return {
		id: saved.id,
		title: 'O2C DSO: customer metrics input',
		definition: {
			...d,
			columns: d.columns
				.filter((c) => !c.sort && c.name !== 'custbody_o2c_disputed')
				.map((c) => ({ name: c.name, ...(c.join ? { join: c.join } : {}) })),
		},
	};
}

describe('saved searches across runs of one account', () => {
	let emu: Emulator;
	let first: Map<string, Record<string, unknown>>;
	beforeAll(() => {
		emu = emulatorFor(handDataset(), HAND_AS_OF);
		expect(emu.runScheduled(SNAPSHOT_SCRIPT).status).toBe('COMPLETE');
		expect(emu.runMapReduce(METRICS_SCRIPT).status).toBe('COMPLETE');
		first = metrics(emu);
	});

	it('the first run saves the search with the fingerprint of its definition', () => {
		expect(emu.savedSearches.get(INPUT)?.title).toMatch(/^O2C DSO: customer metrics input .*\[def [0-9a-f]{8}\]$/);
		expect(first.size).toBeGreaterThan(0);
		// customer 100 paid invoices: days to pay come from the applying transactions' dates
		expect([...first.values()].some((m) => typeof m.custrecord_o2c_cm_avg_days_to_pay === 'number')).toBe(true);
	});

	it('a second run loads it by id (joins spelled applyingTransaction) and computes the same figures', () => {
		const before = emu.savedSearches.get(INPUT)?.title;
		expect(emu.runMapReduce(METRICS_SCRIPT).status).toBe('COMPLETE');
		expect(metrics(emu)).toEqual(first);
		expect(emu.savedSearches.get(INPUT)?.title).toBe(before);
		expect(emu.logs.some((l) => l.title.includes('updated to this release'))).toBe(false);
	});

	it('an older release definition is replaced in place, logged, and the figures are this release’s', () => {
		const current = emu.savedSearches.get(INPUT) as SavedSearchDef;
		const searchId = (current.definition as { searchId: number }).searchId;
		emu.savedSearches.set(INPUT, {
			...olderRelease(current),
			definition: { ...(olderRelease(current).definition as object), searchId },
		});
		const r = emu.runMapReduce(METRICS_SCRIPT);
		expect(r.status).toBe('COMPLETE');
		const replaced = emu.savedSearches.get(INPUT) as SavedSearchDef;
		expect(replaced.title).toBe(current.title);
		expect((replaced.definition as StoredDefinition).columns).toEqual(
			(current.definition as StoredDefinition).columns,
		);
		expect((replaced.definition as { searchId: number }).searchId).toBe(searchId); // same saved search, same links
		const audit = emu.logs.find((l) => l.title === `Saved search ${INPUT} updated to this release's definition`);
		expect(audit?.details).toMatch(/^Definition without a fingerprint replaced by [0-9a-f]{8}\./);
		expect(metrics(emu)).toEqual(first);
	});

	it('a search named in the override parameter is the admin’s: used as it is, never rewritten', () => {
		const ours = emu.savedSearches.get(INPUT) as SavedSearchDef;
		const admin: SavedSearchDef = {
			id: 'customsearch_admin_input',
			title: 'Admin copy (no fingerprint)',
			definition: { ...(ours.definition as object), searchId: 9001 },
		};
		emu.savedSearches.set(admin.id, admin);
		const r = emu.runMapReduce(METRICS_SCRIPT, undefined, {
			params: { custscript_o2c_srch_cust_input: 'customsearch_admin_input' },
		});
		expect(r.status).toBe('COMPLETE');
		expect(emu.savedSearches.get(admin.id)).toEqual(admin);
		expect(metrics(emu)).toEqual(first);
	});
});
