/**
 * The SuiteAnalytics datasets of the Dataset Builder plug-ins (netsuite-platform.md §5: a
 * plug-in's dataset is loaded by the plug-in's script id). Field ids are the analytics Records
 * Catalog's as public SuiteQL and dataset code use them (`foreignamountunpaid`,
 * `daysoverduesearch`, `transactionlines`); check them in your account's Records Catalog.
 */
import * as dataset from 'N/dataset';
import type { Operator } from 'N/query';

/** The N/query operator values (the plug-ins do not load N/query for them: the enum's values are these strings). */
const op = (o: 'AND' | 'ANY_OF' | 'IS'): Operator => o as unknown as Operator;

/**
 * Days overdue of an open invoice as the A/R aging counts them (dataset-format.md §2): past the due
 * date, or past the invoice date when it has none (NetSuite leaves Days Overdue empty then).
 */
export const DAYS_OVERDUE_FORMULA = 'CASE WHEN {duedate} IS NULL THEN {daysopen} ELSE NVL({daysoverduesearch}, 0) END';

/** Aging bucket of an open invoice, numbered so that the buckets sort in order. */
export const BUCKET_FORMULA = [
	`CASE WHEN (${DAYS_OVERDUE_FORMULA}) <= 0 THEN '1. Current'`,
	`WHEN (${DAYS_OVERDUE_FORMULA}) <= 30 THEN '2. 1-30 days'`,
	`WHEN (${DAYS_OVERDUE_FORMULA}) <= 60 THEN '3. 31-60 days'`,
	`WHEN (${DAYS_OVERDUE_FORMULA}) <= 90 THEN '4. 61-90 days'`,
	"ELSE '5. Over 90 days' END",
].join(' ');

/**
 * Open invoices (main lines, status Open) with their open amount in the invoice's currency and in
 * the subsidiary's base currency (× the invoice's exchange rate, as the A/R aging counts it), days
 * overdue and aging bucket as the A/R aging counts them.
 */
export function openArDataset(): dataset.Dataset {
	const lines = dataset.createJoin({ fieldId: 'transactionlines' });
	const type = dataset.createColumn({ fieldId: 'type', alias: 'type', label: 'Type' });
	const status = dataset.createColumn({ fieldId: 'status', alias: 'status', label: 'Status' });
	const mainline = dataset.createColumn({ fieldId: 'mainline', join: lines, alias: 'mainline', label: 'Main line' });
	return dataset.create({
		type: 'transaction',
		name: 'O2C DSO open invoices',
		description: 'Open invoices with open amount (invoice currency), days overdue and aging bucket.',
		columns: [
			dataset.createColumn({ fieldId: 'tranid', alias: 'invoice', label: 'Invoice' }),
			dataset.createColumn({ fieldId: 'entity', alias: 'customer', label: 'Customer' }),
			dataset.createColumn({ fieldId: 'subsidiary', join: lines, alias: 'subsidiary', label: 'Subsidiary' }),
			dataset.createColumn({ fieldId: 'trandate', alias: 'date', label: 'Invoice date' }),
			dataset.createColumn({ fieldId: 'duedate', alias: 'due', label: 'Due date' }),
			dataset.createColumn({
				formula: DAYS_OVERDUE_FORMULA,
				type: 'INTEGER',
				alias: 'days',
				label: 'Days overdue',
			}),
			dataset.createColumn({ formula: BUCKET_FORMULA, type: 'STRING', alias: 'bucket', label: 'Aging bucket' }),
			dataset.createColumn({
				fieldId: 'foreignamountunpaid',
				alias: 'openfx',
				label: 'Open amount (invoice currency)',
			}),
			dataset.createColumn({ fieldId: 'currency', alias: 'currency', label: 'Invoice currency' }),
			// the subsidiary's base currency: open amount × the invoice's exchange rate, to the cent
			dataset.createColumn({
				formula: 'ROUND({foreignamountunpaid} * {exchangerate}, 2)',
				type: 'FLOAT',
				alias: 'open',
				label: 'Open amount (base currency)',
			}),
			type,
			status,
			mainline,
		],
		condition: dataset.createCondition({
			operator: op('AND'),
			children: [
				dataset.createCondition({ column: type, operator: op('ANY_OF'), values: ['CustInvc'] }),
				dataset.createCondition({ column: status, operator: op('ANY_OF'), values: ['CustInvc:A'] }),
				dataset.createCondition({ column: mainline, operator: op('IS'), values: [true] }),
			],
		}),
	});
}

/** Every stored subsidiary snapshot: DSO, prior-window and countback DSO, A/R per subsidiary and day. */
export function dsoTrendDataset(): dataset.Dataset {
	return dataset.create({
		type: 'customrecord_o2c_sub_snapshot',
		name: 'O2C DSO daily snapshots',
		description: 'One row per subsidiary and day from the nightly A/R snapshot.',
		columns: [
			dataset.createColumn({ fieldId: 'custrecord_o2c_ss_subsidiary', alias: 'subsidiary', label: 'Subsidiary' }),
			dataset.createColumn({ fieldId: 'custrecord_o2c_ss_date', alias: 'date', label: 'Date' }),
			dataset.createColumn({ fieldId: 'custrecord_o2c_ss_dso', alias: 'dso', label: 'DSO' }),
			dataset.createColumn({
				fieldId: 'custrecord_o2c_ss_dso_prior',
				alias: 'prior',
				label: 'DSO, prior window',
			}),
			dataset.createColumn({
				fieldId: 'custrecord_o2c_ss_dso_countback',
				alias: 'countback',
				label: 'Countback DSO',
			}),
			dataset.createColumn({ fieldId: 'custrecord_o2c_ss_ar_balance', alias: 'ar', label: 'A/R balance' }),
			dataset.createColumn({ fieldId: 'custrecord_o2c_ss_currency', alias: 'currency', label: 'Currency' }),
		],
	});
}

/** The latest payment-behaviour figures of every customer. */
export function paymentBehaviourDataset(): dataset.Dataset {
	return dataset.create({
		type: 'customrecord_o2c_cust_metrics',
		name: 'O2C DSO payment behaviour',
		description: 'Behaviour score, segment, days to pay and late, overdue balance per customer.',
		columns: [
			dataset.createColumn({ fieldId: 'custrecord_o2c_cm_customer', alias: 'customer', label: 'Customer' }),
			dataset.createColumn({ fieldId: 'custrecord_o2c_cm_subsidiary', alias: 'subsidiary', label: 'Subsidiary' }),
			dataset.createColumn({ fieldId: 'custrecord_o2c_cm_segment', alias: 'segment', label: 'Segment' }),
			dataset.createColumn({ fieldId: 'custrecord_o2c_cm_score', alias: 'score', label: 'Behaviour score' }),
			dataset.createColumn({
				fieldId: 'custrecord_o2c_cm_avg_days_to_pay',
				alias: 'daystopay',
				label: 'Average days to pay',
			}),
			dataset.createColumn({
				fieldId: 'custrecord_o2c_cm_avg_days_late',
				alias: 'dayslate',
				label: 'Average days late',
			}),
			dataset.createColumn({ fieldId: 'custrecord_o2c_cm_overdue', alias: 'overdue', label: 'Overdue' }),
			dataset.createColumn({ fieldId: 'custrecord_o2c_cm_currency', alias: 'currency', label: 'Currency' }),
		],
	});
}
