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

/** modules/search.ts's factory, if that file exists (it is written in parallel with this one). */
function searchFactory(): ModuleFactory | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const m = require('./search') as { createSearchModule?: (ctx: RuntimeContext) => object };
    return typeof m.createSearchModule === 'function' ? m.createSearchModule : undefined;
  } catch (e) {
    const err = e as { code?: string; message?: string };
    if (err.code === 'MODULE_NOT_FOUND' && /['"]\.\/search['"]/.test(String(err.message))) return undefined;
    throw e;
  }
}

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
  };
  const search = searchFactory();
  if (search) f['N/search'] = search;
  return f;
}
