import { addDays, parseCalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import type { CashOutlook } from '../../src/TypeScripts/o2c_dso/domain/cashForecast';
import { splitDsoChange } from '../../src/TypeScripts/o2c_dso/domain/dso';
import { renderAlertEmail } from '../../src/TypeScripts/o2c_dso/domain/renderAlertEmail';
import { exampleEmailInput, HOSTILE_NAME } from './fixtures';
import { m } from '../support/minor';

describe('renderAlertEmail: the payload table (the issue example)', () => {
	const email = renderAlertEmail(exampleEmailInput());
	it.each([
		// 7,820,000 × 30 / 4,020,000 = 58.358…, 6,140,000 × 30 / 3,900,000 = 47.230…: the rule's delta is +11.13
		['DSO this / prior / change', ['58.36', '47.23', '+11.13']],
		['A/R balance with +27%', ['USD 7,820,000.00', 'USD 6,140,000.00', '+1,680,000.00 (+27%)']],
		['daily sales 134k vs 130k, +3%', ['USD 134,000.00', 'USD 130,000.00', '+4,000.00 (+3%)']],
		[
			'the bucket that grew: 61-90 from 810k to 2.14m',
			['The 61-90 days past-due bucket grew the most: from USD 810,000.00 to USD 2,140,000.00 (+1,330,000.00).'],
		],
	])('%s appears in the HTML and the text part', (_label, needles) => {
		for (const n of needles) {
			expect(email.text).toContain(n);
			expect(email.html).toContain(n.replace(/\//g, '&#x2F;'));
		}
	});
	it('subject: one line with the subsidiary and the figures', () => {
		expect(email.subject).toBe('DSO alert: US Wholesale DSO 58.36 days, +11.13 on the prior 30 days');
	});
	it('top contributors with share of the +1,330,000.00 of increases: 1,100,000 = 82.7%, 130,000 = 9.8%, 100,000 = 7.5%', () => {
		expect(email.text).toContain(
			"Customers' amounts in the 61-90 days bucket rose by +1,330,000.00 (3 customers) and fell for none. The 3 largest increases:",
		);
		expect(email.text).toMatch(
			/Premier Construction Inc\s+USD 100,000\.00\s+USD 1,200,000\.00\s+\+1,100,000\.00\s+82\.7%/,
		);
		expect(email.text).toMatch(/O'Brien "Quotes" Ltd\s+USD 510,000\.00\s+USD 640,000\.00\s+\+130,000\.00\s+9\.8%/);
		expect(email.text).toContain('7.5%');
	});
	it('terms mix, triple threat, cash application and lead time are computed', () => {
		expect(email.text).toContain('No material shift in the payment-terms mix');
		expect(email.text).toMatch(/Cash application rate \(receipts applied\)\s+97\.0%\s+98\.0%\s+-1\.0 pts/);
		expect(email.text).toMatch(/Sales order to invoice lead time\s+3\.2 days\s+3\.0 days\s+\+0\.2 days/);
		expect(email.text).toMatch(/TRIPLE THREAT[\s\S]*Premier Construction Inc\s+USD 1,200,000\.00\s+92%/);
	});
	it('recommended actions with links into NetSuite (aging saved search, customer records)', () => {
		expect(email.html).toContain(
			'href="https:&#x2F;&#x2F;1234567.app.netsuite.com&#x2F;app&#x2F;common&#x2F;search&#x2F;searchresults.nl?searchid&#x3D;customsearch_o2c_ar_aging"',
		);
		expect(email.html).toContain(
			'href="https:&#x2F;&#x2F;1234567.app.netsuite.com&#x2F;app&#x2F;common&#x2F;entity&#x2F;custjob.nl?id&#x3D;102&amp;e&#x3D;T"',
		);
		expect(email.text).toContain(
			'A/R aging saved search: https://1234567.app.netsuite.com/app/common/search/searchresults.nl?searchid=customsearch_o2c_ar_aging',
		);
		expect(email.text).toContain(
			'Premier Construction Inc: https://1234567.app.netsuite.com/app/common/entity/custjob.nl?id=100',
		);
		expect(email.text).toMatch(/RECOMMENDED ACTIONS[\s\S]*1\. Call the 3 customers/);
		expect(email.html).not.toContain('&middot;');
	});
	it('not escalated: says it went to the AR clerk and controller', () => {
		expect(email.text).toContain('Sent to the AR clerk and the controller');
	});
});

describe('renderAlertEmail: safety (every value escaped, nothing executable, no external assets)', () => {
	const email = renderAlertEmail(exampleEmailInput());
	it('a hostile customer name is text, not markup', () => {
		expect(email.html).not.toContain(HOSTILE_NAME);
		expect(email.html).toContain('&lt;script&gt;alert(1)&lt;&#x2F;script&gt; &amp; Co');
		expect(email.text).toContain(HOSTILE_NAME);
	});
	it('no script, style block, event handler, image, iframe or external asset', () => {
		expect(email.html).not.toMatch(/<script|<style|<img|<iframe|<link|<object|<embed|\son[a-z]+=|url\(|src=/i);
	});
	it('a javascript: URL is never linked', () => {
		expect(email.html).not.toMatch(/javascript:/i);
		expect(email.text).not.toContain('javascript:');
	});
	it('quotes in names are escaped', () => {
		expect(email.html).toContain('O&#39;Brien &quot;Quotes&quot; Ltd');
	});
	it('a subsidiary name with a newline cannot break the subject line', () => {
		const e = renderAlertEmail(exampleEmailInput({ subsidiary: { id: 1, name: 'US\r\nBcc: x@evil.example' } }));
		expect(e.subject).toBe('DSO alert: US Bcc: x@evil.example DSO 58.36 days, +11.13 on the prior 30 days');
	});
	it('every start tag used is closed (tables, cells, paragraphs, lists)', () => {
		for (const tag of ['table', 'tr', 'td', 'th', 'p', 'ol', 'li', 'a', 'strong', 'h1', 'h2']) {
			const opens = (email.html.match(new RegExp(`<${tag}[\\s>]`, 'g')) ?? []).length;
			const closes = (email.html.match(new RegExp(`</${tag}>`, 'g')) ?? []).length;
			expect([tag, opens]).toEqual([tag, closes]);
		}
	});
});

describe('renderAlertEmail: escalation and seasonality raise', () => {
	it('escalated: subject prefix and the reasons', () => {
		const base = exampleEmailInput();
		const e = renderAlertEmail({
			...base,
			escalation: {
				escalated: true,
				causes: ['impact'],
				why: ['past-due A/R grew by 33.08% of monthly revenue (more than 5%)'],
			},
		});
		expect(e.subject.startsWith('[Escalated] DSO alert: US Wholesale')).toBe(true);
		expect(e.text).toContain(
			'Escalated to the CFO because past-due A/R grew by 33.08% of monthly revenue (more than 5%).',
		);
	});
	it('a raise row is explained in the rule sentence', () => {
		const base = exampleEmailInput();
		const e = renderAlertEmail({
			...base,
			evaluation: {
				...base.evaluation,
				thresholdApplied: 15,
				seasonalityRow: {
					id: 2,
					subsidiaryId: 1,
					from: '05-01',
					to: '05-31',
					action: 'raise',
					days: 5,
					note: 'spring <terms>',
				},
			},
		});
		expect(e.text).toContain(
			'The alert fires when DSO rises more than 15.0 days (10.0 plus 5.0 from the seasonality window 05-01 to 05-31: spring <terms>) and DSO is above 30.0 days.',
		);
		expect(e.html).toContain('spring &lt;terms&gt;');
	});
});

describe("renderAlertEmail: the change is the rule's change, split into A/R and sales", () => {
	it("shows the rule's delta, not a difference of rounded figures (40.004 vs 29.9989 fires at +10.01)", () => {
		// 40.004 − 29.9989 = 10.0051 → the rule's +10.01; rounded separately the figures read 40.00 and 30.00
		const base = exampleEmailInput();
		const e = renderAlertEmail({
			...base,
			figures: { ...base.figures, dso: { this: 40.004, prior: 29.9989 } },
			evaluation: { ...base.evaluation, delta: 10.01 },
		});
		expect(e.subject).toBe('DSO alert: US Wholesale DSO 40.00 days, +10.01 on the prior 30 days');
		expect(e.text).toMatch(/DSO \(days\)\s+40\.00\s+30\.00\s+\+10\.01/);
		expect(e.text).toContain('(40.00 and 30.00 are each rounded; the change is worked out before rounding');
		// figures that subtract exactly need no such note
		expect(renderAlertEmail(base).text).not.toContain('each rounded');
	});
	it('says in its first lines how much of the change is the A/R and how much is sales (adding up exactly)', () => {
		// 1,680,000 × (30/3,900,000 + 30/4,020,000) / 2 = 12.730 → +12.73 from the A/R; +11.13 − 12.73 = −1.60
		// from sales (daily sales rose 3%, which lowers DSO).
		const email = renderAlertEmail(exampleEmailInput());
		const firstLines = email.text.split('\n').slice(0, 6).join('\n'); // title, rule, the summary paragraph
		expect(firstLines).toContain(
			'Why it moved: +12.73 days from the A/R (USD 6,140,000.00 to USD 7,820,000.00, +27%) and -1.60 days from sales (daily credit sales USD 130,000.00 to USD 134,000.00, +3%): together the +11.13 days',
		);
		expect(email.text).toMatch(/of which from the A\/R\s+\+12\.73/);
		expect(email.text).toMatch(/of which from sales\s+-1\.60/);
		expect(email.html).toContain('Why it moved: +12.73 days from the A&#x2F;R');
	});
	it("sales falling 12 % explains about half of a +12-day rise (the sample's story)", () => {
		// A/R 1,500,000 → 1,584,000 (+5.6%), sales 1,000,000 → 880,000 (−12%), W 30:
		// DSO 45.00 → 54.00 (+9.00); from the A/R 84,000 × (0.00003 + 0.0000340909) / 2 = 2.692 → 2.69,
		// from sales (0.0000340909 − 0.00003) × 3,084,000 / 2 = 6.308: the rest of 9.00, 6.31 (70 %).
		const split = splitDsoChange(
			{
				arMinor: { this: m(158400000), prior: m(150000000) },
				creditSalesMinor: { this: m(88000000), prior: m(100000000) },
				windowDays: 30,
			},
			900,
		);
		expect(split).toEqual({ delta: 9, fromAr: 2.69, fromSales: 6.31 });
	});
});

describe('renderAlertEmail: the aging reconciles to the A/R balance', () => {
	it('open invoices − unapplied cash and credits = the A/R balance shown above', () => {
		// the fixture's buckets sum to 7,820,000.00; with 120,000.00 unapplied the A/R is 7,700,000.00
		const base = exampleEmailInput();
		const e = renderAlertEmail({
			...base,
			figures: {
				...base.figures,
				arMinor: { ...base.figures.arMinor, this: m(770000000) },
				unappliedMinor: m(12000000),
			},
		});
		expect(e.text).toContain(
			'Open invoices USD 7,820,000.00 − unapplied cash and credits USD 120,000.00 = A/R balance USD 7,700,000.00, as above.',
		);
		expect(e.text).toMatch(/Open invoices\s+USD 7,820,000\.00/);
	});
	it('says so, with the difference, when the aging and the balance disagree', () => {
		const base = exampleEmailInput();
		const e = renderAlertEmail({ ...base, figures: { ...base.figures, unappliedMinor: m(100) } });
		expect(e.text).toContain(
			'Open invoices USD 7,820,000.00 − unapplied cash and credits USD 1.00 = USD 7,819,999.00, but the A/R balance above is USD 7,820,000.00: a difference of -1.00',
		);
	});
});

describe('renderAlertEmail: recommended actions name each customer once', () => {
	it('a top contributor that is also a triple threat is called once, with its credit hold in the same line', () => {
		const email = renderAlertEmail(exampleEmailInput());
		const actions = email.text.slice(email.text.indexOf('RECOMMENDED ACTIONS'));
		for (const name of ['Premier Construction Inc', 'O\'Brien "Quotes" Ltd']) {
			const mentions = actions.split('\n').filter((l) => l.includes(name) && !l.includes('https://'));
			expect([name, mentions.length]).toEqual([name, 1]);
		}
		expect(actions).toContain(
			'Premier Construction Inc (82.7% of the increases; also more than 30 days past due at 92% of its credit limit: hold new orders until it pays)',
		);
		expect(actions).not.toContain('Review credit');
		const ids = exampleEmailInput().investigation.actions.flatMap((a) => a.customerIds);
		expect(new Set(ids).size).toBe(ids.length);
	});
	it("shows each credit limit in the customer's own currency", () => {
		const email = renderAlertEmail(exampleEmailInput());
		expect(email.text).toMatch(/Premier Construction Inc\s+USD 1,200,000\.00\s+92%\s+USD 1,500,000\.00/);
		expect(email.text).toMatch(/alert\(1\)<\/script> & Co\s+USD 300,000\.00\s+95%\s+EUR 350,000\.00/);
	});
});

describe('renderAlertEmail: the cash-in forecast section', () => {
	const forecast: CashOutlook = {
		asOf: parseCalendarDate('2026-05-04'),
		currency: 'USD',
		next4Minor: 412_000_00,
		prior4Minor: 515_000_00,
		beyondMinor: 96_500_00,
		overdueBeyondMinor: 61_250_00,
		weeks: [1, 2, 3, 4].map((w) => ({
			week: w,
			start: addDays(parseCalendarDate('2026-05-05'), 7 * (w - 1)),
			end: addDays(parseCalendarDate('2026-05-11'), 7 * (w - 1)),
			expectedMinor: 103_000_00,
			lowMinor: 80_000_00,
			highMinor: 126_000_00,
		})),
	};

	it('compares the next 4 weeks with the last 4 and names what comes only after 13 weeks', () => {
		const email = renderAlertEmail(exampleEmailInput({ forecast }));
		for (const part of [email.text, email.html]) {
			// 412,000 against 515,000: −20 %
			expect(part).toContain(
				'Receipts expected from the invoices open today: USD 412,000.00 in the next 4 weeks, against USD 515,000.00 received in the last 4 weeks (-20%).',
			);
			expect(part).toContain(
				'USD 96,500.00 is expected only after 13 weeks, USD 61,250.00 of it already overdue.',
			);
			expect(part).toContain('2026-05-26 to 2026-06-01');
			expect(part).toContain('80,000.00 to 126,000.00');
		}
		expect(email.text).toContain('CASH-IN FORECAST');
		// before the recommended actions
		expect(email.text.indexOf('CASH-IN FORECAST')).toBeLessThan(email.text.indexOf('RECOMMENDED ACTIONS'));
	});

	it('says when the stored forecast is older than the alert, and is left out without one', () => {
		const stale = renderAlertEmail(
			exampleEmailInput({ forecast: { ...forecast, asOf: parseCalendarDate('2026-05-01') } }),
		);
		expect(stale.text).toContain('from the invoices open on 2026-05-01 (the latest forecast stored)');
		expect(renderAlertEmail(exampleEmailInput()).text).not.toContain('CASH-IN FORECAST');
		expect(renderAlertEmail(exampleEmailInput({ forecast: null })).html).not.toContain('Cash-in forecast');
	});
});
