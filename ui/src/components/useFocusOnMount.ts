import { useEffect, useRef } from "react";

/**
 * A dialog that moves to its next step (or whose content arrives after it opened) replaces
 * what had focus: put focus on the new step's heading (tabIndex -1) or its first choice, so
 * keyboard and screen-reader users start there rather than on the dialog's close button.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}
