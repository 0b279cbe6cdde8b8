import { Stepper } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { STEPS } from "./wizardState";

interface WizardStepsProps {
  active: number;
  /** After saving, the earlier steps are history: none can be opened again. */
  locked: boolean;
  onSelect: (step: number) => void;
}

/** Where the user is, out of six; finished steps can be opened again to change them. */
export function WizardSteps({ active, locked, onSelect }: WizardStepsProps) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("connections.wizard.stepsLabel")}>
      <Stepper active={active} onStepClick={onSelect} allowNextStepsSelect={false} size="sm" data-testid="wizard-steps">
        {STEPS.map((step, index) => {
          const selectable = !locked && index < active;
          return (
            <Stepper.Step
              key={step}
              label={t(`connections.wizard.steps.${step}`)}
              allowStepSelect={selectable}
              aria-current={index === active ? "step" : undefined}
              aria-disabled={selectable || index === active ? undefined : true}
              data-testid={`wizard-step-${step}`}
            />
          );
        })}
      </Stepper>
    </nav>
  );
}
