import { Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Credential, KindInfo } from "../../bindings";
import { formatDate } from "../../i18n/format";
import { StatusBadge } from "./StatusBadge";
import { expiryStatus, verificationStatus } from "./status";

interface CredentialStatusProps {
  credential: Credential;
  info: KindInfo | undefined;
}

/**
 * Verification and expiry side by side, because either can stop a sync: a verified
 * token that expires tomorrow needs attention as much as one that failed.
 */
export function CredentialStatus({ credential, info }: CredentialStatusProps) {
  const { t, i18n } = useTranslation();
  const verification = verificationStatus(credential, info, t, i18n.language);
  const expiry = expiryStatus(credential.expiry, t);
  return (
    <Stack gap={4} data-testid="credential-status">
      <Group gap={6}>
        <StatusBadge tone={verification.tone} testId="verification-badge">
          {verification.text}
        </StatusBadge>
        {expiry ? (
          <StatusBadge tone={expiry.tone} testId="expiry-badge">
            {expiry.text}
          </StatusBadge>
        ) : null}
      </Group>
      {verification.detail ? (
        <Text size="xs" style={{ overflowWrap: "anywhere" }} data-testid="verification-detail">
          {verification.detail}
        </Text>
      ) : null}
      {credential.expiresAt ? (
        <Text size="xs" c="dimmed">
          {t("credentials.status.until", { date: formatDate(credential.expiresAt, i18n.language) })}
        </Text>
      ) : null}
    </Stack>
  );
}
