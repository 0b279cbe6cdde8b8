import { useRef } from "react";

/**
 * A write-only secret field. The input is uncontrolled on purpose: the secret then lives
 * only in the input element's value, never in React state, never in the `value`
 * attribute React mirrors for controlled inputs (so not in the DOM's HTML), and it is
 * read once, at submit, to be wrapped in a Sensitive.
 */
export function useSecretField() {
  const ref = useRef<HTMLInputElement>(null);
  return {
    ref,
    read: () => ref.current?.value ?? "",
    clear: () => {
      if (ref.current) ref.current.value = "";
    },
  };
}
