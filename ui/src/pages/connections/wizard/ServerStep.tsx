import { Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Server } from "../../../bindings";
import type { Side } from "../../../bindings";
import { ServerSideForm } from "./ServerSideForm";
import { StepHeading } from "./StepHeading";
import { productsOf, type WizardState } from "./wizardState";

interface ServerStepProps {
  state: WizardState;
  servers: readonly Server[];
  onChoose: (side: Side, server: Server | null) => void;
}

/** Step 2: the server on each side. */
export function ServerStep({ state, servers, onChoose }: ServerStepProps) {
  const { t } = useTranslation();
  const products = productsOf(state);
  return (
    <Stack gap="md">
      <StepHeading title={t("connections.wizard.servers.heading")} intro={t("connections.wizard.servers.intro")} />
      {(["left", "right"] as const).map((side) => (
        <ServerSideForm
          key={side}
          side={side}
          product={products[side]}
          state={state[side]}
          servers={servers}
          onChoose={(server) => onChoose(side, server)}
        />
      ))}
    </Stack>
  );
}
