/**
 * Record and field ids of the collections records (src/Objects), for the RESTlet, the daily
 * promise job, the push (through its port) and saved searches. The records are the source of truth
 * of what the calling system reported.
 */
export const COLL_EVENT = 'customrecord_o2c_coll_event';
export const COLL_EVENT_FIELDS = {
	type: 'custrecord_o2c_ce_type',
	externalId: 'custrecord_o2c_ce_ext_id',
	digest: 'custrecord_o2c_ce_digest',
	customer: 'custrecord_o2c_ce_customer',
	received: 'custrecord_o2c_ce_received',
	result: 'custrecord_o2c_ce_result',
} as const;

export const PROMISE = 'customrecord_o2c_promise';
export const PROMISE_FIELDS = {
	customer: 'custrecord_o2c_pr_customer',
	madeOn: 'custrecord_o2c_pr_made_on',
	date: 'custrecord_o2c_pr_date',
	amount: 'custrecord_o2c_pr_amount',
	invoices: 'custrecord_o2c_pr_invoices',
	status: 'custrecord_o2c_pr_status',
	source: 'custrecord_o2c_pr_source',
	currency: 'custrecord_o2c_pr_currency',
	openAt: 'custrecord_o2c_pr_open_at',
	paid: 'custrecord_o2c_pr_paid',
	settledOn: 'custrecord_o2c_pr_settled_on',
	escalatedOn: 'custrecord_o2c_pr_escalated_on',
	pushFlag: 'custrecord_o2c_pr_push_flag',
	/** the broken promise's escalation email: sending, sent, no_recipient, failed, unconfirmed */
	escalationEmail: 'custrecord_o2c_pr_esc_email',
	note: 'custrecord_o2c_pr_note',
	externalId: 'custrecord_o2c_pr_ext_id',
} as const;

export const DISPUTE = 'customrecord_o2c_dispute';
export const DISPUTE_FIELDS = {
	customer: 'custrecord_o2c_dp_customer',
	invoice: 'custrecord_o2c_dp_invoice',
	reason: 'custrecord_o2c_dp_reason',
	text: 'custrecord_o2c_dp_text',
	openedOn: 'custrecord_o2c_dp_opened_on',
	status: 'custrecord_o2c_dp_status',
	externalId: 'custrecord_o2c_dp_ext_id',
	resolvedOn: 'custrecord_o2c_dp_resolved_on',
	resolution: 'custrecord_o2c_dp_resolution',
	resolutionText: 'custrecord_o2c_dp_res_text',
} as const;

export const DISPUTE_RES = 'customrecord_o2c_dispute_res';
export const DISPUTE_RES_FIELDS = {
	dispute: 'custrecord_o2c_dr_dispute',
	resolution: 'custrecord_o2c_dr_resolution',
	text: 'custrecord_o2c_dr_text',
	externalId: 'custrecord_o2c_dr_ext_id',
	on: 'custrecord_o2c_dr_on',
} as const;

export const CONTACT_ATTEMPT = 'customrecord_o2c_contact_att';
export const CONTACT_ATTEMPT_FIELDS = {
	customer: 'custrecord_o2c_ca_customer',
	outcome: 'custrecord_o2c_ca_outcome',
	on: 'custrecord_o2c_ca_on',
	nextAction: 'custrecord_o2c_ca_next_action',
	collector: 'custrecord_o2c_ca_collector',
	note: 'custrecord_o2c_ca_note',
	externalId: 'custrecord_o2c_ca_ext_id',
} as const;

export const CONTACT = 'customrecord_o2c_contact';
export const CONTACT_FIELDS = {
	customer: 'custrecord_o2c_ct_customer',
	name: 'custrecord_o2c_ct_name',
	email: 'custrecord_o2c_ct_email',
	phone: 'custrecord_o2c_ct_phone',
	jobTitle: 'custrecord_o2c_ct_job_title',
	on: 'custrecord_o2c_ct_on',
	externalId: 'custrecord_o2c_ct_ext_id',
} as const;

export const DISPUTED_FIELD = 'custbody_o2c_disputed';
export const COLLECTOR_FIELD = 'custentity_o2c_collector';
