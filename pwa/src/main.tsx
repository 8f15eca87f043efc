import { render } from 'preact';
import { onLogout, startSession } from './auth/session';
import { forgetThisDevice } from './features/notifications/push';
import { forgetOwner } from './offline/cache';
import { startOutbox } from './outbox/page';
import { loadScreen, matchRoute } from './registry';
import { App } from './shell/app';
import { db } from './storage/db';
import './styles.css';
import { registerServiceWorker } from './sw-bridge';

// Open the phone's database and fetch the screen's chunk together; render once the chunk is here
// (a few ms from the precache), so the first render is the screen itself, not a loading line.
void db().catch(() => undefined);
const first = matchRoute(location.pathname);
void (first ? loadScreen(first.route) : Promise.resolve())
  .catch(() => undefined)
  .then(() => {
    render(<App />, document.getElementById('app') as HTMLElement);
  });
// Here, not in a screen's chunk: log-out must wipe the person's cached data and stop their pushes on
// a shared phone even when no screen that uses them was opened in this visit.
onLogout(async (user) => {
  if (user) await forgetOwner(user.id);
  await forgetThisDevice();
});
void startSession().then(startOutbox);
registerServiceWorker();
