import { VisitorClient } from '@kefu/client';
import { render } from 'preact';
import { App } from './components/App.js';
import { Header } from './components/Header.js';
import { Unavailable } from './components/Unavailable.js';
import { Bridge, readEmbedding } from './embed.js';
import { lang, t } from './i18n.js';
import { openStorage, whenInitialised } from './storage.js';
import './styles.css';

const { siteKey, hostOrigin } = readEmbedding();
const bridge = new Bridge(hostOrigin);
const root = document.getElementById('app')!;
document.documentElement.lang = lang;
document.title = t.title;
bridge.ready();

if (!siteKey) {
  root.textContent = '';
  render(
    <div class="chat">
      <Header state="failed" onClose={bridge.embedded ? () => bridge.close() : undefined} />
      <Unavailable reason="MISSING_SITE" />
    </div>,
    root,
  );
} else {
  void whenInitialised(bridge).then((relayed) => {
    const storage = openStorage(bridge, relayed);
    const client = new VisitorClient({ url: location.origin, siteKey, storage, ...(hostOrigin ? { hostOrigin } : {}) });
    root.textContent = '';
    render(<App client={client} bridge={bridge} storage={storage} siteKey={siteKey} />, root);
    client.connect();
  });
}
