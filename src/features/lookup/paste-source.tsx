import type { FieldReading, Found } from '../../job/paste';

/**
 * Under a field filled from a paste: the words of the paste its value came from, or, when the
 * paste held several candidates, each of them to pick from (the field is not guessed).
 */
export function PasteSource({
  id,
  reading,
  value,
  onPick,
}: {
  id: string;
  reading: FieldReading | undefined;
  /** The field's current value: the source is shown only while the value is the one found. */
  value: string;
  onPick: (found: Found) => void;
}) {
  if (reading?.kind === 'found' && reading.value === value) {
    return (
      <p id={id} className="mt-1 text-xs break-all text-ink-muted" data-paste-source>
        from “<span className="font-mono">{reading.from}</span>”
      </p>
    );
  }
  if (reading?.kind !== 'choice') return null;
  const picked = reading.options.find((option) => option.value === value);
  return (
    <fieldset id={id} className="mt-1 text-xs" data-paste-choice>
      <legend className="text-ink-muted">
        {reading.options.length} candidates in the paste{picked ? '' : ': pick one'}
      </legend>
      <ul className="mt-1 space-y-1">
        {reading.options.map((option) => (
          <li key={option.value}>
            <button
              type="button"
              onClick={() => onPick(option)}
              aria-pressed={option === picked}
              className="w-full rounded-md border border-line px-2 py-1 text-left hover:bg-surface aria-pressed:border-accent aria-pressed:bg-accent/10"
            >
              <span className="block font-mono break-all">{option.value}</span>
              <span className="block break-all text-ink-muted">from “{option.from}”</span>
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
