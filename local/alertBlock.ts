/**
 * The report.json `alert` block (shared/dataset-format.md §3) from a stored DSO-alert evaluation
 * record (`customrecord_o2c_alert_eval`, key `<subsidiary id>:<YYYY-MM-DD>`), for the local run's
 * report writer: `alertReportBlock(store.get(...).values)`.
 *
 * Contract keys: `fired` (true exactly when `reason` is `threshold`), `reason` (one of the six),
 * `escalated`. Added keys (the contract allows new optional keys): `emailStatus`, `evaluationId`,
 * `delta`, `thresholdApplied`, `floor`, `seasonality`.
 *
 * Local only (never deployed): the field ids are the record's, listed here once.
 */
import { ALERT_REASONS, type AlertReason } from '../src/TypeScripts/o2c_dso/domain/alertRule';

/** Field ids of `customrecord_o2c_alert_eval`. */
export const ALERT_EVAL_FIELDS = Object.freeze({
	key: 'custrecord_o2c_ae_key',
	subsidiary: 'custrecord_o2c_ae_subsidiary',
	asOf: 'custrecord_o2c_ae_as_of',
	period: 'custrecord_o2c_ae_period',
	reason: 'custrecord_o2c_ae_reason',
	fired: 'custrecord_o2c_ae_fired',
	escalated: 'custrecord_o2c_ae_escalated',
	delta: 'custrecord_o2c_ae_delta',
	threshold: 'custrecord_o2c_ae_threshold',
	floor: 'custrecord_o2c_ae_floor',
	season: 'custrecord_o2c_ae_season',
	emailStatus: 'custrecord_o2c_ae_email_status',
	error: 'custrecord_o2c_ae_error',
});

export const ALERT_EVAL_RECORD_TYPE = 'customrecord_o2c_alert_eval';

/** The report's `alert` block. */
export interface AlertReportBlock {
	readonly fired: boolean;
	readonly reason: AlertReason;
	readonly escalated: boolean;
	readonly emailStatus?: string;
	readonly evaluationId?: number;
	readonly delta?: number | null;
	readonly thresholdApplied?: number | null;
	readonly floor?: number | null;
	readonly seasonality?: string;
}

function num(v: unknown): number | null {
	return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * The block for one stored evaluation (raw values keyed by field id: numbers, booleans, strings);
 * null when the evaluation failed before a reason was known (its `custrecord_o2c_ae_error` says
 * why; the writer should then evaluate the rule itself or report the failure).
 * @example alertReportBlock(store.get('customrecord_o2c_alert_eval', 1)!.values) // { fired: true, reason: 'threshold', escalated: false, ... }
 */
export function alertReportBlock(
	values: Readonly<Record<string, unknown>>,
	evaluationId?: number,
): AlertReportBlock | null {
	const reason = values[ALERT_EVAL_FIELDS.reason];
	if (typeof reason !== 'string' || !(ALERT_REASONS as readonly string[]).includes(reason)) return null;
	const r = reason as AlertReason;
	const season = values[ALERT_EVAL_FIELDS.season];
	const status = values[ALERT_EVAL_FIELDS.emailStatus];
	return {
		fired: r === 'threshold',
		reason: r,
		escalated: r === 'threshold' && values[ALERT_EVAL_FIELDS.escalated] === true,
		...(typeof status === 'string' && status !== '' ? { emailStatus: status } : {}),
		...(evaluationId === undefined ? {} : { evaluationId }),
		delta: num(values[ALERT_EVAL_FIELDS.delta]),
		thresholdApplied: num(values[ALERT_EVAL_FIELDS.threshold]),
		floor: num(values[ALERT_EVAL_FIELDS.floor]),
		...(typeof season === 'string' && season !== '' ? { seasonality: season } : {}),
	};
}

/** The key of the evaluation record of a subsidiary at a date (the report writer's lookup). @example alertEvaluationKey(1, '2026-05-04') // '1:2026-05-04' */
export function alertEvaluationKey(subsidiaryId: number, asOf: string): string {
	return `${String(subsidiaryId)}:${asOf}`;
}
