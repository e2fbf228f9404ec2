import type { ChatItem, NoteItem } from '@kefu/client';

/** One line of the conversation pane: a message (people's or system) or an internal note. */
export type Entry = { kind: 'message'; key: string; at: number; item: ChatItem } | { kind: 'note'; key: string; at: number; note: NoteItem };

/**
 * Messages (already in seq order, unsent ones last) and notes (oldest first) merged by
 * time. A merge, not a sort, so messages never swap places when clocks disagree.
 */
export function mergeTimeline(items: readonly ChatItem[], notes: readonly NoteItem[]): Entry[] {
  const out: Entry[] = [];
  // Notes before the first loaded message belong to history not loaded yet: wait for it.
  const from = items[0]?.createdAt ?? -Infinity;
  const visibleNotes = items.length === 0 ? notes : notes.filter((n) => n.createdAt >= from);
  let n = 0;
  for (const item of items) {
    while (n < visibleNotes.length && visibleNotes[n]!.createdAt < item.createdAt) {
      const note = visibleNotes[n++]!;
      out.push({ kind: 'note', key: `note:${note.clientNoteId}`, at: note.createdAt, note });
    }
    out.push({ kind: 'message', key: item.key, at: item.createdAt, item });
  }
  for (; n < visibleNotes.length; n++) {
    const note = visibleNotes[n]!;
    out.push({ kind: 'note', key: `note:${note.clientNoteId}`, at: note.createdAt, note });
  }
  return out;
}
