import { Stack, Text } from "@mantine/core";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useRemoveConnection } from "../../api/connections";
import type { ConnectionOverview } from "../../bindings";
import { AppModal } from "../../components/AppModal";
import { notifySuccess } from "../../components/notify";
import { RemoveActions } from "../../components/RemoveActions";

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
  const { reset } = remove;
  const askingFor = connection?.id;
  useEffect(() => {
    if (askingFor !== undefined) reset();
  }, [askingFor, reset]);

  const close = () => {
    if (remove.isPending) return;
    remove.reset();
    onClose();
  };

  const confirm = () => {
    if (!connection) return;
    remove.mutate(connection.id, {
      onSuccess: () => {
        notifySuccess(t("connections.remove.removed", { name: connection.name }));
        onClose();
        onRemoved();
      },
    });
  };

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
