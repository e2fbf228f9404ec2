import { useEffect, useRef, useState } from 'preact/hooks';
import { EMOJI, EMOJI_COLUMNS } from '../emoji.js';
import { t } from '../i18n.js';
import { SmileIcon } from './icons.js';

const POPOVER_ID = 'emoji-picker';

/**
 * A button that opens a small grid of emoji above the composer. Keyboard: the grid
 * takes focus, arrow keys (and Home/End) move, Tab walks it too, Enter or Space picks,
 * Escape closes and returns to the button; focus or a click elsewhere closes it.
 */
export function EmojiPicker({ onPick }: { onPick: (emoji: string) => void }) {
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const popover = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    popover.current?.querySelector('button')?.focus({ preventScroll: true });
    const outside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!popover.current?.contains(target) && !toggle.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  function close() {
    setOpen(false);
    toggle.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      // Only the picker closes, not the whole chat.
      event.preventDefault();
      event.stopPropagation();
      close();
      return;
    }
    const cells = Array.from(popover.current?.querySelectorAll('button') ?? []);
    const at = cells.indexOf(document.activeElement as HTMLButtonElement);
    const moves: Record<string, number> = {
      ArrowRight: at + 1,
      ArrowLeft: at - 1,
      ArrowDown: at + EMOJI_COLUMNS,
      ArrowUp: at - EMOJI_COLUMNS,
      Home: 0,
      End: cells.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined || at < 0) return;
    event.preventDefault();
    cells[Math.max(0, Math.min(cells.length - 1, next))]?.focus();
  }

  function onFocusOut(event: FocusEvent) {
    const to = event.relatedTarget as Node | null;
    if (to && !popover.current?.contains(to) && !toggle.current?.contains(to)) setOpen(false);
  }

  return (
    <>
      <button
        ref={toggle}
        type="button"
        class="emoji-toggle"
        aria-label={t.emoji}
        title={t.emoji}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? POPOVER_ID : undefined}
        onClick={() => setOpen(!open)}
      >
        <SmileIcon />
      </button>
      {open && (
        <div id={POPOVER_ID} ref={popover} class="emoji-popover" role="dialog" aria-label={t.emojiPicker} onKeyDown={onKeyDown} onFocusOut={onFocusOut}>
          <div class="emoji-grid">
            {EMOJI.map((emoji) => (
              <button
                key={emoji}
                type="button"
                class="emoji-cell"
                onClick={() => {
                  setOpen(false);
                  onPick(emoji);
                }}
              >
                {emoji}
              </button>
            ))}
          </div>
        </div>
      )}
    </>
  );
}
