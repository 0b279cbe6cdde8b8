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
  const [proposal, setProposal] = useState<SeedProposal | null>(null);
  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      title={t("memberSeed.copy.title", { project: project.project.name })}
      size="xl"
      testId="seed-copy-dialog"
    >
      {proposal ? (
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
      )}
    </AppModal>
  );
}
