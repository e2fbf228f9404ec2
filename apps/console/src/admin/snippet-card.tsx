import { useRef } from 'preact/hooks';
import { useI18n } from '../hooks/use-i18n.js';
import { CopyButton } from './copy-button.js';

/** The one line a site pastes into its pages; the console is served by Kefu, so its origin is Kefu's. */
export const snippetFor = (siteKey: string, origin = location.origin) => `<script src="${origin}/widget.js" data-site="${siteKey}" async></script>`;

export function SnippetCard({ siteKey }: { siteKey: string }) {
  const { t } = useI18n();
  const code = useRef<HTMLElement>(null);
  const snippet = snippetFor(siteKey);
  return (
    <section class="card admin-card" aria-labelledby={`snippet-${siteKey}`}>
      <div class="admin-card-head">
        <div>
          <h3 class="admin-card-title" id={`snippet-${siteKey}`}>
            {t.admin.sites.snippet}
          </h3>
          <p class="field-hint">{t.admin.sites.snippetLead}</p>
        </div>
        <CopyButton text={snippet} target={() => code.current} />
      </div>
      <pre class="snippet">
        <code ref={code} data-testid="site-snippet">
          {snippet}
        </code>
      </pre>
    </section>
  );
}
