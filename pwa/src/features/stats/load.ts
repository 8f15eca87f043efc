import { useEffect, useState } from 'preact/hooks';

export interface Loaded<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
}

/** Run `load` whenever `key` changes; the last answer wins. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ loading: true });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return state;
}

/** The parent of a dot-separated agency code ("HD.TPHD.X" → "HD.TPHD"), or null at the top. */
export function parentCode(code: string): string | null {
  const cut = code.lastIndexOf('.');
  return cut > 0 ? code.slice(0, cut) : null;
}

export function thisYear(): { from: string; to: string } {
  const now = new Date();
  const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' })
    .format(now)
    .slice(0, 7);
  return { from: `${local.slice(0, 4)}-01`, to: local };
}
