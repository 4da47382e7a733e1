/**
 * docs/openapi/collections.yaml, the contract with the calling system: a valid OpenAPI 3.1
 * document (checked by @readme/openapi-parser, which also refuses a broken copy), and the requests
 * the push map/reduce really sends on the emulator (bodies and Idempotency-Key headers, as the
 * local receiver got them) validate against its schemas, while payloads off the contract do not.
 */
import * as path from 'node:path';
import { readReceived, spawnReceiver } from '../../local/collectionsReceiver';
import { D, pushDataset } from './support/pushDataset';
import { PUSH, pushEmulator, testToken, tmpDir } from './support/pushHarness';
import { errorsOf, loadOpenApi, openApiProblems, schemaValidator } from './support/openapi';

type Json = Record<string, unknown>;

describe('docs/openapi/collections.yaml', () => {
	it('is a valid OpenAPI 3.1 document, and the parser refuses a broken copy', async () => {
		const doc = loadOpenApi();
		expect(doc.openapi).toBe('3.1.0');
		expect(await openApiProblems(doc)).toEqual([]);

		// a Swagger 2 habit (a parameter `in: body`) and a $ref to nothing: both refused
		const broken = structuredClone(doc) as {
			paths: Record<string, { post: { parameters: Json[]; requestBody: Json } }>;
		};
		const post = broken.paths['/v1/collections/push']?.post;
		if (post === undefined) throw new Error('no POST /v1/collections/push');
		const inBody = structuredClone(broken);
		const param = inBody.paths['/v1/collections/push']?.post.parameters[0];
		if (param) param.in = 'body';
		expect((await openApiProblems(inBody as Json)).join('\n')).toMatch(/\(query, header, path, cookie\)/);
		post.requestBody = {
			content: { 'application/json': { schema: { $ref: '#/components/schemas/NoSuchSchema' } } },
		};
		expect((await openApiProblems(broken as Json)).join('\n')).toMatch(/NoSuchSchema/);
	});

	it("the document's own example validates against CollectionsPush", async () => {
		const doc = loadOpenApi() as {
			paths: Record<string, { post: { requestBody: { content: Record<string, { example: unknown }> } } }>;
		};
		const example = doc.paths['/v1/collections/push']?.post.requestBody.content['application/json']?.example;
		expect(errorsOf(await schemaValidator('CollectionsPush'), example)).toEqual([]);
	});

	it('the payloads and keys the push sends validate; payloads off the contract are refused', async () => {
		const push = await schemaValidator('CollectionsPush');
		const keyOk = await schemaValidator('IdempotencyKey');
		const token = testToken();
		const receiver = await spawnReceiver(path.join(tmpDir('openapi'), 'received.ndjson'), 'ok', token);
		const emu = pushEmulator(pushDataset(), D, { url: receiver.url, token });
		try {
			emu.runMapReduce('customscript_o2c_cust_metrics_mr');
			expect(emu.runMapReduce(PUSH).status).toBe('COMPLETE');
		} finally {
			emu.close();
			receiver.stop();
		}
		const posts = readReceived(receiver.file).filter((l) => l.method === 'POST');
		expect(posts.map((p) => (p.body as Json).customer_id)).toEqual(['100', '102']);
		for (const p of posts) {
			expect(errorsOf(push, p.body)).toEqual([]);
			expect(errorsOf(keyOk, p.headers['idempotency-key'])).toEqual([]);
		}

		const good = posts[0]?.body as Json;
		expect(errorsOf(push, { ...good, overdue_amount: 2000 })).toEqual(['/overdue_amount must be string']);
		expect(errorsOf(push, { ...good, overdue_amount: '2,000.00' })).toEqual([
			'/overdue_amount must match pattern "^-?[0-9]+\\.[0-9]{2}$"',
		]);
		expect(errorsOf(push, { ...good, as_of: '31/03/2026' })).toEqual([
			'/as_of must match pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"',
		]);
		expect(errorsOf(push, { ...good, api_key: 'x' })).toEqual(['/ must NOT have additional properties']);
		const noCurrency = { ...good };
		delete noCurrency.currency;
		expect(errorsOf(push, noCurrency)).toEqual(["/ must have required property 'currency'"]);
		expect(errorsOf(keyOk, 'o2c-100-2026-03-31-abc')).toEqual([
			'/ must match pattern "^o2c-[0-9]+-[0-9]{8}-[0-9a-f]{16}$"',
		]);
	});
});
