/**
 * N/email.send (20 units; platform §8.4, docs section_4358681681): author (an employee's internal
 * id, or an employee's email) required, recipients / subject / body required, at most 10
 * recipients counting to + cc + bcc. Captured by the emulator (Emulator.emails) and, when an
 * outDir is set, written as `<outDir>/emails/NNN-<slug>.eml` (RFC 822, multipart/alternative
 * with a text and an HTML part) and `.html`; nothing else is written and nothing is sent.
 */
import type { CapturedEmail, RuntimeContext } from '../services';
import { charge } from '../governance';
import { missingArg, nsError, unsupported } from '../errors';
import { guard, isList, opts, scriptText } from './guard';

export const MAX_RECIPIENTS = 10;
const ENTITY_TYPES = ['employee', 'customer', 'contact', 'vendor', 'partner'];
const TRANSACTION_RECORDS = ['invoice', 'creditmemo', 'customerpayment', 'salesorder'];
const EMAIL_RE = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

export function looksLikeHtml(body: string): boolean {
	return /<\/?[a-z][a-z0-9]*(\s[^>]*)?\/?>/i.test(body);
}

const NAMED_ENTITIES: Record<string, string> = { nbsp: ' ', lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };

/** One entity decoded; unknown ones stay as written. */
function decodeEntity(entity: string, body: string): string {
	if (body.startsWith('#')) {
		const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
		return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
	}
	return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
}

/**
 * The text/plain part mail clients show when they do not render HTML: tags dropped, rows and
 * paragraphs on their own lines, entities (named and numeric) decoded in one pass so that an
 * escaped `&amp;lt;` stays the literal text `&lt;`.
 */
export function htmlToText(html: string): string {
	return html
		.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(p|div|tr|li|h[1-6]|table|ul|ol)>/gi, '\n')
		.replace(/<\/t[dh]>/gi, '\t')
		.replace(/<[^>]+>/g, '')
		.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, decodeEntity)
		.replace(/[ \t]+\n/g, '\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

export function escapeHtml(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function encodeHeader(s: string): string {
	return /^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;
}

function base64Lines(s: string): string {
	return (
		Buffer.from(s, 'utf8')
			.toString('base64')
			.match(/.{1,76}/g) ?? []
	).join('\r\n');
}

function rfc2822Date(ms: number): string {
	const d = new Date(ms);
	const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
	const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
	const p = (n: number): string => String(n).padStart(2, '0');
	return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(
		d.getUTCMinutes(),
	)}:${p(d.getUTCSeconds())} +0000`;
}

/** The HTML page of a captured email (its HTML body, or the text body in <pre>). */
export function emailHtml(e: CapturedEmail): string {
	if (e.isHtml)
		return /<html[\s>]/i.test(e.body)
			? e.body
			: `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(e.subject)}</title></head><body>\n${e.body}\n</body></html>\n`;
	return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(e.subject)}</title></head><body><pre>${escapeHtml(e.body)}</pre></body></html>\n`;
}

/** RFC 822 message, multipart/alternative with a text/plain and a text/html part, CRLF line ends. */
export function buildEml(e: CapturedEmail, accountId: string, atMs: number): string {
	const boundary = `----=_o2c_emulator_${String(e.seq).padStart(3, '0')}`;
	const text = e.isHtml ? htmlToText(e.body) : e.body;
	const html = emailHtml(e);
	const headers = [
		`From: ${encodeHeader(e.authorEmail)}`,
		`To: ${e.to.join(', ')}`,
		...(e.cc.length ? [`Cc: ${e.cc.join(', ')}`] : []),
		...(e.replyTo ? [`Reply-To: ${e.replyTo}`] : []),
		`Subject: ${encodeHeader(e.subject)}`,
		`Date: ${rfc2822Date(atMs)}`,
		`Message-ID: <${String(e.seq).padStart(3, '0')}.${e.script}@${accountId.toLowerCase()}.emulator.invalid>`,
		`X-NetSuite-Script: ${e.script}; deployment=${e.deployment}`,
		...(e.bcc.length ? [`X-Emulator-Bcc: ${e.bcc.join(', ')}`] : []),
		'MIME-Version: 1.0',
		`Content-Type: multipart/alternative; boundary="${boundary}"`,
	];
	return [
		...headers,
		'',
		'This is a multi-part message in MIME format.',
		'',
		`--${boundary}`,
		'Content-Type: text/plain; charset=UTF-8',
		'Content-Transfer-Encoding: base64',
		'',
		base64Lines(text),
		'',
		`--${boundary}`,
		'Content-Type: text/html; charset=UTF-8',
		'Content-Transfer-Encoding: base64',
		'',
		base64Lines(html),
		'',
		`--${boundary}--`,
		'',
	].join('\r\n');
}

export function createEmailModule(ctx: RuntimeContext): object {
	function entityEmail(id: number): string | undefined {
		for (const t of ENTITY_TYPES) {
			const r = ctx.store.get(t, id);
			if (r) {
				const e = r.values.email;
				return typeof e === 'string' && e !== '' ? e : undefined;
			}
		}
		return undefined;
	}

	function list(v: unknown): unknown[] {
		if (v === undefined || v === null || v === '') return [];
		return isList(v) ? [...v] : [v];
	}

	function resolve(v: unknown, code: string): string {
		if (typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v))) {
			const e = entityEmail(Number(v));
			if (!e)
				throw nsError(
					code,
					`Invalid recipient internal id or the entity has no email address: ${String(v)}`,
					'send(N/email)',
				);
			return e;
		}
		if (typeof v === 'string' && EMAIL_RE.test(v.trim())) return v.trim();
		const what = code === 'SSS_INVALID_CC_EMAIL' ? 'cc' : code === 'SSS_INVALID_BCC_EMAIL' ? 'bcc' : 'to';
		throw nsError(code, `One or more ${what} emails are not valid: ${String(v)}`, 'send(N/email)');
	}

	function send(options?: unknown): void {
		const o = opts(options);
		if (o.author === undefined || o.author === null || o.author === '') throw missingArg('email.send', 'author');
		if (
			o.recipients === undefined ||
			o.recipients === null ||
			(Array.isArray(o.recipients) && o.recipients.length === 0)
		) {
			throw missingArg('email.send', 'recipients');
		}
		if (o.subject === undefined || o.subject === null) throw missingArg('email.send', 'subject');
		if (o.body === undefined || o.body === null) throw missingArg('email.send', 'body');
		if (o.attachments !== undefined && o.attachments !== null && list(o.attachments).length > 0) {
			throw unsupported('email.send attachments (N/file is not emulated)');
		}
		// author: an employee, by internal id or by email address
		let authorId: number | undefined;
		let authorEmail: string | undefined;
		if (typeof o.author === 'number' || (typeof o.author === 'string' && /^\d+$/.test(o.author))) {
			const emp = ctx.store.get('employee', Number(o.author));
			if (emp) {
				authorId = emp.id;
				authorEmail =
					typeof emp.values.email === 'string' && emp.values.email
						? emp.values.email
						: `employee${emp.id}@${ctx.svc.accountId.toLowerCase()}.invalid`;
			}
		} else if (typeof o.author === 'string') {
			for (const emp of ctx.store.all('employee')) {
				if (String(emp.values.email ?? '').toLowerCase() === o.author.toLowerCase()) {
					authorId = emp.id;
					authorEmail = o.author;
				}
			}
		}
		if (authorId === undefined || authorEmail === undefined) {
			throw nsError(
				'SSS_AUTHOR_MUST_BE_EMPLOYEE',
				`The author internal id or email must match an employee: ${scriptText(o.author)}`,
				'send(N/email)',
			);
		}
		const toRaw = list(o.recipients);
		const ccRaw = list(o.cc);
		const bccRaw = list(o.bcc);
		if (toRaw.length + ccRaw.length + bccRaw.length > MAX_RECIPIENTS) {
			throw nsError(
				'SSS_MAXIMUM_NUMBER_RECIPIENTS_EXCEEDED',
				`You may have a maximum number of ${MAX_RECIPIENTS} recipients.`,
				'send(N/email)',
			);
		}
		const related = relatedRecords(o.relatedRecords);
		const to = toRaw.map((r) => resolve(r, 'SSS_INVALID_TO_EMAIL'));
		const cc = ccRaw.map((r) => resolve(r, 'SSS_INVALID_CC_EMAIL'));
		const bcc = bccRaw.map((r) => resolve(r, 'SSS_INVALID_BCC_EMAIL'));
		charge(ctx.meter, 'email.send');
		const body = scriptText(o.body);
		const mail: Omit<CapturedEmail, 'seq' | 'script' | 'deployment' | 'at' | 'files'> = {
			author: authorId,
			authorEmail,
			to,
			cc,
			bcc,
			subject: scriptText(o.subject),
			body,
			isHtml: looksLikeHtml(body),
		};
		if (typeof o.replyTo === 'string') mail.replyTo = o.replyTo;
		if (related) mail.relatedRecords = related;
		ctx.svc.email(mail);
	}

	/**
	 * `relatedRecords` attaches the Message record to records (help, email.send): `transactionId`,
	 * `entityId`, `activityId`, `customRecord: {id, recordType}` (the custom record type's script id, or
	 * its numeric id). The emulator checks that each names a record of the account, since a message
	 * attached to nothing would be lost from the record's Communication subtab; what NetSuite answers
	 * for a record that does not exist is not documented, so the emulator refuses it naming its limit.
	 * Activities (cases, campaigns) are not emulated.
	 */
	function relatedRecords(raw: unknown): Record<string, unknown> | undefined {
		if (raw === undefined || raw === null) return undefined;
		if (typeof raw !== 'object' || Array.isArray(raw))
			throw nsError('WRONG_PARAMETER_TYPE', 'email.send: relatedRecords must be an object', 'send(N/email)');
		const r = raw as Record<string, unknown>;
		const refuse = (what: string): never => {
			throw unsupported(
				`email.send relatedRecords ${what} (the emulator attaches messages only to records of the emulated account)`,
			);
		};
		const numeric = (v: unknown, key: string): number => {
			const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
			if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0)
				throw nsError(
					'WRONG_PARAMETER_TYPE',
					`email.send: relatedRecords.${key} must be an internal id`,
					'send(N/email)',
				);
			return n;
		};
		for (const [key, v] of Object.entries(r)) {
			if (v === undefined || v === null) continue;
			if (key === 'transactionId') {
				const id = numeric(v, key);
				if (!TRANSACTION_RECORDS.some((t) => ctx.store.get(t, id)))
					refuse(`transactionId ${id}: no such transaction`);
			} else if (key === 'entityId') {
				const id = numeric(v, key);
				if (!ENTITY_TYPES.some((t) => ctx.store.get(t, id))) refuse(`entityId ${id}: no such entity`);
			} else if (key === 'customRecord') {
				const c = opts(v);
				const id = numeric(c.id, 'customRecord.id');
				const typeIds = [...ctx.objects.customRecordTypes.keys()];
				const given = c.recordType;
				const type =
					typeof given === 'number' || (typeof given === 'string' && /^\d+$/.test(given.trim()))
						? typeIds[Number(given) - 1000]
						: typeof given === 'string'
							? typeIds.find((t) => t === given.trim().toLowerCase())
							: undefined;
				if (type === undefined)
					refuse(`customRecord.recordType ${JSON.stringify(given)}: not a custom record type of the project`);
				else if (!ctx.store.get(type, id)) refuse(`customRecord ${type} ${id}: no such record`);
			} else if (key === 'activityId') {
				refuse('activityId (activities are not emulated)');
			} else {
				refuse(`key ${key} (not one of transactionId, entityId, activityId, customRecord)`);
			}
		}
		return JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
	}

	return guard('N/email', {
		send,
		sendBulk(): never {
			throw unsupported('email.sendBulk');
		},
		sendCampaignEvent(): never {
			throw unsupported('email.sendCampaignEvent');
		},
	});
}
