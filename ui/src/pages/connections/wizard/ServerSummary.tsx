import { Box, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Server } from "../../../bindings";

/** The chosen server at a glance: product, addresses, and a certificate the user trusted. */
export function ServerSummary({ server }: { server: Server }) {
  const { t } = useTranslation();
  return (
    <Box
      component="dl"
      m={0}
      style={{ display: "grid", gridTemplateColumns: "max-content minmax(0, 1fr)", gap: "2px 12px" }}
      data-testid="server-summary"
    >
      <Term>{t("connections.servers.kind")}</Term>
      <Value>{t(`workspace.kinds.${server.kind}`)}</Value>
      <Term>{t("connections.servers.baseUrl")}</Term>
      <Value mono>{server.baseUrl}</Value>
      <Term>{t("connections.wizard.servers.altUrl")}</Term>
      <Value mono={server.altUrl !== null}>{server.altUrl ?? t("connections.wizard.none")}</Value>
      {server.tls?.pinnedFingerprint ? (
        <>
          <Term>{t("connections.certificate.trustedLabel")}</Term>
          <Value mono>{server.tls.pinnedFingerprint}</Value>
        </>
      ) : null}
    </Box>
  );
}

function Term({ children }: { children: string }) {
  return (
    <Text component="dt" size="sm" fw={700}>
      {children}
    </Text>
  );
}

function Value({ children, mono = false }: { children: string; mono?: boolean }) {
  return (
    <Text component="dd" size="sm" m={0} ff={mono ? "monospace" : undefined} style={{ overflowWrap: "anywhere" }}>
      {children}
    </Text>
  );
}
