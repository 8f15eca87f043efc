import { describe, expect, it } from 'vitest';
import { BACKOFF, RETENTION_MS, backoff, classify, retryAfterMs, revive, sweep } from './policy';
import { type SendAnswer, type SendRequest, replay } from './replay';
import { ENTRY_VERSION, type OutboxEntry, type OutboxStore } from './schema';

/** The replay's storage port over a plain list (IndexedDB itself is exercised in the browser tests). */
class ListStore implements OutboxStore {
  entries = new Map<string, OutboxEntry>();
  async list(owner?: string) {
    return [...this.entries.values()]
      .filter((e) => !owner || e.owner === owner)
      .map((e) => structuredClone(e))
      .sort((a, b) => a.createdAt - b.createdAt);
  }
  async put(entry: OutboxEntry) {
    this.entries.set(entry.id, structuredClone(entry));
  }
  async delete(id: string) {
    this.entries.delete(id);
  }
}

const NOW = 1_800_000_000_000;

function entry(id: string, extra: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    v: ENTRY_VERSION,
    id,
    owner: 'u1',
    kind: 'submit',
    method: 'POST',
    url: '/api/v1/dossiers',
    body: { procedure_code: 'HT-KS' },
    label: { vi: 'Nộp hồ sơ', en: 'Submission' },
    state: 'pending',
    attempts: 0,
    createdAt: NOW - 1000,
    updatedAt: NOW - 1000,
    nextAttemptAt: NOW - 1000,
    ...extra,
  };
}

/** A server that answers from a script and records what it received. */
function server(...answers: Array<SendAnswer | 'offline'>) {
  const seen: SendRequest[] = [];
  const send = async (request: SendRequest): Promise<SendAnswer> => {
    seen.push(request);
    const next = answers.shift() ?? { status: 201, json: {}, retryAfter: null };
    if (next === 'offline') throw new TypeError('Failed to fetch');
    return next;
  };
  return { seen, send };
}

const ok = (json: unknown = {}, status = 201): SendAnswer => ({ status, json, retryAfter: null });
const problem = (status: number, type = '/problems/form-invalid', retryAfter: string | null = null): SendAnswer => ({
  status,
  json: { type, title: 'Tờ khai chưa hợp lệ', status, detail: 'Kiểm tra các trường.' },
  retryAfter,
});

describe('classify', () => {
  it('dequeues only on 2xx, asks the person on 4xx, retries 5xx and no answer', () => {
    expect(classify(200)).toBe('delivered');
    expect(classify(201)).toBe('delivered');
    expect(classify(204)).toBe('delivered');
    expect(classify(400)).toBe('fix');
    expect(classify(404)).toBe('fix');
    expect(classify(412)).toBe('fix');
    expect(classify(422)).toBe('fix');
    expect(classify(401)).toBe('login');
    expect(classify(429)).toBe('retry');
    expect(classify(409, '/problems/request-in-progress')).toBe('retry');
    expect(classify(409, '/problems/conflict')).toBe('fix');
    expect(classify(500)).toBe('retry');
    expect(classify(503)).toBe('retry');
    expect(classify(null)).toBe('retry');
  });
});

describe('backoff', () => {
  it('doubles from the base, stays within the jitter and the cap, and honours Retry-After', () => {
    expect(backoff(1, () => 0.5)).toBe(BACKOFF.baseMs);
    expect(backoff(3, () => 0.5)).toBe(BACKOFF.baseMs * 4);
    expect(backoff(2, () => 0)).toBe(BACKOFF.baseMs * 2 * (1 - BACKOFF.jitter));
    expect(backoff(2, () => 1)).toBe(BACKOFF.baseMs * 2 * (1 + BACKOFF.jitter));
    expect(backoff(50, () => 0.5)).toBe(BACKOFF.maxMs);
    expect(backoff(1, () => 0.5, 60_000)).toBe(60_000);
    expect(retryAfterMs('120', NOW)).toBe(120_000);
    expect(retryAfterMs(new Date(NOW + 5_000).toUTCString(), NOW)).toBe(5_000);
    expect(retryAfterMs(null, NOW)).toBeUndefined();
  });
});

describe('sweep', () => {
  it('expires waiting entries past retention and purges long-forgotten draft saves', () => {
    const old = entry('old', { createdAt: NOW - RETENTION_MS - 1 });
    const failed = entry('failed', { kind: 'draft', state: 'failed', updatedAt: NOW - 31 * 24 * 3600 * 1000 });
    const young = entry('young');
    const { expire, purge } = sweep([old, failed, young], NOW);
    expect(expire.map((e) => [e.id, e.state])).toEqual([['old', 'expired']]);
    expect(purge).toEqual(['failed']);
  });

  it('never deletes unsent work by itself: a failed or expired submission waits for the person', () => {
    const long = NOW - 90 * 24 * 3600 * 1000;
    const failed = entry('failed', { state: 'failed', createdAt: long, updatedAt: long });
    const expired = entry('expired', { kind: 'supplement', state: 'expired', createdAt: long, updatedAt: long });
    expect(sweep([failed, expired], NOW)).toEqual({ expire: [], purge: [] });
  });
});

describe('revive', () => {
  it('sends an expired entry the person asked to send again instead of expiring it at once', async () => {
    const store = new ListStore();
    const old = entry('old', { state: 'expired', createdAt: NOW - RETENTION_MS - 1, updatedAt: NOW - 1000 });
    await store.put(revive(old, NOW));
    const { seen, send } = server(ok());
    const report = await replay({ store, send, owner: 'u1', now: () => NOW });
    expect(report.delivered).toEqual(['old']);
    expect(seen.map((r) => r.headers['Idempotency-Key'])).toEqual(['old']);
  });

  it('keeps the place in the queue and the creation time', () => {
    const old = entry('old', { state: 'failed', createdAt: NOW - RETENTION_MS - 1 });
    const again = revive(old, NOW);
    expect(again).toMatchObject({ state: 'pending', createdAt: old.createdAt, nextAttemptAt: NOW });
    expect(sweep([again], NOW + RETENTION_MS - 1).expire).toEqual([]);
    expect(sweep([again], NOW + RETENTION_MS + 1).expire.map((e) => e.id)).toEqual(['old']);
  });
});

describe('replay', () => {
  it('sends each entry once with its Idempotency-Key and dequeues it on 2xx', async () => {
    const store = new ListStore();
    await store.put(entry('a'));
    await store.put(entry('b', { createdAt: NOW - 500 }));
    const { seen, send } = server(ok({ code: 'HD-2026-000001' }), ok({ code: 'HD-2026-000002' }));
    const events: string[] = [];
    const report = await replay({ store, send, owner: 'u1', now: () => NOW, notify: (e) => events.push(e.type) });
    expect(report.delivered).toEqual(['a', 'b']);
    expect(seen.map((r) => r.headers['Idempotency-Key'])).toEqual(['a', 'b']);
    expect(JSON.parse(seen[0]?.body as string)).toEqual({ procedure_code: 'HT-KS' });
    expect(store.entries.size).toBe(0);
    expect(events.filter((e) => e === 'delivered')).toHaveLength(2);
    // A second round finds nothing to send.
    await replay({ store, send, owner: 'u1', now: () => NOW });
    expect(seen).toHaveLength(2);
  });

  it('keeps the entry and backs off on 5xx, and stops the round to keep the order', async () => {
    const store = new ListStore();
    await store.put(entry('a'));
    await store.put(entry('b', { createdAt: NOW - 500 }));
    const { seen, send } = server(problem(503, '/problems/unavailable'));
    const report = await replay({ store, send, owner: 'u1', now: () => NOW, random: () => 0.5 });
    expect(report.stopped).toBe('server');
    expect(seen).toHaveLength(1);
    const a = store.entries.get('a');
    expect(a?.state).toBe('retrying');
    expect(a?.attempts).toBe(1);
    expect(a?.nextAttemptAt).toBe(NOW + BACKOFF.baseMs);
    expect(store.entries.get('b')?.state).toBe('pending');
    // Not due yet: nothing is sent before the backoff is over; then both go.
    await replay({ store, send, owner: 'u1', now: () => NOW + 1 });
    expect(seen).toHaveLength(1);
    await replay({ store, send, owner: 'u1', now: () => NOW + BACKOFF.baseMs });
    expect(seen.map((r) => r.headers['Idempotency-Key'])).toEqual(['a', 'a', 'b']);
    expect(store.entries.size).toBe(0);
  });

  it('sends at once, backoff or not, when the network has just come back (eager)', async () => {
    const store = new ListStore();
    await store.put(entry('a', { state: 'retrying', attempts: 3, nextAttemptAt: NOW + 60_000 }));
    const { seen, send } = server();
    await replay({ store, send, owner: 'u1', now: () => NOW });
    expect(seen).toHaveLength(0);
    await replay({ store, send, owner: 'u1', now: () => NOW, eager: true });
    expect(seen).toHaveLength(1);
    expect(store.entries.size).toBe(0);
  });

  it('keeps the entry on a network failure', async () => {
    const store = new ListStore();
    await store.put(entry('a'));
    const { send } = server('offline');
    const report = await replay({ store, send, owner: 'u1', now: () => NOW });
    expect(report.stopped).toBe('network');
    expect(store.entries.get('a')?.state).toBe('retrying');
  });

  it('marks a 4xx for the person to fix, with the problem, and goes on with the next', async () => {
    const store = new ListStore();
    await store.put(entry('a'));
    await store.put(entry('b', { createdAt: NOW - 500 }));
    const { seen, send } = server(problem(422), ok());
    const failed: string[] = [];
    const report = await replay({
      store,
      send,
      owner: 'u1',
      now: () => NOW,
      notify: (e) => e.type === 'failed' && failed.push(e.problem.detail ?? ''),
    });
    expect(report.failed).toEqual(['a']);
    expect(report.delivered).toEqual(['b']);
    expect(seen).toHaveLength(2);
    const a = store.entries.get('a');
    expect(a?.state).toBe('failed');
    expect(a?.lastStatus).toBe(422);
    expect(a?.problem?.type).toBe('/problems/form-invalid');
    expect(failed).toEqual(['Kiểm tra các trường.']);
    // A failed entry is not sent again by itself.
    await replay({ store, send, owner: 'u1', now: () => NOW + 10 * 60_000 });
    expect(seen).toHaveLength(2);
  });

  it('waits for a session on 401, and only sends the current owner’s entries', async () => {
    const store = new ListStore();
    await store.put(entry('mine'));
    await store.put(entry('theirs', { owner: 'u2' }));
    const { seen, send } = server({ status: 401, json: null, retryAfter: null });
    const report = await replay({ store, send, owner: 'u1', now: () => NOW });
    expect(report.stopped).toBe('login');
    expect(seen).toHaveLength(1);
    expect(store.entries.get('mine')?.state).toBe('pending');
    expect(store.entries.get('theirs')?.state).toBe('pending');
  });

  it('uploads files first, never twice, and puts their ids in the body', async () => {
    const store = new ListStore();
    const blob = new Blob(['%PDF-1.4'], { type: 'application/pdf' });
    await store.put(
      entry('s', {
        files: [{ key: 's.f0', name: 'giay-chung-sinh.pdf', type: 'application/pdf', blob }],
        filesField: 'attachment_ids',
        body: { procedure_code: 'HT-KS', attachment_ids: ['aaaaaaaaaaaaaaaaaaaaaaaa'] },
      }),
    );
    // The upload works, then the submission meets a 500: the retry must not upload again.
    const { seen, send } = server(ok({ file_id: 'bbbbbbbbbbbbbbbbbbbbbbbb' }), problem(500, '/problems/internal'), ok());
    await replay({ store, send, owner: 'u1', now: () => NOW, random: () => 0.5 });
    expect(store.entries.get('s')?.files?.[0]?.fileId).toBe('bbbbbbbbbbbbbbbbbbbbbbbb');
    await replay({ store, send, owner: 'u1', now: () => NOW + 60_000 });
    expect(seen.map((r) => r.url)).toEqual(['/api/v1/attachments', '/api/v1/dossiers', '/api/v1/dossiers']);
    expect(seen[0]?.headers['Idempotency-Key']).toBe('s.f0');
    expect(seen[0]?.body).toBeInstanceOf(FormData);
    expect(JSON.parse(seen[2]?.body as string).attachment_ids).toEqual([
      'aaaaaaaaaaaaaaaaaaaaaaaa',
      'bbbbbbbbbbbbbbbbbbbbbbbb',
    ]);
    expect(store.entries.size).toBe(0);
  });

  it('leaves entries of a newer format alone', async () => {
    const store = new ListStore();
    await store.put(entry('future', { v: ENTRY_VERSION + 1 }));
    const { seen, send } = server();
    await replay({ store, send, owner: 'u1', now: () => NOW });
    expect(seen).toHaveLength(0);
    expect(store.entries.has('future')).toBe(true);
  });
});
