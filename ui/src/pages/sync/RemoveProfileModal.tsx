import { Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useRemoveProfile } from "../../api/sync";
import type { SyncProfile } from "../../api/syncTypes";
import { AppModal } from "../../components/AppModal";
import { RemoveActions } from "../../components/RemoveActions";
import { useRemoval } from "../../components/useRemoval";

interface RemoveProfileModalProps {
  profile: SyncProfile | null;
  onClose: () => void;
  onRemoved: () => void;
}

/** "Remove profile WEB?": its links, journal and problems go with it; the servers keep their items. */
export function RemoveProfileModal({ profile, onClose, onRemoved }: RemoveProfileModalProps) {
  const { t } = useTranslation();
  const remove = useRemoveProfile();
  const { close, confirm } = useRemoval(remove, {
    subject: profile,
    onClose,
    onRemoved,
    removedText: (removed) => t("profiles.remove.done", { name: removed.name }),
  });
  return (
    <AppModal opened={profile !== null} onClose={close} title={t("profiles.remove.title", { name: profile?.name ?? "" })} size="md" returnFocus={false}>
      <Stack gap="md">
        <Text size="sm">{t("profiles.remove.body")}</Text>
        <RemoveActions
          error={remove.error}
          failedTitle={t("profiles.remove.failed")}
          busy={remove.isPending}
          confirmLabel={t("profiles.remove.confirm")}
          confirmTestId="profile-remove-confirm"
          onCancel={close}
          onConfirm={confirm}
        />
      </Stack>
    </AppModal>
  );
}
