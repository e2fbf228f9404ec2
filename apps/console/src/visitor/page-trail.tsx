import type { PageView } from '@kefu/client';
import { useState } from 'preact/hooks';
import { useI18n } from '../hooks/use-i18n.js';
import { safeHref, shortUrl } from '../radar/page-url.js';
import { clockTime, fullTime } from '../time.js';

const COLLAPSED = 8;

/** The pages the visitor opened, newest first, with the time each was opened. */
export function PageTrail({ pages }: { pages: PageView[] }) {
  const { t, lang } = useI18n();
  const [all, setAll] = useState(false);
  if (pages.length === 0) return <p class="vp-muted">{t.radar.noPage}</p>;
  const shown = all ? pages : pages.slice(0, COLLAPSED);
  return (
    <>
      <ol class="vp-trail" aria-label={t.visitor.pageTrail}>
        {shown.map((p, i) => {
          const href = safeHref(p.url);
          return (
            <li key={`${p.at}-${i}`} class={`vp-trail-item ${i === 0 ? 'is-current' : ''}`}>
              <time class="vp-trail-time" title={fullTime(p.at, lang)}>
                {clockTime(p.at, lang)}
              </time>
              <div class="vp-trail-text">
                <span class="vp-trail-title">{p.title || t.radar.untitled}</span>
                {href ? (
                  <a class="vp-trail-url" href={href} target="_blank" rel="noopener noreferrer" title={p.url}>
                    {shortUrl(p.url)}
                  </a>
                ) : (
                  <span class="vp-trail-url">{shortUrl(p.url)}</span>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      {pages.length > COLLAPSED && (
        <button type="button" class="btn-link vp-more" onClick={() => setAll((a) => !a)}>
          {all ? t.visitor.showFewer : t.visitor.showAll(pages.length)}
        </button>
      )}
    </>
  );
}
