import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCredentialKinds } from "../../api/credentials";
import { useServers } from "../../api/workspace";
import type { Credential, Saved } from "../../bindings";
import { AppModal } from "../../components/AppModal";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { OAuthSignInForm } from "./OAuthSignInForm";
import { SavedResult } from "./SavedResult";

interface SwitchAccountModalProps {
  credential: Credential | null;
  onClose: () => void;
}

/**
 * Sign in again into an existing OAuth credential: after a sign-out, when it needs
 * sign-in, or to use another account ("Switch account"). Connections keep using it.
 */
export function SwitchAccountModal({ credential, onClose }: SwitchAccountModalProps) {
  const { t } = useTranslation();
  const signedIn = credential?.oauth?.signedIn ?? false;
  return (
    <AppModal
      opened={credential !== null}
      onClose={onClose}
      title={t(signedIn ? "credentials.switch.title" : "credentials.switch.signInTitle", { label: credential?.label ?? "" })}
      testId="switch-account-dialog"
    >
      {credential ? <SwitchBody key={credential.id} credential={credential} onDone={onClose} /> : null}
    </AppModal>
  );
}

function SwitchBody({ credential, onDone }: { credential: Credential; onDone: () => void }) {
  const kinds = useCredentialKinds();
  const servers = useServers();
  const [saved, setSaved] = useState<Saved | null>(null);
  const info = kinds.data?.find((item) => item.kind === credential.kind);
  const server = servers.data?.find((item) => item.id === credential.serverId);
  if (saved) return <SavedResult saved={saved} info={info} onDone={onDone} />;
  if (kinds.isError || servers.isError) return <ErrorAlert error={kinds.error ?? servers.error} />;
  if (!info || !server) return <LoadingState />;
  return <OAuthSignInForm server={server} info={info} initialService={credential.isService} existing={credential} onSaved={setSaved} />;
}
