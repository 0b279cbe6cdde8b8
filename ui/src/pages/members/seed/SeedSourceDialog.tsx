import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ProjectMembers, SeedProposal, Staged } from "../../../api/membersTypes";
import { AppModal } from "../../../components/AppModal";
import { JiraRoleStep } from "./JiraRoleStep";
import { SeedReview } from "./SeedReview";
import { SourceProjectStep } from "./SourceProjectStep";

/** Where proposed members come from: another project of the server, or a Jira project role. */
export type SeedSource = "copy" | "jira";

interface SeedSourceDialogProps {
  source: SeedSource;
  opened: boolean;
  serverId: number;
  project: ProjectMembers;
  onClose: () => void;
  onStage: (staged: Staged) => void;
}

/**
 * Seeding from a source: pick it (a project of the same server, or a Jira server, project
 * and role), then review who is added. Both sources end in the same review step.
 */
export function SeedSourceDialog({ source, opened, serverId, project, onClose, onStage }: SeedSourceDialogProps) {
  const { t } = useTranslation();
  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      title={t(`memberSeed.${source}.title`, { project: project.project.name })}
      size="xl"
      testId={`seed-${source}-dialog`}
    >
      <SeedFlow source={source} serverId={serverId} project={project} onClose={onClose} onStage={onStage} />
    </AppModal>
  );
}

/** The dialog's content: unmounted while closed, so every opening starts at the source choice. */
function SeedFlow({ source, serverId, project, onClose, onStage }: Omit<SeedSourceDialogProps, "opened">) {
  const [proposal, setProposal] = useState<SeedProposal | null>(null);
  if (proposal) {
    return (
      <SeedReview
        proposal={proposal}
        serverId={serverId}
        project={project}
        // A Jira role carries no unit costs; another project does.
        sourceCosts={source === "copy"}
        onBack={() => setProposal(null)}
        onStage={(adds) => onStage({ adds, updates: [], removes: [] })}
      />
    );
  }
  const Step = source === "copy" ? SourceProjectStep : JiraRoleStep;
  return <Step serverId={serverId} project={project} onProposal={setProposal} onCancel={onClose} />;
}
