/** History routing: the backend (and offline, the worker) answers every navigation with index.html. */
import { useEffect, useState } from 'preact/hooks';

export interface Location {
  pathname: string;
  search: string;
}

const EVENT = 'app:navigate';

export function navigate(href: string, { replace = false } = {}): void {
  if (href === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  window.dispatchEvent(new Event(EVENT));
}

export function useLocation(): Location {
  const read = (): Location => ({ pathname: location.pathname, search: location.search });
  const [value, setValue] = useState(read);
  useEffect(() => {
    const update = (): void => setValue(read());
    window.addEventListener('popstate', update);
    window.addEventListener(EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(EVENT, update);
    };
  }, []);
  return value;
}

/** Same-origin links navigate without a reload; modified clicks keep the browser's behaviour. */
export function onLinkClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const anchor = (event.target as Element | null)?.closest('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download') || anchor.origin !== location.origin) return;
  if (anchor.pathname.startsWith('/api/') || anchor.pathname.startsWith('/schema')) return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
}

/** `/ho-so/:code` → a matcher giving `{ code }`; segments are URL-decoded. */
export function compile(pattern: string): (pathname: string) => Record<string, string> | null {
  const names: string[] = [];
  const source = pattern
    .split('/')
    .map((part) => {
      if (part.startsWith(':')) {
        names.push(part.slice(1));
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
    })
    .join('/');
  const regex = new RegExp(`^${source}/?$`, 'u');
  return (pathname) => {
    const found = regex.exec(pathname);
    if (!found) return null;
    const params: Record<string, string> = {};
    names.forEach((name, i) => {
      params[name] = decodeURIComponent(found[i + 1] ?? '');
    });
    return params;
  };
}
