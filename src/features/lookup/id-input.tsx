import type { ReactNode, Ref } from 'react';

export interface Field {
  value: string;
  touched: boolean;
}

// IDs are set in the monospace font, the region list in the text font.
export const fieldClass =
  'mt-1 block w-full rounded-md border border-line bg-panel px-3 py-2 text-sm text-ink placeholder:text-ink-muted/70';
export const inputClass = `${fieldClass} font-mono`;

export function IdInput({
  id,
  label,
  placeholder,
  field,
  onChange,
  error,
  inputRef,
  children,
}: {
  id: string;
  label: string;
  placeholder: string;
  field: Field;
  onChange: (field: Field) => void;
  error: string | null;
  inputRef?: Ref<HTMLInputElement>;
  /** What the paste said about this field. */
  children?: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        ref={inputRef}
        id={id}
        value={field.value}
        onChange={(event) => onChange({ value: event.target.value, touched: field.touched })}
        onBlur={() => onChange({ ...field, touched: true })}
        spellCheck={false}
        autoComplete="off"
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={inputClass}
      />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-status-failed">
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}
