import { Button, Group, Stack, Text } from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useRemoveConnection } from "../../api/connections";
import type { ConnectionOverview } from "../../bindings";
import { AppModal } from "../../components/AppModal";
import { BusyButton } from "../../components/BusyButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifySuccess } from "../../components/notify";

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
          {remove.isError ? <ErrorAlert title={t("connections.remove.failed")} error={remove.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} data-autofocus>
              {t("common.cancel")}
            </Button>
            <BusyButton
              color="red.9"
              busy={remove.isPending}
              onClick={confirm}
              leftSection={<IconTrash size={18} aria-hidden />}
              data-testid="remove-connection-confirm"
            >
              {t("connections.remove.confirm")}
            </BusyButton>
          </Group>
        </Stack>
      ) : null}
    </AppModal>
  );
}
