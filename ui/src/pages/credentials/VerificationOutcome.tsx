import { Alert, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconInfoCircle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { Credential, KindInfo } from "../../bindings";
import { verificationReason } from "./status";

interface VerificationOutcomeProps {
  credential: Credential;
  info: KindInfo | undefined;
}

/**
 * What the immediate check after saving or rotating found: who the credential signed in
 * as, or why it did not work. Announced as it appears (role status / alert).
 */
export function VerificationOutcome({ credential, info }: VerificationOutcomeProps) {
  const { t } = useTranslation();
  const verification = credential.verification;
  switch (verification.state) {
    case "verified":
      return (
        <Alert
          color="teal"
          variant="light"
          role="status"
          icon={<IconCircleCheck aria-hidden />}
          title={t("credentials.outcome.verifiedTitle")}
          data-testid="verification-outcome"
        >
          {t("credentials.outcome.verified", { identity: verification.identity })}
        </Alert>
      );
    case "failed":
      return (
        <Alert
          color="red"
          variant="light"
          role="alert"
          icon={<IconAlertTriangle aria-hidden />}
          title={t("credentials.outcome.failedTitle")}
          data-testid="verification-outcome"
        >
          <Text size="sm">{verificationReason(verification.code, verification.message, t)}</Text>
          {verification.message.trim() !== "" ? (
            <Text size="sm" mt="xs">
              {t("errors.detail", { detail: verification.message })}
            </Text>
          ) : null}
        </Alert>
      );
    case "never":
      return (
        <Alert
          color="gray"
          variant="light"
          role="status"
          icon={<IconInfoCircle aria-hidden />}
          title={t("credentials.outcome.savedTitle")}
          data-testid="verification-outcome"
        >
          {info && !info.verifiable ? t("credentials.outcome.notVerifiable") : t("credentials.outcome.notChecked")}
        </Alert>
      );
  }
}
