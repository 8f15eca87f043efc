/** The outbox rules, as pure functions: what an answer means, when to try again, when to give up. */
import type { OutboxEntry } from './schema';

/** Pending entries older than this stop being sent and are shown as expired (not deleted). */
export const RETENTION_MS = 7 * 24 * 3600 * 1000;
/**
 * Failed or expired draft saves are removed after this (the draft itself is on the phone). Other
 * entries hold work nowhere else (a submission and its files): they stay until the person discards
 * them in the pending view.
 */
export const PURGE_AFTER_MS = 30 * 24 * 3600 * 1000;
const PURGEABLE_KINDS = new Set(['draft']);
export const BACKOFF = { baseMs: 2_000, maxMs: 10 * 60_000, jitter: 0.2 };

export type Verdict = 'delivered' | 'fix' | 'retry' | 'login';

/**
 * Only a 2xx dequeues. 401 waits for a session. 408, 425, 429 and a 409 "request in progress"
 * are temporary. Any other 4xx is for the person to fix. 5xx and no answer retry with backoff.
 */
export function classify(status: number | null, problemType?: string): Verdict {
  if (status === null) return 'retry';
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 401) return 'login';
  if (status === 408 || status === 425 || status === 429) return 'retry';
  if (status === 409 && problemType?.endsWith('/request-in-progress')) return 'retry';
  if (status >= 400 && status < 500) return 'fix';
  return 'retry';
}

/** Exponential backoff with jitter: 2 s, 4 s, 8 s … capped at 10 minutes. */
export function backoff(attempts: number, random: () => number = Math.random, retryAfterMs?: number): number {
  const exp = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = exp * (1 - BACKOFF.jitter + 2 * BACKOFF.jitter * random());
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}

export function isDue(entry: OutboxEntry, now: number): boolean {
  return (entry.state === 'pending' || entry.state === 'retrying' || entry.state === 'sending') && entry.nextAttemptAt <= now;
}

/** What to do with stored entries now: expire the too old, purge long-forgotten draft saves. */
export function sweep(entries: OutboxEntry[], now: number): { expire: OutboxEntry[]; purge: string[] } {
  const expire: OutboxEntry[] = [];
  const purge: string[] = [];
  for (const entry of entries) {
    const waiting = entry.state !== 'failed' && entry.state !== 'expired';
    if (waiting && now - (entry.renewedAt ?? entry.createdAt) > RETENTION_MS) expire.push({ ...entry, state: 'expired', updatedAt: now });
    else if (!waiting && PURGEABLE_KINDS.has(entry.kind) && now - entry.updatedAt > PURGE_AFTER_MS) purge.push(entry.id);
  }
  return { expire, purge };
}

/** Retry-After (seconds or an HTTP date) in ms. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The person asks to send an entry again (expired or failed): due now, and retention starts over,
 * or the next round would expire an old entry again before sending it. Its place in the queue
 * (createdAt) is kept.
 */
export function revive(entry: OutboxEntry, now: number): OutboxEntry {
  return { ...entry, state: 'pending', nextAttemptAt: now, updatedAt: now, renewedAt: now };
}
