/**
 * The phone's database (IndexedDB, one per origin), shared by the page and the service worker.
 * Bump DB_VERSION and add a step to `upgrade` for any change of stores or indexes.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { OutboxEntry } from '../outbox/schema';

export const DB_NAME = 'congdanso';
export const DB_VERSION = 1;

/** A GET answer kept for reading offline ("last updated" = fetchedAt). */
export interface CachedRead {
  key: string; // `${owner}:${url}`
  owner: string;
  url: string;
  data: unknown;
  fetchedAt: number;
}

export interface ChosenFile {
  key: string;
  name: string;
  type: string;
  size: number;
  blob?: Blob;
  fileId?: string;
}

/** A form being filled in, kept on the phone at every change. */
export interface LocalDraft {
  id: string; // `${owner}:${procedureCode}`
  /** The id the server knows this draft by (PUT /api/v1/drafts/{serverId}). */
  serverId: string;
  owner: string;
  procedureCode: string;
  agencyCode?: string;
  /** What the inputs show (dates as dd/mm/yyyy). */
  values: Record<string, string | boolean>;
  /** Files chosen but not uploaded yet stay here as Blobs. */
  files: ChosenFile[];
  updatedAt: number;
}

export interface Schema extends DBSchema {
  outbox: { key: string; value: OutboxEntry; indexes: { byOwner: string } };
  reads: { key: string; value: CachedRead; indexes: { byOwner: string } };
  drafts: { key: string; value: LocalDraft; indexes: { byOwner: string } };
}

export type Db = IDBPDatabase<Schema>;

let opening: Promise<Db> | null = null;

export function db(): Promise<Db> {
  opening ??= openDB<Schema>(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore('outbox', { keyPath: 'id' }).createIndex('byOwner', 'owner');
        database.createObjectStore('reads', { keyPath: 'key' }).createIndex('byOwner', 'owner');
        database.createObjectStore('drafts', { keyPath: 'id' }).createIndex('byOwner', 'owner');
      }
    },
    blocking() {
      // A newer version of the app wants to upgrade: let it.
      void opening?.then((d) => d.close());
      opening = null;
    },
  });
  return opening;
}
