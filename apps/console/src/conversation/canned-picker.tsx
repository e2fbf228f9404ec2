import type { CannedReply } from '@kefu/client';
import { useI18n } from '../hooks/use-i18n.js';
import { BoltIcon } from '../components/icons.js';

interface CannedPickerProps {
  id: string;
  replies: CannedReply[];
  active: number;
  onPick: (reply: CannedReply) => void;
  onHover: (index: number) => void;
}

/** The `/shortcut` popup above the reply box; the textarea keeps focus and drives it with the keyboard. */
export function CannedPicker({ id, replies, active, onPick, onHover }: CannedPickerProps) {
  const { t } = useI18n();
  return (
    <div class="canned-picker">
      <div class="canned-head">
        <BoltIcon />
        <span>{t.desk.canned}</span>
      </div>
      {replies.length === 0 ? (
        <p class="canned-none">{t.desk.cannedNone}</p>
      ) : (
        <ul id={id} role="listbox" aria-label={t.desk.canned} class="canned-list">
          {replies.map((r, i) => (
            <li
              key={r.id}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === active}
              class={`canned-item ${i === active ? 'is-active' : ''}`}
              // mousedown, not click: the textarea must not lose focus (and the picker close) first.
              onMouseDown={(e) => {
                e.preventDefault();
                onPick(r);
              }}
              onMouseEnter={() => onHover(i)}
            >
              <span class="canned-shortcut">/{r.shortcut}</span>
              <span class="canned-body">{r.body}</span>
            </li>
          ))}
        </ul>
      )}
      <p class="canned-hint">{t.desk.cannedHint}</p>
    </div>
  );
}
