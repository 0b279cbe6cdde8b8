import { Stack, Text, Title } from "@mantine/core";

export const STEP_HEADING_ID = "wizard-step-heading";

/**
 * The current step's heading. The wizard moves focus here on every step change, so a
 * keyboard or screen-reader user starts reading the new step — and a second press of Enter
 * cannot land on the next step's button and skip it.
 */
export function StepHeading({ title, intro }: { title: string; intro?: string }) {
  return (
    <Stack gap={4}>
      <Title order={2} size="h3" id={STEP_HEADING_ID} tabIndex={-1} data-testid="step-heading">
        {title}
      </Title>
      {intro ? <Text size="sm">{intro}</Text> : null}
    </Stack>
  );
}
