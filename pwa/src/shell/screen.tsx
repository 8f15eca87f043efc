import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { type ScreenProps, allowed, loadScreen, loadedScreen, matchRoute } from '../registry';
import { type Location, navigate } from '../router';
import NotFound from './not-found';

/** Loads the matching screen's chunk; screens that need a session send the person to log in first. */
export function Screen({ loc }: { loc: Location }) {
  const { t } = useI18n();
  const session = useSession();
  const match = matchRoute(loc.pathname);
  // A screen whose chunk is already here (preloaded by main.tsx, or seen before) renders at once.
  const ready = match ? loadedScreen(match.route) : undefined;
  const [loaded, setLoaded] = useState<{ path: string; component: ComponentType<ScreenProps> } | undefined>(
    ready && match ? { path: match.route.path, component: ready } : undefined,
  );
  const needsSession = Boolean(match && (match.route.auth || match.route.roles));
  const anonymous = session.status === 'anonymous' && !session.reloginRequested;

  useEffect(() => {
    if (needsSession && anonymous) {
      navigate(`/dang-nhap?next=${encodeURIComponent(loc.pathname + loc.search)}`, { replace: true });
    }
  }, [needsSession, anonymous, loc.pathname, loc.search]);

  useEffect(() => {
    if (!match) return;
    let live = true;
    void loadScreen(match.route).then((component) => {
      if (live) setLoaded({ path: match.route.path, component });
    });
    return () => {
      live = false;
    };
  }, [match?.route.path]);

  if (!match) return <NotFound />;
  // While the session is being resumed, a remembered person already sees their cached screens.
  if (needsSession && ((session.status === 'unknown' && !session.user) || anonymous)) {
    return <p role="status">{t('app.loading')}</p>;
  }
  if (!allowed(match.route.roles, session.user?.role)) return <NotFound />;
  const Component = loaded?.path === match.route.path ? loaded.component : ready;
  if (!Component) return <p role="status">{t('app.loading')}</p>;
  return <Component params={match.params} query={new URLSearchParams(loc.search)} />;
}
