import { useId } from 'react';

/** A `radiogroup` named by its visible label, of native radios (arrows move between them). */
export function RadioGroup<T extends string>({ label, options, value, onChange, disabled }: {
  label: string;
  options: readonly { id: T; label: string }[];
  value: T;
  onChange: (id: T) => void;
  disabled?: boolean;
}) {
  const labelId = useId();
  const name = useId();
  return (
    <div role="radiogroup" aria-labelledby={labelId} className="radio-row">
      <span id={labelId} className="radio-legend">
        {label}
      </span>
      {options.map((option) => (
        <label key={option.id} className="radio">
          <input type="radio" name={name} value={option.id} checked={value === option.id} disabled={disabled} onChange={() => onChange(option.id)} />
          {option.label}
        </label>
      ))}
    </div>
  );
}
