/**
 * The drill-down's pure parts: query parameters, bucket date ranges, CSV cells (formula
 * injection), the page (escaping, links), and the dashboard number formats.
 */
import {
	csvCell,
	csvFileName,
	csvHeaderLine,
	csvLine,
	DEFAULT_QUERY,
	dueDateRange,
	parseDrilldownQuery,
	queryParams,
	renderDrilldownPage,
	rowAging,
	type DrilldownRow,
} from '../../src/TypeScripts/o2c_dso/domain/dashboard/drilldown';
import {
	formatDays,
	formatDaysChange,
	formatPercent,
	formatShare,
	formatWhole,
	formatWholeChange,
} from '../../src/TypeScripts/o2c_dso/domain/dashboard/format';
import { parseCalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';

const D = parseCalendarDate('2026-05-04');

describe('number formats', () => {
	test('whole units round half away from zero; changes carry their sign', () => {
		expect(formatWhole(123456789)).toBe('1,234,568');
		expect(formatWhole(123449)).toBe('1,234');
		expect(formatWhole(-150)).toBe('-2');
		expect(formatWhole(49)).toBe('0');
		expect(formatWholeChange(120000050)).toBe('+1,200,001');
		expect(formatWholeChange(-340000)).toBe('-3,400');
		expect(formatWholeChange(0)).toBe('0');
	});

	test('days, percentages and shares', () => {
		expect(formatDays(58.358208955)).toBe('58.4');
		expect(formatDays(null)).toBe('—');
		expect(formatDaysChange(11.13)).toBe('+11.1');
		expect(formatDaysChange(-0.04)).toBe('0.0');
		expect(formatPercent(87.25)).toBe('87.3%');
		expect(formatShare(250, 1000)).toBe('25%');
		expect(formatShare(1, 3)).toBe('33%');
		expect(formatShare(5, 0)).toBe('—');
	});
});

describe('query parameters', () => {
	test('defaults: every open invoice, most days overdue first, page 1', () => {
		expect(parseDrilldownQuery({})).toEqual({ ok: true, query: DEFAULT_QUERY });
	});

	test('a full query, and its parameters back (defaults left out)', () => {
		const p = parseDrilldownQuery({ subsidiary: '2', customer: '100', bucket: '90+', sort: 'customer', page: '3' });
		expect(p).toEqual({
			ok: true,
			query: { subsidiaryId: 2, customerId: 100, bucket: '90+', sort: 'customer', dir: 'asc', page: 3 },
		});
		if (!p.ok) throw new Error('unreachable');
		expect(queryParams(p.query)).toEqual({
			subsidiary: '2',
			customer: '100',
			bucket: '90+',
			sort: 'customer',
			dir: 'asc',
			page: '3',
		});
		expect(queryParams(DEFAULT_QUERY)).toEqual({});
	});

	test('each bad parameter is named, none is ignored', () => {
		const p = parseDrilldownQuery({ subsidiary: '1x', bucket: '120+', sort: 'memo', dir: 'up', page: '0' });
		expect(p.ok).toBe(false);
		if (p.ok) throw new Error('unreachable');
		expect(p.problems).toEqual([
			'subsidiary must be an internal id (a positive whole number), got "1x"',
			'bucket must be one of open, overdue, current, 1-30, 31-60, 61-90, 90+; got "120+"',
			'sort must be one of daysoverdue, amount, tranid, customer, trandate, duedate; got "memo"',
			'dir must be asc or desc; got "up"',
			'page must be a whole number from 1; got "0"',
		]);
	});
});

describe('bucket due-date ranges at 2026-05-04', () => {
	test('each bucket is the due dates whose days overdue fall in it', () => {
		expect(dueDateRange('current', D)).toEqual({ from: '2026-05-04', to: null });
		expect(dueDateRange('1-30', D)).toEqual({ from: '2026-04-04', to: '2026-05-03' });
		expect(dueDateRange('31-60', D)).toEqual({ from: '2026-03-05', to: '2026-04-03' });
		expect(dueDateRange('61-90', D)).toEqual({ from: '2026-02-03', to: '2026-03-04' });
		expect(dueDateRange('90+', D)).toEqual({ from: null, to: '2026-02-02' });
		expect(dueDateRange('overdue', D)).toEqual({ from: null, to: '2026-05-03' });
		expect(dueDateRange('open', D)).toBeNull();
	});

	test('the boundaries agree with the aging of a row', () => {
		const at = (due: string): string =>
			rowAging({ tranDate: parseCalendarDate('2026-01-01'), dueDate: parseCalendarDate(due) }, D).bucket;
		expect([
			at('2026-05-04'),
			at('2026-05-03'),
			at('2026-04-04'),
			at('2026-04-03'),
			at('2026-02-03'),
			at('2026-02-02'),
		]).toEqual(['current', '1-30', '1-30', '31-60', '61-90', '90+']);
		expect(
			rowAging({ tranDate: parseCalendarDate('2026-05-01'), dueDate: parseCalendarDate('2026-06-01') }, D).days,
		).toBe(0);
	});
});

const row = (over: Partial<DrilldownRow> = {}): DrilldownRow => ({
	id: 12,
	tranId: 'INV-12',
	customerId: 100,
	customerName: 'Acme, "West"',
	subsidiaryName: 'US',
	currency: 'USD',
	tranDate: parseCalendarDate('2026-03-20'),
	dueDate: parseCalendarDate('2026-04-19'),
	openMinor: 20000,
	memo: '',
	invoiceUrl: '/app/accounting/transactions/custinvc.nl?id=12',
	customerUrl: '/app/common/entity/custjob.nl?id=100',
	...over,
});

describe('CSV', () => {
	test('cells a spreadsheet would run as formulas get a leading quote; commas, quotes and line breaks are quoted', () => {
		expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
		expect(csvCell('+1')).toBe("'+1");
		expect(csvCell('-2+3')).toBe("'-2+3");
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvCell('\tx')).toBe("'\tx");
		expect(csvCell('\rx')).toBe('"\'\rx"');
		expect(csvCell('a\nb')).toBe('"a\nb"');
		expect(csvCell('plain')).toBe('plain');
		expect(csvCell(1234.5)).toBe('1234.5');
		expect(csvCell(null)).toBe('');
	});

	test('a line: ids, dates, days overdue, bucket, amount without separators, CRLF', () => {
		expect(csvHeaderLine()).toBe(
			'Invoice internal id,Invoice,Customer internal id,Customer,Subsidiary,Invoice date,Due date,Days overdue,Aging bucket,Open amount,Currency,Memo\r\n',
		);
		expect(csvLine(row({ openMinor: 123456789, memo: '=cmd|calc' }), D)).toBe(
			'12,INV-12,100,"Acme, ""West""",US,2026-03-20,2026-04-19,15,1–30 days,1234567.89,USD,\'=cmd|calc\r\n',
		);
	});

	test('the file name says what was exported', () => {
		expect(csvFileName({ ...DEFAULT_QUERY, subsidiaryId: 2, bucket: '90+' }, D)).toBe(
			'open-invoices-2026-05-04-sub2-90plus.csv',
		);
		expect(csvFileName(DEFAULT_QUERY, D)).toBe('open-invoices-2026-05-04.csv');
	});
});

describe('the page', () => {
	const base = {
		today: D,
		query: DEFAULT_QUERY,
		problems: [],
		subsidiaries: [{ id: 1, name: 'US <b>', currency: 'USD' }],
		customerName: null,
		count: 1,
		totalMinor: 20000,
		totalCurrency: 'USD',
		pageCount: 1,
		formAction:
			'/app/site/hosting/scriptlet.nl?script=customscript_o2c_drilldown_sl&deploy=customdeploy_o2c_drilldown_sl',
		urlFor: () => '/app/site/hosting/scriptlet.nl?script=s&deploy=d&page=2',
	};

	test('names and memos are text, links lead to the invoice and the customer, the total is shown', () => {
		const html = renderDrilldownPage({
			...base,
			rows: [row({ customerName: '<script>alert(1)</script>', memo: '<img src=x onerror=alert(2)>' })],
		});
		expect(html).not.toContain('<script>alert');
		expect(html).not.toContain('<img');
		expect(html).toContain('&lt;script&gt;alert(1)&lt;&#x2F;script&gt;');
		expect(html).toContain('href="&#x2F;app&#x2F;accounting&#x2F;transactions&#x2F;custinvc.nl?id&#x3D;12"');
		expect(html).toContain('href="&#x2F;app&#x2F;common&#x2F;entity&#x2F;custjob.nl?id&#x3D;100"');
		expect(html).toContain('open amount <b>USD 200.00</b>');
		expect(html).toContain('US &lt;b&gt; (USD)');
		expect(html).toContain('<input type="hidden" name="script" value="customscript_o2c_drilldown_sl">');
	});

	test('a link that is not a NetSuite path is dropped to text', () => {
		const html = renderDrilldownPage({ ...base, rows: [row({ invoiceUrl: 'javascript:alert(1)' })] });
		expect(html).not.toContain('javascript:');
		expect(html).toContain('<td>INV-12</td>');
	});

	test('problems are shown and no table is drawn', () => {
		const html = renderDrilldownPage({ ...base, rows: [], problems: ['bucket must be one of …; got "<x>"'] });
		expect(html).toContain('<div class="problem">bucket must be one of …; got &quot;&lt;x&gt;&quot;</div>');
		expect(html).not.toContain('<table>');
	});
});
