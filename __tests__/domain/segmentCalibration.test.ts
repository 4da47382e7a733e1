/**
 * Calibration of the payment-behaviour segments (domain/paymentBehaviour.ts, SCORING.md §6)
 * against the TRUE payment profiles the generator records in `dataset.generator.profiles`
 * (reliable, slow, deteriorating, delinquent, and the story customer who stops paying).
 *
 * The per-customer inputs are built here straight from the raw dataset, as the customer-metrics
 * use case builds them from its search rows: invoices dated ≤ D; an invoice is closed at D when
 * the payments and credit memos applied to it by D bring it to zero (close date = the latest such
 * application), open otherwise; the disputed flag as recorded; promises made by D with the status
 * the emulated account gives them (kept when the customer's payments dated from madeOn to the
 * promised date, and ≤ D, total the promised amount; else broken once the date has passed; else
 * pending); credit limit and balance (open invoices − unapplied payments and credits) in the
 * customer's currency. Money is cents of the transaction currency (a customer has one).
 * As-of date: `suggestedAsOf`. Population: the customers the report lists (open balance or an
 * invoice closed in the 365 days).
 *
 * S holds 200 customers, of them ~15 deteriorating and ~20 delinquent: there one customer moves a
 * share by 5–7 points. The profile floors are therefore checked on S generated with seeds 1–4
 * pooled (~800 customers, the rules are the same, only the random draws differ); seed 1 (the S
 * every other test uses) is checked on its own for the overall at-risk share and the story.
 * Floors are set a few points below what the rules reach (SCORING.md §6) so that a rule change
 * that makes the segments worse for a collector fails here; they are floors, not fitted results.
 */
import type { Dataset } from '../../local/data/dataset';
import { generateDataset } from '../../local/data/generate';
import { CalendarDate, addDays, parseCalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import { m } from '../support/minor';
import {
	ClosedInvoice,
	OpenInvoice,
	PaymentBehaviourInput,
	PaymentPromise,
	PaymentSegment,
	paymentBehaviour,
} from '../../src/TypeScripts/o2c_dso/domain/paymentBehaviour';

const PROFILES = ['reliable', 'slow', 'deteriorating', 'delinquent', 'story'] as const;
type Profile = (typeof PROFILES)[number];
const SEGMENTS: readonly PaymentSegment[] = [
	'reliable',
	'slow-but-reliable',
	'deteriorating',
	'at-risk',
	'insufficient-history',
];
type Row = Record<PaymentSegment, number>;
type Matrix = Record<Profile, Row>;

const cents = (amount: number): number => Math.round(amount * 100);

/** Every reportable customer's input at the dataset's suggested as-of date. */
function inputsOf(ds: Dataset): Map<number, PaymentBehaviourInput> {
	const asOf = parseCalendarDate(ds.suggestedAsOf as string);
	const invoices = ds.transactions.filter((t) => t.type === 'CustInvc' && t.tranDate <= asOf);
	const applied = new Map<number, { on: string; cents: number; credit: boolean }[]>();
	const unapplied = new Map<number, number>();
	const payments = new Map<number, { on: string; cents: number }[]>();
	for (const t of ds.transactions) {
		if ((t.type !== 'CustPymt' && t.type !== 'CustCred') || t.tranDate > asOf) continue;
		let used = 0;
		for (const a of t.apply ?? []) {
			used += cents(a.amount);
			const list = applied.get(a.doc) ?? [];
			list.push({ on: t.tranDate, cents: cents(a.amount), credit: t.type === 'CustCred' });
			applied.set(a.doc, list);
		}
		unapplied.set(t.entity, (unapplied.get(t.entity) ?? 0) + cents(t.amount) - used);
		if (t.type === 'CustPymt') {
			const list = payments.get(t.entity) ?? [];
			list.push({ on: t.tranDate, cents: cents(t.amount) });
			payments.set(t.entity, list);
		}
	}
	const closed = new Map<number, ClosedInvoice[]>();
	const open = new Map<number, OpenInvoice[]>();
	for (const inv of invoices) {
		let openCents = cents(inv.amount);
		let closeDate: string | null = null;
		const apps = applied.get(inv.id) ?? [];
		for (const a of apps) {
			openCents -= a.cents;
			if (closeDate === null || a.on > closeDate) closeDate = a.on;
		}
		// a payment on the close date closes it; only credit memos on that date: a return
		const closedBy = apps.some((a) => a.on === closeDate && !a.credit) ? 'payment' : 'credit';
		const common = {
			amountMinor: m(cents(inv.amount)),
			tranDate: inv.tranDate as CalendarDate,
			dueDate: (inv.dueDate ?? null) as CalendarDate | null,
			disputed: inv.disputed === true,
		};
		if (openCents !== 0)
			open.set(inv.entity, [...(open.get(inv.entity) ?? []), { ...common, openMinor: m(openCents) }]);
		else if (closeDate !== null)
			closed.set(inv.entity, [
				...(closed.get(inv.entity) ?? []),
				{ ...common, closeDate: closeDate as CalendarDate, closedBy },
			]);
	}
	const promises = new Map<number, PaymentPromise[]>();
	for (const p of ds.promises ?? []) {
		if (p.madeOn > asOf) continue;
		const until = p.promisedDate < asOf ? p.promisedDate : asOf;
		let paid = 0;
		for (const pay of payments.get(p.entity) ?? []) if (pay.on >= p.madeOn && pay.on <= until) paid += pay.cents;
		const status = paid >= cents(p.amount) ? 'kept' : p.promisedDate < asOf ? 'broken' : 'pending';
		promises.set(p.entity, [
			...(promises.get(p.entity) ?? []),
			{ promisedDate: p.promisedDate as CalendarDate, amountMinor: m(cents(p.amount)), status },
		]);
	}
	// sales orders not billed at D (no invoice dated ≤ D created from them), customer currency
	const billed = new Set(invoices.map((i) => i.createdFrom));
	const unbilled = new Map<number, number>();
	for (const t of ds.transactions)
		if (t.type === 'SalesOrd' && t.tranDate <= asOf && !billed.has(t.id))
			unbilled.set(t.entity, (unbilled.get(t.entity) ?? 0) + cents(t.amount));
	const windowStart = addDays(asOf, -364);
	const inputs = new Map<number, PaymentBehaviourInput>();
	for (const c of ds.customers) {
		const openInvoices = open.get(c.id) ?? [];
		const closedInvoices = closed.get(c.id) ?? [];
		if (openInvoices.length === 0 && !closedInvoices.some((i) => i.closeDate >= windowStart)) continue; // not in the report
		const openTotal = openInvoices.reduce((s, i) => s + i.openMinor, 0);
		inputs.set(c.id, {
			asOf,
			closedInvoices,
			openInvoices,
			promises: promises.get(c.id) ?? [],
			// (balance + unbilled orders) ÷ limit, all in the customer's currency (domain/credit.ts)
			creditUtilisation:
				c.creditLimit === null || c.creditLimit === undefined || c.creditLimit <= 0
					? null
					: (openTotal - (unapplied.get(c.id) ?? 0) + (unbilled.get(c.id) ?? 0)) / cents(c.creditLimit),
		});
	}
	return inputs;
}

interface Calibration {
	matrix: Matrix;
	segmentOf: Map<number, PaymentSegment>;
	story: number;
}

function calibrate(ds: Dataset): Calibration {
	const profileOf = new Map<number, Profile>();
	for (const p of PROFILES) for (const id of ds.generator?.profiles?.[p] ?? []) profileOf.set(id, p);
	const matrix = emptyMatrix();
	const segmentOf = new Map<number, PaymentSegment>();
	for (const [id, input] of inputsOf(ds)) {
		const segment = paymentBehaviour(input).segment;
		segmentOf.set(id, segment);
		matrix[profileOf.get(id) as Profile][segment]++;
	}
	return { matrix, segmentOf, story: (ds.generator?.profiles?.story ?? [])[0] as number };
}

function emptyMatrix(): Matrix {
	const m = {} as Matrix;
	for (const p of PROFILES) m[p] = Object.fromEntries(SEGMENTS.map((s) => [s, 0])) as Row;
	return m;
}

function add(a: Matrix, b: Matrix): Matrix {
	const m = emptyMatrix();
	for (const p of PROFILES) for (const s of SEGMENTS) m[p][s] = a[p][s] + b[p][s];
	return m;
}

const total = (row: Row): number => SEGMENTS.reduce((n, s) => n + row[s], 0);
/** Customers of a profile with enough history for a segment (the floors are about the rules, not about data volume). */
const withHistory = (row: Row): number => total(row) - row['insufficient-history'];
const share = (row: Row, ...segments: PaymentSegment[]): number =>
	segments.reduce((n, s) => n + row[s], 0) / withHistory(row);
function atRiskShare(m: Matrix): number {
	let atRisk = 0;
	let all = 0;
	for (const p of PROFILES) {
		atRisk += m[p]['at-risk'];
		all += total(m[p]);
	}
	return atRisk / all;
}

function render(m: Matrix): string {
	const head = ['profile'.padEnd(14), ...SEGMENTS.map((s) => s.padStart(21))].join('');
	return [
		head,
		...PROFILES.map((p) => [p.padEnd(14), ...SEGMENTS.map((s) => String(m[p][s]).padStart(21))].join('')),
	].join('\n');
}

/** Fails with the matrix in the message, so a broken floor shows where the customers went. */
function floor(what: string, value: number, op: '>=' | '<=', limit: number, m: Matrix): void {
	const ok = op === '>=' ? value >= limit : value <= limit;
	if (!ok) throw new Error(`${what}: ${(value * 100).toFixed(1)} % is not ${op} ${limit * 100} %\n${render(m)}`);
}

const SEEDS = [1, 2, 3, 4];
const runs = SEEDS.map((seed) => calibrate(generateDataset({ size: 'S', seed })));
const pooled = runs.reduce((m, r) => add(m, r.matrix), emptyMatrix());
const seed1 = runs[0] as Calibration;

if (process.env.O2C_PRINT_CALIBRATION === '1') {
	for (const [i, r] of runs.entries()) process.stdout.write(`S seed ${SEEDS[i]}\n${render(r.matrix)}\n\n`);
	process.stdout.write(`S seeds ${SEEDS.join(', ')} pooled\n${render(pooled)}\n`);
}

describe('segments against the generator profiles (S, seeds 1–4 pooled; customers with history)', () => {
	it('reliable payers: ≥ 85 % reliable, ≤ 2 % at-risk', () => {
		floor('reliable → reliable', share(pooled.reliable, 'reliable'), '>=', 0.85, pooled);
		floor('reliable → at-risk', share(pooled.reliable, 'at-risk'), '<=', 0.02, pooled);
	});
	it('slow payers: ≥ 70 % slow-but-reliable, ≤ 15 % at-risk', () => {
		floor('slow → slow-but-reliable', share(pooled.slow, 'slow-but-reliable'), '>=', 0.7, pooled);
		floor('slow → at-risk', share(pooled.slow, 'at-risk'), '<=', 0.15, pooled);
	});
	it('deteriorating payers: ≥ 80 % deteriorating or at-risk, ≥ 50 % deteriorating, deteriorating the largest', () => {
		const row = pooled.deteriorating;
		floor('deteriorating → deteriorating or at-risk', share(row, 'deteriorating', 'at-risk'), '>=', 0.8, pooled);
		floor('deteriorating → deteriorating', share(row, 'deteriorating'), '>=', 0.5, pooled);
		for (const s of SEGMENTS) if (s !== 'deteriorating') expect(row.deteriorating).toBeGreaterThan(row[s]);
	});
	it('delinquent payers: ≥ 90 % at-risk', () => {
		floor('delinquent → at-risk', share(pooled.delinquent, 'at-risk'), '>=', 0.9, pooled);
	});
	it('at-risk is ≤ 20 % of all customers, insufficient history ≤ 12 %', () => {
		floor('at-risk overall', atRiskShare(pooled), '<=', 0.2, pooled);
		let insufficient = 0;
		let all = 0;
		for (const p of PROFILES) {
			insufficient += pooled[p]['insufficient-history'];
			all += total(pooled[p]);
		}
		floor('insufficient-history overall', insufficient / all, '<=', 0.12, pooled);
	});
});

describe('each seed on its own', () => {
	it.each(SEEDS.map((seed, i) => [seed, runs[i] as Calibration] as const))(
		'seed %p: at-risk ≤ 25 % of customers; the story customer is never reliable',
		(_seed, run) => {
			floor('at-risk overall', atRiskShare(run.matrix), '<=', 0.25, run.matrix);
			expect(['at-risk', 'deteriorating']).toContain(run.segmentOf.get(run.story));
		},
	);
	it('S (seed 1): the story customer, who stopped paying, is at-risk', () => {
		expect(seed1.segmentOf.get(seed1.story)).toBe('at-risk');
	});
});
