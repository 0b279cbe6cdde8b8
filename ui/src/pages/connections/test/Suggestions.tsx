import { Button, Group, Stack, Text } from "@mantine/core";
import { IconRoute, IconShieldCheck } from "@tabler/icons-react";
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

/**
 * The server answered only at another address. Where the side can still be changed (in
 * the wizard) one click takes the user there; elsewhere the address is at least shown.
 */
export function AlternativeUrlSuggestion({ url, onUse }: { url: string; onUse: (() => void) | undefined }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} align="flex-start" data-testid="alt-url-suggestion">
      <Text size="sm" style={{ overflowWrap: "anywhere" }}>
        {t("connections.test.altUrlFound", { url })}
      </Text>
      {onUse ? (
        <Group>
          <Button size="xs" variant="default" onClick={onUse} leftSection={<IconRoute size={16} aria-hidden />} data-testid="use-alt-url">
            {t("connections.test.useAltUrl")}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
