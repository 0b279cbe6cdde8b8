import { Alert, Button, Group, List, Stack, Text } from "@mantine/core";
import { IconCircleCheck } from "@tabler/icons-react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { ImportSummary } from "../../bindings";
import { RouteLink } from "../../components/RouteLink";

interface ImportSummaryViewProps {
  summary: ImportSummary;
  onDone: () => void;
}

/** What the import did, what it skipped, and the OAuth credentials still to sign in to. */
export function ImportSummaryView({ summary, onDone }: ImportSummaryViewProps) {
  const { t } = useTranslation();
  const doneRef = useRef<HTMLButtonElement>(null);
  useEffect(() => doneRef.current?.focus(), []);

  return (
    <Stack gap="md" data-testid="import-summary">
      <Alert color="teal" variant="light" role="status" icon={<IconCircleCheck aria-hidden />} title={t("transfer.summary.title")}>
        <List size="sm" spacing={2}>
          <List.Item>{t("transfer.summary.serversAdded", { count: summary.serversAdded })}</List.Item>
          <List.Item>{t("transfer.summary.serversReused", { count: summary.serversReused })}</List.Item>
          <List.Item>{t("transfer.summary.connectionsAdded", { count: summary.connectionsAdded })}</List.Item>
          <List.Item>{t("transfer.summary.credentialsAdded", { count: summary.credentialsAdded })}</List.Item>
          {summary.credentialsReused > 0 ? (
            <List.Item>{t("transfer.summary.credentialsReused", { count: summary.credentialsReused })}</List.Item>
          ) : null}
        </List>
      </Alert>
      {summary.connectionsSkipped.length > 0 ? (
        <Stack gap={4} data-testid="import-skipped">
          <Text fw={600}>{t("transfer.summary.skipped")}</Text>
          <List size="sm">
            {summary.connectionsSkipped.map((name) => (
              <List.Item key={name}>{name}</List.Item>
            ))}
          </List>
        </Stack>
      ) : null}
      {summary.signInNeeded.length > 0 ? (
        <Stack gap={4}>
          <Text fw={600}>{t("transfer.summary.signIn")}</Text>
          <List size="sm">
            {summary.signInNeeded.map((label) => (
              <List.Item key={label}>{label}</List.Item>
            ))}
          </List>
          <RouteLink to="credentials">{t("transfer.summary.signInLink")}</RouteLink>
        </Stack>
      ) : null}
      <Group justify="flex-end">
        <Button ref={doneRef} onClick={onDone} data-testid="import-done">
          {t("credentials.add.done")}
        </Button>
      </Group>
    </Stack>
  );
}
