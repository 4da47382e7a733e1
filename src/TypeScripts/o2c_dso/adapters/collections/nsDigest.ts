/**
 * The N/* implementation of the due-date digest's ports (app/collections/sendDigest.ts): open
 * invoices due in the window (one invoice search, transaction currency), the customers' segments
 * (customer metrics records), the AR clerk of the DSO alert setting, the digest record keyed by
 * `dg<subsidiary>_<night>` (DUP_RCRD on a repeat: nothing sent twice) and N/email, the message
 * attached to the digest record. No address is logged.
 *
 * Units: 10 per search page (invoices, metrics, subsidiaries, settings), per subsidiary with
 * something due: the record 2 + 4, the email 20, two state writes 2 each.
 */
import * as email from 'N/email';
import * as log from 'N/log';
import * as record from 'N/record';
import * as search from 'N/search';
import type { CalendarDate } from '../../domain/calendarDate';
import { resolveAlertSettings } from '../../domain/alertSettings';
import type { DueInvoice } from '../../domain/collections/digest';
import { fromDecimal } from '../../domain/money';
import type { DigestPorts } from '../../app/collections/sendDigest';
import { readAlertSettingRows } from '../alerts/configReaders';
import { fromNsDate, toNsDate, toNsDateValue } from '../nsDate';
import { CUST_METRICS, CUST_METRICS_FIELDS as M } from '../records/custMetricsRecords';
import { saveUnlessDuplicate } from '../records/saveOnce';
import { forEachRow, rawValue, textOf, valueOf } from '../searches/searchKit';
import { loadCurrencyCodes, loadSubsidiaries } from '../searches/subsidiaries';

export const DIGEST = 'customrecord_o2c_digest';
const DG = {
	subsidiary: 'custrecord_o2c_dg_subsidiary',
	nightField: 'custrecord_o2c_dg_night',
	lines: 'custrecord_o2c_dg_lines',
	state: 'custrecord_o2c_dg_state',
} as const;

/** The ports; `author` is the employee the digests are sent from. */
export function createDigestPorts(author: number): DigestPorts {
	return {
		subsidiaries() {
			return loadSubsidiaries().map((s) => ({ id: Number(s.id), name: s.name }));
		},

		dueInvoices(from, to) {
			const codes = loadCurrencyCodes();
			const s = search.create({
				type: 'invoice',
				filters: [
					['mainline', 'is', 'T'],
					'AND',
					['status', 'anyof', 'CustInvc:A'],
					'AND',
					['duedate', 'within', toNsDate(from), toNsDate(to)],
				],
				columns: [
					search.createColumn({ name: 'internalid', sort: search.Sort.ASC }),
					'tranid',
					'entity',
					'subsidiary',
					'duedate',
					'currency',
					'fxamountremaining',
					'custbody_o2c_disputed',
				],
			});
			const out: DueInvoice[] = [];
			forEachRow(s, (row) => {
				const dueDate = fromNsDate(valueOf(row, { name: 'duedate' }));
				if (dueDate === null) return;
				const currency = codes.get(valueOf(row, { name: 'currency' })) ?? '';
				const disputed = rawValue(row, { name: 'custbody_o2c_disputed' });
				out.push({
					id: Number(row.id),
					tranId: valueOf(row, { name: 'tranid' }),
					customerId: Number(valueOf(row, { name: 'entity' })),
					customerName: textOf(row, { name: 'entity' }),
					subsidiaryId: Number(valueOf(row, { name: 'subsidiary' })),
					dueDate,
					currency,
					openMinor: fromDecimal(valueOf(row, { name: 'fxamountremaining' }) || '0', currency || 'XXX').minor,
					disputed: disputed === true || disputed === 'T',
				});
			});
			return out;
		},

		segments(customerIds) {
			const out = new Map<number, string>();
			for (let i = 0; i < customerIds.length; i += 1000) {
				const part = customerIds.slice(i, i + 1000).map(String);
				const s = search.create({
					type: CUST_METRICS,
					filters: [[M.customer, 'anyof', ...part], 'AND', ['isinactive', 'is', 'F']],
					columns: [
						search.createColumn({ name: 'internalid', sort: search.Sort.ASC }),
						M.customer,
						M.segment,
					],
				});
				forEachRow(s, (row) => {
					const c = Number(valueOf(row, { name: M.customer }));
					if (!out.has(c)) out.set(c, valueOf(row, { name: M.segment }));
				});
			}
			return out;
		},

		arClerk(subsidiaryId) {
			try {
				return resolveAlertSettings(readAlertSettingRows(), subsidiaryId).recipients.arClerk;
			} catch {
				return null;
			}
		},

		claim(subsidiaryId: number, night: CalendarDate, lines: number) {
			const rec = record.create({ type: DIGEST });
			rec.setValue({ fieldId: 'externalid', value: `dg${String(subsidiaryId)}_${night}` });
			rec.setValue({ fieldId: DG.subsidiary, value: subsidiaryId });
			rec.setValue({ fieldId: DG.nightField, value: toNsDateValue(night) });
			rec.setValue({ fieldId: DG.lines, value: lines });
			rec.setValue({ fieldId: DG.state, value: 'sending' });
			return saveUnlessDuplicate(rec);
		},

		send(to, subject, html, recordId) {
			email.send({
				author,
				recipients: [to],
				subject,
				body: html,
				relatedRecords: { customRecord: { id: recordId, recordType: DIGEST } },
			});
		},

		setState(recordId, state) {
			record.submitFields({ type: DIGEST, id: recordId, values: { [DG.state]: state } });
		},

		error(title, details) {
			log.error({ title, details });
		},
	};
}
