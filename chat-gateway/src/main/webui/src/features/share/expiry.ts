/** The share dialog's expiry choices (SPEC 6 / issue 10): never, 1 day, 7 days, 30 days. */
export const EXPIRY_CHOICES = [
  { id: 'never', label: 'Never', days: null },
  { id: '1d', label: '1 day', days: 1 },
  { id: '7d', label: '7 days', days: 7 },
  { id: '30d', label: '30 days', days: 30 },
] as const;

export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number]['id'];

/** The `expiresAt` sent with the share request, or none for a link that does not expire. */
export function expiresAt(choice: ExpiryChoice, now: Date = new Date()): string | undefined {
  const days = EXPIRY_CHOICES.find((c) => c.id === choice)?.days;
  return days == null ? undefined : new Date(now.getTime() + days * 24 * 60 * 60 * 1000).toISOString();
}
