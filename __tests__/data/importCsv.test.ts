/**
 * local/data/importCsv.ts on the real public A/R history (../shared/data/ar-late-payment-histories.csv,
 * read in place, never copied into the repo; SKIPPED with a message when absent, as in a fresh clone)
 * and on small hand-made files for the rejection messages.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CsvImportError, importCsv, importCsvText, parseCsv } from '../../local/data/importCsv';
import { validateDataset } from '../../local/data/load';
import { dayNumber, invoicesAt, oracleReport } from '../support/oracle';

const CSV = path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'ar-late-payment-histories.csv');
const haveCsv = fs.existsSync(CSV);
if (!haveCsv) {
	console.warn(`SKIPPED: CSV import on the real file: ${CSV} is absent (a fresh clone has no ../shared)`);
}
const describeIfCsv = haveCsv ? describe : describe.skip;

/** The CSV read naively, independently of the importer (the file has no quoted fields). */
function rawRows(): Record<string, string>[] {
	const [head, ...lines] = fs.readFileSync(CSV, 'utf8').trim().split(/\r?\n/);
	const names = head!.split(',');
	return lines.map((l) => Object.fromEntries(l.split(',').map((v, i): [string, string] => [names[i]!, v])));
}

function isoOf(us: string): string {
	const [m, d, y] = us.split('/');
	return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
}

describeIfCsv(`importCsv on the real file (${haveCsv ? 'present' : `skipped: ${CSV} not found`})`, () => {
	const ds = haveCsv ? importCsv(CSV) : (undefined as never);
	const rows = haveCsv ? rawRows() : [];

	it('imports 2,466 invoices, 100 customers and one subsidiary per country code', () => {
		const invoices = ds.transactions.filter((t) => t.type === 'CustInvc');
		expect(invoices).toHaveLength(2466);
		expect(ds.customers).toHaveLength(100);
		const codes = [...new Set(rows.map((r) => r.countryCode))].sort((a, b) => Number(a) - Number(b));
		expect(ds.subsidiaries.map((s) => s.name)).toEqual(codes.map((c) => `Country ${c}`));
		expect(ds.subsidiaries.every((s) => s.currency === 'USD')).toBe(true);
		// every row is settled in this file: one payment each
		expect(ds.transactions.filter((t) => t.type === 'CustPymt')).toHaveLength(2466);
		expect(ds.terms).toEqual([{ id: 1, name: 'Net 30', daysUntilDue: 30 }]);
		expect(ds.transactions.filter((t) => t.type === 'CustInvc' && t.disputed)).toHaveLength(
			rows.filter((r) => r.Disputed === 'Yes').length,
		);
	});

	it('validates cleanly and says the amounts are assumed USD', () => {
		expect(() => {
			validateDataset(ds);
		}).not.toThrow();
		expect(ds.account.name).toMatch(/USD/);
		expect(ds.account.note).toMatch(/no currency column/);
		expect(ds.account.note).toMatch(/No customer appears under two country codes/);
	});

	it('matches rows checked by hand', () => {
		// line 2: 391,0379-NEVHP,4/6/2013,0000611365,1/2/2013,2/1/2013,55.94,No,1/15/2013,Paper,13,0
		const inv = ds.transactions.find((t) => t.tranId === '0000611365')!;
		const cust = ds.customers.find((c) => c.id === inv.entity)!;
		expect(cust.entityId).toBe('0379-NEVHP');
		expect(ds.subsidiaries.find((s) => s.id === inv.subsidiary)!.name).toBe('Country 391');
		expect(inv).toMatchObject({
			type: 'CustInvc',
			tranDate: '2013-01-02',
			dueDate: '2013-02-01',
			amount: 55.94,
			disputed: false,
			currency: 'USD',
		});
		const pay = ds.transactions.find((t) => t.type === 'CustPymt' && t.apply?.[0]?.doc === inv.id)!;
		expect(pay).toMatchObject({
			tranDate: '2013-01-15',
			amount: 55.94,
			apply: [{ doc: inv.id, amount: 55.94 }],
			entity: cust.id,
		});

		// line 3: 406,8976-AMJEO,3/3/2012,0007900770,1/26/2013,2/25/2013,61.74,Yes,3/3/2013,Electronic,36,6
		const inv2 = ds.transactions.find((t) => t.tranId === '0007900770')!;
		expect(inv2).toMatchObject({ tranDate: '2013-01-26', dueDate: '2013-02-25', amount: 61.74, disputed: true });
		expect(ds.subsidiaries.find((s) => s.id === inv2.subsidiary)!.name).toBe('Country 406');
		const pay2 = ds.transactions.find((t) => t.type === 'CustPymt' && t.apply?.[0]?.doc === inv2.id)!;
		expect(pay2.tranDate).toBe('2013-03-03');

		// line 5: 406,9322-YCTQO,4/6/2012,0009888306,2/10/2013,3/12/2013,105.92,No,3/17/2013,Electronic,35,5
		const inv3 = ds.transactions.find((t) => t.tranId === '0009888306')!;
		expect(inv3).toMatchObject({ tranDate: '2013-02-10', dueDate: '2013-03-12', amount: 105.92, disputed: false });
	});

	it("agrees with the file's own DaysToSettle and DaysLate for every invoice", () => {
		const tranIdOf = new Map(ds.transactions.map((t) => [t.id, t.tranId]));
		const byTranId = new Map(invoicesAt(ds, '2099-12-31').map((i) => [tranIdOf.get(i.id)!, i]));
		let checked = 0;
		for (const r of rows) {
			const inv = byTranId.get(r.invoiceNumber!)!;
			expect(inv.tranDate).toBe(isoOf(r.InvoiceDate!));
			expect(inv.closeDate).toBe(isoOf(r.SettledDate!));
			expect(dayNumber(inv.closeDate!) - dayNumber(inv.tranDate)).toBe(Number(r.DaysToSettle));
			expect(Math.max(0, dayNumber(inv.closeDate!) - dayNumber(inv.agingDate))).toBe(Number(r.DaysLate));
			checked++;
		}
		expect(checked).toBe(2466);
	});

	it('puts each customer in the subsidiary of its first invoice', () => {
		const firstCountry = new Map<string, { day: number; code: string }>();
		for (const r of rows) {
			const d = dayNumber(isoOf(r.InvoiceDate!));
			const f = firstCountry.get(r.customerID!);
			if (!f || d < f.day) firstCountry.set(r.customerID!, { day: d, code: r.countryCode! });
		}
		for (const c of ds.customers) {
			expect(ds.subsidiaries.find((s) => s.id === c.subsidiary)!.name).toBe(
				`Country ${firstCountry.get(c.entityId)!.code}`,
			);
		}
	});

	it('suggests an as-of date with open A/R (the latest invoice date)', () => {
		const latest = rows
			.map((r) => isoOf(r.InvoiceDate!))
			.sort()
			.pop()!;
		expect(ds.suggestedAsOf).toBe(latest);
		const report = oracleReport(ds, ds.suggestedAsOf!);
		const open = report.subsidiaries.reduce((s, x) => s + x.openInvoices, 0);
		expect(open).toBeGreaterThan(0);
		expect(report.subsidiaries.every((s) => s.dsoThis !== null)).toBe(true);
	});
});

describe('importCsv rejections and edge cases', () => {
	const HEADER =
		'countryCode,customerID,PaperlessDate,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount,Disputed,SettledDate,PaperlessBill,DaysToSettle,DaysLate';
	const GOOD = '391,0379-NEVHP,4/6/2013,0000611365,1/2/2013,2/1/2013,55.94,No,1/15/2013,Paper,13,0';

	function problems(text: string): string[] {
		try {
			importCsvText(text, 'test.csv');
		} catch (e) {
			expect(e).toBeInstanceOf(CsvImportError);
			expect((e as Error).message).toContain('Cannot import CSV test.csv');
			return (e as CsvImportError).problems;
		}
		throw new Error('expected a CsvImportError');
	}

	it('rejects a missing column', () => {
		const header = HEADER.replace('DueDate,', '');
		const row = GOOD.replace('2/1/2013,', '');
		expect(problems(`${header}\n${row}\n`)).toEqual([
			expect.stringMatching(/^line 1: missing column DueDate \(the header has countryCode, /),
		]);
	});

	it('rejects a bad date with its line and column', () => {
		const bad = GOOD.replace('1/2/2013', '2/30/2013');
		expect(problems(`${HEADER}\n${GOOD}\n${bad}\n`)).toEqual([
			'line 3, column InvoiceDate: "2/30/2013" is not a date (M/D/YYYY)',
		]);
		expect(problems(`${HEADER}\n${GOOD.replace('1/15/2013', '2013-01-15')}\n`)).toEqual([
			'line 2, column SettledDate: "2013-01-15" is not a date (M/D/YYYY)',
		]);
	});

	it('rejects a bad amount with its line and column', () => {
		expect(problems(`${HEADER}\n${GOOD.replace('55.94', '55.945')}\n`)).toEqual([
			'line 2, column InvoiceAmount: "55.945" is not an amount (a positive number, at most 2 decimals)',
		]);
		expect(problems(`${HEADER}\n${GOOD.replace('55.94', '"55,94"')}\n`)).toEqual([
			'line 2, column InvoiceAmount: "55,94" is not an amount (a positive number, at most 2 decimals)',
		]);
		expect(problems(`${HEADER}\n${GOOD.replace('55.94', '0')}\n`)).toHaveLength(1);
	});

	it('rejects wrong field counts, empty keys, bad Disputed values and impossible date orders', () => {
		expect(problems(`${HEADER}\n${GOOD},extra\n`)).toEqual(['line 2: 13 fields, the header has 12']);
		expect(problems(`${HEADER}\n${GOOD.replace('0379-NEVHP', '')}\n`)).toEqual([
			'line 2, column customerID: is empty',
		]);
		expect(problems(`${HEADER}\n${GOOD.replace(',No,', ',Maybe,')}\n`)).toEqual([
			'line 2, column Disputed: "Maybe" is not Yes or No',
		]);
		expect(problems(`${HEADER}\n${GOOD.replace('1/15/2013', '1/1/2013')}\n`)).toEqual([
			'line 2, column SettledDate: 1/1/2013 is before the InvoiceDate 1/2/2013',
		]);
		expect(problems(`${HEADER}\n${GOOD.replace('2/1/2013', '1/1/2013')}\n`)).toEqual([
			'line 2, column DueDate: 1/1/2013 is before the InvoiceDate 1/2/2013',
		]);
		expect(problems('')).toEqual(['line 1: the file is empty (no header)']);
		expect(problems(`${HEADER}\n`)).toEqual(['line 2: the file has no invoice rows']);
	});

	it('reports every bad line at once, with physical line numbers', () => {
		const text = `${HEADER}\r\n${GOOD}\r\n\r\n${GOOD.replace('55.94', 'x')}\r\n${GOOD.replace('1/2/2013', '13/2/2013')}\r\n`;
		expect(problems(text)).toEqual([
			'line 4, column InvoiceAmount: "x" is not an amount (a positive number, at most 2 decimals)',
			'line 5, column InvoiceDate: "13/2/2013" is not a date (M/D/YYYY)',
		]);
	});

	it('parses quoted fields, doubled quotes and CRLF', () => {
		expect(parseCsv('a,b\r\n"x, ""y""",2\r\n"multi\nline",3\n')).toEqual([
			{ line: 1, fields: ['a', 'b'] },
			{ line: 2, fields: ['x, "y"', '2'] },
			{ line: 3, fields: ['multi\nline', '3'] },
		]);
	});

	it('keeps a customer seen under two country codes in its first subsidiary, and says so', () => {
		const rows = [
			'406,AAA-1,,INV-2,3/1/2013,3/31/2013,20.00,No,,Paper,,',
			'391,AAA-1,,INV-1,2/1/2013,3/3/2013,10.00,Yes,2/20/2013,Paper,19,0',
			'391,BBB-2,,INV-3,2/5/2013,3/7/2013,5.5,No,3/10/2013,Paper,33,3',
		];
		const ds = importCsvText(`${HEADER}\n${rows.join('\n')}\n`, 'two.csv');
		expect(() => {
			validateDataset(ds);
		}).not.toThrow();
		expect(ds.subsidiaries.map((s) => s.name)).toEqual(['Country 391', 'Country 406']);
		const a = ds.customers.find((c) => c.entityId === 'AAA-1')!;
		expect(a.subsidiary).toBe(1); // its earliest invoice (2/1/2013) is in 391
		expect(ds.transactions.filter((t) => t.entity === a.id).every((t) => t.subsidiary === 1)).toBe(true);
		expect(ds.account.note).toMatch(/1 customer\(s\) appear under several country codes.*1 of their invoices/);
		// INV-2 has no SettledDate: open, no payment
		const inv2 = ds.transactions.find((t) => t.tranId === 'INV-2')!;
		expect(ds.transactions.some((t) => t.type === 'CustPymt' && t.apply?.[0]?.doc === inv2.id)).toBe(false);
		expect(ds.suggestedAsOf).toBe('2013-03-01');
		expect(ds.transactions.map((t) => t.tranDate)).toEqual([...ds.transactions.map((t) => t.tranDate)].sort());
		expect(ds.terms).toEqual([{ id: 1, name: 'Net 30', daysUntilDue: 30 }]);
	});

	it('names an unreadable file', () => {
		const missing = path.join(os.tmpdir(), 'o2c-no-such-file.csv');
		expect(() => importCsv(missing)).toThrow(/o2c-no-such-file\.csv: cannot be read/);
	});
});
