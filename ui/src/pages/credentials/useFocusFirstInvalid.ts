import { useEffect, useRef } from "react";

/**
 * After a failed submit, keyboard and screen-reader users land on the first field that
 * needs fixing (Mantine marks it aria-invalid), instead of hunting for the red text.
 * Returns the ref for the <form> and a function to call after each failed submit.
 */
export function useFocusFirstInvalid() {
  const formRef = useRef<HTMLFormElement>(null);
  const pending = useRef(false);

  useEffect(() => {
    if (!pending.current) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) {
      invalid.focus();
      pending.current = false;
    }
  });

  return { formRef, focusFirstInvalid: () => (pending.current = true) };
}
