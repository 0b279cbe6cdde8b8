import { Alert, Text } from "@mantine/core";
import { IconAlertTriangle, IconLock } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useDoctor } from "../../api/diagnostics";

/**
 * Where secrets go, and whether that place works right now: a credential cannot be saved
 * while the keychain is unreachable, so say so before anyone fills in a form.
 */
export function KeychainNotice() {
  const { t } = useTranslation();
  const keychain = useDoctor().data?.keychain;
  const unreachable = keychain !== undefined && !keychain.reachable;

  return (
    <Alert
      color={unreachable ? "red" : "indigo"}
      variant="light"
      icon={unreachable ? <IconAlertTriangle aria-hidden /> : <IconLock aria-hidden />}
      title={t("credentials.keychain.title")}
    >
      <Text size="sm">{t("credentials.keychain.body")}</Text>
      {keychain ? (
        <Text size="sm" fw={600} mt="xs" data-testid="credentials-keychain">
          {keychain.reachable
            ? t("credentials.keychain.reachable", { backend: keychain.backend })
            : t("credentials.keychain.unreachable", { backend: keychain.backend })}
          {!keychain.reachable && keychain.reason ? ` — ${keychain.reason}` : null}
        </Text>
      ) : null}
    </Alert>
  );
}
