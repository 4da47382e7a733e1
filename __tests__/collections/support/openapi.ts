/**
 * docs/openapi/collections.yaml for the tests: the document as parsed YAML, its validation by a
 * maintained OpenAPI 3.1 parser (@readme/openapi-parser), and JSON Schema 2020-12 validators (Ajv)
 * of its component schemas, every $ref resolved by that parser.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dereference, validate } from '@readme/openapi-parser';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import * as yaml from 'js-yaml';

export const OPENAPI_FILE = path.join(__dirname, '..', '..', '..', 'docs', 'openapi', 'collections.yaml');

type Doc = Parameters<typeof validate>[0];

export function loadOpenApi(file = OPENAPI_FILE): Record<string, unknown> {
	return yaml.load(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** The parser's verdict on a document: [] when valid, else its error messages. */
export async function openApiProblems(doc: Record<string, unknown>): Promise<string[]> {
	const result = await validate(structuredClone(doc) as Doc);
	return result.valid ? [] : result.errors.map((e) => e.message);
}

/** A validator of components.schemas[name] (formats are documentation; patterns carry the rules). */
export async function schemaValidator(name: string, doc = loadOpenApi()): Promise<ValidateFunction> {
	const resolved = (await dereference(structuredClone(doc) as Doc)) as unknown as {
		components: { schemas: Record<string, object> };
	};
	const schema = resolved.components.schemas[name];
	if (schema === undefined) throw new Error(`docs/openapi/collections.yaml has no schema ${name}`);
	const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
	return ajv.compile(schema);
}

/** Ajv's errors as `path message` lines ([] when the value is valid). */
export function errorsOf(v: ValidateFunction, value: unknown): string[] {
	return v(value) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
