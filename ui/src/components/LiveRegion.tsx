import { VisuallyHidden } from "@mantine/core";

/**
 * A polite live region: screen readers read its text when it changes, after whatever they
 * are saying. It is always rendered, because a region that appears together with its text
 * is often not announced.
 */
export function LiveRegion({ text, testId }: { text: string; testId?: string }) {
  return (
    <VisuallyHidden role="status" aria-live="polite" aria-atomic="true" data-testid={testId}>
      {text}
    </VisuallyHidden>
  );
}
