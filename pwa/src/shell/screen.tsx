import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { type ScreenProps, allowed, matchRoute } from '../registry';
import { type Location, navigate } from '../router';
import NotFound from './not-found';

/** Loads the matching screen's chunk; screens that need a session send the person to log in first. */
export function Screen({ loc }: { loc: Location }) {
  const { t } = useI18n();
  const session = useSession();
  const match = matchRoute(loc.pathname);
  const [loaded, setLoaded] = useState<{ path: string; component: ComponentType<ScreenProps> }>();
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
    void match.route.load().then((module) => {
      if (live) setLoaded({ path: match.route.path, component: module.default });
    });
    return () => {
      live = false;
    };
  }, [match?.route.path]);

  if (!match) return <NotFound />;
  if (needsSession && (session.status === 'unknown' || anonymous)) {
    return <p role="status">{t('app.loading')}</p>;
  }
  if (!allowed(match.route.roles, session.user?.role)) return <NotFound />;
  if (!loaded || loaded.path !== match.route.path) return <p role="status">{t('app.loading')}</p>;
  const Component = loaded.component;
  return <Component params={match.params} query={new URLSearchParams(loc.search)} />;
}
