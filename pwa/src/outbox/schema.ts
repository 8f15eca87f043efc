/**
 * Outbox entries: writes made on the phone, delivered to the API when it can be reached.
 * `v` is the entry format's version; the replay refuses (keeps) entries of a newer format.
 */
import type { Problem } from '../api/client';

export const ENTRY_VERSION = 1;

export type EntryState = 'pending' | 'sending' | 'retrying' | 'failed' | 'expired';

/** A file to upload (POST /api/v1/attachments) before the entry itself; its id joins the body. */
export interface OutboxFile {
  /** Idempotency-Key of the upload. */
  key: string;
  name: string;
  type: string;
  blob: Blob;
  fileId?: string;
}

export interface OutboxEntry {
  v: number;
  /** Also the request's Idempotency-Key: a replay after a lost answer creates nothing new. */
  id: string;
  /** The user whose session sends it. */
  owner: string;
  /** What it is: submit, supplement, draft, or a feature's own kind (desk action, rating…). */
  kind: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  files?: OutboxFile[];
  /** The body field that receives the uploaded files' ids (e.g. attachment_ids). */
  filesField?: string;
  /** A newer entry with the same key replaces a waiting one (e.g. saving the same draft). */
  coalesceKey?: string;
  /** What the person sees in the pending list, in both languages. */
  label: { vi: string; en: string };
  /** Where the person can look at or fix it. */
  link?: string;
  state: EntryState;
  attempts: number;
  createdAt: number;
  /** The person asked to send it again (after it expired or failed): retention counts from here. */
  renewedAt?: number;
  updatedAt: number;
  nextAttemptAt: number;
  /** HTTP status of the last answer, and its problem for a 4xx to show. */
  lastStatus?: number;
  problem?: Problem;
}

/** The storage the replay works on (IndexedDB in the app; any list in unit tests). */
export interface OutboxStore {
  list(owner?: string): Promise<OutboxEntry[]>;
  put(entry: OutboxEntry): Promise<void>;
  delete(id: string): Promise<void>;
}

export type OutboxEvent =
  | { type: 'changed' }
  | { type: 'delivered'; id: string; kind: string; response: unknown }
  | { type: 'failed'; id: string; kind: string; problem: Problem };
