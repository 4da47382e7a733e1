/** The reminder account in the emulator, and the records an admin creates to turn reminders on. */
import * as path from 'path';
import { Emulator } from '../../../local/emulator';
import type { EmulatorOptions } from '../../../local/emulator/runners';
import { createRuntimeModule } from '../../../local/emulator/modules/runtime';
import { accountInfo, buildStore } from '../../../local/emulator/account';
import type { Dataset } from '../../../local/data/dataset';
import { loadSdfProject } from '../../../local/sdf/objects';
import { requireBuilt, ROOT } from '../../snapshot/support/harness';
import { REM_FROM, reminderDataset } from './reminderDataset';

export function reminderEmulator(
	ds: Dataset = reminderDataset(),
	asOf = REM_FROM,
	modules?: EmulatorOptions['modules'],
): Emulator {
	requireBuilt();
	const project = loadSdfProject(path.join(ROOT, 'src'));
	return new Emulator({
		projectRoot: ROOT,
		project,
		dataset: ds,
		store: buildStore(ds, asOf, project),
		account: accountInfo(ds, asOf),
		...(modules ? { modules } : {}),
	});
}

/** N/runtime whose getRemainingUsage reports, to `scriptId` only, `hidden` units fewer than it has (units running short). */
export function runtimeShortBy(hidden: number, scriptId: string): NonNullable<EmulatorOptions['modules']> {
	return {
		'N/runtime': (ctx) => {
			const real = createRuntimeModule(ctx) as {
				getCurrentScript: () => { id: string; getRemainingUsage: () => number };
			};
			return new Proxy(real, {
				get(t, p, r) {
					if (p !== 'getCurrentScript') return Reflect.get(t, p, r) as unknown;
					return () => {
						const script = t.getCurrentScript();
						if (script.id !== scriptId) return script;
						return new Proxy(script, {
							get: (s, q, rr) =>
								q === 'getRemainingUsage'
									? () => script.getRemainingUsage() - hidden
									: (Reflect.get(s, q, rr) as unknown),
						});
					};
				},
			});
		},
	};
}

/** A record the admin creates in the UI. */
export function adminRecord(
	emu: Emulator,
	type: string,
	values: Record<string, string | number | boolean | null>,
): number {
	const id = emu.store.nextId(type);
	emu.store.put({
		type,
		id,
		values: {
			name: `${type} ${String(id)}`,
			isinactive: false,
			created: emu.asOf,
			lastmodified: emu.asOf,
			...values,
		},
		texts: {},
	});
	return id;
}

/** Reminders on for the account (levels −2, 3, 7), off for the EU subsidiary; the admin's level-7 template. */
export function turnRemindersOn(emu: Emulator): void {
	adminRecord(emu, 'customrecord_o2c_reminder_setting', {
		custrecord_o2c_rs_subsidiary: null,
		custrecord_o2c_rs_enabled: true,
		custrecord_o2c_rs_levels: '-2, 3, 7',
	});
	adminRecord(emu, 'customrecord_o2c_reminder_setting', {
		custrecord_o2c_rs_subsidiary: 2,
		custrecord_o2c_rs_enabled: false,
		custrecord_o2c_rs_levels: '',
	});
	adminRecord(emu, 'customrecord_o2c_reminder_tpl', {
		custrecord_o2c_rt_level: 7,
		custrecord_o2c_rt_subsidiary: null,
		custrecord_o2c_rt_subject: 'Final notice for {customer}: {total}',
		custrecord_o2c_rt_body: 'Hello {customer},\n\n{invoices}\n\nPlease pay within 5 days.',
	});
}
