import { ActionIcon, Group, Menu } from "@mantine/core";
import {
  IconDots,
  IconEdit,
  IconLogin,
  IconLogout,
  IconRefresh,
  IconShieldCheck,
  IconTrash,
  IconUserCircle,
} from "@tabler/icons-react";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { useVerifyCredential } from "../../api/credentials";
import type { Credential, KindInfo } from "../../bindings";
import { BusyButton } from "../../components/BusyButton";
import { notifyFailure, notifySuccess } from "../../components/notify";
import { notifications } from "@mantine/notifications";
import { verificationReason } from "./status";

/** The dialogs a row can open; the screen owns them so there is one of each. */
export type CredentialDialog = "edit" | "rotate" | "remove" | "signOut" | "switch";

interface CredentialActionsProps {
  credential: Credential;
  info: KindInfo | undefined;
  onOpen: (dialog: CredentialDialog, credential: Credential) => void;
}

/**
 * Verify (the common action, one click) and the rest in a menu, each named with the
 * credential's label so a screen-reader user tabbing through the table knows which row.
 */
export function CredentialActions({ credential, info, onOpen }: CredentialActionsProps) {
  const { t } = useTranslation();
  const verify = useVerifyCredential();
  const menuButton = useRef<HTMLButtonElement>(null);
  // The dialog an item opens returns focus to whatever had it when it opened: make that
  // this row's menu button, not the menu item that is about to disappear.
  const open = (dialog: CredentialDialog) => {
    menuButton.current?.focus();
    onOpen(dialog, credential);
  };
  const oauth = credential.oauth;
  const canVerify = (info?.verifiable ?? true) && (oauth === null || oauth.signedIn);

  const runVerify = () =>
    verify.mutate(credential.id, {
      onSuccess: (checked) => {
        const verification = checked.verification;
        if (verification.state === "verified") {
          notifySuccess(t("credentials.verify.ok", { label: checked.label, identity: verification.identity }));
        } else if (verification.state === "failed") {
          notifications.show({
            color: "red",
            title: t("credentials.verify.failedTitle", { label: checked.label }),
            message: verificationReason(verification.code, verification.message, t),
            autoClose: 10_000,
          });
        }
      },
      onError: (error) => notifyFailure(error, t),
    });

  return (
    <Group gap="xs" wrap="nowrap" justify="flex-end">
      {canVerify ? (
        <BusyButton
          variant="default"
          size="xs"
          busy={verify.isPending}
          onClick={runVerify}
          leftSection={<IconShieldCheck size={16} aria-hidden />}
          aria-label={t("credentials.actions.verifyNamed", { label: credential.label })}
          data-testid="credential-verify"
        >
          {t("credentials.actions.verify")}
        </BusyButton>
      ) : null}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon
            ref={menuButton}
            variant="default"
            size="lg"
            aria-label={t("credentials.actions.more", { label: credential.label })}
            data-testid="credential-menu"
          >
            <IconDots size={18} aria-hidden />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item
            leftSection={<IconEdit size={16} aria-hidden />}
            onClick={() => open("edit")}
            data-testid="credential-action-edit"
          >
            {t("credentials.actions.edit")}
          </Menu.Item>
          {oauth ? (
            <>
              <Menu.Item
                leftSection={oauth.signedIn ? <IconUserCircle size={16} aria-hidden /> : <IconLogin size={16} aria-hidden />}
                onClick={() => open("switch")}
                data-testid="credential-action-switch"
              >
                {oauth.signedIn ? t("credentials.actions.switch") : t("credentials.actions.signIn")}
              </Menu.Item>
              {oauth.signedIn ? (
                <Menu.Item
                  leftSection={<IconLogout size={16} aria-hidden />}
                  onClick={() => open("signOut")}
                  data-testid="credential-action-sign-out"
                >
                  {t("credentials.actions.signOut")}
                </Menu.Item>
              ) : null}
            </>
          ) : (
            <Menu.Item
              leftSection={<IconRefresh size={16} aria-hidden />}
              onClick={() => open("rotate")}
              data-testid="credential-action-rotate"
            >
              {t("credentials.actions.rotate")}
            </Menu.Item>
          )}
          <Menu.Divider />
          <Menu.Item
            color="red.9"
            leftSection={<IconTrash size={16} aria-hidden />}
            onClick={() => open("remove")}
            data-testid="credential-action-remove"
          >
            {t("credentials.actions.remove")}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
