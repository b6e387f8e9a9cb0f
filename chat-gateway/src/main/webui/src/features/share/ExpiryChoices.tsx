import { RadioGroup } from '../dialogs/RadioGroup';
import { EXPIRY_CHOICES, type ExpiryChoice } from './expiry';

/** A radio group "Expires": never, 1 day, 7 days, 30 days. */
export function ExpiryChoices({ value, onChange, disabled }: { value: ExpiryChoice; onChange: (c: ExpiryChoice) => void; disabled?: boolean }) {
  return <RadioGroup label="Expires" options={EXPIRY_CHOICES} value={value} onChange={onChange} disabled={disabled} />;
}
