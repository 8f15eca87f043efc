/** Drafts: on the phone at every change (IndexedDB), on the server now and then (through the outbox). */
import { get } from '../../api/client';
import { relogin } from '../../auth/session';
import { enqueue, onOutboxEvent, flush } from '../../outbox';
import type { OutboxEvent } from '../../outbox/schema';
import { type LocalDraft, db } from '../../storage/db';

export const localId = (owner: string, code: string): string => `${owner}:${code}`;

export async function loadLocal(owner: string, code: string): Promise<LocalDraft | undefined> {
  return (await db()).get('drafts', localId(owner, code));
}

export async function saveLocal(draft: LocalDraft): Promise<void> {
  await (await db()).put('drafts', draft);
}

export async function deleteLocal(owner: string, code: string): Promise<void> {
  await (await db()).delete('drafts', localId(owner, code));
}

/** The newest server draft for this procedure (another phone, or this one before a reinstall). */
export async function loadServer(code: string): Promise<{ id: string; formData: Record<string, unknown> } | undefined> {
  const list = await get('/api/v1/drafts', { auth: true });
  const found = list.items.find((d) => d.procedure_code === code);
  return found ? { id: found.draft_id, formData: found.form_data } : undefined;
}

export async function saveServer(
  draft: LocalDraft,
  formData: Record<string, unknown>,
  label: { vi: string; en: string },
): Promise<void> {
  await enqueue({
    kind: 'draft',
    method: 'PUT',
    url: `/api/v1/drafts/${draft.serverId}`,
    body: { procedure_code: draft.procedureCode, form_data: formData, attachment_ids: [] },
    coalesceKey: `draft:${draft.serverId}`,
    label,
  });
}

export type Outcome = Extract<OutboxEvent, { type: 'delivered' | 'failed' }> | null;

/** Send now and tell what became of entry `id`: delivered, failed (4xx), or null (still waiting). */
export async function sendAndWait(id: string): Promise<Outcome> {
  let outcome: Outcome = null;
  const off = onOutboxEvent((event) => {
    if ((event.type === 'delivered' || event.type === 'failed') && event.id === id) outcome = event;
  });
  let report: Awaited<ReturnType<typeof flush>> = null;
  try {
    report = await flush();
  } finally {
    off();
  }
  if (outcome) return outcome;
  // The session ended (this entry or one before it met a 401): ask the person to log in again
  // over the form, then send.
  if (report?.stopped === 'login' && (await relogin())) return sendAndWait(id);
  return null;
}
