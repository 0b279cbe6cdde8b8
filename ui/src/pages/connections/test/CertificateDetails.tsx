import { Box, Code, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { CertificateView } from "../../../bindings";
import { formatDateTime } from "../../../i18n/format";

/**
 * What to compare before trusting a certificate: who it names, who issued it, how long it
 * is valid, and its SHA-256 fingerprint — the one value an administrator can read out.
 */
export function CertificateDetails({ certificate }: { certificate: CertificateView }) {
  const { t, i18n } = useTranslation();
  const validity = t("connections.certificate.validityRange", {
    from: formatDateTime(certificate.notBefore, i18n.language),
    to: formatDateTime(certificate.notAfter, i18n.language),
  });
  return (
    <Box
      component="dl"
      m={0}
      style={{ display: "grid", gridTemplateColumns: "max-content minmax(0, 1fr)", gap: "4px 12px" }}
      data-testid="certificate-details"
    >
      <Term>{t("connections.certificate.subject")}</Term>
      <Value>{certificate.subject}</Value>
      <Term>{t("connections.certificate.issuer")}</Term>
      <Value>{certificate.issuer}</Value>
      <Term>{t("connections.certificate.validity")}</Term>
      <Value>{validity}</Value>
      <Term>{t("connections.certificate.fingerprint")}</Term>
      <Text component="dd" size="xs" m={0}>
        <Code className="kh-path" data-testid="certificate-fingerprint">
          {certificate.fingerprint}
        </Code>
      </Text>
    </Box>
  );
}

function Term({ children }: { children: string }) {
  return (
    <Text component="dt" size="xs" fw={700}>
      {children}
    </Text>
  );
}

function Value({ children }: { children: string }) {
  return (
    <Text component="dd" size="xs" m={0} style={{ overflowWrap: "anywhere" }}>
      {children}
    </Text>
  );
}
