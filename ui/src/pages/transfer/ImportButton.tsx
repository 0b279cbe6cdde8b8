import { Button } from "@mantine/core";
import { IconFileImport } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ImportModal } from "./ImportModal";

/** Opens the import dialog, afresh each time. */
export function ImportButton() {
  const { t } = useTranslation();
  const [session, setSession] = useState({ opened: false, key: 0 });
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconFileImport size={18} aria-hidden />}
        onClick={() => setSession((current) => ({ opened: true, key: current.key + 1 }))}
        data-testid="import-workspace"
      >
        {t("transfer.import.button")}
      </Button>
      <ImportModal
        key={session.key}
        opened={session.opened}
        onClose={() => setSession((current) => ({ ...current, opened: false }))}
      />
    </>
  );
}
