/**
 * The collections RESTlet's request handling: the body as NetSuite hands it over (an object for
 * `application/json`, the text for `text/plain`), the use cases, and the answer in the request's
 * format. NetSuite turns an uncaught error into a 400 whose body may carry the error's stack
 * (dashboards-restlets-collections.md §2.5), so nothing escapes: an unexpected failure is logged
 * (its name and message, never the body: it may hold personal data) and answered INTERNAL_ERROR.
 * A malformed JSON body sent as `application/json` never reaches the script (NetSuite refuses it
 * first); sent as `text/plain` it gets our structured error.
 */
import * as log from 'N/log';
import { errorAnswer, recordEvent } from '../../app/collections/recordEvent';
import { readViews } from '../../app/collections/readViews';
import { accountToday } from '../clock';
import { nsCollectionsReader } from './nsCollectionsReader';
import { nsCollectionsStore } from './nsCollectionsStore';

/** What the entry points hand back: text for a text/plain request, an object for JSON. */
export type Answered = string | object;

function failure(where: string, e: unknown): ReturnType<typeof errorAnswer> {
	const name = typeof e === 'object' && e !== null && 'name' in e ? String(e.name) : 'Error';
	const message = typeof e === 'object' && e !== null && 'message' in e ? String(e.message) : String(e);
	log.error({ title: `collections RESTlet ${where} failed`, details: `${name}: ${message}` });
	return errorAnswer(
		'INTERNAL_ERROR',
		'The request could not be completed; nothing was recorded that was not already confirmed. Repeat it later with the same external_id.',
	);
}

/** POST: records one event. @example handlePost('{"type":"contact_attempt",...}') // a JSON string */
export function handlePost(body: unknown): Answered {
	const asText = typeof body === 'string';
	let answer: unknown;
	try {
		let parsed: unknown = body;
		let bad = false;
		if (typeof body === 'string') {
			try {
				parsed = JSON.parse(body);
			} catch {
				bad = true;
			}
		}
		answer = bad
			? errorAnswer('INVALID_REQUEST', 'The body is not valid JSON: nothing was recorded.', [
					{ field: '(body)', rule: 'json', message: 'the body must be one JSON object' },
				])
			: recordEvent(parsed, accountToday(), nsCollectionsStore);
	} catch (e) {
		answer = failure('POST', e);
	}
	return asText ? JSON.stringify(answer) : (answer as object);
}

/** GET: the worklist or a customer's detail. */
export function handleGet(params: unknown): Answered {
	try {
		return readViews(params, nsCollectionsReader);
	} catch (e) {
		return failure('GET', e);
	}
}
