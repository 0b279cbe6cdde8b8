import { Button, Group, Stack, Text } from "@mantine/core";
import { IconArrowsExchange, IconList } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { Connection, ConnectionTestReport } from "../../../bindings";
import { hrefFor } from "../../../routing/routes";
import { OutcomeBadge } from "../test/OutcomeBadge";
import { StepHeading } from "./StepHeading";

interface DoneStepProps {
  connection: Connection;
  leftName: string;
  rightName: string;
  /** The wizard's test, which counts as the connection's last test. */
  report: ConnectionTestReport | null;
  onClose: () => void;
}

/** Step 6: saved; next comes a sync profile, which runs over this connection. */
export function DoneStep({ connection, leftName, rightName, report, onClose }: DoneStepProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" data-testid="wizard-done">
      <StepHeading title={t("connections.wizard.done.heading", { name: connection.name })} />
      <Text>
        {t("connections.wizard.done.body", {
          direction: t(`connections.wizard.name.directions.${connection.direction}`, { left: leftName, right: rightName }),
        })}
      </Text>
      <Group gap="sm">
        <Text size="sm" fw={600}>
          {t("connections.list.lastTest")}
        </Text>
        <OutcomeBadge outcome={report?.outcome ?? "untested"} />
      </Group>
      <Text size="sm">{t("connections.wizard.done.next")}</Text>
      <Group gap="sm">
        <Button component="a" href={hrefFor("profiles")} leftSection={<IconArrowsExchange size={18} aria-hidden />} data-testid="create-profile">
          {t("connections.wizard.done.profile")}
        </Button>
        <Button variant="default" onClick={onClose} leftSection={<IconList size={18} aria-hidden />} data-testid="back-to-connections">
          {t("connections.wizard.done.back")}
        </Button>
      </Group>
    </Stack>
  );
}
