/**
 * The due-date digest (customscript_o2c_digest_ss) on the hand-made account, night of 2026-05-04:
 * - in the chain with its defaults (7 days, at-risk and deteriorating) nothing is due from a risky
 *   customer: no email, no digest record;
 * - run on demand for 30 days and the segment every hand customer has (insufficient-history), after
 *   Globex disputed invoice 5: subsidiary 1 lists INV-5 (Globex, 300.00 due 06-01, disputed),
 *   subsidiary 2 lists Initech's invoice 6 (500.00 due 05-20); one email each to the AR clerk;
 * - run again for the same night: nothing sent twice.
 */
import type { Emulator } from '../../local/emulator';
import { emulatorFor } from '../snapshot/support/harness';
import { handDataset, HAND_AS_OF } from '../snapshot/support/handDataset';

const DG = 'customscript_o2c_digest_ss';
const OD = 'customdeploy_o2c_digest_od';
const DIGEST = 'customrecord_o2c_digest';

describe('due-date digest on the hand account', () => {
	let emu: Emulator;
	const digests = (): { to: string[]; subject: string; body: string }[] =>
		emu.emails.filter((m) => m.subject.startsWith('Invoices due in the next'));
	beforeAll(() => {
		const ds = handDataset();
		ds.settings?.alerts?.push({
			subsidiary: null,
			thresholdDays: 10,
			recipients: { arClerk: 'ar-us@hand.example' },
		});
		emu = emulatorFor(ds, HAND_AS_OF);
		emu.runNight();
	});
	afterAll(() => {
		emu.close();
	});

	test('in the chain with its defaults: nothing due from a risky customer, nothing sent or written', () => {
		expect(digests()).toEqual([]);
		expect(emu.store.count(DIGEST)).toBe(0);
		expect(emu.logs.map((l) => l.title)).toContain('Due-date digest 2026-05-04: 0 sent');
	});

	test('30 days, insufficient-history: one email per subsidiary with its invoices, a disputed one marked', () => {
		const r = emu.callRestlet('customscript_o2c_collections_rl', 'customdeploy_o2c_collections_rl', 'POST', {
			type: 'dispute',
			external_id: 'crm-d-5',
			customer_id: 101,
			invoice_id: 5,
			reason: 'quantity',
		});
		expect((JSON.parse(r.body) as { ok: boolean }).ok).toBe(true);
		const params = {
			custscript_o2c_dg_as_of: '2026-05-04',
			custscript_o2c_dg_days: 30,
			custscript_o2c_dg_segments: 'insufficient-history',
		};
		emu.runScheduled(DG, OD, { params });
		const mails = digests();
		expect(mails.map((m) => [m.to, m.subject])).toEqual([
			[['ar-us@hand.example'], 'Invoices due in the next 30 days from risky customers: US, 1'],
			[['ar@hand.example'], 'Invoices due in the next 30 days from risky customers: EU, 1'],
		]);
		expect(mails[0]?.body).toContain(
			'<tr><td>2026-06-01</td><td>Globex</td><td>INV-5</td><td align="right">USD 300.00</td><td>insufficient-history</td><td>disputed</td></tr>',
		);
		expect(mails[1]?.body).toContain(
			'<td>2026-05-20</td><td>Initech GmbH</td><td>INV-6</td><td align="right">USD 500.00</td>',
		);
		expect(
			[...emu.store.all(DIGEST)].map((x) => [
				x.values.externalid,
				x.values.custrecord_o2c_dg_lines,
				x.values.custrecord_o2c_dg_state,
			]),
		).toEqual([
			['dg1_2026-05-04', 1, 'sent'],
			['dg2_2026-05-04', 1, 'sent'],
		]);
		// the same night again: nothing sent twice
		emu.runScheduled(DG, OD, { params });
		expect(digests()).toHaveLength(2);
		expect(emu.store.count(DIGEST)).toBe(2);
	});
});
