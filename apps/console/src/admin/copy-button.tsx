import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../hooks/use-i18n.js';

/** How long "Copied" shows before the button reads "Copy" again. */
const COPIED_SHOW_MS = 2000;

interface CopyButtonProps {
  text: string;
  /** The element showing the text: selected when the clipboard is not available (http, old browsers). */
  target: () => HTMLElement | null;
  label?: string;
}

function selectContents(el: HTMLElement): void {
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    el.focus();
    el.select();
    return;
  }
  const range = document.createRange();
  range.selectNodeContents(el);
  const selection = getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

/** Copies with the Clipboard API; where that is refused, selects the text for Ctrl+C instead. */
export function CopyButton({ text, target, label }: CopyButtonProps) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'selected'>('idle');
  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), COPIED_SHOW_MS);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = () => {
    const fallback = () => {
      const el = target();
      if (el) selectContents(el);
      setState('selected');
    };
    if (!navigator.clipboard?.writeText) return fallback();
    navigator.clipboard.writeText(text).then(() => setState('copied'), fallback);
  };

  return (
    <span class="copy-button">
      <button type="button" class="btn-secondary btn-sm" onClick={copy} aria-live="polite">
        {state === 'copied' ? t.admin.copied : (label ?? t.admin.copy)}
      </button>
      {state === 'selected' && <span class="field-hint">{t.admin.copyManually}</span>}
    </span>
  );
}
