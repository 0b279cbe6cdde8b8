import { Stack, Text } from "@mantine/core";
import { IconShieldCheck } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { BusyButton } from "../../../components/BusyButton";

/** The explicit decision to trust a certificate, after comparing it. */
export function TrustCertificateAction({ busy, onTrust }: { busy: boolean; onTrust: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} align="flex-start">
      <Text size="xs">{t("connections.certificate.compareFirst")}</Text>
      <BusyButton
        size="xs"
        variant="default"
        busy={busy}
        onClick={onTrust}
        leftSection={<IconShieldCheck size={16} aria-hidden />}
        data-testid="trust-certificate"
      >
        {t("connections.certificate.trust")}
      </BusyButton>
    </Stack>
  );
}
