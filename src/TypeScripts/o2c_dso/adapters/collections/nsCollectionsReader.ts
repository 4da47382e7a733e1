/**
 * The collections RESTlet's reads over N/search (app/collections/readViews.ts). Costs: a worklist
 * page 5 (runPaged) + 5 (the page) + 10 for the customers under open disputes (+10 with a
 * collector filter) + 30 for the page's promises, disputes and contacts; a customer's detail about
 * 80. Fixed whatever the account's size.
 */
import * as search from 'N/search';
import type { CalendarDate } from '../../domain/calendarDate';
import { fromDecimal } from '../../domain/money';
import type {
	CollectionsReader,
	ContactAttemptRecord,
	ContactRecord,
	DisputeRecord,
	OpenInvoiceRecord,
	PromiseRecord,
	WorklistFilter,
	WorklistRecord,
} from '../../app/collections/readViews';
import { accountToday } from '../clock';
import { fromNsDate } from '../nsDate';
import { CUST_METRICS, CUST_METRICS_FIELDS as M } from '../records/custMetricsRecords';
import { loadCurrencyCodes } from '../searches/subsidiaries';
import { rawValue, textOf, valueOf } from '../searches/searchKit';
import {
	COLLECTOR_FIELD,
	CONTACT,
	CONTACT_ATTEMPT,
	CONTACT_ATTEMPT_FIELDS as CA,
	CONTACT_FIELDS as CT,
	DISPUTE,
	DISPUTE_FIELDS as DP,
	DISPUTED_FIELD,
	PROMISE,
	PROMISE_FIELDS as PR,
} from '../records/collectionsRecords';
import { nsCollectionsStore } from './nsCollectionsStore';

const v = (row: search.Result, name: string): string => valueOf(row, { name });
const num = (row: search.Result, name: string): number | null => {
	const x = v(row, name);
	return x === '' || !Number.isFinite(Number(x)) ? null : Number(x);
};
const day = (row: search.Result, name: string): CalendarDate | null => fromNsDate(v(row, name));
const minorOf = (row: search.Result, name: string, currency: string): number =>
	fromDecimal(v(row, name), currency || 'XXX').minor;
const byIdDesc = (): search.Column => search.createColumn({ name: 'internalid', sort: search.Sort.DESC });

/** Up to 1,000 rows (10 units). */
function rows(type: string, filters: unknown[], columns: (string | search.Column)[]): search.Result[] {
	return search.create({ type, filters, columns }).run().getRange({ start: 0, end: 1000 });
}

const customersFilter = (field: string, ids: readonly number[]): unknown[] => [field, 'anyof', ...ids.map(String)];

export const nsCollectionsReader: CollectionsReader = {
	today(): CalendarDate {
		return accountToday();
	},

	worklistPage(
		filter: WorklistFilter,
		pageIndex: number,
		pageSize: number,
	): { total: number; rows: WorklistRecord[] } {
		const disputed = [
			...new Set(rows(DISPUTE, [[DP.status, 'is', 'open']], [DP.customer]).map((r) => Number(v(r, DP.customer)))),
		];
		const due: unknown[] = [[M.overdue, 'greaterthan', '0']];
		if (disputed.length > 0) due.push('OR', customersFilter(M.customer, disputed));
		const filters: unknown[] = [['isinactive', 'is', 'F'], 'AND', due];
		if (filter.subsidiaryId !== null) filters.push('AND', [M.subsidiary, 'anyof', String(filter.subsidiaryId)]);
		if (filter.segment !== null) filters.push('AND', [M.segment, 'is', filter.segment]);
		if (filter.collectorId !== null) {
			const mine = rows('customer', [[COLLECTOR_FIELD, 'anyof', String(filter.collectorId)]], ['internalid']).map(
				(r) => Number(r.id),
			);
			if (mine.length === 0) return { total: 0, rows: [] };
			filters.push('AND', customersFilter(M.customer, mine));
		}
		const s = search.create({
			type: CUST_METRICS,
			filters,
			columns: [
				search.createColumn({ name: M.priority, sort: search.Sort.DESC }),
				search.createColumn({ name: 'internalid', sort: search.Sort.ASC }),
				M.customer,
				M.subsidiary,
				M.currency,
				M.overdue,
				M.score,
				M.segment,
				M.maxDaysOverdue,
				M.asOf,
			],
		});
		const paged = s.runPaged({ pageSize: Math.max(5, pageSize) });
		const total = paged.count;
		const start = pageIndex * pageSize;
		if (start >= total) return { total, rows: [] };
		// runPaged pages are at least 5 rows: read the page(s) holding [start, start + pageSize)
		const size = Math.max(5, pageSize);
		const out: WorklistRecord[] = [];
		for (let p = Math.floor(start / size); p * size < Math.min(total, start + pageSize); p++) {
			paged.fetch({ index: p }).data.forEach((row, i) => {
				const at = p * size + i;
				if (at < start || at >= start + pageSize) return;
				const currency = v(row, M.currency);
				out.push({
					customerId: Number(v(row, M.customer)),
					name: textOf(row, { name: M.customer }),
					subsidiaryId: Number(v(row, M.subsidiary)),
					subsidiaryName: textOf(row, { name: M.subsidiary }),
					currency,
					overdueMinor: minorOf(row, M.overdue, currency),
					priorityMinor: minorOf(row, M.priority, currency),
					score: num(row, M.score),
					segment: v(row, M.segment),
					maxDaysOverdue: num(row, M.maxDaysOverdue),
					asOf: day(row, M.asOf),
				});
			});
		}
		return { total, rows: out };
	},

	promisesOf(customerIds: readonly number[], onlyPending: boolean): PromiseRecord[] {
		const filters: unknown[] = [customersFilter(PR.customer, customerIds), 'AND', ['isinactive', 'is', 'F']];
		if (onlyPending) filters.push('AND', [PR.status, 'is', 'pending']);
		const found = rows(PROMISE, filters, [
			byIdDesc(),
			PR.customer,
			PR.madeOn,
			PR.date,
			PR.amount,
			PR.currency,
			PR.invoices,
			PR.status,
			PR.paid,
			PR.note,
			PR.externalId,
		]);
		// a promise recorded without its currency (entered by hand, an older record) is in its customer's
		const bare = [...new Set(found.filter((r) => v(r, PR.currency) === '').map((r) => v(r, PR.customer)))];
		const customerCurrency = new Map<string, string>();
		if (bare.length > 0) {
			const codes = loadCurrencyCodes();
			for (const c of rows('customer', [['internalid', 'anyof', ...bare]], ['currency']))
				customerCurrency.set(c.id, codes.get(v(c, 'currency')) ?? '');
		}
		return found.map((r) => {
			const currency = v(r, PR.currency) || (customerCurrency.get(v(r, PR.customer)) ?? '');
			return {
				id: Number(r.id),
				externalId: v(r, PR.externalId),
				customerId: Number(v(r, PR.customer)),
				madeOn: day(r, PR.madeOn),
				promisedDate: day(r, PR.date),
				amountMinor: minorOf(r, PR.amount, currency),
				currency,
				invoiceIds: v(r, PR.invoices)
					.split(',')
					.map((x) => x.trim())
					.filter((x) => /^\d+$/.test(x))
					.map(Number),
				status: v(r, PR.status),
				paidMinor: v(r, PR.paid) === '' ? null : minorOf(r, PR.paid, currency),
				note: v(r, PR.note),
			};
		});
	},

	disputesOf(customerIds: readonly number[], onlyOpen: boolean): DisputeRecord[] {
		const filters: unknown[] = [customersFilter(DP.customer, customerIds)];
		if (onlyOpen) filters.push('AND', [DP.status, 'is', 'open']);
		return rows(DISPUTE, filters, [
			byIdDesc(),
			DP.customer,
			DP.invoice,
			DP.reason,
			DP.text,
			DP.openedOn,
			DP.status,
			DP.resolvedOn,
			DP.resolution,
			DP.externalId,
		]).map((r) => ({
			id: Number(r.id),
			externalId: v(r, DP.externalId),
			customerId: Number(v(r, DP.customer)),
			invoiceId: Number(v(r, DP.invoice)),
			reason: v(r, DP.reason),
			text: v(r, DP.text),
			openedOn: day(r, DP.openedOn),
			status: v(r, DP.status),
			resolvedOn: day(r, DP.resolvedOn),
			resolution: v(r, DP.resolution),
		}));
	},

	contactAttemptsOf(customerIds: readonly number[], limit: number): ContactAttemptRecord[] {
		return rows(
			CONTACT_ATTEMPT,
			[customersFilter(CA.customer, customerIds)],
			[
				search.createColumn({ name: CA.on, sort: search.Sort.DESC }),
				byIdDesc(),
				CA.customer,
				CA.outcome,
				CA.nextAction,
				CA.collector,
				CA.note,
				CA.externalId,
			],
		)
			.slice(0, limit)
			.map((r) => ({
				id: Number(r.id),
				externalId: v(r, CA.externalId),
				customerId: Number(v(r, CA.customer)),
				on: day(r, CA.on),
				outcome: v(r, CA.outcome),
				nextActionDate: day(r, CA.nextAction),
				collector: v(r, CA.collector),
				note: v(r, CA.note),
			}));
	},

	customer(id: number): { id: number; name: string; currency: string; subsidiaryId: number } | null {
		const c = nsCollectionsStore.customer(id);
		return c === null ? null : { id: c.id, name: c.name, currency: c.currency, subsidiaryId: c.subsidiaryId };
	},

	openInvoicesOf(customerId: number, limit: number): OpenInvoiceRecord[] {
		const codes = loadCurrencyCodes();
		return search
			.create({
				type: 'invoice',
				filters: [
					['mainline', 'is', 'T'],
					'AND',
					['entity', 'anyof', String(customerId)],
					'AND',
					['status', 'anyof', 'CustInvc:A'],
				],
				columns: [
					search.createColumn({ name: 'duedate', sort: search.Sort.ASC }),
					search.createColumn({ name: 'internalid', sort: search.Sort.ASC }),
					'tranid',
					'trandate',
					'currency',
					'fxamount',
					'fxamountremaining',
					'daysoverdue',
					DISPUTED_FIELD,
				],
			})
			.run()
			.getRange({ start: 0, end: limit + 1 })
			.map((r) => {
				const currency = codes.get(v(r, 'currency')) ?? textOf(r, { name: 'currency' });
				return {
					id: Number(r.id),
					tranId: v(r, 'tranid'),
					date: day(r, 'trandate'),
					dueDate: day(r, 'duedate'),
					currency,
					amountMinor: minorOf(r, 'fxamount', currency),
					openMinor: minorOf(r, 'fxamountremaining', currency),
					daysOverdue: num(r, 'daysoverdue'),
					disputed: rawValue(r, { name: DISPUTED_FIELD }) === true,
				};
			});
	},

	contactsOf(customerId: number, limit: number): ContactRecord[] {
		return rows(
			CONTACT,
			[[CT.customer, 'anyof', String(customerId)]],
			[byIdDesc(), CT.name, CT.email, CT.phone, CT.jobTitle, CT.on],
		)
			.slice(0, limit)
			.map((r) => ({
				id: Number(r.id),
				name: v(r, CT.name),
				email: v(r, CT.email),
				phone: v(r, CT.phone),
				jobTitle: v(r, CT.jobTitle),
				on: day(r, CT.on),
			}));
	},
};
