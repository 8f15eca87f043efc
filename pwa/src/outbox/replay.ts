/**
 * Delivering the outbox, oldest first. Works the same in the page and in the service worker; the
 * caller gives it the store and a `send` that attaches the session's token. Files go first (each
 * upload with its own Idempotency-Key, the id saved as soon as it is known), then the request
 * itself with the entry's id as its Idempotency-Key. A network failure or a 5xx stops the round
 * (order is kept); a 4xx marks that entry for the person to fix and the round goes on.
 */
import type { Problem } from '../api/client';
import { backoff, classify, isDue, retryAfterMs, sweep } from './policy';
import { ENTRY_VERSION, type OutboxEntry, type OutboxEvent, type OutboxStore } from './schema';

export interface SendRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | FormData;
}

export interface SendAnswer {
  status: number;
  json: unknown;
  retryAfter: string | null;
}

/** Resolves with any HTTP answer; rejects only when there was none (offline, DNS, reset). */
export type Send = (request: SendRequest) => Promise<SendAnswer>;

export interface ReplayDeps {
  store: OutboxStore;
  send: Send;
  owner: string;
  lang?: string;
  now?: () => number;
  random?: () => number;
  notify?: (event: OutboxEvent) => void;
  /** The network just came back (online, sync, app start): waiting entries go now, backoff or not. */
  eager?: boolean;
}

export interface ReplayReport {
  delivered: string[];
  failed: string[];
  /** Why the round ended early, if it did. */
  stopped?: 'network' | 'server' | 'login';
}

type Step = { ok: true; json: unknown } | { ok: false; stop?: ReplayReport['stopped'] };

const UPLOAD_URL = '/api/v1/attachments';

function problemOf(answer: SendAnswer): Problem {
  const json = answer.json as Partial<Problem> | null;
  if (json && typeof json.title === 'string') return { type: 'about:blank', status: answer.status, ...json, title: json.title };
  return { type: 'about:blank', status: answer.status, title: `HTTP ${answer.status}` };
}

export async function replay(deps: ReplayDeps): Promise<ReplayReport> {
  const now = deps.now ?? Date.now;
  const notify = deps.notify ?? (() => undefined);
  const report: ReplayReport = { delivered: [], failed: [] };
  const all = await deps.store.list(deps.owner);
  const { expire, purge } = sweep(all, now());
  for (const entry of expire) await deps.store.put(entry);
  for (const id of purge) await deps.store.delete(id);
  if (expire.length + purge.length > 0) notify({ type: 'changed' });

  // First in, first out: an entry still waiting for its retry holds back the ones after it.
  const waiting = all
    .filter((e) => e.v <= ENTRY_VERSION && !purge.includes(e.id) && !expire.some((x) => x.id === e.id))
    .filter((e) => e.state !== 'failed' && e.state !== 'expired')
    .sort((a, b) => a.createdAt - b.createdAt);

  for (const original of waiting) {
    if (!deps.eager && !isDue(original, now())) break;
    const entry: OutboxEntry = { ...original, state: 'sending', updatedAt: now() };
    await deps.store.put(entry);
    notify({ type: 'changed' });
    const step = await deliver(entry, deps, now, report, notify);
    if (!step.ok && step.stop) {
      report.stopped = step.stop;
      break;
    }
  }
  return report;
}

async function attempt(
  entry: OutboxEntry,
  request: SendRequest,
  deps: ReplayDeps,
  now: () => number,
  report: ReplayReport,
  notify: (event: OutboxEvent) => void,
): Promise<Step> {
  const headers = { Accept: 'application/json', 'Accept-Language': deps.lang ?? 'vi', ...request.headers };
  let answer: SendAnswer;
  try {
    answer = await deps.send({ ...request, headers });
  } catch {
    await retryLater(entry, deps, now, undefined, undefined);
    return { ok: false, stop: 'network' };
  }
  const problem = answer.status >= 400 ? problemOf(answer) : undefined;
  switch (classify(answer.status, problem?.type)) {
    case 'delivered':
      return { ok: true, json: answer.json };
    case 'login':
      await deps.store.put({ ...entry, state: 'pending', lastStatus: 401, updatedAt: now() });
      return { ok: false, stop: 'login' };
    case 'fix': {
      const failed: OutboxEntry = { ...entry, state: 'failed', lastStatus: answer.status, updatedAt: now() };
      if (problem) failed.problem = problem;
      await deps.store.put(failed);
      report.failed.push(entry.id);
      if (problem) notify({ type: 'failed', id: entry.id, kind: entry.kind, problem });
      return { ok: false };
    }
    default:
      await retryLater(entry, deps, now, answer.status, retryAfterMs(answer.retryAfter, now()));
      return { ok: false, stop: answer.status >= 500 ? 'server' : 'network' };
  }
}

async function retryLater(
  entry: OutboxEntry,
  deps: ReplayDeps,
  now: () => number,
  status: number | undefined,
  after: number | undefined,
): Promise<void> {
  const attempts = entry.attempts + 1;
  const next: OutboxEntry = {
    ...entry,
    state: 'retrying',
    attempts,
    updatedAt: now(),
    nextAttemptAt: now() + backoff(attempts, deps.random, after),
  };
  if (status !== undefined) next.lastStatus = status;
  await deps.store.put(next);
}

async function deliver(
  entry: OutboxEntry,
  deps: ReplayDeps,
  now: () => number,
  report: ReplayReport,
  notify: (event: OutboxEvent) => void,
): Promise<Step> {
  for (const file of entry.files ?? []) {
    if (file.fileId) continue;
    const form = new FormData();
    form.append('data', file.blob, file.name);
    const step = await attempt(
      entry,
      { method: 'POST', url: UPLOAD_URL, headers: { 'Idempotency-Key': file.key }, body: form },
      deps,
      now,
      report,
      notify,
    );
    if (!step.ok) return step;
    file.fileId = (step.json as { file_id: string }).file_id;
    await deps.store.put(entry); // the upload is never repeated, whatever happens next
  }
  const body: Record<string, unknown> = { ...entry.body };
  if (entry.filesField && entry.files?.length) {
    const given = Array.isArray(body[entry.filesField]) ? (body[entry.filesField] as string[]) : [];
    body[entry.filesField] = [...given, ...entry.files.map((f) => f.fileId as string)];
  }
  const request: SendRequest = {
    method: entry.method,
    url: entry.url,
    headers: { 'Idempotency-Key': entry.id, ...entry.headers },
  };
  if (entry.body !== undefined) {
    request.headers['Content-Type'] = 'application/json';
    request.body = JSON.stringify(body);
  }
  const step = await attempt(entry, request, deps, now, report, notify);
  if (step.ok) {
    await deps.store.delete(entry.id);
    report.delivered.push(entry.id);
    notify({ type: 'delivered', id: entry.id, kind: entry.kind, response: step.json });
    notify({ type: 'changed' });
  } else notify({ type: 'changed' });
  return step;
}
