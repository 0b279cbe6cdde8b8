import { Paper, Stack, Title } from "@mantine/core";
import { useId, type ReactNode } from "react";

interface SectionProps {
  heading: string;
  children: ReactNode;
}

/** A titled region of a screen: an h2 that also names the region for screen readers. */
export function Section({ heading, children }: SectionProps) {
  const headingId = useId();
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder p="lg">
      <Stack gap="sm">
        <Title order={2} size="h3" id={headingId}>
          {heading}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}
