import type { ServerKind } from "../../../bindings";

/** The three wizards the Connections screen offers. */
export const WIZARD_TYPES = ["jiraTtnx", "jiraJira", "asanaJira"] as const;
export type WizardType = (typeof WIZARD_TYPES)[number];

/** A product as the user thinks of it; "Jira" is Cloud or Data Center, found by detection. */
export type Product = "jira" | "timeTrackerNx" | "asana";

export const PAIRS: Record<WizardType, { left: Product; right: Product }> = {
  jiraTtnx: { left: "jira", right: "timeTrackerNx" },
  jiraJira: { left: "jira", right: "jira" },
  asanaJira: { left: "asana", right: "jira" },
};

const KINDS: Record<Product, readonly ServerKind[]> = {
  jira: ["jiraCloud", "jiraDataCenter"],
  timeTrackerNx: ["timeTrackerNx"],
  asana: ["asana"],
};

export const fits = (product: Product, kind: ServerKind) => KINDS[product].includes(kind);

/** What detection is told to expect: nothing for Jira, whose edition it finds out itself. */
export function expectedKind(product: Product): ServerKind | null {
  return product === "jira" ? null : (KINDS[product][0] ?? null);
}

/**
 * The kind to register when detection could not identify the server because its
 * certificate is not trusted yet. Atlassian's Cloud sites always carry publicly trusted
 * certificates, so an untrusted Jira is a Data Center installation.
 */
export function kindBehindUntrustedCertificate(product: Product): ServerKind {
  return product === "jira" ? "jiraDataCenter" : (KINDS[product][0] ?? "jiraDataCenter");
}
