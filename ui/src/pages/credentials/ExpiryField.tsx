import { TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../i18n/format";
import type { ExpiryRules } from "./validation";

interface ExpiryFieldProps {
  value: string;
  onChange: (value: string) => void;
  rules: ExpiryRules;
  error: string | undefined;
  /** Rotation: an empty field keeps the current date. */
  keeps?: string | null;
  label?: string;
}

/**
 * The expiry date as a native date input (keyboard and screen-reader friendly in every
 * WebView), limited to today … the vendor's maximum, with the rule spelled out.
 */
export function ExpiryField({ value, onChange, rules, error, keeps, label }: ExpiryFieldProps) {
  const { t, i18n } = useTranslation();
  const hints = [
    rules.max
      ? t("credentials.form.expiryMax", { days: rules.max.days, date: formatDate(rules.max.date, i18n.language) })
      : null,
    keeps !== undefined
      ? keeps
        ? t("credentials.form.expiryKeeps", { date: formatDate(keeps, i18n.language) })
        : t("credentials.form.expiryKeepsNone")
      : rules.required
        ? null
        : t("credentials.form.expiryOptional"),
  ].filter((hint): hint is string => hint !== null);

  return (
    <TextInput
      type="date"
      label={label ?? t("credentials.form.expiresAt")}
      description={
        hints.length > 0
          ? hints.map((hint) => (
              <span key={hint} style={{ display: "block" }}>
                {hint}
              </span>
            ))
          : undefined
      }
      value={value}
      min={rules.today}
      max={rules.max?.date}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      required={rules.required && keeps === undefined}
      data-testid="expires-at"
    />
  );
}
