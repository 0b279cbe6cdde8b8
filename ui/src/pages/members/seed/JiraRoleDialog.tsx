import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ProjectMembers, SeedProposal, Staged } from "../../../api/membersTypes";
import { AppModal } from "../../../components/AppModal";
import { JiraRoleStep } from "./JiraRoleStep";
import { SeedReview } from "./SeedReview";

interface JiraRoleDialogProps {
  opened: boolean;
  serverId: number;
  project: ProjectMembers;
  onClose: () => void;
  onStage: (staged: Staged) => void;
}

/** Seed from a Jira project role: pick the server, project and role, then review the matches. */
export function JiraRoleDialog({ opened, serverId, project, onClose, onStage }: JiraRoleDialogProps) {
  const { t } = useTranslation();
  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      title={t("memberSeed.jira.title", { project: project.project.name })}
      size="xl"
      testId="seed-jira-dialog"
    >
      <JiraFlow serverId={serverId} project={project} onClose={onClose} onStage={onStage} />
    </AppModal>
  );
}

/** The dialog's content: unmounted while closed, so every opening starts at the role choice. */
function JiraFlow({ serverId, project, onClose, onStage }: Omit<JiraRoleDialogProps, "opened">) {
  const [proposal, setProposal] = useState<SeedProposal | null>(null);
  return proposal ? (
    <SeedReview
      proposal={proposal}
      serverId={serverId}
      project={project}
      sourceCosts={false}
      onBack={() => setProposal(null)}
      onStage={(adds) => onStage({ adds, updates: [], removes: [] })}
    />
  ) : (
    <JiraRoleStep serverId={serverId} project={project} onProposal={setProposal} onCancel={onClose} />
  );
}
