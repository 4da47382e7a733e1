/**
 * The o2c-dataset/1 contract (../shared/dataset-format.md) as TypeScript types.
 * Readers accept both `transactions` inline and `transactionsFile` (NDJSON beside the file).
 * Dates are `YYYY-MM-DD`; amounts are JSON numbers with at most 2 decimals, always positive,
 * in the transaction's own currency.
 */
export const DATASET_FORMAT = 'o2c-dataset/1';

export type TransactionType = 'SalesOrd' | 'CustInvc' | 'CustCred' | 'CustPymt';

export interface DsAccount {
	name: string;
	timezone: string;
	features?: string[];
	/** optional free text about the data's origin (e.g. an importer's assumptions) */
	note?: string;
}

export interface DsSubsidiary {
	id: number;
	name: string;
	currency: string;
	parent: number | null;
}

export interface DsTerms {
	id: number;
	name: string;
	daysUntilDue: number;
}

export interface DsCustomer {
	id: number;
	entityId: string;
	companyName: string;
	subsidiary: number;
	currency: string;
	terms?: number | null;
	creditLimit?: number | null;
	category?: string | null;
	email?: string | null;
	/** the customer record's Phone */
	phone?: string | null;
}

export interface DsApplication {
	doc: number;
	amount: number;
}

export interface DsTransaction {
	id: number;
	/** One of TransactionType; other ids may appear and are ignored by A/R metrics. */
	type: string;
	tranId: string;
	entity: number;
	subsidiary: number;
	currency: string;
	/** transaction currency -> subsidiary base currency; missing means 1 */
	exchangeRate?: number;
	tranDate: string;
	dueDate?: string | null;
	terms?: number | null;
	amount: number;
	createdFrom?: number | null;
	disputed?: boolean;
	/** free text shown on the transaction (NetSuite's Memo field); optional */
	memo?: string;
	apply?: DsApplication[];
}

export interface DsPromise {
	id: number;
	entity: number;
	madeOn: string;
	promisedDate: string;
	amount: number;
	invoices?: number[];
}

export interface DsAlertSetting {
	subsidiary: number | null;
	thresholdDays?: number;
	floorDays?: number;
	windowDays?: number;
	enabled?: boolean;
	recipients?: { arClerk?: string; controller?: string; cfo?: string };
}

export interface DsSeasonality {
	subsidiary: number | null;
	/** MM-DD, inclusive; the range may wrap the year end */
	from: string;
	to: string;
	action: 'suppress' | 'raise';
	days?: number;
	note?: string;
}

/** One collections setting; `subsidiary` null or absent = the account-wide row. */
export interface DsCollectionsSettings {
	subsidiary?: number | null;
	/** default true */
	enabled?: boolean;
	/** in the subsidiary's base currency */
	minOverdueAmount?: number;
	minDaysOverdue?: number;
	/** segments to include (empty or absent = all) */
	segments?: string[];
}

export interface DsSettings {
	alerts?: DsAlertSetting[];
	seasonality?: DsSeasonality[];
	/** one object (the account-wide row, or a subsidiary's) or a list of rows */
	collections?: DsCollectionsSettings | DsCollectionsSettings[];
}

/**
 * Optional description written by `local/data/generate.ts`: what was generated and the ground truth
 * (story customer, payment profiles) that tests and benchmarks check the product against.
 */
export interface DsGeneratorInfo {
	tool: string;
	size?: string;
	seed?: number | string;
	asOf?: string;
	story?: {
		subsidiary: number;
		customer: number;
		/** invoices of the story customer dated on or after this date are never paid */
		stopDate: string;
		/** from this date the story customer's sales orders stay pending billing (credit hold) */
		holdDate: string;
		description: string;
	};
	/** customer ids by the payment profile they were generated with */
	profiles?: Record<string, number[]>;
	[key: string]: unknown;
}

export interface Dataset {
	format: typeof DATASET_FORMAT;
	account: DsAccount;
	/** optional: the as-of date the dataset is meant to be run at (generator, importer) */
	suggestedAsOf?: string;
	/** optional: generator metadata (see DsGeneratorInfo) */
	generator?: DsGeneratorInfo;
	subsidiaries: DsSubsidiary[];
	terms?: DsTerms[];
	customers: DsCustomer[];
	transactions: DsTransaction[];
	promises?: DsPromise[];
	settings?: DsSettings;
}

/** The file form: `transactionsFile` may replace `transactions`. */
export interface DatasetFile extends Omit<Dataset, 'transactions'> {
	transactions?: DsTransaction[];
	transactionsFile?: string;
}
