/** The outbox in IndexedDB, and the channel that tells every tab (and the worker) it changed. */
import { db } from '../storage/db';
import type { OutboxEntry, OutboxEvent, OutboxStore } from './schema';

export const OUTBOX_CHANNEL = 'cds-outbox';
export const SYNC_TAG = 'cds-outbox';
export const OUTBOX_LOCK = 'cds-outbox';

export const idbStore: OutboxStore = {
  async list(owner) {
    const database = await db();
    const entries = owner
      ? await database.getAllFromIndex('outbox', 'byOwner', owner)
      : await database.getAll('outbox');
    return entries.sort((a, b) => a.createdAt - b.createdAt);
  },
  async put(entry: OutboxEntry) {
    await (await db()).put('outbox', entry);
  },
  async delete(id: string) {
    await (await db()).delete('outbox', id);
  },
};

/** Tell other contexts; BroadcastChannel does not echo to its sender, so `local` gets it too. */
export function publish(event: OutboxEvent, local?: (event: OutboxEvent) => void): void {
  local?.(event);
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(OUTBOX_CHANNEL);
  channel.postMessage(event);
  channel.close();
}
