import { Button, Group, Paper, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconKeyOff, IconRefresh } from "@tabler/icons-react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCredentialAlerts } from "../../api/credentials";
import type { CredentialAlert } from "../../bindings";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDate } from "../../i18n/format";
import { RotateDialog, type RotateTarget } from "../credentials/RotateDialog";
import { StatusBadge } from "../credentials/StatusBadge";
import { expiryStatus } from "../credentials/status";

/**
 * Seed 002 on Home: credentials that expire within 14 days, and expired ones with the
 * syncs they paused, each with Rotate. Nothing at all when every credential is fine.
 */
export function CredentialAlertsCard() {
  const { t } = useTranslation();
  const alerts = useCredentialAlerts();
  const [rotating, setRotating] = useState<RotateTarget | null>(null);
  const headingId = useId();

  if (alerts.isError) {
    return <ErrorAlert title={t("home.credentialAlerts.loadFailed")} error={alerts.error} onRetry={() => void alerts.refetch()} />;
  }
  if (!alerts.data || alerts.data.length === 0) return null;
  const anyExpired = alerts.data.some((alert) => alert.expiry.state === "expired");

  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      withBorder
      p="lg"
      data-testid="credential-alerts"
      style={{ borderColor: `var(--mantine-color-${anyExpired ? "red" : "yellow"}-outline)`, borderWidth: 2 }}
    >
      <Group align="flex-start" wrap="nowrap" gap="md">
        <ThemeIcon size={40} radius="md" color={anyExpired ? "red" : "yellow"} variant="light" aria-hidden visibleFrom="xs">
          <IconKeyOff size={24} />
        </ThemeIcon>
        <Stack gap="sm" style={{ flex: 1, minWidth: 0 }}>
          <Title order={2} size="h4" id={headingId}>
            {t("home.credentialAlerts.heading")}
          </Title>
          <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: "none" }}>
            {alerts.data.map((alert) => (
              <AlertRow
                key={alert.credentialId}
                alert={alert}
                onRotate={() => setRotating({ id: alert.credentialId, label: alert.label })}
              />
            ))}
          </Stack>
        </Stack>
      </Group>
      <RotateDialog target={rotating} onClose={() => setRotating(null)} />
    </Paper>
  );
}

function AlertRow({ alert, onRotate }: { alert: CredentialAlert; onRotate: () => void }) {
  const { t, i18n } = useTranslation();
  const expiry = expiryStatus(alert.expiry, t);
  const expired = alert.expiry.state === "expired";
  return (
    <Group component="li" justify="space-between" align="flex-start" gap="sm" wrap="nowrap" data-testid="credential-alert">
      <Stack gap={4} style={{ minWidth: 0 }}>
        <Group gap={8}>
          <Text fw={700}>{alert.label}</Text>
          <Text size="sm" c="dimmed">
            {alert.serverName}
          </Text>
        </Group>
        <Group gap={8}>
          {expiry ? <StatusBadge tone={expiry.tone}>{expiry.text}</StatusBadge> : null}
          <Text size="sm">{t("credentials.status.until", { date: formatDate(alert.expiresAt, i18n.language) })}</Text>
        </Group>
        {expired ? (
          <Text size="sm" fw={600} data-testid="credential-alert-paused">
            {alert.paused.length > 0
              ? t("home.credentialAlerts.paused", { names: alert.paused.join(t("home.credentialAlerts.separator")) })
              : t("home.credentialAlerts.pausedNone")}
          </Text>
        ) : null}
      </Stack>
      <Button
        variant={expired ? "filled" : "default"}
        leftSection={<IconRefresh size={18} aria-hidden />}
        onClick={onRotate}
        aria-label={t("home.credentialAlerts.rotateNamed", { label: alert.label })}
        style={{ flexShrink: 0 }}
      >
        {t("home.credentialAlerts.rotate")}
      </Button>
    </Group>
  );
}
