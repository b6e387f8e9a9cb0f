import { useSyncExternalStore } from 'react';

/** The one polite status region and the one alert region (SPEC 6): the transcript itself is not live. */
let statusText = '';
let alertText = '';
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export const announce = {
  status(text: string) {
    // the same text twice must be announced twice: clear, then set on the next frame
    statusText = '';
    emit();
    requestAnimationFrame(() => {
      statusText = text;
      emit();
    });
  },
  alert(text: string) {
    alertText = text;
    emit();
  },
  clearAlert() {
    alertText = '';
    emit();
  },
};

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
};

export function Announcer() {
  const status = useSyncExternalStore(subscribe, () => statusText);
  const alert = useSyncExternalStore(subscribe, () => alertText);
  return (
    <>
      <div className="visually-hidden" role="status" aria-live="polite" data-testid="announcer">
        {status}
      </div>
      <div className={alert ? 'alert-banner' : 'visually-hidden'} role="alert">
        {alert && (
          <>
            <span>{alert}</span>
            <button type="button" className="link-button" onClick={() => announce.clearAlert()}>
              Dismiss
            </button>
          </>
        )}
      </div>
    </>
  );
}
