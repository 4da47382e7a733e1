import {
	dailySalesMinor,
	dsoDecimals,
	percentChange,
	renderAlertEmail,
} from '../../src/TypeScripts/o2c_dso/domain/renderAlertEmail';
import { exampleEmailInput, HOSTILE_NAME } from './fixtures';

describe('renderAlertEmail: the payload table (the issue example)', () => {
	const email = renderAlertEmail(exampleEmailInput());
	it.each([
		['DSO this / prior / change', ['58.4', '47.2', '+11.2']],
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
		expect(email.subject).toBe('DSO alert: US Wholesale DSO 58.4 days, +11.2 on the prior 30 days');
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
		expect(e.subject).toBe('DSO alert: US Bcc: x@evil.example DSO 58.4 days, +11.2 on the prior 30 days');
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

describe('formatting helpers', () => {
	it('dsoDecimals: two decimals when one would show a rise not above the threshold', () => {
		expect(dsoDecimals(58.358, 47.231, 10, true)).toBe(1);
		expect(dsoDecimals(40.04, 30, 10, true)).toBe(2); // 40.0 − 30.0 = +10.0 would look wrong
		expect(dsoDecimals(40.04, 30, 10, false)).toBe(1);
	});
	it('dailySalesMinor rounds to the cent; percentChange is whole percent', () => {
		expect(dailySalesMinor(402000000, 30)).toBe(13400000);
		expect(dailySalesMinor(100, 30)).toBe(3);
		expect(percentChange(782000000, 614000000)).toBe('+27%');
		expect(percentChange(13400000, 13000000)).toBe('+3%');
		expect(percentChange(90, 100)).toBe('-10%');
		expect(percentChange(5, 0)).toBeNull();
	});
	it('the DSO row shows two decimals at the boundary', () => {
		const base = exampleEmailInput();
		const e = renderAlertEmail({
			...base,
			figures: { ...base.figures, dso: { this: 40.04, prior: 30 } },
			evaluation: { ...base.evaluation, delta: 10.04 },
		});
		expect(e.text).toMatch(/DSO \(days\)\s+40\.04\s+30\.00\s+\+10\.04/);
	});
});
