/**
 * Fixtures shared by the account and N/search tests: a meter that records every charge, a
 * transaction builder, the project's real SDF objects (so the tests see exactly the custom
 * records and fields src/Objects declares), and small assertion helpers.
 */
import * as path from 'path';
import type { Meter } from '../../local/emulator/context';
import type { DsTransaction } from '../../local/data/dataset';
import type { SdfProject } from '../../local/sdf/types';
import { loadSdfProject } from '../../local/sdf/objects';

/** A Meter that records each charge and never runs out below its limit. */
export class RecordingMeter implements Meter {
  readonly calls: { api: string; units: number }[] = [];
  private usedUnits = 0;
  constructor(readonly limit = 10_000) {}
  charge(units: number, api: string): void {
    this.calls.push({ api, units });
    this.usedUnits += units;
  }
  remaining(): number {
    return this.limit - this.usedUnits;
  }
  used(): number {
    return this.usedUnits;
  }
  /** units charged per API since the `from`-th call */
  since(from: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of this.calls.slice(from)) out[c.api] = (out[c.api] ?? 0) + c.units;
    return out;
  }
}

/** A USD transaction of customer 100 in subsidiary 1, with whatever the test overrides. */
export function tx(t: Partial<DsTransaction> & Pick<DsTransaction, 'id' | 'type' | 'tranDate' | 'amount'>): DsTransaction {
  return { tranId: `T-${t.id}`, entity: 100, subsidiary: 1, currency: 'USD', exchangeRate: 1, ...t };
}

let real: SdfProject | undefined;

/** The project's own src/Objects, parsed once. */
export function projectObjects(): SdfProject {
  real = real ?? loadSdfProject(path.join(__dirname, '..', '..', 'src'));
  return real;
}

/** The same project without any custom record type (for "type not defined" errors). */
export function projectWithoutCustomRecords(): SdfProject {
  return { ...projectObjects(), customRecordTypes: new Map() };
}

/** The error a call throws (fails the test when it does not throw). */
export function errorOf(fn: () => unknown): { name: string; message: string } {
  try {
    fn();
  } catch (e) {
    return e as { name: string; message: string };
  }
  throw new Error('expected an error');
}

/** The main-line filter every transaction search carries. */
export const ML = ['mainline', 'is', 'T'];
