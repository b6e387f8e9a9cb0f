import { useEffect, useRef } from 'react';

export type Direction = 'previous' | 'next';

/**
 * "Previous version", "2 / 3", "Next version" on a message with siblings (issue 11). The ends are
 * disabled; while a switch is on its way (`busy`) presses are ignored, the buttons keep the focus; `focus` puts the keyboard back on a switcher that was just re-mounted by a switch (the
 * version shown is another message, so another element), on the button pressed or, at an end, the other.
 */
export function VersionSwitcher({ version, versions, onSwitch, busy = false, focus, onFocused }: {
  version: number;
  versions: number;
  onSwitch: (direction: Direction) => void;
  busy?: boolean;
  focus?: Direction;
  onFocused?: () => void;
}) {
  const previous = useRef<HTMLButtonElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  const atFirst = version <= 1;
  const atLast = version >= versions;

  useEffect(() => {
    if (!focus) return;
    const wanted = focus === 'previous' ? (atFirst ? next : previous) : atLast ? previous : next;
    wanted.current?.focus();
    onFocused?.();
    // only when mounted with it: a re-render must not pull the focus back
  }, []);

  return (
    <div className="version-switcher" role="group" aria-label="Versions" aria-busy={busy ? 'true' : undefined}>
      <button ref={previous} type="button" className="icon-button" aria-label="Previous version" disabled={atFirst} onClick={() => !busy && onSwitch('previous')}>
        ‹
      </button>
      <span className="version-count">
        {version} / {versions}
      </span>
      <button ref={next} type="button" className="icon-button" aria-label="Next version" disabled={atLast} onClick={() => !busy && onSwitch('next')}>
        ›
      </button>
    </div>
  );
}
