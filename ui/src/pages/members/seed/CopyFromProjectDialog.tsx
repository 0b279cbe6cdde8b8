import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ProjectMembers, SeedProposal, Staged } from "../../../api/membersTypes";
import { AppModal } from "../../../components/AppModal";
import { SeedReview } from "./SeedReview";
import { SourceProjectStep } from "./SourceProjectStep";

interface CopyFromProjectDialogProps {
  opened: boolean;
  serverId: number;
  project: ProjectMembers;
  onClose: () => void;
  onStage: (staged: Staged) => void;
}

/** Copy members from another project of the same server: pick it, then review who is added. */
export function CopyFromProjectDialog({ opened, serverId, project, onClose, onStage }: CopyFromProjectDialogProps) {
  const { t } = useTranslation();
  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      title={t("memberSeed.copy.title", { project: project.project.name })}
      size="xl"
      testId="seed-copy-dialog"
    >
      <CopyFlow serverId={serverId} project={project} onClose={onClose} onStage={onStage} />
    </AppModal>
  );
}

/** The dialog's content: unmounted while closed, so every opening starts at the project choice. */
function CopyFlow({ serverId, project, onClose, onStage }: Omit<CopyFromProjectDialogProps, "opened">) {
  const [proposal, setProposal] = useState<SeedProposal | null>(null);
  return proposal ? (
    <SeedReview
      proposal={proposal}
      serverId={serverId}
      project={project}
      sourceCosts
      onBack={() => setProposal(null)}
      onStage={(adds) => onStage({ adds, updates: [], removes: [] })}
    />
  ) : (
    <SourceProjectStep serverId={serverId} project={project} onProposal={setProposal} onCancel={onClose} />
  );
}
