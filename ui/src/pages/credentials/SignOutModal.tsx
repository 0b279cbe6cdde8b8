import { Button, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconLogout } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useSignOutCredential } from "../../api/credentials";
import type { Credential } from "../../bindings";
import { AppModal } from "../../components/AppModal";
import { BusyButton } from "../../components/BusyButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifySuccess } from "../../components/notify";
import { UsedByList } from "./UsedByList";

interface SignOutModalProps {
  credential: Credential | null;
  onClose: () => void;
}

/** Sign out of an OAuth credential: the tokens go, the credential stays for a later sign-in. */
export function SignOutModal({ credential, onClose }: SignOutModalProps) {
  const { t } = useTranslation();
  const signOut = useSignOutCredential();

  const close = () => {
    if (signOut.isPending) return;
    signOut.reset();
    onClose();
  };

  const confirm = () => {
    if (!credential) return;
    signOut.mutate(credential.id, {
      onSuccess: ({ outcome }) => {
        const label = credential.label;
        switch (outcome.state) {
          case "revoked":
            notifySuccess(t("credentials.signOut.revoked", { label }));
            break;
          case "forgotten":
            // The provider cannot revoke from here: say where the user can.
            notifications.show({
              color: "indigo",
              title: t("credentials.signOut.forgotten", { label }),
              message: outcome.advice,
              autoClose: false,
            });
            break;
          case "notSignedIn":
            notifySuccess(t("credentials.signOut.notSignedIn", { label }));
            break;
        }
        signOut.reset();
        onClose();
      },
    });
  };

  return (
    <AppModal
      opened={credential !== null}
      onClose={close}
      title={t("credentials.signOut.title", { label: credential?.label ?? "" })}
      testId="sign-out-dialog"
    >
      {credential ? (
        <Stack gap="md">
          <Text>{t("credentials.signOut.body")}</Text>
          {credential.usedBy.length > 0 ? (
            <Stack gap={4}>
              <Text fw={600}>{t("credentials.signOut.usedBy")}</Text>
              <UsedByList names={credential.usedBy} />
            </Stack>
          ) : null}
          {signOut.isError ? <ErrorAlert title={t("credentials.signOut.failed")} error={signOut.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} data-autofocus>
              {t("common.cancel")}
            </Button>
            <BusyButton
              busy={signOut.isPending}
              onClick={confirm}
              leftSection={<IconLogout size={18} aria-hidden />}
              data-testid="sign-out-confirm"
            >
              {t("credentials.signOut.confirm")}
            </BusyButton>
          </Group>
        </Stack>
      ) : null}
    </AppModal>
  );
}
