import { VisitorClient } from '@kefu/client';
import { render } from 'preact';
import { App, teamOf, useSiteLook } from './components/App.js';
import { Header } from './components/Header.js';
import { Unavailable } from './components/Unavailable.js';
import { Bridge, openOnInvite, readEmbedding } from './embed.js';
import { syncHost } from './hostSync.js';
import { DEFAULT_CONFIG, readBootConfig } from './siteConfig.js';
import { openStorage, whenInitialised } from './storage.js';
import './styles.css';

const embedding = readEmbedding();
const boot = readBootConfig();
const siteKey = embedding.siteKey ?? boot.siteKey;
const { hostOrigin } = embedding;
const bridge = new Bridge(hostOrigin);
const root = document.getElementById('app')!;
if (!bridge.embedded) document.documentElement.classList.add('standalone');
bridge.ready();

/** The first paint, while the loader's `init` and the connection are on their way: the site's colour, name and language. */
function Starting({ reason }: { reason?: 'MISSING_SITE' }) {
  const config = boot.config ?? DEFAULT_CONFIG;
  useSiteLook(config, bridge.host.locale, bridge);
  return (
    <div class="chat">
      <Header
        state={reason ? 'failed' : 'connecting'}
        title={config.siteName}
        avatar={teamOf(config).avatar}
        onClose={bridge.embedded ? () => bridge.close() : undefined}
      />
      {reason ? (
        <Unavailable reason={reason} />
      ) : (
        <div class="loading">
          <span class="spinner" aria-hidden="true" />
        </div>
      )}
    </div>
  );
}

root.textContent = '';
render(<Starting reason={siteKey ? undefined : 'MISSING_SITE'} />, root);

if (siteKey) {
  void whenInitialised(bridge).then((relayed) => {
    const storage = openStorage(bridge, relayed);
    const client = new VisitorClient({
      url: location.origin,
      siteKey,
      storage,
      identity: bridge.host.identity,
      ...(hostOrigin ? { hostOrigin } : {}),
    });
    syncHost(bridge, client);
    openOnInvite(bridge, client);
    render(<App client={client} bridge={bridge} storage={storage} siteKey={siteKey} boot={boot.config} />, root);
    client.connect();
  });
}
