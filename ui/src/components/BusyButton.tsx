import { Button, Loader, type ButtonProps } from "@mantine/core";
import type { ReactNode } from "react";

interface BusyButtonProps extends ButtonProps {
  busy: boolean;
  /** Optional for `type="submit"`, where the form's onSubmit does the work. */
  onClick?: () => void;
  type?: "button" | "submit";
  children: ReactNode;
  "data-testid"?: string;
  "data-autofocus"?: boolean;
  "aria-label"?: string;
}

/**
 * A button for an action that takes a moment. Mantine's `loading` disables the button,
 * which throws keyboard focus back to the page (or out of a modal); this one stays
 * focusable while busy, says so with aria-disabled, and ignores further clicks (and
 * further form submissions, as a submit button).
 */
export function BusyButton({ busy, onClick, leftSection, children, type = "button", ...props }: BusyButtonProps) {
  return (
    <Button
      {...props}
      type={type}
      leftSection={busy ? <Loader size={16} color="currentColor" aria-hidden /> : leftSection}
      data-disabled={busy || undefined}
      aria-disabled={busy || undefined}
      aria-busy={busy || undefined}
      onClick={(event) => {
        if (busy) {
          event.preventDefault();
          return;
        }
        onClick?.();
      }}
    >
      {children}
    </Button>
  );
}
