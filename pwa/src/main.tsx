import { render } from 'preact';
import { startSession } from './auth/session';
import { startOutbox } from './outbox/page';
import { App } from './shell/app';
import './styles.css';
import { registerServiceWorker } from './sw-bridge';

render(<App />, document.getElementById('app') as HTMLElement);
void startSession().then(startOutbox);
registerServiceWorker();
