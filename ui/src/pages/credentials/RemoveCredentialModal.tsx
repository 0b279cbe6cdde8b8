import { Alert, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useRemoveCredential } from "../../api/credentials";
import type { Credential } from "../../bindings";
import { AppModal } from "../../components/AppModal";
import { RemoveActions } from "../../components/RemoveActions";
import { useRemoval } from "../../components/useRemoval";
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
  const { close, confirm } = useRemoval(remove, {
    subject: credential,
    onClose,
    onRemoved,
    removedText: (removed) => t("credentials.remove.removed", { label: removed.label }),
  });

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
