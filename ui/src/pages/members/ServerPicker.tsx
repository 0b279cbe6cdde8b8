import { NativeSelect } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Server } from "../../bindings";

interface ServerPickerProps {
  servers: readonly Server[];
  value: number | null;
  onChange: (serverId: number) => void;
}

/** Which TimeTracker NX server's projects to manage; a plain select, like the wizards'. */
export function ServerPicker({ servers, value, onChange }: ServerPickerProps) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t("members.server.label")}
      value={value === null ? "" : String(value)}
      onChange={(event) => onChange(Number(event.currentTarget.value))}
      maw={420}
      data-testid="members-server"
      data={[
        ...(value === null ? [{ value: "", label: t("members.server.placeholder"), disabled: true }] : []),
        ...servers.map((server) => ({ value: String(server.id), label: server.name })),
      ]}
    />
  );
}
