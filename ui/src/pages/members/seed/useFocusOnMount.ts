import { useEffect, useRef } from "react";

/**
 * A dialog that moves to its next step replaces what had focus: put focus on the new
 * step's heading (tabIndex -1), so keyboard and screen-reader users start reading there.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}
