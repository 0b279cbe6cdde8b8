import { Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useRemoveConnection } from "../../api/connections";
import type { ConnectionOverview } from "../../bindings";
import { AppModal } from "../../components/AppModal";
import { RemoveActions } from "../../components/RemoveActions";
import { useRemoval } from "../../components/useRemoval";

interface RemoveConnectionModalProps {
  connection: ConnectionOverview | null;
  onClose: () => void;
  /** After removal the row (and the button that opened this) is gone: move focus on. */
  onRemoved: () => void;
}

/**
 * Asks before removing, naming the connection and what stays (both servers and their
 * credentials). Focus starts on Cancel.
 */
export function RemoveConnectionModal({ connection, onClose, onRemoved }: RemoveConnectionModalProps) {
  const { t } = useTranslation();
  const remove = useRemoveConnection();
  const { close, confirm } = useRemoval(remove, {
    subject: connection,
    onClose,
    onRemoved,
    removedText: (removed) => t("connections.remove.removed", { name: removed.name }),
  });

  return (
    <AppModal
      opened={connection !== null}
      onClose={close}
      title={t("connections.remove.title", { name: connection?.name ?? "" })}
      size="md"
      testId="remove-connection-dialog"
      returnFocus={!remove.isSuccess}
    >
      {connection ? (
        <Stack gap="md">
          <Text>
            {t("connections.remove.body", { left: connection.left.server.name, right: connection.right.server.name })}
          </Text>
          <RemoveActions
            error={remove.isError ? remove.error : null}
            failedTitle={t("connections.remove.failed")}
            busy={remove.isPending}
            confirmLabel={t("connections.remove.confirm")}
            confirmTestId="remove-connection-confirm"
            onCancel={close}
            onConfirm={confirm}
          />
        </Stack>
      ) : null}
    </AppModal>
  );
}
