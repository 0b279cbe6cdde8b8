import { Checkbox } from "@mantine/core";
import { useTranslation } from "react-i18next";

interface ServiceCheckboxProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  serverName: string | null;
}

/** Seed 000: the one credential automatic sync uses on this server, explained where it is set. */
export function ServiceCheckbox({ checked, onChange, serverName }: ServiceCheckboxProps) {
  const { t } = useTranslation();
  return (
    <Checkbox
      checked={checked}
      onChange={(event) => onChange(event.currentTarget.checked)}
      label={t("credentials.form.service")}
      description={t("credentials.form.serviceHelp", { server: serverName ?? t("credentials.form.thisServer") })}
      data-testid="is-service"
    />
  );
}
