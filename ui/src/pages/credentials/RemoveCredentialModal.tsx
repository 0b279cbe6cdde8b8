import { Alert, Stack, Text } from "@mantine/core";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useRemoveCredential } from "../../api/credentials";
import type { Credential } from "../../bindings";
import { AppModal } from "../../components/AppModal";
import { notifySuccess } from "../../components/notify";
import { RemoveActions } from "../../components/RemoveActions";
import { UsedByList } from "./UsedByList";

interface RemoveCredentialModalProps {
  credential: Credential | null;
  onClose: () => void;
  /** After removal the row (and the button that opened this) is gone: move focus on. */
  onRemoved: () => void;
}

/**
 * Asks before removing, and names what stops working: the connections that use it, and
 * automatic sync on its server when it is the service credential. Focus starts on Cancel.
 */
export function RemoveCredentialModal({ credential, onClose, onRemoved }: RemoveCredentialModalProps) {
  const { t } = useTranslation();
  const remove = useRemoveCredential();
  const { reset } = remove;
  // A new question starts clean (no error or success left from the last one).
  const askingFor = credential?.id;
  useEffect(() => {
    if (askingFor !== undefined) reset();
  }, [askingFor, reset]);

  const close = () => {
    if (remove.isPending) return;
    remove.reset();
    onClose();
  };

  const confirm = () => {
    if (!credential) return;
    remove.mutate(credential.id, {
      onSuccess: () => {
        notifySuccess(t("credentials.remove.removed", { label: credential.label }));
        onClose();
        onRemoved();
      },
    });
  };

  return (
    <AppModal
      opened={credential !== null}
      onClose={close}
      title={t("credentials.remove.title", { label: credential?.label ?? "" })}
      testId="remove-credential-dialog"
      returnFocus={!remove.isSuccess}
    >
      {credential ? (
        <Stack gap="md">
          <Text>{t("credentials.remove.body", { server: credential.serverName })}</Text>
          {credential.isService ? (
            <Alert color="red" variant="light" role="note" title={t("credentials.remove.serviceTitle")}>
              {t("credentials.remove.service", { server: credential.serverName })}
            </Alert>
          ) : null}
          <Stack gap={4}>
            <Text fw={600}>
              {credential.usedBy.length > 0 ? t("credentials.remove.usedBy") : t("credentials.remove.unused")}
            </Text>
            {credential.usedBy.length > 0 ? <UsedByList names={credential.usedBy} testId="remove-used-by" /> : null}
          </Stack>
          <RemoveActions
            error={remove.isError ? remove.error : null}
            failedTitle={t("credentials.remove.failed")}
            busy={remove.isPending}
            confirmLabel={t("credentials.remove.confirm")}
            confirmTestId="remove-confirm"
            onCancel={close}
            onConfirm={confirm}
          />
        </Stack>
      ) : null}
    </AppModal>
  );
}
