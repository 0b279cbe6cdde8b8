import { Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Side } from "../../../bindings";
import type { Credential, KindInfo } from "../../../bindings";
import { CredentialSideForm } from "./CredentialSideForm";
import { StepHeading } from "./StepHeading";
import { effectiveChoice, type CredentialChoice, type WizardState } from "./wizardState";

interface CredentialStepProps {
  state: WizardState;
  credentials: readonly Credential[];
  kinds: readonly KindInfo[];
  onChoose: (side: Side, choice: CredentialChoice) => void;
}

/** Step 3: the credential each side signs in with. */
export function CredentialStep({ state, credentials, kinds, onChoose }: CredentialStepProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <StepHeading title={t("connections.wizard.credentials.heading")} intro={t("connections.wizard.credentials.intro")} />
      {(["left", "right"] as const).map((side) => {
        const server = state[side].server;
        return server ? (
          <CredentialSideForm
            key={`${side}-${server.id}`}
            side={side}
            server={server}
            choice={effectiveChoice(state[side], credentials)}
            credentials={credentials}
            kinds={kinds}
            onChoose={(choice) => onChoose(side, choice)}
          />
        ) : null;
      })}
    </Stack>
  );
}
