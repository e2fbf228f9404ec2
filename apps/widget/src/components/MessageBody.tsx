import { useMemo } from 'preact/hooks';
import { linkify } from '../linkify.js';

/**
 * A message's text with its links clickable: every piece is a text node, links are
 * anchors whose href linkify() allowed (http, https, mailto) and which open outside
 * the widget without telling the target where they came from.
 */
export function MessageBody({ text }: { text: string }) {
  const segments = useMemo(() => linkify(text), [text]);
  return (
    <>
      {segments.map((s, i) =>
        s.kind === 'text' ? (
          s.text
        ) : (
          <a key={i} href={s.href} target="_blank" rel="noopener noreferrer nofollow ugc">
            {s.text}
          </a>
        ),
      )}
    </>
  );
}
