import { useI18n } from '../hooks/use-i18n.js';
import { EditIcon, TrashIcon } from './icons.js';

interface RowActionsProps {
  /** The row asks "really delete?": Cancel and the confirming button instead of the icons. */
  confirming: boolean;
  /** Accessible names of the icon buttons, naming the row ("Edit /returns"); no edit button without onEdit. */
  editLabel?: string;
  deleteLabel: string;
  /** The confirming button's text ("Delete"). */
  confirmLabel: string;
  onEdit?: () => void;
  onAskDelete: () => void;
  onCancel: () => void;
  onConfirm: () => void;
}

/** Edit and delete for a row of a settings list, deleting only after a second click. */
export function RowActions({ confirming, editLabel, deleteLabel, confirmLabel, onEdit, onAskDelete, onCancel, onConfirm }: RowActionsProps) {
  const { t } = useI18n();
  return (
    <div class="cr-actions">
      {confirming ? (
        <>
          <button type="button" class="btn-secondary btn-sm" onClick={onCancel}>
            {t.common.cancel}
          </button>
          <button type="button" class="btn-danger btn-sm" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </>
      ) : (
        <>
          {onEdit && (
            <button type="button" class="icon-btn" aria-label={editLabel} title={t.common.edit} onClick={onEdit}>
              <EditIcon />
            </button>
          )}
          <button type="button" class="icon-btn icon-btn-danger" aria-label={deleteLabel} title={t.common.delete} onClick={onAskDelete}>
            <TrashIcon />
          </button>
        </>
      )}
    </div>
  );
}
