import type { ReactNode } from 'react';
import { FormError } from './Field.tsx';

/**
 * The set-up pages' add-or-edit form: an optional heading and introduction, the server's
 * error (beside its field when it names one), the fields, and Save (with Cancel while editing).
 */
export function SetupForm({
  label,
  heading,
  intro,
  error,
  fields,
  submitLabel,
  pending,
  onSubmit,
  onCancel,
  children,
}: {
  /** The form's accessible name. */
  label: string;
  heading?: ReactNode;
  intro?: ReactNode;
  error: unknown;
  /** The body fields this form shows, so their errors go beside them. */
  fields: string[];
  submitLabel: ReactNode;
  pending: boolean;
  onSubmit: () => void;
  /** Given while editing: shows Cancel. */
  onCancel?: () => void;
  children: ReactNode;
}) {
  return (
    <form
      className="setup-form"
      aria-label={label}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {heading ? <h2 className="wide">{heading}</h2> : null}
      {intro}
      <div className="wide">
        <FormError error={error} fields={fields} />
      </div>
      {children}
      <div className="actions">
        <button type="submit" className="button" disabled={pending}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** A listed item's Edit (or Rename) and Remove buttons, each naming the item to screen readers. */
export function EditRemove({
  name,
  editLabel = 'Edit',
  onEdit,
  onRemove,
}: {
  name: string;
  editLabel?: string;
  onEdit: () => void;
  onRemove: () => void;
}) {
  return (
    <>
      <button type="button" className="button secondary small" onClick={onEdit}>
        {editLabel}
        <span className="visually-hidden"> {name}</span>
      </button>
      <button type="button" className="button secondary small" onClick={onRemove}>
        Remove<span className="visually-hidden"> {name}</span>
      </button>
    </>
  );
}
