import { PasswordInput, type PasswordInputProps } from "@mantine/core";
import type { Ref } from "react";

interface SecretInputProps extends Omit<PasswordInputProps, "value" | "defaultValue" | "onChange"> {
  ref?: Ref<HTMLInputElement>;
  "data-testid"?: string;
  "data-autofocus"?: boolean;
}

/**
 * A write-only secret field: uncontrolled (see useSecretField), never autofilled from a
 * stored password, and marked aria-invalid when it has an error — Mantine's PasswordInput
 * shows the error but leaves the inner input without aria-invalid, so screen readers
 * would not say the field needs fixing.
 */
export function SecretInput({ error, ...props }: SecretInputProps) {
  return <PasswordInput {...props} error={error} aria-invalid={error ? true : undefined} autoComplete="new-password" />;
}
