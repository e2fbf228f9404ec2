import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { XIcon } from '../components/icons.js';

interface ModalProps {
  title: string;
  closeLabel: string;
  onClose: () => void;
  children: ComponentChildren;
  class?: string;
}

/**
 * A native modal <dialog>: the browser traps focus, makes the page behind inert and
 * closes it on Esc (the `cancel` event), so none of that is hand-written.
 */
export function Modal({ title, closeLabel, onClose, children, class: extra = '' }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class={`modal ${extra}`}
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => e.target === ref.current && onClose()}
    >
      <div class="modal-card">
        <div class="modal-head">
          <h2 class="modal-title">{title}</h2>
          <button type="button" class="icon-btn" aria-label={closeLabel} title={closeLabel} onClick={onClose}>
            <XIcon />
          </button>
        </div>
        {children}
      </div>
    </dialog>
  );
}
