/**
 * The emoji picker's choice: the ones people use most in customer chats. Their names
 * come from the visitor's screen reader (it reads the character itself), so no name
 * table ships with the widget.
 */
export const EMOJI = [
  '😀', '😄', '😁', '😊', '🙂', '😉', '😍', '🥰',
  '😂', '🤣', '😅', '😎', '🤔', '😮', '😢', '😭',
  '😡', '😴', '🙏', '👍', '👎', '👌', '👏', '🙌',
  '💪', '👋', '🤝', '❤️', '💔', '🎉', '🔥', '✨',
  '⭐', '✅', '❌', '❓', '💯', '🚀', '📦', '☕',
] as const;

/** Columns of the grid: arrow keys move by one, up and down by this many. */
export const EMOJI_COLUMNS = 8;
