import { TAG_MAX_CHARS } from '@kefu/client';
import { useState } from 'preact/hooks';
import { useI18n } from '../hooks/use-i18n.js';
import { TagIcon, XIcon } from '../components/icons.js';

/** As the protocol's `tag` schema: letters of any script, digits, space, - _ . : */
const TAG_PATTERN = /^[\p{L}\p{N} _.:-]+$/u;

interface TagsEditorProps {
  tags: string[];
  disabled: boolean;
  onAdd: (tag: string) => Promise<void>;
  onRemove: (tag: string) => Promise<void>;
}

/** Chips with ×, and a field that adds a tag on Enter. */
export function TagsEditor({ tags, disabled, onAdd, onRemove }: TagsEditorProps) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);

  const add = async () => {
    const tag = text.trim().toLowerCase();
    if (!tag) return;
    if (tag.length > TAG_MAX_CHARS || !TAG_PATTERN.test(tag)) return setInvalid(true);
    setText('');
    if (!tags.includes(tag)) await onAdd(tag);
  };

  return (
    <div class="tags-editor" aria-label={t.desk.tags} role="group">
      <TagIcon />
      {tags.map((tag) => (
        <span key={tag} class="tag-chip">
          {tag}
          <button type="button" class="tag-remove" aria-label={t.desk.removeTag(tag)} title={t.desk.removeTag(tag)} disabled={disabled} onClick={() => void onRemove(tag)}>
            <XIcon />
          </button>
        </span>
      ))}
      <input
        class={`tag-input ${invalid ? 'is-invalid' : ''}`}
        value={text}
        maxLength={TAG_MAX_CHARS + 8}
        placeholder={t.desk.addTag}
        aria-label={t.desk.addTag}
        aria-invalid={invalid}
        title={invalid ? t.desk.tagInvalid : undefined}
        disabled={disabled}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setInvalid(false);
        }}
        onKeyDown={(e) => {
          if (e.isComposing || e.keyCode === 229) return;
          if (e.key === 'Enter') {
            e.preventDefault();
            void add();
          } else if (e.key === 'Escape' && text) {
            e.stopPropagation();
            setText('');
          } else if (e.key === 'Backspace' && !text && tags.length > 0) void onRemove(tags[tags.length - 1]!);
        }}
      />
      {invalid && (
        <span class="tag-error" role="alert">
          {t.desk.tagInvalid}
        </span>
      )}
    </div>
  );
}
