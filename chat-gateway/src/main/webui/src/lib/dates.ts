/** The sidebar's activity groups (SPEC 6): Pinned, Today, Yesterday, Previous 7 days, Previous 30 days, then months. */
export function groupLabel(updatedAt: string, pinned: boolean, now: Date = new Date()): string {
  if (pinned) {
    return 'Pinned';
  }
  const when = new Date(updatedAt);
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const day = 24 * 60 * 60 * 1000;
  const t = when.getTime();
  if (t >= startOfToday) return 'Today';
  if (t >= startOfToday - day) return 'Yesterday';
  if (t >= startOfToday - 7 * day) return 'Previous 7 days';
  if (t >= startOfToday - 30 * day) return 'Previous 30 days';
  return when.toLocaleDateString('en', { month: 'long', year: 'numeric' });
}

export function shortTime(iso: string, now: Date = new Date()): string {
  const when = new Date(iso);
  if (when.toDateString() === now.toDateString()) {
    return when.toLocaleTimeString('en', { hour: '2-digit', minute: '2-digit' });
  }
  return when.toLocaleDateString('en', { month: 'short', day: 'numeric' });
}
