/**
 * Imports an invoice-history CSV shaped like ar-late-payment-histories.csv (columns countryCode,
 * customerID, PaperlessDate, invoiceNumber, InvoiceDate, DueDate, InvoiceAmount, Disputed,
 * SettledDate, PaperlessBill, DaysToSettle, DaysLate; dates M/D/YYYY) into an o2c-dataset/1.
 *
 * Mapping:
 * - one subsidiary per countryCode (ids in ascending code order), named "Country <code>";
 * - one customer per customerID (ids in order of first appearance), in the subsidiary of its
 *   earliest invoice. A customer that appears under several country codes stays ONE customer:
 *   all its invoices are booked in that subsidiary (a NetSuite customer transacts in its own
 *   subsidiary), and the account note says how many customers and invoices this moved;
 * - one invoice per row (tranId = invoiceNumber, terms "Net <DueDate − InvoiceDate>",
 *   `disputed` from Disputed Yes/No) and, for a settled row, one customer payment dated
 *   SettledDate that applies the full amount. An empty SettledDate leaves the invoice open;
 * - currency: the file has none, so everything is USD (said in the account name and note);
 * - `suggestedAsOf` = the latest InvoiceDate (the file's last billing day; invoices settled later
 *   are still open then).
 * PaperlessDate, PaperlessBill, DaysToSettle and DaysLate are not imported (the last two are
 * derived from the dates). A malformed file is rejected with {@link CsvImportError}, each problem
 * naming the line and column.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DATASET_FORMAT, Dataset, DsCustomer, DsSubsidiary, DsTerms, DsTransaction } from './dataset';
import { dayOf, daysInMonth, formatDay } from './calendar';

/** Columns the importer needs (the others of the export are optional and ignored). */
export const REQUIRED_COLUMNS = [
	'countryCode',
	'customerID',
	'invoiceNumber',
	'InvoiceDate',
	'DueDate',
	'InvoiceAmount',
	'Disputed',
	'SettledDate',
] as const;

const MAX_PROBLEMS = 50;

export class CsvImportError extends Error {
	constructor(
		readonly problems: string[],
		readonly total: number = problems.length,
		source?: string,
	) {
		super(
			`Cannot import CSV${source ? ` ${source}` : ''} (${total} problem${total === 1 ? '' : 's'}):\n` +
				problems.map((p) => `  - ${p}`).join('\n') +
				(total > problems.length ? `\n  ... and ${total - problems.length} more` : ''),
		);
		this.name = 'CsvImportError';
		Object.setPrototypeOf(this, CsvImportError.prototype);
	}
}

/** Parses CSV text (RFC 4180 quoting, LF or CRLF) into records with the line each starts on. */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
	const records: { line: number; fields: string[] }[] = [];
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	let line = 1;
	let fields: string[] = [];
	let field = '';
	let start = line;
	let quoted = false;
	let any = false;
	const endRecord = (): void => {
		fields.push(field);
		if (fields.length > 1 || fields[0] !== '') records.push({ line: start, fields });
		fields = [];
		field = '';
		any = false;
	};
	for (; i < text.length; i++) {
		const ch = text[i] as string;
		if (!any) {
			start = line;
			any = true;
		}
		if (quoted) {
			if (ch === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i++;
				} else quoted = false;
			} else {
				if (ch === '\n') line++;
				field += ch;
			}
		} else if (ch === '"' && field === '') quoted = true;
		else if (ch === ',') {
			fields.push(field);
			field = '';
		} else if (ch === '\n') {
			endRecord();
			line++;
		} else if (ch === '\r') {
			if (text[i + 1] !== '\n') {
				endRecord();
				line++;
			}
		} else field += ch;
	}
	if (any) endRecord();
	return records;
}

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const AMOUNT = /^\d+(\.\d{1,2})?$/;

/** Epoch day of an `M/D/YYYY` date, or null. */
function parseUsDate(text: string): number | null {
	const m = US_DATE.exec(text);
	if (!m) return null;
	const mo = Number(m[1]);
	const d = Number(m[2]);
	const y = Number(m[3]);
	if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
	return dayOf(y, mo, d);
}

interface Row {
	line: number;
	country: string;
	customer: string;
	invoiceNumber: string;
	invoiceDay: number;
	dueDay: number;
	cents: number;
	disputed: boolean;
	settledDay: number | null;
}

/** Reads and imports a CSV file (see the module comment for the mapping). */
export function importCsv(file: string): Dataset {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (e) {
		throw new CsvImportError([`${file}: cannot be read (${(e as Error).message})`]);
	}
	return importCsvText(text, path.basename(file));
}

/** Imports CSV text; `source` names the file in messages and in the account note. */
export function importCsvText(text: string, source = 'CSV'): Dataset {
	const problems: string[] = [];
	let total = 0;
	const problem = (msg: string): void => {
		total++;
		if (problems.length < MAX_PROBLEMS) problems.push(msg);
	};
	const records = parseCsv(text);
	const header = records.shift();
	if (!header) throw new CsvImportError(['line 1: the file is empty (no header)'], 1, source);
	const names = header.fields.map((f) => f.trim());
	const col = new Map<string, number>();
	names.forEach((n, i) => {
		if (!col.has(n)) col.set(n, i);
	});
	const missing = REQUIRED_COLUMNS.filter((c) => !col.has(c));
	if (missing.length > 0) {
		throw new CsvImportError(
			missing.map((c) => `line ${header.line}: missing column ${c} (the header has ${names.join(', ')})`),
			missing.length,
			source,
		);
	}

	const rows: Row[] = [];
	for (const rec of records) {
		const at = (c: string): string => `line ${rec.line}, column ${c}`;
		if (rec.fields.length !== names.length) {
			problem(`line ${rec.line}: ${rec.fields.length} fields, the header has ${names.length}`);
			continue;
		}
		const get = (c: string): string => (rec.fields[col.get(c) as number] as string).trim();
		let ok = true;
		const need = (c: string): string => {
			const v = get(c);
			if (v === '') {
				problem(`${at(c)}: is empty`);
				ok = false;
			}
			return v;
		};
		const date = (c: string, optional: boolean): number | null => {
			const v = get(c);
			if (v === '' && optional) return null;
			const d = parseUsDate(v);
			if (d === null) {
				problem(`${at(c)}: ${JSON.stringify(v)} is not a date (M/D/YYYY)`);
				ok = false;
			}
			return d;
		};
		const country = need('countryCode');
		const customer = need('customerID');
		const invoiceNumber = need('invoiceNumber');
		const invoiceDay = date('InvoiceDate', false);
		const dueDay = date('DueDate', false);
		const settledDay = date('SettledDate', true);
		const amountText = get('InvoiceAmount');
		let cents = 0;
		if (!AMOUNT.test(amountText) || Number(amountText) <= 0) {
			problem(
				`${at('InvoiceAmount')}: ${JSON.stringify(amountText)} is not an amount (a positive number, at most 2 decimals)`,
			);
			ok = false;
		} else cents = Math.round(Number(amountText) * 100);
		const disputedText = get('Disputed').toLowerCase();
		if (disputedText !== 'yes' && disputedText !== 'no') {
			problem(`${at('Disputed')}: ${JSON.stringify(get('Disputed'))} is not Yes or No`);
			ok = false;
		}
		if (invoiceDay !== null && dueDay !== null && dueDay < invoiceDay) {
			problem(`${at('DueDate')}: ${get('DueDate')} is before the InvoiceDate ${get('InvoiceDate')}`);
			ok = false;
		}
		if (invoiceDay !== null && settledDay !== null && settledDay < invoiceDay) {
			problem(`${at('SettledDate')}: ${get('SettledDate')} is before the InvoiceDate ${get('InvoiceDate')}`);
			ok = false;
		}
		if (!ok) continue;
		rows.push({
			line: rec.line,
			country,
			customer,
			invoiceNumber,
			invoiceDay: invoiceDay as number,
			dueDay: dueDay as number,
			cents,
			disputed: disputedText === 'yes',
			settledDay,
		});
	}
	if (rows.length === 0 && total === 0) problem(`line ${header.line + 1}: the file has no invoice rows`);
	if (total > 0) throw new CsvImportError(problems, total, source);

	// subsidiaries: one per country code, ascending (numerically when all codes are numbers)
	const codes = [...new Set(rows.map((r) => r.country))];
	const numeric = codes.every((c) => /^\d+$/.test(c));
	codes.sort((a, b) => (numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
	const subsidiaries: DsSubsidiary[] = codes.map((code, i) => ({
		id: i + 1,
		name: `Country ${code}`,
		currency: 'USD',
		parent: null,
	}));
	const subOf = new Map(codes.map((c, i) => [c, i + 1]));

	// terms: one per distinct DueDate − InvoiceDate
	const termDays = [...new Set(rows.map((r) => r.dueDay - r.invoiceDay))].sort((a, b) => a - b);
	const terms: DsTerms[] = termDays.map((d, i) => ({
		id: i + 1,
		name: d === 0 ? 'Due on receipt' : `Net ${d}`,
		daysUntilDue: d,
	}));
	const termOf = new Map(termDays.map((d, i) => [d, i + 1]));

	// customers: in order of first appearance, in the subsidiary of their earliest invoice
	const firstRow = new Map<string, Row>();
	const order: string[] = [];
	for (const r of rows) {
		const f = firstRow.get(r.customer);
		if (!f) order.push(r.customer);
		if (!f || r.invoiceDay < f.invoiceDay) firstRow.set(r.customer, r);
	}
	const customers: DsCustomer[] = order.map((key, i) => {
		const f = firstRow.get(key) as Row;
		return {
			id: i + 1,
			entityId: key,
			companyName: `Customer ${key}`,
			subsidiary: subOf.get(f.country) as number,
			currency: 'USD',
			terms: termOf.get(f.dueDay - f.invoiceDay) as number,
		};
	});
	const custOf = new Map(order.map((k, i) => [k, customers[i] as DsCustomer]));
	const multiCountry = new Set<string>();
	let moved = 0;
	for (const r of rows) {
		if (r.country !== (firstRow.get(r.customer) as Row).country) {
			multiCountry.add(r.customer);
			moved++;
		}
	}

	// transactions in date order (invoice before payment on a day, then file order)
	const events: { day: number; kind: 0 | 1; row: Row }[] = [];
	for (const r of rows) {
		events.push({ day: r.invoiceDay, kind: 0, row: r });
		if (r.settledDay !== null) events.push({ day: r.settledDay, kind: 1, row: r });
	}
	events.sort((a, b) => a.day - b.day || a.kind - b.kind || a.row.line - b.row.line);
	const invoiceId = new Map<Row, number>();
	const transactions: DsTransaction[] = [];
	for (const e of events) {
		const r = e.row;
		const c = custOf.get(r.customer) as DsCustomer;
		const id = transactions.length + 1;
		const common = {
			entity: c.id,
			subsidiary: c.subsidiary,
			currency: 'USD',
			exchangeRate: 1,
			tranDate: formatDay(e.day),
		};
		if (e.kind === 0) {
			invoiceId.set(r, id);
			transactions.push({
				id,
				type: 'CustInvc',
				tranId: r.invoiceNumber,
				...common,
				dueDate: formatDay(r.dueDay),
				terms: termOf.get(r.dueDay - r.invoiceDay),
				amount: r.cents / 100,
				disputed: r.disputed,
			});
		} else {
			transactions.push({
				id,
				type: 'CustPymt',
				tranId: `PYMT-${r.invoiceNumber}`,
				...common,
				amount: r.cents / 100,
				apply: [{ doc: invoiceId.get(r) as number, amount: r.cents / 100 }],
			});
		}
	}

	const lastInvoiceDay = rows.reduce((m, r) => Math.max(m, r.invoiceDay), -Infinity);
	const note =
		`Imported from ${source}: ${rows.length} invoices, ${customers.length} customers, ${subsidiaries.length} country codes ` +
		`(one subsidiary each). The CSV has no currency column: every amount is taken as USD. ` +
		(multiCountry.size > 0
			? `${multiCountry.size} customer(s) appear under several country codes; they are kept in the subsidiary of their ` +
				`earliest invoice and ${moved} of their invoices were booked there instead of their own country's subsidiary. `
			: 'No customer appears under two country codes. ') +
		`suggestedAsOf is the latest invoice date.`;
	return {
		format: DATASET_FORMAT,
		account: {
			name: `A/R late-payment histories (CSV import; amounts assumed USD)`,
			timezone: 'America/New_York',
			features: ['SUBSIDIARIES'],
			note,
		},
		suggestedAsOf: formatDay(lastInvoiceDay),
		generator: { tool: 'o2c-dso local/data/importCsv.ts v1', source },
		subsidiaries,
		terms,
		customers,
		transactions,
	};
}
