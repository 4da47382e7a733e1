/**
 * The emulated account's record store: every record the emulated N/search and N/record serve,
 * standard (customer, subsidiary, term, currency, employee, invoice, creditmemo, customerpayment,
 * salesorder) and custom (customrecord_o2c_*), kept as NetSuite field ids -> raw values.
 *
 * Raw values are stored in their natural JS form: numbers as numbers, dates as 'YYYY-MM-DD'
 * strings, checkboxes as booleans, selects as the internal id (number) with the display text in
 * `texts`. The N/search and N/record emulations convert to what NetSuite returns (strings in the
 * user's date format, numbers as strings in search results, ...).
 *
 * Shared by the search engine and the record module; owned by the emulator.
 */
export type RawValue = string | number | boolean | null | number[];

export interface StoredRecord {
  /** NetSuite record type id: 'customer', 'invoice', 'customrecord_o2c_promise', ... */
  type: string;
  id: number;
  values: Record<string, RawValue>;
  /** display text of select fields (getText), keyed like values */
  texts: Record<string, string>;
}

export class RecordStore {
  private readonly byType = new Map<string, Map<number, StoredRecord>>();
  private readonly lastId = new Map<string, number>();

  /** Insert or replace a record (ids are unique per type). */
  put(rec: StoredRecord): void {
    let m = this.byType.get(rec.type);
    if (!m) {
      m = new Map();
      this.byType.set(rec.type, m);
    }
    m.set(rec.id, rec);
    if ((this.lastId.get(rec.type) ?? 0) < rec.id) this.lastId.set(rec.type, rec.id);
  }

  get(type: string, id: number): StoredRecord | undefined {
    return this.byType.get(type)?.get(id);
  }

  delete(type: string, id: number): boolean {
    return this.byType.get(type)?.delete(id) ?? false;
  }

  /** All records of a type in id order of insertion. */
  all(type: string): IterableIterator<StoredRecord> {
    return (this.byType.get(type) ?? new Map<number, StoredRecord>()).values();
  }

  count(type: string): number {
    return this.byType.get(type)?.size ?? 0;
  }

  types(): string[] {
    return [...this.byType.keys()];
  }

  /** Next free internal id for a new record of this type. */
  nextId(type: string): number {
    const next = (this.lastId.get(type) ?? 0) + 1;
    this.lastId.set(type, next);
    return next;
  }
}
