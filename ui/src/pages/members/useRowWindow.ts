import { useCallback, useLayoutEffect, useRef, useState, type UIEvent } from "react";

/** Every row is this tall (px): the window's arithmetic depends on it. */
export const ROW_HEIGHT = 52;
/** The table's scroll box at most this tall (px); jsdom, which has no layout, uses it too. */
export const VIEWPORT_HEIGHT = 560;
/** Rows rendered beyond each edge, so Tab and fast scrolling find a row already there. */
export const OVERSCAN = 8;

export interface RowWindow {
  first: number;
  /** One past the last row rendered. */
  last: number;
  padTop: number;
  padBottom: number;
}

/** Which rows of `count` are in (or near) view when the box is scrolled to `scrollTop`. */
export function rowWindow(count: number, scrollTop: number, height: number): RowWindow {
  const first = Math.max(0, Math.min(count, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN));
  const last = Math.min(count, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  return { first, last: Math.max(first, last), padTop: first * ROW_HEIGHT, padBottom: Math.max(0, count - last) * ROW_HEIGHT };
}

/**
 * A windowed list for a scroll box: only the rows in view (plus a margin) are rendered,
 * with empty space standing in for the rest, so a 1,000-member project scrolls as
 * smoothly as a 10-member one. Keyboard focus moving into a row near the edge scrolls the
 * box, which moves the window on: Tab can walk every row.
 */
export function useRowWindow(count: number) {
  const boxRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(VIEWPORT_HEIGHT);

  useLayoutEffect(() => {
    const box = boxRef.current;
    // Zero without a layout engine (tests): keep the default.
    if (box && box.clientHeight > 0) setHeight(box.clientHeight);
  }, [count]);

  const onScroll = useCallback((event: UIEvent<HTMLDivElement>) => setScrollTop(event.currentTarget.scrollTop), []);

  // Fewer rows (a filter) can leave the box scrolled past the end: start from what is there.
  const top = Math.min(scrollTop, Math.max(0, count * ROW_HEIGHT - height));
  return { boxRef, onScroll, window: rowWindow(count, top, height) };
}
