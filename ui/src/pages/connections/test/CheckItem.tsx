import { Box, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { CheckResult } from "../../../bindings";
import { isProblem } from "../../../api/checklist";
import { CheckStatusMark } from "./CheckStatusMark";
import { CertificateDetails } from "./CertificateDetails";
import { PermissionList } from "./PermissionList";
import { TrustCertificateAction } from "./Suggestions";

export interface CheckActions {
  /** Trust the certificate with this fingerprint on this side's server, then test again. */
  onTrust?: (fingerprint: string) => void;
  trusting?: boolean;
}

/**
 * One check: its name and status in words, what was found, and for a warning or failure
 * why it matters and how to fix it — plus the one-click fix when there is one.
 */
export function CheckItem({ check, onTrust, trusting = false }: { check: CheckResult } & CheckActions) {
  const { t } = useTranslation();
  const problem = isProblem(check);
  const suggestion = check.suggestion;
  return (
    <Box
      component="li"
      py="xs"
      style={{ borderTop: "1px solid var(--mantine-color-default-border)" }}
      data-testid="check-item"
      data-check={check.id}
    >
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Text size="sm" fw={600}>
            {check.title}
          </Text>
          <CheckStatusMark status={check.status} />
        </Group>
        {check.summary ? (
          <Text size="sm" style={{ overflowWrap: "anywhere" }} data-testid="check-summary">
            {check.summary}
          </Text>
        ) : null}
        {check.permissions.length > 0 ? <PermissionList permissions={check.permissions} /> : null}
        {problem && check.why ? <Advice label={t("connections.test.why")} text={check.why} testId="check-why" /> : null}
        {problem && check.fix ? <Advice label={t("connections.test.fix")} text={check.fix} testId="check-fix" /> : null}
        {check.certificate ? <CertificateDetails certificate={check.certificate} /> : null}
        {suggestion?.type === "trustCertificate" && onTrust ? (
          <TrustCertificateAction busy={trusting} onTrust={() => onTrust(suggestion.fingerprint)} />
        ) : null}
      </Stack>
    </Box>
  );
}

function Advice({ label, text, testId }: { label: string; text: string; testId: string }) {
  return (
    <Text size="sm" data-testid={testId}>
      <Text span fw={700} size="sm">
        {label}
      </Text>{" "}
      {text}
    </Text>
  );
}
