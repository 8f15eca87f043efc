/** History routing: the backend answers every navigation outside /api with index.html. */
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'welcome' }
  | { name: 'catalogue'; q: string }
  | { name: 'procedure'; code: string }
  | { name: 'notFound' };

export function parseRoute(pathname: string, search: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'welcome' };
  if (pathname === '/thu-tuc' || pathname === '/thu-tuc/') {
    return { name: 'catalogue', q: new URLSearchParams(search).get('q') ?? '' };
  }
  const detail = /^\/thu-tuc\/([^/]+)$/u.exec(pathname);
  if (detail?.[1]) return { name: 'procedure', code: decodeURIComponent(detail[1]) };
  return { name: 'notFound' };
}

const EVENT = 'app:navigate';

export function navigate(href: string, { replace = false } = {}): void {
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  window.dispatchEvent(new Event(EVENT));
}

export function useRoute(): Route {
  const read = (): Route => parseRoute(location.pathname, location.search);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const update = (): void => setRoute(read());
    window.addEventListener('popstate', update);
    window.addEventListener(EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(EVENT, update);
    };
  }, []);
  return route;
}

/** Same-origin links navigate without a reload; modified clicks keep the browser's behaviour. */
export function onLinkClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const anchor = (event.target as Element | null)?.closest('a');
  if (!anchor || anchor.target || anchor.origin !== location.origin) return;
  if (anchor.pathname.startsWith('/api/') || anchor.pathname.startsWith('/schema')) return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
}
