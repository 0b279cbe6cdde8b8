import { Box, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { isDone } from "../../../api/checklist";
import type { SideReport } from "../../../bindings";
import { CheckItem, type CheckActions } from "./CheckItem";
import { OutcomeBadge } from "./OutcomeBadge";

interface SideChecklistProps {
  report: SideReport;
  /** The test has ended: the side's outcome is final. */
  finished: boolean;
  actions: CheckActions;
}

/** One server's checks, in the order they run, under its name, product and credential. */
export function SideChecklist({ report, finished, actions }: SideChecklistProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const done = report.checks.filter(isDone).length;
  return (
    <Paper component="section" withBorder p="md" aria-labelledby={headingId} data-testid={`checklist-${report.side}`}>
      <Group justify="space-between" align="flex-start" gap="sm" mb="xs">
        <Stack gap={2} style={{ minWidth: 0, flex: "1 1 12rem" }}>
          <Text size="xs" fw={700} c="dimmed">
            {t(`connections.test.side.${report.side}`, { product: t(`workspace.kinds.${report.serverKind}`) })}
          </Text>
          {/* Focusable from script: after trusting a certificate the button is gone, and focus
              lands here, where the new result comes in. */}
          <Title order={3} size="h4" id={headingId} tabIndex={-1} data-side-heading={report.side} style={{ overflowWrap: "anywhere" }}>
            {report.serverName}
          </Title>
          <Text size="xs" c="dimmed" data-testid="checklist-credential">
            {report.credentialLabel
              ? t("connections.list.credential", { label: report.credentialLabel })
              : t("connections.list.noCredential")}
          </Text>
        </Stack>
        {finished ? (
          <OutcomeBadge outcome={report.outcome} />
        ) : (
          <Text size="xs" c="dimmed" data-testid="checklist-progress">
            {t("connections.test.progress", { done, total: report.checks.length })}
          </Text>
        )}
      </Group>
      <Box component="ol" m={0} p={0} style={{ listStyle: "none" }}>
        {report.checks.map((check) => (
          <CheckItem key={check.id} check={check} {...actions} />
        ))}
      </Box>
    </Paper>
  );
}
