import { Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ConnectionTestRun, TestTarget } from "../../../api/connectionTest";
import { ConnectionTestPanel } from "../test/ConnectionTestPanel";
import { StepHeading } from "./StepHeading";

interface TestStepProps {
  run: ConnectionTestRun;
  target: TestTarget;
}

/** Step 4: Test connection on the chosen servers and credentials, before anything is saved. */
export function TestStep({ run, target }: TestStepProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <StepHeading title={t("connections.wizard.test.heading")} intro={t("connections.wizard.test.intro")} />
      <ConnectionTestPanel run={run} target={target} />
    </Stack>
  );
}
