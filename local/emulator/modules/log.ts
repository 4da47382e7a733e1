/**
 * N/log: debug / audit / error / emergency, captured (never printed) with the deployment's log
 * level filter: a deployment at AUDIT keeps AUDIT, ERROR and EMERGENCY entries (platform §2.1).
 * Both call forms work: log.debug(title, details) and log.debug({title, details}).
 * NetSuite keeps at most 99 title characters and 3,999 detail characters; longer text is cut.
 * Non-string details are JSON.stringify'd as NetSuite shows them.
 */
import type { RuntimeContext, LogLevel } from '../services';
import { LOG_LEVELS } from '../services';
import { errorJson } from '../errors';
import { guard, jsonText, scriptText } from './guard';

export const TITLE_MAX = 99;
export const DETAILS_MAX = 3999;

function text(v: unknown): string {
	if (v === undefined) return '';
	if (v === null) return 'null';
	if (typeof v === 'string') return v;
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	if (
		typeof v === 'object' &&
		typeof (v as { message?: unknown }).message === 'string' &&
		typeof (v as { name?: unknown }).name === 'string'
	) {
		return JSON.stringify(errorJson(v));
	}
	try {
		return jsonText(v) ?? scriptText(v);
	} catch {
		return scriptText(v);
	}
}

export function levelRank(level: string): number {
	const i = LOG_LEVELS.indexOf(level.toUpperCase() as LogLevel);
	return i < 0 ? 0 : i;
}

export function createLogModule(ctx: RuntimeContext): object {
	const min = levelRank(ctx.script.logLevel || 'DEBUG');
	const write = (level: LogLevel) =>
		function (a?: unknown, b?: unknown): void {
			let title: unknown = a;
			let details: unknown = b;
			if (typeof a === 'object' && a !== null && b === undefined && ('title' in a || 'details' in a)) {
				title = (a as { title?: unknown }).title;
				details = (a as { details?: unknown }).details;
			}
			if (levelRank(level) < min) return;
			ctx.svc.log({
				level,
				title: text(title).slice(0, TITLE_MAX),
				details: text(details).slice(0, DETAILS_MAX),
			});
		};
	return guard('N/log', {
		debug: write('DEBUG'),
		audit: write('AUDIT'),
		error: write('ERROR'),
		emergency: write('EMERGENCY'),
	});
}
