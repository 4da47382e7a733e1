/**
 * docs/openapi/collections.yaml against the collections RESTlet on the `npm start` sample account
 * (the generated S dataset as of its default date, after its nightly chain): every request example
 * of the document (the five POST event types, both GETs) is sent as written and succeeds, and every
 * real answer (successes, a repeat, refusals) validates against the response schemas; bodies the
 * RESTlet refuses are refused by the request schema too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import * as yaml from 'js-yaml';
import { Emulator } from '../../local/emulator';
import { accountInfo, buildStore } from '../../local/emulator/account';
import { DEFAULT_AS_OF, generateDataset } from '../../local/data/generate';
import { loadSdfProject } from '../../local/sdf/objects';
import { emulatorFor, requireBuilt, ROOT } from '../snapshot/support/harness';
import { handDataset, HAND_AS_OF } from '../snapshot/support/handDataset';

const RL = 'customscript_o2c_collections_rl';
const DEP = 'customdeploy_o2c_collections_rl';
const FILE = path.join(ROOT, 'docs', 'openapi', 'collections.yaml');

interface Operation {
	requestBody?: { content: { 'application/json': { examples: Record<string, { value: unknown }> } } };
	'x-examples'?: Record<string, Record<string, string>>;
	responses: Record<string, unknown>;
}
interface Doc {
	openapi: string;
	paths: Record<string, Record<string, Operation>>;
	components: unknown;
}

const doc = yaml.load(fs.readFileSync(FILE, 'utf8')) as Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ $id: 'oas', components: doc.components });
function validator(name: string): ValidateFunction {
	const v = ajv.getSchema(`oas#/components/schemas/${name}`);
	if (!v) throw new Error(`no schema ${name} in ${FILE}`);
	return v;
}
function problems(name: string, value: unknown): string[] {
	const v = validator(name);
	return v(value) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

const restlet = doc.paths['/app/site/hosting/restlet.nl'];
const postExamples = restlet?.post?.requestBody?.content['application/json'].examples ?? {};
const getExamples = restlet?.get?.['x-examples'] ?? {};

describe('docs/openapi/collections.yaml: the collections RESTlet on the npm start sample account', () => {
	let emu: Emulator;
	beforeAll(() => {
		requireBuilt();
		const project = loadSdfProject(path.join(ROOT, 'src'));
		const ds = generateDataset({ size: 'S' });
		emu = new Emulator({
			projectRoot: ROOT,
			project,
			dataset: ds,
			store: buildStore(ds, DEFAULT_AS_OF, project),
			account: accountInfo(ds, DEFAULT_AS_OF),
		});
		emu.runNight();
	});
	afterAll(() => {
		emu.close();
	});
	const post = (body: unknown): Record<string, unknown> =>
		JSON.parse(emu.callRestlet(RL, DEP, 'POST', body).body) as Record<string, unknown>;

	test('an OpenAPI 3.1 document with a POST example of every event type and both GET examples', () => {
		expect(doc.openapi).toBe('3.1.0');
		expect(Object.keys(postExamples)).toEqual([
			'promise',
			'dispute',
			'dispute_resolution',
			'contact_attempt',
			'contact_details',
		]);
		expect(Object.keys(getExamples)).toEqual(['worklist', 'customer']);
		// the schemas are not vacuous: an answer missing its fields, or with a float amount, fails them
		expect(problems('RlRecorded', { ok: true, type: 'promise' })).toEqual([
			"/ must have required property 'external_id'",
			"/ must have required property 'event_id'",
		]);
		expect(
			problems('RlEvent', { ...(postExamples.promise?.value as object), amount: 17427.98 }).length,
		).toBeGreaterThan(0);
		for (const [name, ex] of Object.entries(postExamples))
			expect([name, problems('RlEvent', ex.value)]).toEqual([name, []]);
	});

	test('every POST example is recorded as written; the answers, and a repeat, match RlRecorded', () => {
		for (const [name, ex] of Object.entries(postExamples)) {
			const answer = post(ex.value);
			expect([name, answer.ok, problems('RlRecorded', answer)]).toEqual([name, true, []]);
			expect(answer.type).toBe(name);
			// the repeat is answered the same and writes nothing
			expect(post(ex.value)).toEqual(answer);
		}
	});

	test('both GET examples succeed and match their schemas; the customer shows what was posted', () => {
		const worklist = JSON.parse(emu.callRestlet(RL, DEP, 'GET', getExamples.worklist).body) as Record<
			string,
			unknown
		>;
		expect(problems('RlWorklist', worklist)).toEqual([]);
		expect(worklist).toMatchObject({ ok: true, kind: 'worklist', page: 1, page_size: 20 });
		// the response examples are real answers of the sample account (after the POST examples)
		const shown = restlet?.get?.responses['200'] as {
			content: { 'application/json': { examples: Record<string, { value: Record<string, unknown> }> } };
		};
		const wlExample = shown.content['application/json'].examples.worklist?.value;
		const { rows: exampleRows, ...exampleHead } = wlExample ?? {};
		expect(worklist).toMatchObject(exampleHead);
		expect((worklist.rows as unknown[])[0]).toEqual((exampleRows as unknown[])[0]);
		expect(problems('RlWorklist', wlExample)).toEqual([]);
		const detail = JSON.parse(emu.callRestlet(RL, DEP, 'GET', getExamples.customer).body) as Record<
			string,
			unknown
		>;
		expect(problems('RlCustomerDetail', detail)).toEqual([]);
		expect(detail).toMatchObject({
			ok: true,
			kind: 'customer',
			customer: { id: 1001, name: 'Lakeshore Supply 1001 LLC', currency: 'USD', subsidiary_id: 1 },
		});
		const cuExample = shown.content['application/json'].examples.customer?.value;
		expect(problems('RlCustomerDetail', cuExample)).toEqual([]);
		expect((detail.open_items as unknown[])[0]).toEqual((cuExample?.open_items as unknown[])[0]);
		const promises = detail.promises as { external_id: string; amount: string; status: string }[];
		expect(promises.map((p) => [p.external_id, p.amount, p.status])).toContainEqual([
			'crm-promise-7781',
			'17427.98',
			'pending',
		]);
		const disputes = detail.disputes as { external_id: string; status: string; resolution: string | null }[];
		expect(disputes.map((d) => [d.external_id, d.status, d.resolution])).toEqual([
			['crm-dispute-552', 'resolved', 'invoice_corrected'],
		]);
	});

	test('refusals match RlError, and the request schema refuses those bodies too', () => {
		const promise = postExamples.promise?.value as Record<string, unknown>;
		const bodies: unknown[] = [
			{ ...promise, external_id: 'crm-promise-7781', amount: '1.00' }, // other content, same id
			{ ...promise, external_id: 'crm-p-2', amount: 17427.98 }, // a JSON number for money
			{ ...promise, external_id: 'crm-p-3', promised_date: '2026-02-30' },
			{ ...promise, external_id: 'crm-p-4', colour: 'red' },
			[],
		];
		const answers = bodies.map(post);
		for (const a of answers) expect(problems('RlError', a)).toEqual([]);
		expect(answers.map((a) => (a.error as { code: string }).code)).toEqual([
			'EXTERNAL_ID_CONFLICT',
			'INVALID_REQUEST',
			'INVALID_REQUEST',
			'INVALID_REQUEST',
			'INVALID_REQUEST',
		]);
		// the schema knows neither the conflict nor the calendar (02-30); the shape errors it refuses too
		for (const b of [bodies[1], bodies[3], bodies[4]]) expect(problems('RlEvent', b).length).toBeGreaterThan(0);
		const bad = JSON.parse(emu.callRestlet(RL, DEP, 'GET', { page_size: '500' }).body) as Record<string, unknown>;
		expect(problems('RlError', bad)).toEqual([]);
	});

	test('governance: a call uses the same few units on the 200-customer sample as on the 4-customer hand account', () => {
		const units = (e: Emulator, call: () => void): number => {
			const before = e.governanceLog.length;
			call();
			const mine = e.governanceLog.slice(before).filter((g) => g.script === RL);
			expect(mine.map((g) => g.unitsLimit)).toEqual([5000]);
			return mine[0]?.unitsUsed ?? -1;
		};
		const attempt = (customerId: number, ext: string): Record<string, unknown> => ({
			type: 'contact_attempt',
			external_id: ext,
			customer_id: customerId,
			outcome: 'no_answer',
		});
		const hand = emulatorFor(handDataset(), HAND_AS_OF);
		try {
			hand.runNight();
			const measure = (e: Emulator, customerId: number): number[] => [
				units(e, () => e.callRestlet(RL, DEP, 'GET', { page: '1', page_size: '200' })),
				units(e, () => e.callRestlet(RL, DEP, 'GET', { customer_id: String(customerId) })),
				units(e, () => e.callRestlet(RL, DEP, 'POST', attempt(customerId, 'gov-1'))),
				units(e, () => e.callRestlet(RL, DEP, 'POST', attempt(customerId, 'gov-1'))), // the repeat
			];
			const onSample = measure(emu, 1001);
			const onHand = measure(hand, 100);
			// a fixed number of searches and writes per call: 80, 110, 54 and 20 of the 5,000 units
			expect(onSample).toEqual(onHand);
			expect(onSample).toEqual([80, 110, 54, 20]);
		} finally {
			hand.close();
		}
	});
});
