import {
	alertRecipients,
	AlertSettingRow,
	AlertSettingsError,
	DEFAULT_ALERT_SETTINGS,
	resolveAlertSettings,
} from '../../src/TypeScripts/o2c_dso/domain/alertSettings';

const account: AlertSettingRow = {
	id: 1,
	subsidiaryId: null,
	thresholdDays: 10,
	floorDays: 30,
	windowDays: 30,
	enabled: true,
	arClerk: 'ar@acme.example',
	controller: 'controller@acme.example',
	cfo: 'cfo@acme.example',
};

describe('resolveAlertSettings', () => {
	it('no rows at all: the documented defaults (10 / 30 / 30 / enabled), no recipients', () => {
		const s = resolveAlertSettings([], 1);
		expect(DEFAULT_ALERT_SETTINGS).toEqual({ thresholdDays: 10, floorDays: 30, windowDays: 30, enabled: true });
		expect(s).toMatchObject({
			thresholdDays: 10,
			floorDays: 30,
			windowDays: 30,
			enabled: true,
			recipients: { arClerk: null, controller: null, cfo: null },
		});
		expect(s.sources.thresholdDays).toBe('default');
	});
	it('the account-wide row applies to every subsidiary', () => {
		const s = resolveAlertSettings([account], 4);
		expect(s).toMatchObject({
			thresholdDays: 10,
			recipients: { arClerk: 'ar@acme.example' },
			rowIds: { subsidiary: null, account: 1 },
		});
		expect(s.sources.arClerk).toBe('account');
	});
	it('a subsidiary row wins field by field; unset fields inherit the account row, then the default', () => {
		const rows: AlertSettingRow[] = [
			{ ...account, windowDays: null },
			{ id: 2, subsidiaryId: 3, thresholdDays: 4, controller: 'ctl-dtc@acme.example', arClerk: '  ' },
		];
		const s = resolveAlertSettings(rows, 3);
		expect(s).toMatchObject({
			thresholdDays: 4,
			floorDays: 30,
			windowDays: 30,
			enabled: true,
			recipients: { arClerk: 'ar@acme.example', controller: 'ctl-dtc@acme.example', cfo: 'cfo@acme.example' },
		});
		expect(s.sources).toMatchObject({
			thresholdDays: 'subsidiary',
			floorDays: 'account',
			windowDays: 'default',
			arClerk: 'account',
			controller: 'subsidiary',
		});
		expect(resolveAlertSettings(rows, 9).thresholdDays).toBe(10);
	});
	it('a subsidiary row with enabled = false disables that subsidiary only', () => {
		const rows: AlertSettingRow[] = [account, { id: 2, subsidiaryId: 3, enabled: false }];
		expect(resolveAlertSettings(rows, 3).enabled).toBe(false);
		expect(resolveAlertSettings(rows, 2).enabled).toBe(true);
	});
	it('threshold 0 is a real value, not "unset"', () => {
		expect(resolveAlertSettings([{ ...account, thresholdDays: 0 }], 1).thresholdDays).toBe(0);
	});
	it('duplicate rows for one scope: the lowest id is used and a warning names the others', () => {
		const s = resolveAlertSettings([{ ...account, id: 7, thresholdDays: 20 }, account], 1);
		expect(s.thresholdDays).toBe(10);
		expect(s.warnings).toEqual([
			'2 active alert setting rows for the account-wide default: using record 1, ignoring 7',
		]);
	});
	it.each([
		[
			{ thresholdDays: -1 },
			'alert setting record 2 (subsidiary 1): thresholdDays must be a number of days ≥ 0, got -1',
		],
		[{ floorDays: Number.NaN }, 'floorDays must be a number of days ≥ 0'],
		[{ windowDays: 0 }, 'windowDays must be a whole number of days 1-366, got 0'],
		[{ windowDays: 30.5 }, 'windowDays must be a whole number'],
	])('invalid %p → a clear error naming the record and field', (bad, message) => {
		expect(() => resolveAlertSettings([account, { id: 2, subsidiaryId: 1, ...bad }], 1)).toThrow(
			AlertSettingsError,
		);
		expect(() => resolveAlertSettings([account, { id: 2, subsidiaryId: 1, ...bad }], 1)).toThrow(message);
	});
});

describe('alertRecipients', () => {
	const s = resolveAlertSettings([account], 1);
	it('not escalated: AR clerk and controller only', () => {
		expect(alertRecipients(s, false)).toEqual({ to: ['ar@acme.example', 'controller@acme.example'], missing: [] });
	});
	it('escalated: the CFO is added', () => {
		expect(alertRecipients(s, true).to).toEqual(['ar@acme.example', 'controller@acme.example', 'cfo@acme.example']);
	});
	it('escalated without a CFO address: still sent, the gap is reported', () => {
		const noCfo = resolveAlertSettings([{ ...account, cfo: null }], 1);
		expect(alertRecipients(noCfo, true)).toEqual({
			to: ['ar@acme.example', 'controller@acme.example'],
			missing: ['cfo'],
		});
	});
	it('one person in two roles receives one copy', () => {
		const same = resolveAlertSettings([{ ...account, controller: 'AR@acme.example' }], 1);
		expect(alertRecipients(same, false).to).toEqual(['ar@acme.example']);
	});
	it('neither AR clerk nor controller: a configuration error naming the record type', () => {
		const none = resolveAlertSettings([{ ...account, arClerk: null, controller: '' }], 1);
		expect(() => alertRecipients(none, false)).toThrow(AlertSettingsError);
		expect(() => alertRecipients(none, false)).toThrow('customrecord_o2c_alert_setting');
	});
});
