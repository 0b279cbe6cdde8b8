import { EmptyState } from "@mantine/core";
import type { ReactNode } from "react";

interface EmptyNoticeProps {
  title: string;
  description: string;
  icon: ReactNode;
  /** Usually a RouteLink to the screen that has to be visited first. */
  action?: ReactNode;
  testId?: string;
}

/** "Nothing here yet", with what to do about it. */
export function EmptyNotice({ title, description, icon, action, testId }: EmptyNoticeProps) {
  return (
    <EmptyState icon={icon} variant="light" size="md" py="lg" data-testid={testId}>
      <EmptyState.Title order={2}>{title}</EmptyState.Title>
      <EmptyState.Description maw={560}>{description}</EmptyState.Description>
      {action ? <EmptyState.Actions>{action}</EmptyState.Actions> : null}
    </EmptyState>
  );
}
