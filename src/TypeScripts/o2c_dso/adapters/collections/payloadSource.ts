/**
 * The PayloadSource port: what one customer's payload is built from, read at the day D.
 * - the customer record (number, name, currency; 2 units: lookupFields of the customer and of its
 *   currency's code),
 * - its open invoices at D, in the customer's currency (`fxamountremaining`; one search page, 10),
 * - its customer metrics record of D (score, segment, reasons; one search page, 10),
 * - promises and contact through the CollectionsContextSource port (11),
 * - the NetSuite link to the customer (N/url, 0).
 * Missing pieces are PayloadErrors (dead-lettered with the reason), never silently defaulted.
 */
import * as search from 'N/search';
import * as url from 'N/url';
import type { CollectionsContextSource, PayloadSource } from '../../app/collections/push';
import type { CalendarDate } from '../../domain/calendarDate';
import { type OpenInvoice, PayloadError } from '../../domain/collections/pushPayload';
import { fromDecimal } from '../../domain/money';
import { SEGMENT_REASON_TEXT, type SegmentReason } from '../../domain/paymentBehaviour';
import { fromNsDate, toNsDate } from '../nsDate';
import { CUST_METRICS, CUST_METRICS_FIELDS as M } from '../records/custMetricsRecords';
import { currencyCode, selectId } from '../searches/customerCredit';
import { forEachRow, rawValue, valueOf } from '../searches/searchKit';

function openInvoices(customerId: string, day: CalendarDate, extraDisputed: ReadonlySet<string>): OpenInvoice[] {
	const s = search.create({
		type: 'invoice',
		filters: [
			['mainline', 'is', 'T'],
			'AND',
			['entity', 'anyof', customerId],
			'AND',
			['status', 'anyof', 'CustInvc:A'],
			'AND',
			['trandate', 'onorbefore', toNsDate(day)],
		],
		columns: ['internalid', 'tranid', 'trandate', 'duedate', 'fxamountremaining', 'custbody_o2c_disputed'],
	});
	const out: OpenInvoice[] = [];
	forEachRow(s, (row) => {
		const id = row.id;
		const due = fromNsDate(valueOf(row, { name: 'duedate' })) ?? fromNsDate(valueOf(row, { name: 'trandate' }));
		if (due === null) throw new PayloadError(`invoice ${id} has neither a due date nor a date`);
		const disputed = rawValue(row, { name: 'custbody_o2c_disputed' });
		out.push({
			id,
			number: valueOf(row, { name: 'tranid' }),
			openMinor: fromDecimal(valueOf(row, { name: 'fxamountremaining' }), 'customer').minor,
			dueDate: due,
			disputed: disputed === true || disputed === 'T' || extraDisputed.has(id),
		});
	});
	return out;
}

function metricsOf(
	customerId: string,
	day: CalendarDate,
): { score: number | null; segment: string; reasons: string[] } {
	const s = search.create({
		type: CUST_METRICS,
		filters: [[M.key, 'is', customerId], 'AND', [M.asOf, 'on', toNsDate(day)]],
		columns: ['internalid', M.score, M.segment, M.reasons],
	});
	const row = s.run().getRange({ start: 0, end: 1 })[0];
	if (row === undefined) throw new PayloadError(`customer ${customerId} has no customer metrics for ${day}`);
	const score = valueOf(row, { name: M.score });
	return {
		score: score === '' ? null : Number(score),
		segment: valueOf(row, { name: M.segment }),
		reasons: valueOf(row, { name: M.reasons })
			.split(',')
			.map((x) => x.trim())
			.filter((x) => x !== ''),
	};
}

/** The PayloadSource over N/search, with promises and contacts from `context`. */
export function nsPayloadSource(context: CollectionsContextSource): PayloadSource {
	return {
		inputOf(customerId, subsidiaryId, day) {
			const c = search.lookupFields({
				type: 'customer',
				id: customerId,
				columns: ['entityid', 'companyname', 'currency'],
			});
			const text = (v: unknown): string => (typeof v === 'string' ? v : '');
			const m = metricsOf(customerId, day);
			const path = url.resolveRecord({ recordType: 'customer', recordId: customerId, isEditMode: false });
			const host = url.resolveDomain({ hostType: url.HostType.APPLICATION });
			return {
				customerId,
				customerNumber: text(c.entityid),
				customerName: text(c.companyname),
				currency: currencyCode(selectId(c.currency)),
				subsidiaryId,
				asOf: day,
				score: m.score,
				segment: m.segment,
				reasons: m.reasons.map((code) => ({
					code,
					text: (SEGMENT_REASON_TEXT as Record<string, string | undefined>)[code as SegmentReason] ?? code,
				})),
				invoices: openInvoices(customerId, day, context.disputedInvoiceIds(customerId)),
				promises: context.promisesOf(customerId),
				contact: context.contactOf(customerId),
				netsuiteUrl: `https://${host}${path}`,
			};
		},
	};
}
