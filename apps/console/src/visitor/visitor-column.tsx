import { useCallback, useState } from 'preact/hooks';
import { PanelRightIcon } from '../components/icons.js';
import { useI18n } from '../hooks/use-i18n.js';
import { VisitorPanel } from './visitor-panel.js';

const KEY = 'kefu:console:visitor-panel';
const PHONE = '(max-width: 767px)';
/** From this width the panel is a column of its own; narrower, it covers the conversation. */
const WIDE = '(min-width: 1280px)';

const matches = (query: string) => typeof matchMedia === 'function' && matchMedia(query).matches;
const isPhone = () => matches(PHONE);

/**
 * Whether the visitor panel shows beside the conversation. Where it fits as a column it
 * is open by default and the choice is kept per browser; narrower, it would cover the
 * chat, so it starts closed and the agent opens it (a sheet on a phone).
 */
export function useVisitorPanelOpen(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(() => {
    if (!matches(WIDE)) return false;
    try {
      return localStorage.getItem(KEY) !== 'closed';
    } catch {
      return true;
    }
  });
  const set = useCallback((next: boolean) => {
    setOpen(next);
    if (!matches(WIDE)) return;
    try {
      localStorage.setItem(KEY, next ? 'open' : 'closed');
    } catch {
      // Not persisted; it still holds for this page.
    }
  }, []);
  return [open, set];
}

interface VisitorPanelColumnProps {
  visitorId: string;
  conversationId: string;
  open: boolean;
  onToggle: (open: boolean) => void;
  onOpenConversation: (id: string) => void;
}

/** The conversation's third column: the visitor panel, or a slim rail that opens it. */
export function VisitorPanelColumn({ visitorId, conversationId, open, onToggle, onOpenConversation }: VisitorPanelColumnProps) {
  const { t } = useI18n();
  if (!open) {
    return (
      <div class="visitor-rail">
        <button type="button" class="icon-btn visitor-rail-toggle" aria-label={t.visitor.show} title={t.visitor.show} aria-expanded="false" onClick={() => onToggle(true)}>
          <PanelRightIcon />
        </button>
      </div>
    );
  }
  return (
    <div class="visitor-column">
      <button type="button" class="visitor-column-backdrop" aria-label={t.visitor.hide} tabIndex={-1} onClick={() => onToggle(false)} />
      <VisitorPanel
        visitorId={visitorId}
        currentConversationId={conversationId}
        onClose={() => onToggle(false)}
        onOpenConversation={(id) => {
          if (isPhone()) onToggle(false);
          onOpenConversation(id);
        }}
      />
    </div>
  );
}
