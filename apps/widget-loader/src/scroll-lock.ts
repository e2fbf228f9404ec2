/**
 * While the full-screen chat is open on a phone, the page behind it must neither
 * scroll nor be pushed up by the keyboard (iOS scrolls the page to the focused input
 * unless the body is fixed). These inline styles of <html> and <body> are the only
 * changes the loader ever makes to the host page's elements, and only for that time:
 * the exact previous values (priority included) and the scroll position come back.
 */
interface Saved {
  el: HTMLElement;
  /** The style attribute as it was, to put back verbatim when the page did not touch it meanwhile. */
  attr: string | null;
  css: string;
  props: [name: string, value: string, priority: string][];
}

export function createScrollLock() {
  let saved: Saved[] | null = null;
  let x = 0;
  let y = 0;

  return (lock: boolean): void => {
    if (lock === !!saved) return;
    if (lock) {
      x = scrollX;
      y = scrollY;
      // Longhands only: saving `overflow` would lose a page's own `overflow-x`.
      const changes: [HTMLElement, Record<string, string>][] = [
        [document.documentElement, { 'overflow-x': 'hidden', 'overflow-y': 'hidden' }],
        [document.body, { 'overflow-x': 'hidden', 'overflow-y': 'hidden', position: 'fixed', top: `${-y}px`, width: '100%' }],
      ];
      saved = changes.map(([el, values]) => {
        const s = el.style;
        const entry: Saved = { el, attr: el.getAttribute('style'), css: s.cssText, props: [] };
        for (const name in values) {
          entry.props.push([name, s.getPropertyValue(name), s.getPropertyPriority(name)]);
          s.setProperty(name, values[name]!, 'important');
        }
        return entry;
      });
    } else {
      for (const { el, attr, css, props } of saved!) {
        for (const [name, value, priority] of props) {
          if (value) el.style.setProperty(name, value, priority);
          else el.style.removeProperty(name);
        }
        // Unchanged by the page meanwhile: restore the attribute byte for byte.
        if (el.style.cssText === css) {
          if (attr === null) el.removeAttribute('style');
          else el.setAttribute('style', attr);
        }
      }
      saved = null;
      try {
        // 'instant': a page with `scroll-behavior: smooth` would otherwise glide back.
        scrollTo({ left: x, top: y, behavior: 'instant' });
      } catch {
        scrollTo(x, y);
      }
    }
  };
}
