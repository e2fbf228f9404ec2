import type { NoteItem } from '@kefu/client';
import { useClient } from '../hooks/use-client.js';
import { useI18n } from '../hooks/use-i18n.js';
import { errorText } from '../i18n.js';
import { LockIcon } from '../components/icons.js';
import { clockTime, fullTime } from '../time.js';

/** An internal note in the timeline: amber, labelled, with a lock; agents only. */
export function NoteBubble({ note, mine }: { note: NoteItem; mine: boolean }) {
  const { t, lang } = useI18n();
  const client = useClient();
  return (
    <div class={`note ${mine ? 'is-mine' : ''} is-${note.state}`} role="note" aria-label={t.desk.internalNote}>
      <div class="note-head">
        <LockIcon />
        <span class="note-label">{t.desk.internalNote}</span>
        <span class="note-author">{mine ? t.desk.you : note.agentName}</span>
        <time dateTime={new Date(note.createdAt).toISOString()} title={fullTime(note.createdAt, lang)}>
          {clockTime(note.createdAt, lang)}
        </time>
      </div>
      {/* A text node: notes are never HTML. */}
      <div class="note-body">{note.body}</div>
      {note.state === 'sending' && <div class="note-state">{t.conversation.sending}</div>}
      {note.state === 'failed' && (
        <div class="note-state is-failed" role="alert">
          {note.error ? t.conversation.failedBecause(errorText(t, note.error)) : t.conversation.failed}
          <button type="button" class="btn-link" onClick={() => client.retryNote(note.clientNoteId)}>
            {t.conversation.retry}
          </button>
        </div>
      )}
    </div>
  );
}
