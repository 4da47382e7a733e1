/**
 * Test harness of the collections push: an emulated account from a dataset, the API secret, the
 * endpoint set on the push deployment as an admin would, the local receiver in a child process.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator, type EmulatorOptions } from '../../../local/emulator';
import { accountInfo, buildStore } from '../../../local/emulator/account';
import type { RawValue } from '../../../local/emulator/store';
import type { Dataset } from '../../../local/data/dataset';
import { loadSdfProject } from '../../../local/sdf/objects';
import { setDeploymentParam } from '../../../local/sdf/params';

export const ROOT = path.join(__dirname, '..', '..', '..');
export const PUSH = 'customscript_o2c_collections_push_mr';
export const PUSH_DEPLOY = 'customdeploy_o2c_collections_push_mr';
export const OUTBOX = 'customrecord_o2c_push_outbox';
export const SECRET = 'custsecret_o2c_collections_token';

/** A token that looks like a real one (and is easy to grep for). */
export function testToken(): string {
	return `tok_${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}

export function pushEmulator(
	ds: Dataset,
	asOf: string,
	o: { url?: string; token?: string; outDir?: string; https?: EmulatorOptions['https'] } = {},
): Emulator {
	const project = loadSdfProject(path.join(ROOT, 'src'));
	if (o.url !== undefined) setDeploymentParam(project, PUSH, PUSH_DEPLOY, 'custscript_o2c_cp_url', o.url);
	return new Emulator({
		projectRoot: ROOT,
		project,
		dataset: ds,
		store: buildStore(ds, asOf, project),
		account: accountInfo(ds, asOf),
		...(o.token !== undefined ? { secrets: { [SECRET]: o.token } } : {}),
		...(o.outDir !== undefined ? { outDir: o.outDir } : {}),
		...(o.https ? { https: o.https } : {}),
	});
}

export function outbox(emu: Emulator): Record<string, RawValue>[] {
	return [...emu.store.all(OUTBOX)].map((r) => r.values).sort((a, b) => Number(a.internalid) - Number(b.internalid));
}

export function tmpDir(name: string): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), `o2c-${name}-`));
}
