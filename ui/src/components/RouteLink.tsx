import { Anchor } from "@mantine/core";
import type { ReactNode } from "react";
import { hrefFor, type RouteId } from "../routing/routes";

interface RouteLinkProps {
  to: RouteId;
  children: ReactNode;
}

/** An in-app link: a real `<a href="#/…">`, so it works with keyboard, middle-click and screen readers. */
export function RouteLink({ to, children }: RouteLinkProps) {
  return (
    <Anchor href={hrefFor(to)} fw={600}>
      {children}
    </Anchor>
  );
}
