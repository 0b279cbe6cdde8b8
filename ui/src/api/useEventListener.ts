import { useEffect, useRef } from "react";

interface TypedEvent<T> {
  listen: (handler: (event: { payload: T }) => void) => Promise<() => void>;
}

/** Listens to a typed event for the component's lifetime; `handler` may change freely. */
export function useEventListener<T>(event: TypedEvent<T>, handler: (payload: T) => void) {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    let disposed = false;
    let unlisten: (() => void) | undefined;
    event
      .listen(({ payload }) => latest.current(payload))
      .then((stop) => {
        if (disposed) stop();
        else unlisten = stop;
      })
      .catch(() => {
        // Without the event the screen still works; it refreshes on its next fetch.
      });
    return () => {
      disposed = true;
      unlisten?.();
    };
  }, [event]);
}
