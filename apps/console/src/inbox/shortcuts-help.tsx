import { useEffect, useState } from 'preact/hooks';
import { Modal } from '../conversation/modal.js';
import { useI18n } from '../hooks/use-i18n.js';
import { KeyboardIcon } from '../components/icons.js';

const typingIn = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** A keyboard button in the inbox header, and "?" anywhere outside a field: the list of shortcuts. */
export function ShortcutsHelp() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return;
      e.preventDefault();
      setOpen(true);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <button type="button" class="icon-btn shortcuts-btn" aria-label={t.desk.shortcuts} title={`${t.desk.shortcuts} (?)`} onClick={() => setOpen(true)}>
        <KeyboardIcon />
      </button>
      {open && (
        <Modal title={t.desk.shortcuts} closeLabel={t.desk.cancel} onClose={() => setOpen(false)} class="shortcuts-modal">
          <dl class="shortcut-list">
            {t.desk.shortcutList.map((s) => (
              <div key={s.label} class="shortcut-row">
                <dt>
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && <span class="shortcut-plus">+</span>}
                      <kbd>{k}</kbd>
                    </span>
                  ))}
                </dt>
                <dd>{s.label}</dd>
              </div>
            ))}
          </dl>
        </Modal>
      )}
    </>
  );
}
