import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../auth/session';
import { onOutboxEvent } from './page';
import type { OutboxEntry } from './schema';
import { idbStore } from './store';

/** The current person's outbox entries, live; undefined until first read. */
export function useOutboxEntries(): OutboxEntry[] | undefined {
  const { user } = useSession();
  const [entries, setEntries] = useState<OutboxEntry[]>();
  useEffect(() => {
    if (!user) {
      setEntries([]);
      return undefined;
    }
    let live = true;
    const load = (): void => {
      void idbStore
        .list(user.id)
        .then((list) => live && setEntries(list))
        .catch(() => undefined);
    };
    load();
    const off = onOutboxEvent(load);
    return () => {
      live = false;
      off();
    };
  }, [user?.id]);
  return entries;
}

export function usePendingCount(): number {
  return useOutboxEntries()?.length ?? 0;
}
