/**
 * What the collections RESTlet reads and writes, as ports (the NetSuite implementation is
 * adapters/collections/nsCollectionsStore.ts). Every write that must happen once is keyed by an
 * external id, which NetSuite keeps unique per record type: `createUnique` answers the record that
 * already holds the key instead of a second one, so two concurrent requests converge on one record
 * without relying on being serialised.
 */
import type { CalendarDate } from '../../domain/calendarDate';
import type { ContactOutcome, DisputeReason, DisputeResolution, EventType } from '../../domain/collections/events';

export interface CustomerFacts {
	readonly id: number;
	readonly name: string;
	/** ISO code of the customer's currency */
	readonly currency: string;
	readonly subsidiaryId: number;
	readonly inactive: boolean;
}

export interface InvoiceFacts {
	readonly id: number;
	readonly tranId: string;
	readonly customerId: number;
	/** ISO code of the invoice currency */
	readonly currency: string;
	/** open amount in the invoice currency (minor units) */
	readonly openMinor: number;
	readonly disputed: boolean;
}

/** A stored event (the journal): what was received under an external id and what was answered. */
export interface StoredEvent {
	readonly id: number;
	readonly type: string;
	readonly digest: string;
	/** the answer given (JSON), '' while the event is being applied (or its request died) */
	readonly result: string;
}

export interface DisputeFacts {
	readonly id: number;
	readonly customerId: number;
	readonly invoiceId: number;
	readonly externalId: string;
	readonly status: 'open' | 'resolved';
}

/** The record `createUnique` made or found: `created` false when the key was already held. */
export interface UniqueRecord {
	readonly id: number;
	readonly created: boolean;
	/** the external id of the event that made it (its `_ext_id` field) */
	readonly eventExternalId: string;
}

export interface NewPromise {
	readonly customerId: number;
	readonly madeOn: CalendarDate;
	readonly promisedDate: CalendarDate;
	readonly amountMinor: number;
	readonly currency: string;
	readonly invoiceIds: readonly number[];
	/** open amount of the invoices when promised, invoice currency */
	readonly openAtMinor: number;
	readonly note: string;
}

export interface NewDispute {
	readonly customerId: number;
	readonly invoiceId: number;
	readonly reason: DisputeReason;
	readonly text: string;
	readonly openedOn: CalendarDate;
}

export interface NewResolution {
	readonly disputeId: number;
	readonly resolution: DisputeResolution;
	readonly text: string;
	readonly on: CalendarDate;
}

export interface NewContactAttempt {
	readonly customerId: number;
	readonly outcome: ContactOutcome;
	readonly on: CalendarDate;
	readonly nextActionDate: CalendarDate | null;
	readonly collector: string;
	readonly note: string;
}

export interface NewContact {
	readonly customerId: number;
	readonly name: string;
	readonly email: string;
	readonly phone: string;
	readonly jobTitle: string;
	readonly on: CalendarDate;
}

export type UniqueKind = 'promise' | 'dispute' | 'resolution' | 'contact_attempt' | 'contact';

export interface CollectionsStore {
	customer(id: number): CustomerFacts | null;
	/** the invoices with these internal ids (missing ones are left out) */
	invoices(ids: readonly number[]): InvoiceFacts[];
	/** the event stored under this external id key (lower-cased), if any */
	findEvent(key: string): StoredEvent | null;
	/** stores a new event under the key; null when another request holds the key already */
	createEvent(
		key: string,
		e: { type: EventType; externalId: string; digest: string; customerId: number | null; on: CalendarDate },
	): number | null;
	completeEvent(id: number, result: string): void;
	/** removes an event whose request was refused after it was stored (it lost a race) */
	dropEvent(id: number): void;
	disputeByExternalId(externalId: string): DisputeFacts | null;
	/** the open dispute of an invoice, if any */
	openDisputeOf(invoiceId: number): DisputeFacts | null;
	createPromise(key: string, eventExternalId: string, p: NewPromise): UniqueRecord;
	createDispute(key: string, eventExternalId: string, d: NewDispute): UniqueRecord;
	createResolution(key: string, eventExternalId: string, r: NewResolution): UniqueRecord;
	createContactAttempt(key: string, eventExternalId: string, a: NewContactAttempt): UniqueRecord;
	createContact(key: string, eventExternalId: string, c: NewContact): UniqueRecord;
	/** sets custbody_o2c_disputed of the invoice */
	setInvoiceDisputed(invoiceId: number, disputed: boolean): void;
	/** marks the dispute resolved and frees its per-invoice key (a new dispute may open) */
	closeDispute(dispute: DisputeFacts, r: NewResolution): void;
}
