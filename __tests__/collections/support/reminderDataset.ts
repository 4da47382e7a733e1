/**
 * A small account for the customer reminders (one US subsidiary in USD, one EU subsidiary), the
 * run 2026-05-04 to 05-14, levels -2, 3 and 7 days from the due date:
 * - Rem Co (300): INV-31 400.00 due 05-06; INV-32 250.00 and INV-33 100.00 due 05-09.
 * - Dispute Ltd (301): INV-41 500.00 due 05-06 (disputed 05-05, resolved 05-10 through the RESTlet).
 * - Promise Inc (302): INV-51 300.00 due 05-06 (promise on 05-05 to pay 300.00 by 05-11, never kept).
 * - Payer AG (303): INV-61 350.00 due 05-06, pays 100.00 on 05-08 and the remaining 250.00 on 05-11.
 * - No Address (304): INV-71 200.00 due 05-06, no email until the calling system reports a contact
 *   with one on 05-08.
 * - Euro GmbH (305, EU, whose own setting turns reminders off): INV-81 90.00 due 05-06.
 */
import type { Dataset } from '../../../local/data/dataset';

export const REM_FROM = '2026-05-04';
export const REM_THROUGH = '2026-05-14';

type Txn = Dataset['transactions'][number];

const invoice = (id: number, entity: number, amount: number, due: string, subsidiary = 1): Txn => ({
	id,
	type: 'CustInvc',
	tranId: `INV-${String(id)}`,
	entity,
	subsidiary,
	currency: subsidiary === 1 ? 'USD' : 'EUR',
	exchangeRate: 1,
	tranDate: '2026-04-06',
	dueDate: due,
	amount,
});

/** A USD payment of subsidiary 1 applying `amount` to invoice `doc`. */
export const payment = (id: number, entity: number, date: string, doc: number, amount: number): Txn => ({
	id,
	type: 'CustPymt',
	tranId: `PAY-${String(id)}`,
	entity,
	subsidiary: 1,
	currency: 'USD',
	exchangeRate: 1,
	tranDate: date,
	amount,
	apply: [{ doc, amount }],
});

export function reminderDataset(): Dataset {
	const customer = (
		id: number,
		companyName: string,
		email: string | null,
		subsidiary = 1,
	): Dataset['customers'][number] => ({
		id,
		entityId: `C-${String(id)}`,
		companyName,
		subsidiary,
		currency: subsidiary === 1 ? 'USD' : 'EUR',
		email,
	});
	return {
		format: 'o2c-dataset/1',
		account: { name: 'Reminder Test', timezone: 'America/New_York', features: ['SUBSIDIARIES', 'MULTICURRENCY'] },
		subsidiaries: [
			{ id: 1, name: 'US', currency: 'USD', parent: null },
			{ id: 2, name: 'EU', currency: 'EUR', parent: 1 },
		],
		customers: [
			customer(300, 'Rem Co', 'ap@rem.example'),
			customer(301, 'Dispute Ltd', 'ap@dispute.example'),
			customer(302, 'Promise Inc', 'ap@promise.example'),
			customer(303, 'Payer AG', 'ap@payer.example'),
			customer(304, 'No Address', null),
			customer(305, 'Euro GmbH', 'ap@euro.example', 2),
		],
		transactions: [
			invoice(31, 300, 400, '2026-05-06'),
			invoice(32, 300, 250, '2026-05-09'),
			invoice(33, 300, 100, '2026-05-09'),
			invoice(41, 301, 500, '2026-05-06'),
			invoice(51, 302, 300, '2026-05-06'),
			invoice(61, 303, 350, '2026-05-06'),
			invoice(71, 304, 200, '2026-05-06'),
			invoice(81, 305, 90, '2026-05-06', 2),
			payment(91, 303, '2026-05-08', 61, 100),
			payment(92, 303, '2026-05-11', 61, 250),
		],
		settings: {
			alerts: [{ subsidiary: null, thresholdDays: 10, recipients: { arClerk: 'ar@reminder.example' } }],
		},
	};
}
