import { Modal, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { HomeStatus } from "../../bindings";
import { useRemoveDemoWorkspace } from "../../api/workspace";
import { notifySuccess } from "../../components/notify";
import { RemoveActions } from "../../components/RemoveActions";

interface RemoveDemoModalProps {
  opened: boolean;
  onClose: () => void;
  onRemoved: (status: HomeStatus) => void;
}

/**
 * Asks before removing the demo workspace, and says what goes and what stays. Focus is
 * trapped in the dialog, starts on Cancel (the safe choice) and Escape closes it.
 */
export function RemoveDemoModal({ opened, onClose, onRemoved }: RemoveDemoModalProps) {
  const { t } = useTranslation();
  const remove = useRemoveDemoWorkspace();

  const close = () => {
    if (remove.isPending) return;
    remove.reset();
    onClose();
  };

  const confirm = () =>
    remove.mutate(undefined, {
      onSuccess: (status) => {
        notifySuccess(t("home.demo.remove.removed"));
        onClose();
        onRemoved(status);
      },
    });

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t("home.demo.remove.title")}
      closeButtonProps={{ "aria-label": t("common.close") }}
      size="lg"
      // Mantine renders the dialog's header as <header>; in the portal at <body> level that
      // would be a second "banner" landmark next to the app's own.
      attributes={{ header: { role: "none" } }}
      styles={{ title: { fontSize: "var(--mantine-h3-font-size)", fontWeight: 700 } }}
      data-testid="demo-remove-dialog"
    >
      <Stack gap="md">
        <Text>{t("home.demo.remove.body")}</Text>
        <Text fw={600}>{t("home.demo.remove.keeps")}</Text>
        <RemoveActions
          error={remove.isError ? remove.error : null}
          failedTitle={t("home.demo.remove.failed")}
          busy={remove.isPending}
          confirmLabel={t("home.demo.remove.confirm")}
          confirmTestId="demo-remove-confirm"
          onCancel={close}
          onConfirm={confirm}
        />
      </Stack>
    </Modal>
  );
}
