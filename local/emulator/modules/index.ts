/**
 * The N/* module registry: which emulated module serves which id. N/search comes from
 * modules/search.ts (written alongside the runtime) when it exists; tests and callers can add or
 * replace factories through EmulatorOptions.modules.
 */
import type { ModuleFactory, RuntimeContext } from '../services';
import { createLogModule } from './log';
import { createErrorModule } from './error';
import { createRuntimeModule } from './runtime';
import { createFormatModule } from './format';
import { createCacheModule } from './cache';
import { createTaskModule } from './task';
import { createEmailModule } from './email';
import { createHttpsModule } from './https';
import { createRecordModule } from './record';
import { createUrlModule } from './url';
import { createConfigModule } from './config';
import { createDatasetModule } from './dataset';
import { createWorkbookModule } from './workbook';
import { guard } from './guard';

/** What modules/search.ts offers the runtime (all optional: the file is written in parallel). */
export interface SearchModuleFile {
	createSearchModule?: (ctx: RuntimeContext) => object;
	/** a map/reduce input search's results, each JSON.stringify'd as map receives them, charging nothing */
	runForMapReduceInput?: (ctx: RuntimeContext, searchOrRef: unknown) => string[];
	isSearchObject?: (x: unknown) => boolean;
}

let searchFile: SearchModuleFile | null | undefined;

/** modules/search.ts, if that file exists. */
export function searchModuleFile(): SearchModuleFile | null {
	if (searchFile !== undefined) return searchFile;
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- optional module: a static import fails to build without the file
		searchFile = require('./search') as SearchModuleFile;
	} catch (e) {
		const err = e as { code?: string; message?: string };
		if (err.code === 'MODULE_NOT_FOUND' && /['"]\.\/search['"]/.test(String(err.message))) searchFile = null;
		else throw e;
	}
	return searchFile;
}

/**
 * The default N/search factory: modules/search.ts's createSearchModule, loaded on first use (so
 * a problem in that file only affects scripts that use N/search, and callers replacing N/search
 * never load it). Without the file, N/search loads and every use throws EMULATOR_UNSUPPORTED.
 */
export const defaultSearchFactory: ModuleFactory = (ctx) => {
	const m = searchModuleFile();
	if (m && typeof m.createSearchModule === 'function') return m.createSearchModule(ctx);
	return guard('N/search', {});
};

export function defaultModuleFactories(): Record<string, ModuleFactory> {
	const f: Record<string, ModuleFactory> = {
		'N/log': createLogModule,
		'N/error': createErrorModule,
		'N/runtime': createRuntimeModule,
		'N/format': createFormatModule,
		'N/cache': createCacheModule,
		'N/task': createTaskModule,
		'N/email': createEmailModule,
		'N/https': (ctx) => createHttpsModule(ctx, 'https'),
		'N/http': (ctx) => createHttpsModule(ctx, 'http'),
		'N/record': createRecordModule,
		'N/url': createUrlModule,
		'N/config': createConfigModule,
		'N/dataset': createDatasetModule,
		'N/workbook': createWorkbookModule,
	};
	f['N/search'] = defaultSearchFactory;
	return f;
}
