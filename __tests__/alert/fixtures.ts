/**
 * A complete alert email input built from the worked example (58.4 vs 47.2 days; A/R
 * 7.82m vs 6.14m; daily sales 134k vs 130k; 61-90 bucket 810k → 2.14m), with a hostile customer
 * name. Shared by the renderer tests.
 */
import { evaluateAlertRule } from '../../src/TypeScripts/o2c_dso/domain/alertRule';
import { parseCalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import { splitDsoChange } from '../../src/TypeScripts/o2c_dso/domain/dso';
import { decideEscalation } from '../../src/TypeScripts/o2c_dso/domain/escalation';
import { money } from '../../src/TypeScripts/o2c_dso/domain/money';
import { toHundredths } from '../../src/TypeScripts/o2c_dso/domain/rounding';
import { investigate, InvestigationCustomer } from '../../src/TypeScripts/o2c_dso/domain/investigation';
import { AlertEmailInput } from '../../src/TypeScripts/o2c_dso/domain/renderAlertEmail';
import { agingOf, m } from '../support/minor';

export const HOSTILE_NAME = '<script>alert(1)</script> & Co';

const aging = agingOf;

export function exampleEmailInput(over: Partial<AlertEmailInput> = {}): AlertEmailInput {
	const asOf = parseCalendarDate('2026-05-04');
	const dso = { this: (782000000 * 30) / 402000000, prior: (614000000 * 30) / 390000000 }; // 58.358…, 47.230…
	const evaluation = evaluateAlertRule({
		subsidiaryId: 1,
		asOf,
		dso,
		settings: { enabled: true, thresholdDays: 10, floorDays: 30 },
		seasonality: [],
	});
	const customers: InvestigationCustomer[] = [
		{
			id: 100,
			name: 'Premier Construction Inc',
			aging: { this: aging({ '61-90': 120000000 }), prior: aging({ '61-90': 10000000 }) },
			creditUtilisation: 0.92,
			creditLimit: money(150000000, 'USD'),
			maxDaysOverdue: 64,
		},
		{
			id: 101,
			name: HOSTILE_NAME,
			aging: { this: aging({ '61-90': 30000000 }), prior: aging({ '61-90': 20000000 }) },
			creditUtilisation: 0.95,
			creditLimit: money(35000000, 'EUR'), // billed in EUR: its limit is in its own currency
			maxDaysOverdue: 70,
		},
		{
			id: 102,
			name: 'O\'Brien "Quotes" Ltd',
			aging: { this: aging({ '61-90': 64000000 }), prior: aging({ '61-90': 51000000 }) },
			creditUtilisation: 0.4,
			creditLimit: money(300000000, 'USD'),
			maxDaysOverdue: 75,
		},
	];
	const investigation = investigate({
		currency: 'USD',
		aging: {
			this: aging({ current: 402000000, '1-30': 120000000, '31-60': 46000000, '61-90': 214000000, '90+': 0 }),
			prior: aging({ current: 390000000, '1-30': 100000000, '31-60': 43000000, '61-90': 81000000, '90+': 0 }),
		},
		customers,
		termsMix: {
			this: [
				{ label: 'Net 30', days: 30, amountMinor: m(302000000) },
				{ label: 'Net 60', days: 60, amountMinor: m(100000000) },
			],
			prior: [
				{ label: 'Net 30', days: 30, amountMinor: m(290000000) },
				{ label: 'Net 60', days: 60, amountMinor: m(100000000) },
			],
		},
		cashApplicationRate: { this: 0.97, prior: 0.98 },
		leadTimeDays: { this: 3.2, prior: 3 },
	});
	const escalation = decideEscalation({
		fired: evaluation.fired,
		previousPeriods: [false, false],
		termsDays: {
			this: investigation.termsMix?.weightedDays.this ?? null,
			prior: investigation.termsMix?.weightedDays.prior ?? null,
		},
		overdueMinor: { this: m(1), prior: m(1) },
		creditSalesThisMinor: m(402000000),
		windowDays: 30,
	});
	return {
		subsidiary: { id: 1, name: 'US Wholesale' },
		currency: 'USD',
		asOf,
		priorAsOf: parseCalendarDate('2026-04-04'),
		windowDays: 30,
		periodKey: '2026-05',
		evaluation,
		thresholdDays: 10,
		escalation,
		figures: {
			dso,
			arMinor: { this: m(782000000), prior: m(614000000) },
			creditSalesMinor: { this: m(402000000), prior: m(390000000) },
			// the aging below sums to 7,820,000.00 = the A/R: nothing unapplied
			unappliedMinor: m(0),
			// 1,680,000 × (30/3,900,000 + 30/4,020,000)/2 = 12.730 days from the A/R; the rest of the
			// rule's +11.13 (−1.60) from sales, which rose 3%
			split: splitDsoChange(
				{
					arMinor: { this: m(782000000), prior: m(614000000) },
					creditSalesMinor: { this: m(402000000), prior: m(390000000) },
					windowDays: 30,
				},
				toHundredths(evaluation.delta as number),
			),
		},
		investigation,
		links: {
			agingSearch:
				'https://1234567.app.netsuite.com/app/common/search/searchresults.nl?searchid=customsearch_o2c_ar_aging',
			customers: {
				100: 'https://1234567.app.netsuite.com/app/common/entity/custjob.nl?id=100',
				101: 'javascript:alert(2)',
				102: 'https://1234567.app.netsuite.com/app/common/entity/custjob.nl?id=102&e=T',
			},
		},
		evaluationId: 17,
		...over,
	};
}
