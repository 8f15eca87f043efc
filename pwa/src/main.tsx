import { render } from 'preact';
import { App } from './app';
import './styles.css';
import { registerServiceWorker } from './sw-bridge';

render(<App />, document.getElementById('app') as HTMLElement);
registerServiceWorker();
