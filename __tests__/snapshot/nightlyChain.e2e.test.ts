/**
 * The nightly chain on the emulator, night after night on one account, in six time zones across a
 * daylight-saving change (issue 14, item 1).
 *
 * Platform facts: SDF writes a deployment's start time as `HH:mm:ssZ` and "when a Time With Time
 * Zone value is deployed to an account, the time is converted from the UTC standard to the time
 * zone preference of the account" (Oracle help, "Date and Time Formats in SDF Custom Objects");
 * read as UTC, 02:00/03:00/06:00Z schedules put the snapshot and the metrics on one day and the
 * alert on the next in New York. The chain therefore has one schedule (customscript_o2c_nightly_ss)
 * and each job starts the next through N/task with the day the night covers as a parameter.
 */
import { Emulator } from '../../local/emulator';
import type { NightRun } from '../../local/emulator';
import { accountInfo, buildStore } from '../../local/emulator/account';
import { loadSdfProject } from '../../local/sdf/objects';
import type { Dataset } from '../../local/data/dataset';
import { oracleReport } from '../support/oracle';
import { handDataset } from './support/handDataset';
import { recordsBy, requireBuilt, ROOT, subsidiaryDiffs } from './support/harness';
import * as path from 'path';

const SS = 'customrecord_o2c_sub_snapshot';
const AE = 'customrecord_o2c_alert_eval';
const CM = 'customrecord_o2c_cust_metrics';
const CHAIN = [
	'customscript_o2c_nightly_ss',
	'customscript_o2c_ar_snapshot_ss',
	'customscript_o2c_promise_match_ss',
	'customscript_o2c_cust_metrics_mr',
	'customscript_o2c_forecast_mr',
	'customscript_o2c_dso_alert_mr',
	'customscript_o2c_collections_push_mr',
	'customscript_o2c_digest_ss',
	'customscript_o2c_reminder_ss',
];

let project: ReturnType<typeof loadSdfProject> | undefined;

/**
 * Who the account-wide alert setting names: an installed account configures its recipients (a fired
 * alert with none is a recorded configuration error, domain/alertSettings.alertRecipients).
 */
const RECIPIENTS = { arClerk: 'ar@hand.example', controller: 'controller@hand.example', cfo: 'cfo@hand.example' };

/** One account of `ds` in `timezone`, data standing at `asOf`, deployed that day, recipients set. */
function account(ds: Dataset, timezone: string, asOf: string): Emulator {
	requireBuilt();
	project = project ?? loadSdfProject(path.join(ROOT, 'src'));
	const alerts = [...(ds.settings?.alerts ?? []), { subsidiary: null, recipients: RECIPIENTS }];
	const zoned: Dataset = {
		...ds,
		account: { ...ds.account, timezone },
		settings: { ...ds.settings, alerts },
	};
	return new Emulator({
		projectRoot: ROOT,
		project,
		dataset: zoned,
		store: buildStore(zoned, asOf, project),
		account: accountInfo(zoned, asOf),
	});
}

/** Local date and time of an instant in a zone, independently of the emulator (Intl). */
function local(iso: string, timeZone: string): { date: string; time: string } {
	const f = new Intl.DateTimeFormat('en-CA', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
	});
	const p = Object.fromEntries(f.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
	return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

const nextDay = (d: string): string => new Date(Date.parse(`${d}T00:00:00Z`) + 864e5).toISOString().slice(0, 10);

// Each window crosses the zone's daylight-saving change of 2026 (Kolkata has none). The last column:
// the US alert's email status night by night. In early March the US DSO stands at 70 days against
// 30 (INV-12's 150 of 03-02 and Globex's 200 of 02-01 open on a month of little sales): the rule
// fires and March's one email goes on the first such night, later ones are duplicates; Globex pays
// on 03-10 and the rule no longer fires; by 03-27 it is 30 against 30, and in April it is quiet.
const S = 'sent';
const D = 'duplicate';
const Q = 'not-needed';
const ZONES: [string, string, string, string[]][] = [
	['America/Los_Angeles', '2026-03-07', '2026-03-10', [S, D, D, Q]], // PST → PDT on 03-08
	['America/New_York', '2026-03-06', '2026-03-09', [S, D, D, D]], // EST → EDT on 03-08 (03:00 local: the night of 03-07 starts after the change)
	['Europe/London', '2026-03-27', '2026-03-30', [Q, Q, Q, Q]], // GMT → BST on 03-29
	['Asia/Kolkata', '2026-03-07', '2026-03-10', [S, D, D, Q]], // IST all year
	['Australia/Sydney', '2026-04-03', '2026-04-06', [Q, Q, Q, Q]], // AEDT → AEST on 04-05
	['Pacific/Auckland', '2026-04-03', '2026-04-06', [Q, Q, Q, Q]], // NZDT → NZST on 04-05
];

describe.each(ZONES)('the nightly chain in %s, %s to %s', (timezone, from, through, usEmail) => {
	const ds = handDataset();
	let emu: Emulator;
	let nights: NightRun[];
	beforeAll(() => {
		emu = account(ds, timezone, from);
		nights = emu.runDays({ through });
	});

	it('runs one night per day, each started once by the schedule at the same local time on the next day', () => {
		expect(nights.map((n) => n.night)).toEqual(
			['0', '1', '2', '3'].map((k) => {
				let d = from;
				for (let i = 0; i < Number(k); i++) d = nextDay(d);
				return d;
			}),
		);
		const starts = nights.map((n) => {
			expect(n.runs.map((r) => [r.scriptId, r.deploymentId])).toEqual([
				['customscript_o2c_nightly_ss', 'customdeploy_o2c_nightly_ss'],
			]);
			const at = local((n.runs[0] as { startedAt: string }).startedAt, timezone);
			expect(at.date).toBe(nextDay(n.night)); // a night covering D starts on D + 1
			return { at, utc: (n.runs[0] as { startedAt: string }).startedAt.slice(11, 16) };
		});
		// 08:00:00Z converted with the offset of the deploy day, kept as local time through the change
		const expected = local(`${from}T08:00:00.000Z`, timezone).time;
		expect(new Set(starts.map((s) => s.at.time))).toEqual(new Set([expected]));
		const utcHours = new Set(starts.map((s) => s.utc));
		expect(utcHours.size).toBe(timezone === 'Asia/Kolkata' ? 1 : 2); // the instant moves an hour with the clocks
	});

	it('every job of a night runs as of the day the night covers, in chain order, and nothing fails', () => {
		for (const n of nights) {
			const order = [...new Set(n.governance.map((g) => g.script))];
			expect(order).toEqual(CHAIN);
			expect(n.governance.every((g) => g.night === n.night)).toBe(true);
			const all = n.runs.flatMap((r) => [r, ...r.tasks.map((t) => t.result)]);
			expect(all.every((r) => r.status === 'COMPLETE')).toBe(true);
			expect(n.logs.filter((l) => l.level === 'ERROR')).toEqual([]);
		}
		const evals = [...emu.store.all(AE)].map((r) => r.values);
		for (const n of nights) {
			const ofNight = evals.filter((v) => v.custrecord_o2c_ae_as_of === n.night);
			expect(ofNight.map((v) => v.custrecord_o2c_ae_subsidiary).sort()).toEqual([1, 2]);
			expect(ofNight.every((v) => (v.custrecord_o2c_ae_error ?? '') === '')).toBe(true);
		}
	});

	it('keeps one snapshot per subsidiary and day, each equal to the oracle of its day', () => {
		const snaps = recordsBy(emu, SS, 'custrecord_o2c_ss_key');
		for (const n of nights) {
			const rec = snaps.get(`1:${n.night}`);
			expect(rec?.custrecord_o2c_ss_source).toBe('nightly');
			const o = oracleReport(ds, n.night).subsidiaries.find((s) => s.id === 1);
			if (!o) throw new Error('the oracle knows subsidiary 1');
			expect(subsidiaryDiffs(rec, o)).toEqual([]);
			expect(snaps.get(`2:${n.night}`)).toBeDefined();
		}
		// the first night backfilled 90 days; the later ones add their own day only
		expect(snaps.size).toBe(2 * (90 + nights.length - 1));
	});

	it("sends the period's one alert email on the night it first fires, with that night's forecast", () => {
		const evals = [...emu.store.all(AE)].map((r) => r.values).filter((v) => v.custrecord_o2c_ae_subsidiary === 1);
		const status = (night: string): unknown =>
			evals.find((v) => v.custrecord_o2c_ae_as_of === night)?.custrecord_o2c_ae_email_status;
		expect(nights.map((n) => status(n.night))).toEqual(usEmail);
		const sends = usEmail.filter((x) => x === S).length;
		expect(emu.emails).toHaveLength(sends);
		const mail = emu.emails[0];
		if (sends === 0 || mail === undefined) return;
		expect(mail.subject).toContain('US');
		expect(mail.to).toEqual([RECIPIENTS.arClerk, RECIPIENTS.controller, RECIPIENTS.cfo]);
		// the forecast ran before the alert on the same night: the email calls it today's
		expect(mail.body).toContain('Receipts expected from the invoices open today:');
	});

	it('customer metrics are as of the last night', () => {
		const asOf = new Set([...emu.store.all(CM)].map((r) => r.values.custrecord_o2c_cm_as_of));
		expect(asOf).toEqual(new Set([through]));
	});
});
