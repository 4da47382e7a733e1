import type { CashOutlook } from '../../src/TypeScripts/o2c_dso/domain/cashForecast';
import { AgingItem } from '../../src/TypeScripts/o2c_dso/domain/aging';
import { decideAlertEmail, alertPeriodKey, alertEvalKey } from '../../src/TypeScripts/o2c_dso/domain/alertPeriod';
import { CalendarDate, parseCalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import { evaluateSubsidiary, RecordedAlertError } from '../../src/TypeScripts/o2c_dso/app/alert/evaluateSubsidiary';
import {
	AlertMessage,
	AlertPorts,
	AlertSnapshot,
	CustomerCredit,
	EmailFields,
	EvaluationValues,
	StoredEvaluation,
	SubsidiaryJob,
} from '../../src/TypeScripts/o2c_dso/app/alert/ports';
import { m } from '../support/minor';

const d = parseCalendarDate;
const D = d('2026-05-04');

function snapshot(
	date: CalendarDate,
	dso: number | null,
	dsoPrior: number | null,
	over: Partial<AlertSnapshot> = {},
): AlertSnapshot {
	return {
		date,
		windowDays: 30,
		currency: 'USD',
		arMinor: m(782000000),
		arPriorMinor: m(614000000),
		unappliedMinor: m(0),
		salesThisMinor: m(402000000),
		salesPriorMinor: m(390000000),
		dso,
		dsoPrior,
		aging: { current: m(0), '1-30': m(0), '31-60': m(0), '61-90': m(0), '90+': m(0) },
		termsMix: [{ label: 'Net 30', days: 30, amountMinor: m(402000000) }],
		cashApplicationRate: 0.97,
		leadTimeDays: 3,
		...over,
	};
}

interface Stored {
	values: EvaluationValues;
	email: EmailFields | null;
}

/** In-memory ports: records, sent messages, and an optional failure to inject. */
class FakePorts implements AlertPorts {
	readonly records = new Map<number, Stored>();
	readonly sent: { message: AlertMessage; evaluationId: number }[] = [];
	private nextId = 1;
	snaps = new Map<CalendarDate, AlertSnapshot>();
	items = new Map<number, { this: AgingItem[]; prior: AgingItem[] }>();
	credit = new Map<number, CustomerCredit>();
	failSend: Error | null = null;
	/** Throw right after the claim is saved (simulates a crash between the claim and the send). */
	crashAfterClaim = false;

	snapshots(_s: number, dates: readonly CalendarDate[]): Map<CalendarDate, AlertSnapshot> {
		return new Map(dates.filter((x) => this.snaps.has(x)).map((x) => [x, this.snaps.get(x) as AlertSnapshot]));
	}
	customerOpenItems(): Map<number, { this: AgingItem[]; prior: AgingItem[] }> {
		return this.items;
	}
	customers(): Map<number, CustomerCredit> {
		return this.credit;
	}
	periodEvaluations(subsidiaryId: number, period: string): StoredEvaluation[] {
		return [...this.records.entries()]
			.filter(([, r]) => r.values.subsidiaryId === subsidiaryId && r.values.period === period)
			.map(([id, r]) => ({ id, key: r.values.key, emailStatus: r.email?.emailStatus ?? '' }));
	}
	saveEvaluation(id: number | null, values: EvaluationValues, email?: EmailFields): number {
		const rid = id ?? this.nextId++;
		const prev = this.records.get(rid);
		this.records.set(rid, {
			values,
			email: email === undefined ? (prev?.email ?? null) : { ...prev?.email, ...email },
		});
		if (email?.emailStatus === 'sending' && this.crashAfterClaim) throw new Error('SSS_APP_SERVER_RESTART');
		return rid;
	}
	setEmail(id: number, email: EmailFields): void {
		const r = this.records.get(id);
		if (r === undefined) throw new Error(`no record ${String(id)}`);
		r.email = { ...r.email, ...email };
	}
	send(message: AlertMessage, evaluationId: number): void {
		if (this.failSend !== null) throw this.failSend;
		this.sent.push({ message, evaluationId });
	}
	customerUrl(id: number): string {
		return `https://acct.app.netsuite.com/app/common/entity/custjob.nl?id=${String(id)}`;
	}
	evaluationUrl(id: number): string {
		return `https://acct.app.netsuite.com/app/common/custom/custrecordentry.nl?rectype=1000&id=${String(id)}`;
	}
	forecast?: (subsidiaryId: number) => CashOutlook | null;
}

const account = {
	id: 1,
	subsidiaryId: null,
	thresholdDays: 10,
	floorDays: 30,
	windowDays: 30,
	enabled: true,
	arClerk: 'ar@acme.example',
	controller: 'ctl@acme.example',
	cfo: 'cfo@acme.example',
};

function job(over: Partial<SubsidiaryJob> = {}): SubsidiaryJob {
	return {
		subsidiary: { id: 1, name: 'US Wholesale', currency: 'USD' },
		asOf: D,
		settingsRows: [account],
		seasonalityRows: [],
		seasonalityErrors: [],
		agingSearchUrl:
			'https://acct.app.netsuite.com/app/common/search/searchresults.nl?searchid=customsearch_o2c_alert_aging',
		...over,
	};
}

/** A firing subsidiary: 58.36 vs 47.23; one late customer whose 1,100,000.00 went from current to 1-30. */
function firing(): FakePorts {
	const p = new FakePorts();
	p.snaps.set(D, snapshot(D, 58.358, 47.231));
	p.items.set(100, {
		this: [{ openMinor: m(110000000), tranDate: d('2026-03-11'), dueDate: d('2026-04-10') }], // 24 days overdue at D
		prior: [{ openMinor: m(110000000), tranDate: d('2026-03-11'), dueDate: d('2026-04-10') }], // not due at 04-04
	});
	p.credit.set(100, {
		id: 100,
		name: 'Premier <Construction> & Co',
		credit: { currency: 'USD', limitMinor: m(100000000), balanceMinor: m(110000000), unbilledOrdersMinor: m(0) },
	});
	return p;
}

describe('evaluateSubsidiary: records every evaluation with its reason', () => {
	it('quiet: below-threshold, recorded, no email', () => {
		const p = new FakePorts();
		p.snaps.set(D, snapshot(D, 50, 45));
		const out = evaluateSubsidiary(job(), p);
		expect(out).toMatchObject({
			reason: 'below-threshold',
			fired: false,
			emailStatus: 'not-needed',
			evaluationId: 1,
			period: '2026-05',
		});
		expect(p.records.get(1)?.values).toMatchObject({
			key: '1:2026-05-04',
			reason: 'below-threshold',
			dsoThis: 50,
			dsoPrior: 45,
			delta: 5,
			thresholdApplied: 10,
			floorDays: 30,
		});
		expect(p.sent).toHaveLength(0);
	});
	it('no sales and disabled are recorded too', () => {
		const p = new FakePorts();
		p.snaps.set(D, snapshot(D, null, 45));
		expect(evaluateSubsidiary(job(), p).reason).toBe('no-sales');
		const q = new FakePorts();
		q.snaps.set(D, snapshot(D, 58, 40));
		expect(evaluateSubsidiary(job({ settingsRows: [{ ...account, enabled: false }] }), q).reason).toBe('disabled');
	});
	it('a seasonality suppress row: reason seasonality, the row is on the record, no email', () => {
		const p = firing();
		const out = evaluateSubsidiary(
			job({
				seasonalityRows: [
					{
						id: 9,
						subsidiaryId: null,
						from: '05-01',
						to: '05-31',
						action: 'suppress',
						days: null,
						note: 'May close',
					},
				],
			}),
			p,
		);
		expect(out).toMatchObject({ reason: 'seasonality', fired: false });
		expect(p.records.get(1)?.values).toMatchObject({
			season: 'record 9: suppress, 05-01 to 05-31 (every subsidiary)',
			seasonNote: 'May close',
			ruleMet: true,
		});
		expect(p.sent).toHaveLength(0);
	});
});

describe('evaluateSubsidiary: a fired alert sends one email with the investigation', () => {
	it('threshold: claim, send to AR clerk + controller, confirm', () => {
		const p = firing();
		const out = evaluateSubsidiary(job(), p);
		expect(out).toMatchObject({
			reason: 'threshold',
			fired: true,
			escalated: true,
			emailStatus: 'sent',
			recipients: 3,
		});
		// escalated by impact: past-due grew 0 → 1,100,000.00 = 27.36% of 4,020,000.00
		expect(JSON.parse(p.records.get(1)?.values.escalation ?? '')).toMatchObject({
			escalated: true,
			causes: ['impact'],
			impactMinor: m(110000000),
			monthlyRevenueMinor: m(402000000),
			impactSharePercent: 27.36,
		});
		const escalation: unknown = JSON.parse(p.records.get(1)?.values.escalation ?? '');
		expect(escalation).toHaveProperty(
			['why', 0],
			expect.stringMatching(/^past-due A\/R grew by 27\.36% of monthly revenue/),
		);
		expect(p.sent).toHaveLength(1);
		const msg = p.sent[0]?.message as AlertMessage;
		expect(msg.to).toEqual(['ar@acme.example', 'ctl@acme.example', 'cfo@acme.example']);
		expect(msg.subject).toBe('[Escalated] DSO alert: US Wholesale DSO 58.36 days, +11.13 on the prior 30 days');
		expect(msg.html).toContain('Premier &lt;Construction&gt; &amp; Co');
		expect(msg.html).not.toContain('<Construction>');
		expect(p.records.get(1)?.email).toMatchObject({ emailStatus: 'sent', recipients: 3 });
		expect(p.records.get(1)?.email?.emailText).toContain('TOP CUSTOMERS BEHIND THE GROWTH');
		// no forecast port answer: no forecast section
		expect(p.records.get(1)?.email?.emailText).not.toContain('CASH-IN FORECAST');
	});
	it("the email carries the subsidiary's stored cash-in forecast, read only to send it", () => {
		const p = firing();
		const asked: number[] = [];
		p.forecast = (subsidiaryId: number) => {
			asked.push(subsidiaryId);
			return {
				asOf: job().asOf,
				currency: 'USD',
				next4Minor: 250_000_00,
				prior4Minor: 200_000_00,
				beyondMinor: 0,
				overdueBeyondMinor: 0,
				weeks: [],
			};
		};
		evaluateSubsidiary(job(), p);
		expect(asked).toEqual([job().subsidiary.id]);
		expect(p.sent[0]?.message.html).toContain(
			'USD 250,000.00 in the next 4 weeks, against USD 200,000.00 received in the last 4 weeks (+25%).',
		);
		expect(p.records.get(1)?.email?.emailText).toContain('All of it is expected within 13 weeks.');
	});
	it("credit use is the customer record's, in the customer's currency: a EUR customer of the USD subsidiary", () => {
		// Premier's 1,100,000.00 is 24 days past due (not yet delinquent); a second customer, billed
		// in EUR, has 200,000.00 (base) 44 days past due. Its record: limit EUR 150,000.00, balance
		// EUR 135,000.00 + unbilled EUR 7,500.00 → 95 %: a triple threat, its limit shown in EUR.
		// (In USD the base balance 200,000.00 over a "limit" of 150,000.00 would read 133 %.)
		const p = firing();
		p.items.set(300, {
			this: [{ openMinor: m(20000000), tranDate: d('2026-02-19'), dueDate: d('2026-03-21') }],
			prior: [{ openMinor: m(20000000), tranDate: d('2026-02-19'), dueDate: d('2026-03-21') }],
		});
		p.credit.set(300, {
			id: 300,
			name: 'Euro Bau GmbH',
			credit: {
				currency: 'EUR',
				limitMinor: m(15000000),
				balanceMinor: m(13500000),
				unbilledOrdersMinor: m(750000),
			},
		});
		evaluateSubsidiary(job(), p);
		const text = p.records.get(1)?.email?.emailText ?? '';
		expect(text).toMatch(/Euro Bau GmbH\s+USD 200,000\.00\s+95%\s+EUR 150,000\.00\s+44/);
	});
	it('the aging section reconciles to the snapshot: open invoices − its unapplied credit = its A/R', () => {
		// The snapshot says 6,720,000.00 unapplied and an A/R of 7,820,000.00; the alert's aging (the
		// customers' open invoices: Premier's 1,100,000.00) minus that is −5,620,000.00, 13,440,000.00
		// short of the balance: two searches disagree, and the email says so with the difference.
		const p = firing();
		p.snaps.set(D, snapshot(D, 58.358, 47.231, { unappliedMinor: m(672000000) }));
		evaluateSubsidiary(job(), p);
		expect(p.records.get(1)?.email?.emailText).toContain(
			'Open invoices USD 1,100,000.00 − unapplied cash and credits USD 6,720,000.00 = USD -5,620,000.00, but the A/R balance above is USD 7,820,000.00: a difference of -13,440,000.00',
		);
		// consistent figures: 1,100,000.00 open, 0.00 unapplied and an A/R of 1,100,000.00
		const q = firing();
		q.snaps.set(D, snapshot(D, 58.358, 47.231, { arMinor: m(110000000) }));
		evaluateSubsidiary(job(), q);
		expect(q.records.get(1)?.email?.emailText).toContain(
			'Open invoices USD 1,100,000.00 − unapplied cash and credits USD 0.00 = A/R balance USD 1,100,000.00, as above.',
		);
	});
	it('not escalated: AR clerk and controller only', () => {
		const p = firing();
		p.items.set(100, {
			this: [{ openMinor: m(1000), tranDate: d('2026-02-01'), dueDate: d('2026-03-03') }],
			prior: [],
		}); // +10.00 past due: 0.0025%
		const out = evaluateSubsidiary(job(), p);
		expect(out).toMatchObject({ escalated: false, recipients: 2 });
		expect(p.sent[0]?.message.to).toEqual(['ar@acme.example', 'ctl@acme.example']);
	});
	it('escalation by persistence reads the snapshots at D − W and D − 2W', () => {
		const p = firing();
		p.items.set(100, { this: [], prior: [] });
		p.snaps.set(d('2026-04-04'), snapshot(d('2026-04-04'), 47.231, 35));
		p.snaps.set(d('2026-03-05'), snapshot(d('2026-03-05'), 35, 24));
		expect(evaluateSubsidiary(job(), p)).toMatchObject({ escalated: true });
		expect(JSON.parse(p.records.get(1)?.values.escalation ?? '')).toMatchObject({
			causes: ['persistence'],
			consecutivePeriods: 3,
		});
	});
	it('escalation by terms-mix shift compares the terms mix of the snapshots at D and D − W', () => {
		const p = firing();
		p.items.set(100, { this: [], prior: [] });
		p.snaps.set(
			D,
			snapshot(D, 58.358, 47.231, {
				termsMix: [
					{ label: 'Net 30', days: 30, amountMinor: m(50) },
					{ label: 'Net 60', days: 60, amountMinor: m(50) },
				],
			}),
		);
		p.snaps.set(
			d('2026-04-04'),
			snapshot(d('2026-04-04'), 47.231, 45, { termsMix: [{ label: 'Net 30', days: 30, amountMinor: m(100) }] }),
		);
		evaluateSubsidiary(job(), p);
		expect(JSON.parse(p.records.get(1)?.values.escalation ?? '')).toMatchObject({
			causes: ['terms-mix'],
			termsShiftDays: 15,
		});
	});
});

describe('evaluateSubsidiary: exactly one email per subsidiary per period', () => {
	it('a rerun of the same day sends nothing and keeps the record "sent"', () => {
		const p = firing();
		evaluateSubsidiary(job(), p);
		const again = evaluateSubsidiary(job(), p);
		expect(again).toMatchObject({ evaluationId: 1, emailStatus: 'sent' });
		expect(p.sent).toHaveLength(1);
		expect(p.records.size).toBe(1);
		expect(p.records.get(1)?.email?.emailStatus).toBe('sent');
	});
	it('a later day of the same month: duplicate, referring to the record that sent', () => {
		const p = firing();
		evaluateSubsidiary(job(), p);
		const D2 = d('2026-05-20');
		p.snaps.set(D2, snapshot(D2, 60, 45));
		const out = evaluateSubsidiary(job({ asOf: D2 }), p);
		expect(out).toMatchObject({ evaluationId: 2, emailStatus: 'duplicate', fired: true });
		expect(p.records.get(2)?.email).toMatchObject({ emailStatus: 'duplicate', emailRef: 1 });
		expect(p.sent).toHaveLength(1);
	});
	it('a duplicate day reads no customer credit (only the email shows it) and records the escalation a sending day would', () => {
		const p = firing();
		evaluateSubsidiary(job(), p);
		const D2 = d('2026-05-20');
		p.snaps.set(D2, snapshot(D2, 60, 45));
		let creditReads = 0;
		const credit = p.credit;
		p.customers = () => {
			creditReads++;
			return credit;
		};
		evaluateSubsidiary(job({ asOf: D2 }), p);
		expect(creditReads).toBe(0);
		// the same day evaluated with the period's email still due (a fresh period's records) reads it once
		const q = firing();
		q.snaps.set(D2, snapshot(D2, 60, 45));
		let fresh = 0;
		q.customers = () => {
			fresh++;
			return credit;
		};
		evaluateSubsidiary(job({ asOf: D2 }), q);
		expect(fresh).toBe(1);
		expect(p.records.get(2)?.values.escalation).toBe(q.records.get(1)?.values.escalation);
		expect(p.records.get(2)?.values.escalated).toBe(q.records.get(1)?.values.escalated);
	});
	it('the next month sends again', () => {
		const p = firing();
		evaluateSubsidiary(job(), p);
		const D2 = d('2026-06-01');
		p.snaps.set(D2, snapshot(D2, 60, 45));
		expect(evaluateSubsidiary(job({ asOf: D2 }), p).emailStatus).toBe('sent');
		expect(p.sent).toHaveLength(2);
	});
	it('a crash between the claim and the send: the restart marks it unconfirmed and sends nothing (at most once)', () => {
		const p = firing();
		p.crashAfterClaim = true;
		expect(() => evaluateSubsidiary(job(), p)).toThrow('SSS_APP_SERVER_RESTART');
		expect(p.records.get(1)?.email?.emailStatus).toBe('sending');
		p.crashAfterClaim = false;
		const out = evaluateSubsidiary(job(), p);
		expect(out.emailStatus).toBe('unconfirmed');
		expect(p.records.get(1)?.email?.error).toContain('not sent again');
		expect(p.sent).toHaveLength(0);
	});
	it('a failed send is recorded as failed and a later run of the period may send', () => {
		const p = firing();
		p.failSend = Object.assign(new Error('One or more to emails are not valid'), { name: 'SSS_INVALID_TO_EMAIL' });
		expect(() => evaluateSubsidiary(job(), p)).toThrow(RecordedAlertError);
		expect(p.records.get(1)?.email).toMatchObject({
			emailStatus: 'failed',
			error: 'email not sent: SSS_INVALID_TO_EMAIL: One or more to emails are not valid',
		});
		p.failSend = null;
		expect(evaluateSubsidiary(job(), p).emailStatus).toBe('sent');
		expect(p.sent).toHaveLength(1);
	});
	it('no AR clerk or controller: config-error recorded, error raised for summarize', () => {
		const p = firing();
		expect(() =>
			evaluateSubsidiary(job({ settingsRows: [{ ...account, arClerk: null, controller: null }] }), p),
		).toThrow('no AR clerk or controller email');
		expect(p.records.get(1)?.email?.emailStatus).toBe('config-error');
		expect(p.sent).toHaveLength(0);
	});
});

describe('evaluateSubsidiary: failures are recorded with a clear message', () => {
	it('no snapshot for the day', () => {
		const p = new FakePorts();
		expect(() => evaluateSubsidiary(job(), p)).toThrow(/No A\/R snapshot of subsidiary 1 at 2026-05-04/);
		const mentionsTheSnapshot: unknown = expect.stringContaining('nightly snapshot must run before the alert');
		expect(p.records.get(1)?.values).toMatchObject({ reason: '', error: mentionsTheSnapshot });
	});
	it('an invalid seasonality row for this subsidiary', () => {
		const p = firing();
		expect(() =>
			evaluateSubsidiary(
				job({ seasonalityErrors: ['seasonality record 4: "from" "13-01" is not a date written MM-DD'] }),
				p,
			),
		).toThrow('seasonality record 4');
	});
	it('a window mismatch between the setting and the snapshot', () => {
		const p = firing();
		expect(() => evaluateSubsidiary(job({ settingsRows: [{ ...account, windowDays: 60 }] }), p)).toThrow(
			'uses a 30-day window but the alert setting asks for 60 days',
		);
	});
});

describe('alertPeriod', () => {
	it('period key and evaluation key', () => {
		expect(alertPeriodKey(D)).toBe('2026-05');
		expect(alertEvalKey(3, D)).toBe('3:2026-05-04');
	});
	it('decideAlertEmail precedence: sent > sending (mark) > unconfirmed > send; failed and config-error do not hold the period', () => {
		expect(decideAlertEmail([])).toEqual({ action: 'send' });
		expect(
			decideAlertEmail([
				{ id: 1, key: 'a', emailStatus: 'failed' },
				{ id: 2, key: 'b', emailStatus: 'config-error' },
				{ id: 3, key: 'c', emailStatus: 'duplicate' },
			]),
		).toEqual({ action: 'send' });
		expect(
			decideAlertEmail([
				{ id: 5, key: 'a', emailStatus: 'sending' },
				{ id: 7, key: 'b', emailStatus: 'sent' },
			]),
		).toEqual({ action: 'skip', ref: 7, refStatus: 'sent' });
		expect(
			decideAlertEmail([
				{ id: 5, key: 'a', emailStatus: 'unconfirmed' },
				{ id: 7, key: 'b', emailStatus: 'sending' },
			]),
		).toEqual({ action: 'mark-unconfirmed', ref: 7 });
		expect(decideAlertEmail([{ id: 5, key: 'a', emailStatus: 'unconfirmed' }])).toEqual({
			action: 'skip',
			ref: 5,
			refStatus: 'unconfirmed',
		});
	});
});
