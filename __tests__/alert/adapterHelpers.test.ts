import { parseTermsMix } from '../../src/TypeScripts/o2c_dso/adapters/alerts/snapshotParse';
import { alertReportBlock } from '../../local/alertBlock';

describe('parseTermsMix (the snapshot writes [{label, days, amount}] with decimal amounts)', () => {
	it('reads the snapshot form into minor units', () => {
		expect(
			parseTermsMix(
				'[{"label":"Net 15","days":15,"amount":82420.34},{"label":"Net 30","days":30,"amount":398085.07}]',
				'USD',
			),
		).toEqual([
			{ label: 'Net 15', days: 15, amountMinor: 8242034 },
			{ label: 'Net 30', days: 30, amountMinor: 39808507 },
		]);
	});
	it('accepts amountMinor / termsDays and labels entries without a label', () => {
		expect(parseTermsMix('[{"termsDays":45,"amountMinor":100},{"days":null,"amountMinor":5}]', 'USD')).toEqual([
			{ label: '45 days', days: 45, amountMinor: 100 },
			{ label: 'No terms', days: null, amountMinor: 5 },
		]);
	});
	it.each([
		'',
		'   ',
		'not json',
		'{"a":1}',
		'[1]',
		'[{"days":"30","amount":1}]',
		'[{"days":30}]',
		'[{"days":30,"amount":"1,000"}]',
	])('unreadable %p → null', (text) => {
		expect(parseTermsMix(text, 'USD')).toBeNull();
	});
});

describe('alertReportBlock (report.json alert block from an evaluation record)', () => {
	const base = {
		custrecord_o2c_ae_reason: 'threshold',
		custrecord_o2c_ae_fired: true,
		custrecord_o2c_ae_escalated: true,
		custrecord_o2c_ae_delta: 11.13,
		custrecord_o2c_ae_threshold: 10,
		custrecord_o2c_ae_floor: 30,
		custrecord_o2c_ae_email_status: 'sent',
		custrecord_o2c_ae_season: '',
	};
	it('fired: contract keys plus the added ones', () => {
		expect(alertReportBlock(base, 7)).toEqual({
			fired: true,
			reason: 'threshold',
			escalated: true,
			emailStatus: 'sent',
			evaluationId: 7,
			delta: 11.13,
			thresholdApplied: 10,
			floor: 30,
		});
	});
	it.each(['below-threshold', 'below-floor', 'no-sales', 'seasonality', 'disabled'])(
		'%s: fired false, never escalated',
		(reason) => {
			expect(alertReportBlock({ ...base, custrecord_o2c_ae_reason: reason })).toMatchObject({
				fired: false,
				reason,
				escalated: false,
			});
		},
	);
	it('a failed evaluation (no reason) gives null', () => {
		expect(alertReportBlock({ ...base, custrecord_o2c_ae_reason: '' })).toBeNull();
	});
});
