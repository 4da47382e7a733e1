/**
 * The promise job over several executions of one night (app/collections/matchPromises.ts, fake
 * ports): each execution can afford two promises (remaining units 339: (339 - 100) / 80 = 2, and
 * each promise read costs 80), the account has five promises still pending (promised for after the
 * night) and one broken. Every execution resumes after the last promise the previous one examined,
 * so the night ends after four executions (the last finds nothing after promise 6) with each
 * promise read once; restarting from the first
 * promise instead would read promises 1 and 2 in every execution and never end (the L benchmark
 * hit the emulator's 500 task runs that way).
 */
import { parseCalendarDate as d } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import type { PendingPromise } from '../../src/TypeScripts/o2c_dso/domain/collections/promiseMatch';
import {
	matchPromises,
	type PromiseMatchPorts,
	type PromiseMatchResult,
} from '../../src/TypeScripts/o2c_dso/app/collections/matchPromises';

const NIGHT = d('2026-05-04');
const promise = (id: number, promisedDate: string): PendingPromise => ({
	id,
	customerId: 100,
	madeOn: d('2026-04-20'),
	promisedDate: d(promisedDate),
	amountMinor: 10000,
	currency: 'USD',
	invoiceIds: [],
});
// ids 1-6; id 4 was due 05-01 and nothing was paid: broken; the others are due after the night
const PROMISES = [1, 2, 3, 4, 5, 6].map((id) => promise(id, id === 4 ? '2026-05-01' : '2026-05-20'));

function execution(read: number[], decided: number[], resumeAfter: number): PromiseMatchResult {
	let remaining = 339;
	const ports: PromiseMatchPorts = {
		pending: (night, afterId, limit) => {
			expect(night).toBe(NIGHT);
			const batch = PROMISES.filter((p) => p.id > afterId && !decided.includes(p.id)).slice(0, limit);
			remaining -= 80 * batch.length;
			read.push(...batch.map((p) => p.id));
			return batch;
		},
		facts: (ps) => new Map(ps.map((p) => [p.id, { payments: [], openMinor: null }])),
		record: (p, decision) => {
			expect(decision.status).toBe('broken');
			decided.push(p.id);
		},
		interruptedEscalations: () => [],
		ensureTask: () => true,
		customer: () => ({ name: 'Acme', subsidiaryId: 1 }),
		arClerk: () => null,
		promiseUrl: () => null,
		send: () => undefined,
		setEmailState: () => undefined,
		remainingUnits: () => remaining,
		error: () => undefined,
	};
	return matchPromises(ports, NIGHT, 0, resumeAfter);
}

test('a night with more pending promises than one execution can read ends, each promise read once', () => {
	const read: number[] = [];
	const decided: number[] = [];
	const results: PromiseMatchResult[] = [];
	let resumeAfter = 0;
	for (let i = 0; i < 10; i++) {
		const r = execution(read, decided, resumeAfter);
		results.push(r);
		if (!r.more) break;
		resumeAfter = r.resumeAfter;
	}
	expect(results.map((r) => [r.more, r.resumeAfter, r.stillPending, r.decided.broken])).toEqual([
		[true, 2, 2, 0],
		[true, 4, 1, 1],
		[true, 6, 2, 0], // a full batch: it cannot know it was the last one
		[false, 6, 0, 0], // nothing left after 6: the night continues
	]);
	expect(read).toEqual([1, 2, 3, 4, 5, 6]);
	expect(decided).toEqual([4]);
});

test('the first execution of a night starts from the first promise', () => {
	const read: number[] = [];
	expect(execution(read, [], 0).resumeAfter).toBe(2);
	expect(read).toEqual([1, 2]);
});
