/**
 * Deterministic generator of realistic OneWorld A/R datasets (o2c-dataset/1).
 *
 * Same seed + size + as-of date → byte-identical output (own seeded PRNG, no clock, no Map/Set
 * iteration that depends on anything but insertion order). Two years of history end at the as-of
 * date (`suggestedAsOf`, default 2026-05-04). The simulation runs day by day, so transaction ids
 * grow with their dates and only the open items (~2 months of invoices) are held in memory; the
 * streaming writer ({@link writeGeneratedDataset}) never holds the transactions of an L dataset.
 *
 * What is in it:
 * - subsidiaries with several base currencies (USD, CAD, GBP, EUR, AUD, ...), ~8 % of customers
 *   billed in a foreign currency at monthly exchange rates (a payment or credit memo applied to a
 *   foreign-currency invoice carries the invoice's rate, so the A/R ledger clears exactly; realised
 *   FX gains/losses are not modelled). Amounts are nudged by a cent where amount × rate would be a
 *   half-cent tie, so every base conversion is unambiguous.
 * - Net 15/30/45/60 terms (mix per region), credit limits, sales orders invoiced after a lead time
 *   (`createdFrom`), some direct invoices, a few manual invoices without terms or due date.
 * - payment profiles: reliable (around the due date), slow (steady margin of 8–22 days late),
 *   deteriorating (lateness grows from some point to 25–55 days by the as-of date), delinquent
 *   (very late, partial payments, some never paid and written off by credit memo).
 * - invoices dated on business days only (Monday to Friday; sales orders come in any day), so a
 *   month that starts on a weekend has no invoice on its 1st (2026-03-01, a Sunday, is in the
 *   sample's 90-day backfill).
 * - partial payments, partial returns and full returns (a credit memo for the whole invoice,
 *   applied: an invoice closed by a credit memo, not a payment), rebate credit memos (unapplied),
 *   overpayments and payments on account (unapplied cash), disputed invoices (resolved by credit
 *   memo and/or late payment), promises to pay (kept and broken).
 * - January slowdown: a payment whose usual date falls in January arrives 7–12 days later.
 * - the story: in ONE subsidiary a major customer (~1/4 of its sales) stops paying: its invoices
 *   dated on or after as-of − 60 days are never paid, and from as-of − 21 days its orders are put
 *   on credit hold (sales orders pending billing). That subsidiary's 30-day DSO at the as-of date
 *   rises by more than 10 days over the prior 30 days; the others move by a few days at most.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
	DATASET_FORMAT,
	Dataset,
	DsAccount,
	DsCustomer,
	DsGeneratorInfo,
	DsPromise,
	DsSettings,
	DsSubsidiary,
	DsTerms,
	DsTransaction,
} from './dataset';
import { addYears, formatDay, toDay, weekdayOf, yearMonthOf } from './calendar';
import { Rng } from './prng';
import { AtomicFiles, DatasetJsonWriter, ndjsonNameFor, writeDatasetObject } from './serialize';

export type DatasetSize = 'S' | 'M' | 'L';
export const DEFAULT_AS_OF = '2026-05-04';
export const DEFAULT_SEED = 1;
export const GENERATOR_TOOL = 'o2c-dso local/data/generate.ts v2';

export interface GenerateOptions {
	size: DatasetSize;
	seed?: number | string;
	/** the as-of date the history ends at (default 2026-05-04) */
	asOf?: string;
}

export interface GenerationProgress {
	size: DatasetSize;
	/** simulated days done / total */
	day: number;
	days: number;
	date: string;
	transactions: number;
	invoices: number;
	/** bytes written so far (streaming writer only) */
	bytes: number;
}

export interface WriteGeneratedOptions extends GenerateOptions {
	/** path of the dataset JSON file */
	out: string;
	/** put transactions in `<name>.transactions.ndjson` (default: true for L, false otherwise) */
	ndjson?: boolean;
	onProgress?: (p: GenerationProgress) => void;
}

export interface StoryInfo {
	subsidiary: number;
	subsidiaryName: string;
	customer: number;
	customerName: string;
	stopDate: string;
	holdDate: string;
}

export interface GenerationSummary {
	file: string;
	transactionsFile?: string;
	bytes: number;
	counts: { customers: number; transactions: number; invoices: number; promises: number };
	ms: number;
	story: StoryInfo;
	/** the dataset's settings (alert thresholds, seasonality), for the CLI's hint about the story */
	settings: DsSettings;
}

interface SizeSpec {
	subsidiaries: number;
	customers: number;
	invoices: number;
	storySub: number;
	ndjson: boolean;
}

export const SIZES: Readonly<Record<DatasetSize, Readonly<SizeSpec>>> = {
	S: { subsidiaries: 1, customers: 200, invoices: 5000, storySub: 1, ndjson: false },
	M: { subsidiaries: 5, customers: 5000, invoices: 200000, storySub: 3, ndjson: false },
	L: { subsidiaries: 20, customers: 50000, invoices: 1000000, storySub: 3, ndjson: true },
};

/** Story parameters (days before the as-of date). */
export const STORY = { stopDaysBefore: 60, holdDaysBefore: 21, share: 0.25, cadenceDays: 3 };

// ---------------------------------------------------------------------------------------------
// Catalogues

/** Terms mixes: weights of Net 15 / 30 / 45 / 60. */
const MIX_NA = [0.15, 0.6, 0.15, 0.1];
const MIX_UK = [0.1, 0.55, 0.25, 0.1];
const MIX_EU = [0.05, 0.35, 0.3, 0.3];

interface SubSpec {
	name: string;
	currency: string;
	weight: number;
	mix: number[];
	suffixes: string[];
	foreign: string[];
}

const SUBSIDIARY_CATALOG: SubSpec[] = [
	{
		name: 'US Wholesale',
		currency: 'USD',
		weight: 30,
		mix: MIX_NA,
		suffixes: ['Inc', 'LLC', 'Co'],
		foreign: ['CAD', 'EUR', 'GBP'],
	},
	{ name: 'Canada Wholesale', currency: 'CAD', weight: 15, mix: MIX_NA, suffixes: ['Inc', 'Ltd'], foreign: ['USD'] },
	{
		name: 'UK Wholesale',
		currency: 'GBP',
		weight: 20,
		mix: MIX_UK,
		suffixes: ['Ltd', 'PLC'],
		foreign: ['EUR', 'USD'],
	},
	{
		name: 'Germany Wholesale',
		currency: 'EUR',
		weight: 20,
		mix: MIX_EU,
		suffixes: ['GmbH', 'AG'],
		foreign: ['USD', 'GBP', 'CHF'],
	},
	{
		name: 'Australia Wholesale',
		currency: 'AUD',
		weight: 15,
		mix: MIX_NA,
		suffixes: ['Pty Ltd'],
		foreign: ['NZD', 'USD'],
	},
	{
		name: 'US West Distribution',
		currency: 'USD',
		weight: 12,
		mix: MIX_NA,
		suffixes: ['Inc', 'LLC'],
		foreign: ['CAD', 'MXN'],
	},
	{
		name: 'France Wholesale',
		currency: 'EUR',
		weight: 10,
		mix: MIX_EU,
		suffixes: ['SARL', 'SA'],
		foreign: ['GBP', 'CHF'],
	},
	{
		name: 'Netherlands Logistics',
		currency: 'EUR',
		weight: 8,
		mix: MIX_EU,
		suffixes: ['B.V.'],
		foreign: ['GBP', 'USD'],
	},
	{ name: 'Ireland Wholesale', currency: 'EUR', weight: 6, mix: MIX_UK, suffixes: ['Ltd', 'DAC'], foreign: ['GBP'] },
	{ name: 'Mexico Wholesale', currency: 'MXN', weight: 6, mix: MIX_NA, suffixes: ['S.A. de C.V.'], foreign: ['USD'] },
	{
		name: 'Singapore Trading',
		currency: 'SGD',
		weight: 6,
		mix: MIX_UK,
		suffixes: ['Pte Ltd'],
		foreign: ['USD', 'AUD'],
	},
	{ name: 'New Zealand Wholesale', currency: 'NZD', weight: 4, mix: MIX_NA, suffixes: ['Ltd'], foreign: ['AUD'] },
	{
		name: 'Switzerland Wholesale',
		currency: 'CHF',
		weight: 5,
		mix: MIX_EU,
		suffixes: ['AG', 'GmbH'],
		foreign: ['EUR'],
	},
	{ name: 'Sweden Wholesale', currency: 'SEK', weight: 5, mix: MIX_UK, suffixes: ['AB'], foreign: ['EUR', 'NOK'] },
	{
		name: 'Denmark Wholesale',
		currency: 'DKK',
		weight: 4,
		mix: MIX_UK,
		suffixes: ['ApS', 'A/S'],
		foreign: ['EUR', 'SEK'],
	},
	{ name: 'Norway Wholesale', currency: 'NOK', weight: 4, mix: MIX_UK, suffixes: ['AS'], foreign: ['SEK', 'EUR'] },
	{ name: 'Spain Wholesale', currency: 'EUR', weight: 7, mix: MIX_EU, suffixes: ['S.L.', 'S.A.'], foreign: ['USD'] },
	{
		name: 'Italy Wholesale',
		currency: 'EUR',
		weight: 7,
		mix: MIX_EU,
		suffixes: ['S.r.l.', 'S.p.A.'],
		foreign: ['CHF', 'USD'],
	},
	{
		name: 'South Africa Wholesale',
		currency: 'ZAR',
		weight: 4,
		mix: MIX_UK,
		suffixes: ['(Pty) Ltd'],
		foreign: ['USD'],
	},
	{ name: 'India Trading', currency: 'INR', weight: 4, mix: MIX_EU, suffixes: ['Pvt Ltd'], foreign: ['USD'] },
];

/** Approximate value of one unit in USD, the start of each currency's random walk. */
const USD_VALUE: Record<string, number> = {
	USD: 1,
	CAD: 0.73,
	GBP: 1.27,
	EUR: 1.08,
	AUD: 0.66,
	NZD: 0.6,
	CHF: 1.12,
	MXN: 0.055,
	SGD: 0.74,
	SEK: 0.095,
	DKK: 0.145,
	NOK: 0.093,
	ZAR: 0.054,
	INR: 0.012,
};

const NAME_A = [
	'Granite',
	'Harbor',
	'Cedar',
	'Summit',
	'Bluewater',
	'Ironwood',
	'Maple',
	'Northgate',
	'Silverline',
	'Redrock',
	'Pinecrest',
	'Lakeshore',
	'Brightpath',
	'Copperfield',
	'Oakmont',
	'Westbrook',
	'Stonebridge',
	'Riverbend',
	'Highland',
	'Evergreen',
	'Clearwater',
	'Foxglove',
	'Goldleaf',
	'Kestrel',
	'Lighthouse',
	'Meadowlark',
	'Orchard',
	'Prairie',
	'Quarry',
	'Sandstone',
	'Timberline',
	'Wildrose',
	'Ashford',
	'Bramble',
	'Coastal',
	'Driftwood',
];
const NAME_B: [string, string][] = [
	['Supply', 'Distribution'],
	['Hardware', 'Construction'],
	['Foods', 'Hospitality'],
	['Outfitters', 'Retail'],
	['Builders', 'Construction'],
	['Medical', 'Healthcare'],
	['Electric', 'Construction'],
	['Logistics', 'Distribution'],
	['Trading', 'Distribution'],
	['Retail', 'Retail'],
	['Hotels', 'Hospitality'],
	['Industrial', 'Manufacturing'],
	['Office', 'Office Supplies'],
	['Garden', 'Retail'],
	['Marine', 'Manufacturing'],
	['Auto Parts', 'Automotive'],
	['Textiles', 'Manufacturing'],
	['Packaging', 'Manufacturing'],
	['Pharmacy', 'Healthcare'],
	['Furniture', 'Retail'],
	['Schools', 'Education'],
	['Catering', 'Hospitality'],
];
const ACCOUNT_NAME = 'Harborline Wholesale Group (synthetic)';
const ACCOUNT_DOMAIN = 'harborline-wholesale.example';

const TERMS: DsTerms[] = [
	{ id: 1, name: 'Net 15', daysUntilDue: 15 },
	{ id: 2, name: 'Net 30', daysUntilDue: 30 },
	{ id: 3, name: 'Net 45', daysUntilDue: 45 },
	{ id: 4, name: 'Net 60', daysUntilDue: 60 },
];

type Profile = 'reliable' | 'slow' | 'deteriorating' | 'delinquent';
const PROFILES: Profile[] = ['reliable', 'slow', 'deteriorating', 'delinquent'];
const PROFILE_WEIGHTS = [0.52, 0.26, 0.12, 0.1];
const PARTIAL_P: Record<Profile, number> = { reliable: 0.02, slow: 0.04, deteriorating: 0.08, delinquent: 0.3 };
const DISPUTE_P: Record<Profile, number> = { reliable: 0.012, slow: 0.02, deteriorating: 0.03, delinquent: 0.06 };
/** Share of (undisputed) invoices returned in full, closed by a credit memo rather than a payment. */
const FULL_RETURN_P = 0.01;

// ---------------------------------------------------------------------------------------------
// Plan (customers and parameters), built before the simulation

interface SubPlan {
	rec: DsSubsidiary;
	spec: SubSpec;
}

interface Cust {
	idx: number;
	rec: DsCustomer;
	sub: SubPlan;
	fx: boolean;
	termsDays: number;
	profile: Profile;
	cadence: number;
	/** median invoice amount, customer currency, cents */
	medianCents: number;
	/** first and last day index on which the customer orders */
	startIdx: number;
	endIdx: number;
	payWeekday: number;
	margin: number;
	detStartIdx: number;
	detGrowth: number;
	story: boolean;
	onAccount: number[];
	/** credit limit as a multiple of monthly volume (0: no limit) */
	limitFactor: number;
}

interface Plan {
	size: DatasetSize;
	seed: number | string;
	asOf: string;
	first: number;
	last: number;
	days: number;
	subs: SubPlan[];
	custs: Cust[];
	story: Cust;
	storySub: SubPlan;
	stopIdx: number;
	holdIdx: number;
	rates: Map<string, number[]>;
	firstMonth: number;
	header: Omit<Dataset, 'transactions' | 'promises' | 'settings'>;
	settings: DsSettings;
}

function slug(text: string): string {
	return text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}

function monthNumber(day: number): number {
	const { year, month } = yearMonthOf(day);
	return year * 12 + (month - 1);
}

function buildPlan(opts: GenerateOptions): Plan {
	const size = opts.size;
	// the size may come from the command line unchecked
	const spec: Readonly<SizeSpec> | undefined = (SIZES as Partial<Record<string, Readonly<SizeSpec>>>)[size];
	if (!spec) throw new Error(`unknown dataset size ${JSON.stringify(size)} (expected S, M or L)`);
	const seed = opts.seed ?? DEFAULT_SEED;
	const asOf = opts.asOf ?? DEFAULT_AS_OF;
	const last = toDay(asOf);
	const first = toDay(addYears(asOf, -2)) + 1;
	const days = last - first + 1;
	const rng = new Rng(seed, 1);

	// subsidiaries
	const subs: SubPlan[] = SUBSIDIARY_CATALOG.slice(0, spec.subsidiaries).map((s, i) => ({
		spec: s,
		rec: { id: i + 1, name: s.name, currency: s.currency, parent: i === 0 ? null : 1 },
	}));
	const storySub = subs[spec.storySub - 1] as SubPlan;

	// monthly exchange rates: a random walk of each currency's USD value
	const fxRng = new Rng(seed, 2);
	const firstMonth = monthNumber(first);
	const months = monthNumber(last) - firstMonth + 1;
	const usd = new Map<string, number[]>();
	for (const cur of Object.keys(USD_VALUE)) {
		const walk: number[] = [];
		let v = USD_VALUE[cur] as number;
		for (let m = 0; m < months; m++) {
			if (cur !== 'USD') v *= Math.exp(0.015 * fxRng.normal());
			walk.push(v);
		}
		usd.set(cur, walk);
	}
	const rates = new Map<string, number[]>();
	const rateTable = (from: string, to: string): number[] => {
		const key = `${from}>${to}`;
		let t = rates.get(key);
		if (!t) {
			const a = usd.get(from) as number[];
			const b = usd.get(to) as number[];
			t = a.map((v, m) => Math.max(1, Math.round((v / (b[m] as number)) * 1e6)));
			rates.set(key, t);
		}
		return t;
	};

	// customers per subsidiary
	const weightSum = subs.reduce((s, x) => s + x.spec.weight, 0);
	const counts = subs.map((s) => Math.max(10, Math.round((spec.customers * s.spec.weight) / weightSum)));
	const custs: Cust[] = [];
	let nextId = 1001;
	subs.forEach((sub, si) => {
		const n = counts[si] as number;
		for (let k = 0; k < n; k++) {
			const id = nextId++;
			const story = sub === storySub && k === 0;
			const a = rng.pick(NAME_A);
			const [b, category] = rng.pick(NAME_B);
			const suffix = rng.pick(sub.spec.suffixes);
			const companyName = `${a} ${b} ${id} ${suffix}`;
			const fx = !story && sub.spec.foreign.length > 0 && rng.chance(0.08);
			const currency = fx ? rng.pick(sub.spec.foreign) : sub.spec.currency;
			if (fx) rateTable(currency, sub.spec.currency);
			const termsIdx = story ? 1 : rng.weighted(sub.spec.mix);
			const profile: Profile = story ? 'reliable' : (PROFILES[rng.weighted(PROFILE_WEIGHTS)] as Profile);
			const medianUsd = Math.min(60000, Math.max(150, rng.lognormal(Math.log(1800), 0.9)));
			const medianCents = Math.round((medianUsd / (USD_VALUE[currency] as number)) * 100);
			const r = rng.next();
			let startIdx = 0;
			let endIdx = days - 1;
			if (!story && r < 0.1) startIdx = rng.int(60, days - 90);
			else if (!story && r < 0.15) endIdx = rng.int(200, days - 30);
			const w = rng.lognormal(0, 0.8);
			const payWeekday = story ? 4 : rng.chance(0.4) ? rng.int(2, 5) : -1;
			const margin = rng.int(8, 22);
			const detStartIdx = Math.round(days * rng.uniform(0.15, 0.6));
			const detGrowth = rng.uniform(25, 55);
			const onAccount: number[] = [];
			if (!story && rng.chance(0.01)) {
				const k2 = rng.int(1, 2);
				for (let j = 0; j < k2; j++) onAccount.push(rng.int(30, days - 1));
			}
			const hasLimit = story || rng.chance(0.9);
			const limitFactor = story ? 1.2 : rng.uniform(1.5, 3);
			const rec: DsCustomer = {
				id,
				entityId: `CUST-${id}`,
				companyName,
				subsidiary: sub.rec.id,
				currency,
				terms: (TERMS[termsIdx] as DsTerms).id,
				creditLimit: hasLimit ? 0 : null,
				category,
				email: `ap@${slug(`${a}-${b}-${id}`)}.example`,
			};
			custs.push({
				idx: custs.length,
				rec,
				sub,
				fx,
				termsDays: (TERMS[termsIdx] as DsTerms).daysUntilDue,
				profile,
				cadence: w, // replaced below by days between orders
				medianCents,
				startIdx,
				endIdx,
				payWeekday,
				margin,
				detStartIdx,
				detGrowth,
				story,
				onAccount,
				limitFactor,
			});
		}
	});

	// order cadence: expected invoices over all customers ≈ spec.invoices
	const storyCust = custs.find((c) => c.story) as Cust;
	let weightedSpan = 0;
	for (const c of custs) if (!c.story) weightedSpan += c.cadence * (c.endIdx - c.startIdx + 1);
	const storyInvoices = days / STORY.cadenceDays;
	const k = Math.max(1, spec.invoices - storyInvoices) / weightedSpan;
	for (const c of custs) {
		if (c.story) c.cadence = STORY.cadenceDays;
		else c.cadence = Math.min(365, Math.max(2, 1 / (k * c.cadence)));
	}
	// the story customer's size: STORY.share of its subsidiary's sales
	const lognormalMean = Math.exp((0.35 * 0.35) / 2);
	const baseValue = (cur: string, sub: SubPlan): number =>
		(USD_VALUE[cur] as number) / (USD_VALUE[sub.spec.currency] as number);
	let othersDaily = 0;
	for (const c of custs) {
		if (c.sub !== storySub || c.story) continue;
		const active = (c.endIdx - c.startIdx + 1) / days;
		othersDaily += ((c.medianCents * lognormalMean * baseValue(c.rec.currency, c.sub)) / c.cadence) * active;
	}
	storyCust.medianCents = Math.round(
		(((othersDaily * STORY.share) / (1 - STORY.share)) * STORY.cadenceDays) / lognormalMean,
	);
	// credit limits: a multiple of ~monthly volume, rounded up to 1,000
	for (const c of custs) {
		if (c.rec.creditLimit === null) continue;
		const monthly = (c.medianCents * lognormalMean * 30) / c.cadence / 100;
		c.rec.creditLimit = Math.max(1000, Math.ceil((monthly * c.limitFactor) / 1000) * 1000);
	}

	const stopIdx = days - 1 - STORY.stopDaysBefore;
	const holdIdx = days - 1 - STORY.holdDaysBefore;
	const profiles: Record<string, number[]> = { reliable: [], slow: [], deteriorating: [], delinquent: [], story: [] };
	for (const c of custs) (profiles[c.story ? 'story' : c.profile] as number[]).push(c.rec.id);

	const storyInfo = {
		subsidiary: storySub.rec.id,
		customer: storyCust.rec.id,
		stopDate: formatDay(first + stopIdx),
		holdDate: formatDay(first + holdIdx),
		description:
			`Major customer ${storyCust.rec.companyName} (~${Math.round(STORY.share * 100)} % of ${storySub.rec.name}'s sales) ` +
			`stops paying: its invoices dated on or after stopDate are never paid; from holdDate its orders are on credit ` +
			`hold (sales orders pending billing). ${storySub.rec.name}'s 30-day DSO at ${asOf} rises by more than 10 days.`,
	};
	const generator: DsGeneratorInfo = { tool: GENERATOR_TOOL, size, seed, asOf, story: storyInfo, profiles };
	const account: DsAccount = {
		name: ACCOUNT_NAME,
		timezone: 'America/New_York',
		features: ['SUBSIDIARIES', 'MULTICURRENCY'],
		note: `Synthetic ${size} dataset (seed ${String(seed)}), two years ending ${asOf}. Company names and e-mail addresses are made up; no personal data.`,
	};
	// the subsidiary-specific 'raise' row: July, or November when the as-of date is in June-August
	const asOfMonth = yearMonthOf(last).month;
	const summer = asOfMonth >= 6 && asOfMonth <= 8;
	const raiseSub = subs.length > 1 ? (subs[1] as SubPlan) : (subs[0] as SubPlan);
	const settings: DsSettings = {
		alerts: [
			{
				subsidiary: null,
				thresholdDays: 10,
				floorDays: 30,
				windowDays: 30,
				enabled: true,
				recipients: {
					arClerk: `ar@${ACCOUNT_DOMAIN}`,
					controller: `controller@${ACCOUNT_DOMAIN}`,
					cfo: `cfo@${ACCOUNT_DOMAIN}`,
				},
			},
		],
		seasonality: [
			{
				subsidiary: null,
				from: '01-01',
				to: '01-31',
				action: 'suppress',
				note: 'January post-holiday delays, 7 to 12 days expected',
			},
			summer
				? {
						subsidiary: raiseSub.rec.id,
						from: '11-01',
						to: '11-30',
						action: 'raise',
						days: 8,
						note: 'Year-end stock build: larger November orders',
					}
				: {
						subsidiary: raiseSub.rec.id,
						from: '07-01',
						to: '07-31',
						action: 'raise',
						days: 8,
						note: 'Summer holidays: customers pay slower in July',
					},
		],
		collections: { minOverdueAmount: 1000, minDaysOverdue: 15 },
	};
	const header = {
		format: DATASET_FORMAT,
		account,
		suggestedAsOf: asOf,
		generator,
		subsidiaries: subs.map((s) => s.rec),
		terms: TERMS.map((t) => ({ ...t })),
		customers: custs.map((c) => c.rec),
	} as Plan['header'];
	return {
		size,
		seed,
		asOf,
		first,
		last,
		days,
		subs,
		custs,
		story: storyCust,
		storySub,
		stopIdx,
		holdIdx,
		rates,
		firstMonth,
		header,
		settings,
	};
}

// ---------------------------------------------------------------------------------------------
// Simulation

interface PayLine {
	doc: number;
	cents: number;
}

interface PayGroup {
	c: Cust;
	rate: number;
	lines: PayLine[];
	/** payment on account (no application) */
	onAccountCents: number;
}

interface CreditEvent {
	c: Cust;
	doc: number | null;
	cents: number;
	rate: number;
}

interface PendingInvoice {
	c: Cust;
	cents: number;
	so: number | null;
}

/** True when amount × rate (micro-units) is not within 100 micro-cents of a half-cent tie. */
function fxSafe(cents: number, rateMicro: number): boolean {
	if (rateMicro === 1e6) return true;
	const r = ((cents % 1e6) * (rateMicro % 1e6)) % 1e6;
	return Math.abs(r - 500000) > 100;
}

function nudge(cents: number, rateMicro: number): number {
	let c = cents;
	while (!fxSafe(c, rateMicro)) c++;
	return c;
}

function money(cents: number): number {
	return cents / 100;
}

interface SimOutput {
	transaction(tx: DsTransaction): void;
	progress?(day: number, transactions: number, invoices: number): void;
}

/** Runs the day-by-day simulation; returns the promises (sorted, with ids). */
function simulate(plan: Plan, out: SimOutput, storyFactor: number): DsPromise[] {
	const { first, days, custs } = plan;
	const rng = new Rng(plan.seed, 3);
	const dates: string[] = [];
	for (let d = 0; d < days + 400; d++) dates.push(formatDay(first + d));
	const weekday = (d: number): number => weekdayOf(first + d);
	const monthOfIdx: number[] = [];
	for (let d = 0; d < days; d++) monthOfIdx.push(yearMonthOf(first + d).month);

	const orders: number[][] = Array.from({ length: days }, () => []);
	const invoicesDue: PendingInvoice[][] = Array.from({ length: days }, () => []);
	const credits: CreditEvent[][] = Array.from({ length: days }, () => []);
	const payments: Map<number, PayGroup>[] = Array.from({ length: days }, () => new Map<number, PayGroup>());
	const promises: (DsPromise & { seq: number })[] = [];
	const storyUnpaid: { id: number; dueIdx: number; cents: number }[] = [];

	let txId = 0;
	let soNo = 0;
	let invNo = 0;
	let pyNo = 0;
	let cmNo = 0;
	let invoiceCount = 0;

	// month index (from the first month) of every day, and each customer's rate table
	const monthIdx: number[] = [];
	for (let d = 0; d < days + 400; d++) monthIdx.push(monthNumber(first + d) - plan.firstMonth);
	const rateTables: (number[] | null)[] = custs.map((c) =>
		c.fx ? (plan.rates.get(`${c.rec.currency}>${c.sub.rec.currency}`) as number[]) : null,
	);
	const rateOf = (c: Cust, d: number): number => {
		const t = rateTables[c.idx];
		if (!t) return 1e6;
		return t[Math.min(t.length - 1, monthIdx[d] as number)] as number;
	};
	/** A transaction's common fields, in the order they are written; callers add the rest. */
	const base = (c: Cust, rate: number, type: string, tranId: string, d: number): DsTransaction => ({
		id: ++txId,
		type,
		tranId,
		entity: c.rec.id,
		subsidiary: c.sub.rec.id,
		currency: c.rec.currency,
		exchangeRate: rate / 1e6,
		tranDate: dates[d] as string,
		amount: 0,
	});
	/** Same with an amount (and optional applications) following tranDate. */
	const simple = (
		c: Cust,
		rate: number,
		type: string,
		tranId: string,
		d: number,
		cents: number,
		apply?: DsTransaction['apply'],
	): DsTransaction => {
		const tx = base(c, rate, type, tranId, d);
		tx.amount = money(cents);
		if (apply) tx.apply = apply;
		return tx;
	};

	/** Next business day on or after d (the customer's pay-run weekday when it has one). */
	const snapPay = (c: Cust | null, d: number): number => {
		let x = d;
		if (c && c.payWeekday >= 0) while (weekday(x) !== c.payWeekday) x++;
		else while (weekday(x) === 0 || weekday(x) === 6) x++;
		return x;
	};
	/** Payment day: the usual day, 7-12 days later when that falls in January, snapped. */
	const payDay = (c: Cust, usual: number, invIdx: number): number => {
		let x = Math.max(usual, invIdx + 1);
		if (x < days && monthOfIdx[x] === 1) x += rng.int(7, 12);
		return snapPay(c, x);
	};
	/** `invIdx`: the invoice's day (its month identifies its exchange rate). */
	const schedulePayment = (c: Cust, d: number, doc: number, cents: number, rate: number, invIdx: number): void => {
		if (d >= days || cents <= 0) return;
		// one payment per customer and exchange rate (rates change monthly; a customer has one currency)
		const key = c.fx ? c.idx * 1000 + (monthIdx[invIdx] as number) : c.idx * 1000;
		const bucket = payments[d] as Map<number, PayGroup>;
		let g = bucket.get(key);
		if (!g) {
			g = { c, rate, lines: [], onAccountCents: 0 };
			bucket.set(key, g);
		}
		g.lines.push({ doc, cents });
	};
	const scheduleCredit = (d: number, e: CreditEvent): void => {
		if (d < days && e.cents > 0) (credits[d] as CreditEvent[]).push(e);
	};

	const lateness = (c: Cust, d: number): number => {
		switch (c.profile) {
			case 'reliable':
				return Math.max(-Math.min(10, c.termsDays - 2), Math.min(10, Math.round(-1 + 2.5 * rng.normal())));
			case 'slow':
				return Math.max(1, c.margin + Math.round(2.5 * rng.normal()));
			case 'deteriorating': {
				if (d < c.detStartIdx) return Math.max(-3, Math.round(1 + 2.5 * rng.normal()));
				const progress = (d - c.detStartIdx) / Math.max(1, days - 1 - c.detStartIdx);
				return Math.max(-3, Math.round(2 + c.detGrowth * progress + 4 * rng.normal()));
			}
			case 'delinquent':
				return Math.min(300, 25 + Math.round(rng.exponential(40)));
		}
	};

	const addPromise = (c: Cust, madeIdx: number, promisedIdx: number, cents: number, docs: number[]): void => {
		if (madeIdx >= days || promisedIdx <= madeIdx) return;
		promises.push({
			id: 0,
			seq: promises.length,
			entity: c.rec.id,
			madeOn: dates[madeIdx] as string,
			promisedDate: dates[promisedIdx] as string,
			amount: money(cents),
			invoices: docs,
		});
	};

	const createInvoice = (pi: PendingInvoice, d: number): void => {
		const c = pi.c;
		const manual = pi.so === null && rng.chance(0.03);
		const rate = rateOf(c, d);
		const cents = nudge(pi.cents, rate);
		const disputed = rng.chance(DISPUTE_P[c.profile] * (c.story ? 0 : 1));
		const termsDays = manual ? 30 : c.termsDays;
		const dueIdx = d + termsDays;
		const inv: DsTransaction = manual
			? {
					id: ++txId,
					type: 'CustInvc',
					tranId: `INV-${String(++invNo).padStart(7, '0')}`,
					entity: c.rec.id,
					subsidiary: c.sub.rec.id,
					currency: c.rec.currency,
					exchangeRate: rate / 1e6,
					tranDate: dates[d] as string,
					amount: money(cents),
				}
			: {
					id: ++txId,
					type: 'CustInvc',
					tranId: `INV-${String(++invNo).padStart(7, '0')}`,
					entity: c.rec.id,
					subsidiary: c.sub.rec.id,
					currency: c.rec.currency,
					exchangeRate: rate / 1e6,
					tranDate: dates[d] as string,
					dueDate: dates[dueIdx],
					terms: c.rec.terms,
					amount: money(cents),
				};
		if (pi.so !== null) inv.createdFrom = pi.so;
		inv.disputed = disputed;
		out.transaction(inv);
		invoiceCount++;
		const id = inv.id;

		if (c.story && d >= plan.stopIdx) {
			storyUnpaid.push({ id, dueIdx, cents });
			return;
		}
		let open = cents;
		// a full return: the goods come back and a credit memo for the whole invoice closes it
		if (!disputed && !c.story && rng.chance(FULL_RETURN_P)) {
			scheduleCredit(snapPay(null, d + rng.int(3, 20)), { c, doc: id, cents, rate });
			return;
		}
		// returns / pricing credit memo, applied to the invoice
		if (!disputed && rng.chance(0.03)) {
			let cm = Math.max(1, Math.round(cents * rng.uniform(0.03, 0.25)));
			while (!(fxSafe(cm, rate) && fxSafe(cents - cm, rate))) cm++;
			scheduleCredit(snapPay(null, d + rng.int(2, 15)), { c, doc: id, cents: cm, rate });
			open -= cm;
		}
		if (disputed) {
			const resolution = dueIdx + rng.int(15, 90);
			if (rng.chance(0.5)) {
				let cm = Math.min(open, Math.max(1, Math.round(open * rng.uniform(0.2, 1.0))));
				while (cm < open && !(fxSafe(cm, rate) && fxSafe(open - cm, rate))) cm++;
				const cmDay = snapPay(null, resolution);
				scheduleCredit(cmDay, { c, doc: id, cents: cm, rate });
				if (open - cm > 0) schedulePayment(c, payDay(c, cmDay + rng.int(3, 20), d), id, open - cm, rate, d);
			} else {
				schedulePayment(c, payDay(c, resolution, d), id, open, rate, d);
			}
			return;
		}
		if (c.profile === 'delinquent' && rng.chance(0.15)) {
			// never paid: written off by credit memo 5-8 months after the due date, or left open
			if (rng.chance(0.7))
				scheduleCredit(snapPay(null, dueIdx + rng.int(150, 240)), { c, doc: id, cents: open, rate });
			if (rng.chance(0.5)) {
				const made = snapPay(null, dueIdx + rng.int(5, 15));
				addPromise(c, made, made + rng.int(5, 14), open, [id]);
			}
			return;
		}
		const pay = payDay(c, dueIdx + lateness(c, d), d);
		if (rng.chance(PARTIAL_P[c.profile])) {
			let part = Math.max(1, Math.round(open * rng.uniform(0.3, 0.7)));
			while (part < open && !(fxSafe(part, rate) && fxSafe(open - part, rate))) part++;
			schedulePayment(c, pay, id, part, rate, d);
			schedulePayment(c, payDay(c, pay + rng.int(14, 45), d), id, open - part, rate, d);
			return;
		}
		schedulePayment(c, pay, id, open, rate, d);
		if (pay - dueIdx >= 20 && rng.chance(0.3)) {
			const made = snapPay(null, dueIdx + rng.int(5, 15));
			if (made < pay - 1) {
				const kept = rng.chance(0.65);
				let promised = kept ? pay + rng.int(0, 3) : made + rng.int(5, 14);
				if (!kept && promised >= pay) promised = pay - 1;
				addPromise(c, made, promised, open, [id]);
			}
		}
	};

	const emitPayment = (g: PayGroup, d: number): void => {
		const c = g.c;
		const lines = g.lines.slice().sort((a, b) => a.doc - b.doc);
		const total = lines.reduce((s, l) => s + l.cents, 0);
		const groups: PayLine[][] = fxSafe(total, g.rate) ? [lines] : lines.map((l) => [l]);
		for (const ls of groups) {
			let amount = ls.reduce((s, l) => s + l.cents, 0) + g.onAccountCents;
			if (ls.length > 0 && rng.chance(0.015)) {
				let extra = Math.max(1, Math.round(amount * rng.uniform(0.005, 0.03)));
				while (!fxSafe(amount + extra, g.rate)) extra++;
				amount += extra;
			}
			out.transaction(
				simple(
					c,
					g.rate,
					'CustPymt',
					`PYMT-${String(++pyNo).padStart(7, '0')}`,
					d,
					amount,
					ls.map((l) => ({ doc: l.doc, amount: money(l.cents) })),
				),
			);
		}
	};

	// initial order schedule and payments on account
	for (const c of custs) {
		const firstOrder = c.startIdx + Math.floor(rng.next() * Math.min(c.cadence, 60));
		if (firstOrder <= c.endIdx && firstOrder < days) (orders[firstOrder] as number[]).push(c.idx);
		for (const d of c.onAccount) {
			const day = snapPay(c, d);
			if (day >= days) continue;
			const rate = rateOf(c, day);
			const cents = nudge(Math.max(100, Math.round((c.medianCents * rng.uniform(0.3, 1)) / 10000) * 10000), rate);
			// key: beyond any invoice group's (idx * 1000 + month < 1000)
			(payments[day] as Map<number, PayGroup>).set(-(c.idx * 1000 + (d % 1000)) - 1, {
				c,
				rate,
				lines: [],
				onAccountCents: cents,
			});
		}
	}

	for (let d = 0; d < days; d++) {
		// 1. orders: a sales order (85 %) invoiced after a lead time, or a direct invoice
		for (const ci of orders[d] as number[]) {
			const c = custs[ci] as Cust;
			const next = d + Math.max(1, Math.round(c.cadence * rng.uniform(0.75, 1.25)));
			if (next <= c.endIdx && next < days) (orders[next] as number[]).push(ci);
			let cents = nudge(Math.max(100, Math.round(c.medianCents * rng.lognormal(0, 0.35))), rateOf(c, d));
			const viaSo = c.story || rng.chance(0.85);
			const leadPick = rng.next();
			const lead = !viaSo ? 0 : leadPick < 0.2 ? 0 : leadPick < 0.7 ? rng.int(1, 3) : rng.int(4, 10);
			if (c.story && d + lead >= plan.stopIdx && d + lead < plan.holdIdx) {
				cents = nudge(Math.max(100, Math.round(cents * storyFactor)), rateOf(c, d));
			}
			let so: number | null = null;
			if (viaSo) {
				const rate = rateOf(c, d);
				const tx = simple(c, rate, 'SalesOrd', `SO-${String(++soNo).padStart(7, '0')}`, d, cents);
				out.transaction(tx);
				so = tx.id;
			}
			// invoices go out on business days: an order of Saturday is invoiced on Monday at the earliest
			const invIdx = snapPay(null, d + lead);
			const onHold = c.story && invIdx >= plan.holdIdx;
			if (!onHold && invIdx < days) (invoicesDue[invIdx] as PendingInvoice[]).push({ c, cents, so });
			// an occasional rebate / allowance credit memo, left unapplied
			if (rng.chance(0.006)) {
				const day = snapPay(null, d + rng.int(10, 40));
				const rate = rateOf(c, day);
				scheduleCredit(day, {
					c,
					doc: null,
					cents: nudge(Math.max(100, Math.round(cents * rng.uniform(0.02, 0.08))), rate),
					rate,
				});
			}
		}
		// 2. invoices
		for (const pi of invoicesDue[d] as PendingInvoice[]) createInvoice(pi, d);
		// 3. credit memos
		for (const e of credits[d] as CreditEvent[]) {
			out.transaction(
				simple(
					e.c,
					e.rate,
					'CustCred',
					`CM-${String(++cmNo).padStart(7, '0')}`,
					d,
					e.cents,
					e.doc === null ? [] : [{ doc: e.doc, amount: money(e.cents) }],
				),
			);
		}
		// 4. payments
		for (const g of (payments[d] as Map<number, PayGroup>).values()) emitPayment(g, d);
		orders[d] = [];
		invoicesDue[d] = [];
		credits[d] = [];
		payments[d] = new Map();
		if (out.progress && (d % 10 === 9 || d === days - 1)) out.progress(d + 1, txId, invoiceCount);
	}

	// the story customer's promises: one broken, one pending at the as-of date
	const story = plan.story;
	const lastIdx = days - 1;
	const made1 = snapPay(null, lastIdx - 26);
	const overdue1 = storyUnpaid.filter((u) => u.dueIdx < made1);
	if (overdue1.length > 0) {
		addPromise(
			story,
			made1,
			made1 + 12,
			overdue1.reduce((s, u) => s + u.cents, 0),
			overdue1.map((u) => u.id),
		);
	}
	let made2 = lastIdx - 6;
	while (weekday(made2) === 0 || weekday(made2) === 6) made2--;
	const overdue2 = storyUnpaid.filter((u) => u.dueIdx < made2);
	if (overdue2.length > 0) {
		promises.push({
			id: 0,
			seq: promises.length,
			entity: story.rec.id,
			madeOn: dates[made2] as string,
			promisedDate: dates[lastIdx + 10] as string,
			amount: money(overdue2.reduce((s, u) => s + u.cents, 0)),
			invoices: overdue2.map((u) => u.id),
		});
	}

	promises.sort((a, b) => (a.madeOn < b.madeOn ? -1 : a.madeOn > b.madeOn ? 1 : a.seq - b.seq));
	return promises.map((p, i) => ({
		id: i + 1,
		entity: p.entity,
		madeOn: p.madeOn,
		promisedDate: p.promisedDate,
		amount: p.amount,
		invoices: p.invoices,
	}));
}

/** The story subsidiary's 30-day DSO delta at the as-of date that the calibration aims at. */
export const STORY_TARGET_DELTA = 12;

/**
 * Runs the simulation once without output, measuring the story subsidiary, and returns the factor
 * applied to the story customer's unpaid invoices (dated stopDate to holdDate − 1) so that the
 * subsidiary's 30-day DSO at the as-of date exceeds the prior one by {@link STORY_TARGET_DELTA}
 * days. The factor changes no random draw, so the second run differs only in those amounts.
 */
function calibrateStory(plan: Plan): number {
	const subId = plan.storySub.rec.id;
	const storyId = plan.story.rec.id;
	const P = formatDay(plan.last - 30); // D − 30, D being the as-of date (plan.last)
	const thisFrom = formatDay(plan.last - 29);
	const priorFrom = formatDay(plan.last - 59);
	const stop = formatDay(plan.first + plan.stopIdx);
	const hold = formatDay(plan.first + plan.holdIdx);
	// fixed parts, and the scalable story invoices: all (U), in the prior window (U1), this window (U2), dated ≤ D − 30 (Up)
	let ar = 0;
	let arPrior = 0;
	let salesThis = 0;
	let salesPrior = 0;
	let u = 0;
	let u1 = 0;
	let u2 = 0;
	let up = 0;
	simulate(
		plan,
		{
			transaction: (tx) => {
				if (tx.subsidiary !== subId) return;
				const sign = tx.type === 'CustInvc' ? 1 : tx.type === 'CustPymt' || tx.type === 'CustCred' ? -1 : 0;
				if (sign === 0) return;
				const b = Math.round(tx.amount * 100 * (tx.exchangeRate ?? 1));
				const t = tx.tranDate;
				if (tx.type === 'CustInvc' && tx.entity === storyId && t >= stop && t < hold) {
					u += b;
					if (t <= P) up += b;
					if (t >= priorFrom && t <= P) u1 += b;
					if (t >= thisFrom) u2 += b;
					return;
				}
				ar += sign * b;
				if (t <= P) arPrior += sign * b;
				if (sign > 0 && t >= thisFrom) salesThis += b;
				if (sign > 0 && t >= priorFrom && t <= P) salesPrior += b;
			},
		},
		1,
	);
	const delta = (f: number): number =>
		((ar + f * u) * 30) / (salesThis + f * u2) - ((arPrior + f * up) * 30) / (salesPrior + f * u1);
	if (u === 0 || salesThis + u2 === 0 || salesPrior + u1 === 0) return 1;
	let lo = 0.25;
	let hi = 4;
	if (delta(lo) >= STORY_TARGET_DELTA) return lo;
	if (delta(hi) <= STORY_TARGET_DELTA) return hi;
	for (let i = 0; i < 60; i++) {
		const mid = (lo + hi) / 2;
		if (delta(mid) < STORY_TARGET_DELTA) lo = mid;
		else hi = mid;
	}
	return hi;
}

function storyOf(plan: Plan): StoryInfo {
	return {
		subsidiary: plan.storySub.rec.id,
		subsidiaryName: plan.storySub.rec.name,
		customer: plan.story.rec.id,
		customerName: plan.story.rec.companyName,
		stopDate: formatDay(plan.first + plan.stopIdx),
		holdDate: formatDay(plan.first + plan.holdIdx),
	};
}

/**
 * Generates a dataset in memory (S and M; L is refused: use {@link writeGeneratedDataset}).
 * Writing it with `writeDataset` gives the same bytes as {@link writeGeneratedDataset}.
 */
export function generateDataset(opts: GenerateOptions): Dataset {
	if (opts.size === 'L')
		throw new Error('generateDataset: size L is too large to build in memory; use writeGeneratedDataset');
	const plan = buildPlan(opts);
	const transactions: DsTransaction[] = [];
	const promises = simulate(plan, { transaction: (tx) => transactions.push(tx) }, calibrateStory(plan));
	return { ...plan.header, transactions, promises, settings: plan.settings };
}

/**
 * Generates and writes a dataset, streaming the transactions to disk as they are simulated (all
 * sizes; L goes to `<name>.transactions.ndjson` beside `out`). Atomic: temp files renamed into
 * place at the end, removed on failure.
 */
export function writeGeneratedDataset(opts: WriteGeneratedOptions): GenerationSummary {
	const t0 = Date.now();
	const plan = buildPlan(opts);
	const storyFactor = calibrateStory(plan);
	const ndjson = opts.ndjson ?? SIZES[opts.size].ndjson;
	const out = path.resolve(opts.out);
	fs.mkdirSync(path.dirname(out), { recursive: true });
	const atomic = new AtomicFiles();
	let summary: GenerationSummary;
	try {
		const tf = ndjson ? ndjsonNameFor(out) : undefined;
		const txWriter = tf !== undefined ? atomic.create(path.join(path.dirname(out), tf)) : null;
		let mainWriter = tf === undefined ? atomic.create(out) : null;
		let jw: DatasetJsonWriter | null = null;
		if (mainWriter) {
			jw = new DatasetJsonWriter(mainWriter);
			writeDatasetObject(jw, { ...plan.header });
			jw.beginList('transactions');
		}
		const sink = txWriter ?? mainWriter;
		let transactions = 0;
		let invoices = 0;
		const promises = simulate(
			plan,
			{
				transaction: (tx) => {
					if (txWriter) txWriter.write(`${JSON.stringify(tx)}\n`);
					else (jw as DatasetJsonWriter).item(tx);
				},
				progress: (day, n, inv) => {
					transactions = n;
					invoices = inv;
					opts.onProgress?.({
						size: opts.size,
						day,
						days: plan.days,
						date: formatDay(plan.first + day - 1),
						transactions: n,
						invoices: inv,
						bytes: (sink as { bytes: number }).bytes,
					});
				},
			},
			storyFactor,
		);
		if (jw) {
			jw.endList();
			jw.list('promises', promises);
			jw.value('settings', plan.settings);
			jw.end();
		} else {
			mainWriter = atomic.create(out);
			jw = new DatasetJsonWriter(mainWriter);
			writeDatasetObject(jw, { ...plan.header, promises, settings: plan.settings }, tf);
			jw.end();
		}
		const main = mainWriter ?? atomic.create(out);
		txWriter?.flush();
		main.flush();
		const bytes = (txWriter?.bytes ?? 0) + main.bytes;
		atomic.commit();
		summary = {
			file: out,
			...(tf !== undefined ? { transactionsFile: path.join(path.dirname(out), tf) } : {}),
			bytes,
			counts: { customers: plan.custs.length, transactions, invoices, promises: promises.length },
			ms: Date.now() - t0,
			story: storyOf(plan),
			settings: plan.settings,
		};
	} catch (e) {
		atomic.abort();
		throw e;
	}
	return summary;
}

/** The story of a generated dataset without generating it. */
export function storyFor(opts: GenerateOptions): StoryInfo {
	return storyOf(buildPlan(opts));
}
