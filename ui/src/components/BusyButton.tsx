import { Button, Loader, type ButtonProps } from "@mantine/core";
import type { ReactNode } from "react";

interface BusyButtonProps extends ButtonProps {
  busy: boolean;
  onClick: () => void;
  children: ReactNode;
  "data-testid"?: string;
  "data-autofocus"?: boolean;
}

/**
 * A button for an action that takes a moment. Mantine's `loading` disables the button,
 * which throws keyboard focus back to the page (or out of a modal); this one stays
 * focusable while busy, says so with aria-disabled, and ignores further clicks.
 */
export function BusyButton({ busy, onClick, leftSection, children, ...props }: BusyButtonProps) {
  return (
    <Button
      {...props}
      leftSection={busy ? <Loader size={16} color="currentColor" aria-hidden /> : leftSection}
      data-disabled={busy || undefined}
      aria-disabled={busy || undefined}
      aria-busy={busy || undefined}
      onClick={() => {
        if (!busy) onClick();
      }}
    >
      {children}
    </Button>
  );
}
