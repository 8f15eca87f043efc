import { useSession } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { navEntries } from '../registry';
import type { Location } from '../router';

/** The bottom navigation: entries come from the features, filtered by role and session. */
export function BottomNav({ loc }: { loc: Location }) {
  const { t, lang } = useI18n();
  const { user, status } = useSession();
  const entries = navEntries(user?.role, status === 'authenticated' || status === 'offline');
  if (entries.length === 0) return null;
  return (
    <nav class="bottom-nav" aria-label={t('nav.label')}>
      <ul>
        {entries.map((entry) => {
          const prefix = entry.prefix ?? entry.href;
          const current = loc.pathname === entry.href || loc.pathname.startsWith(`${prefix}/`);
          return (
            <li key={entry.href}>
              <a href={entry.href} aria-current={current ? 'page' : undefined}>
                <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
                  <path d={entry.icon} fill="currentColor" />
                </svg>
                <span>{entry.label(lang)}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
