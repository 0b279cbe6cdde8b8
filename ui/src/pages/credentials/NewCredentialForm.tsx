import { Alert, Radio, Stack } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CredentialKind, KindInfo, Saved, Server } from "../../bindings";
import { OAuthSignInForm } from "./OAuthSignInForm";
import { TokenCredentialForm } from "./TokenCredentialForm";

interface NewCredentialFormProps {
  server: Server;
  /** Every kind the back end offers; only those that fit the server are shown. */
  kinds: readonly KindInfo[];
  initialService: boolean;
  onSaved: (saved: Saved) => void;
}

/**
 * A new credential for one server: the kinds that fit it (each with a line on when to use
 * it), then the form for the chosen kind. Used by "Add credential" and by the connection
 * wizards, so both ask the same questions and keep secrets out of React state the same way.
 */
export function NewCredentialForm({ server, kinds, initialService, onSaved }: NewCredentialFormProps) {
  const { t } = useTranslation();
  const [chosenKind, setChosenKind] = useState<CredentialKind | null>(null);
  const fitting = kinds.filter((info) => info.serverKinds.includes(server.kind));
  // With one fitting kind there is nothing to choose.
  const kind = chosenKind ?? (fitting.length === 1 ? (fitting[0]?.kind ?? null) : null);
  const info = fitting.find((candidate) => candidate.kind === kind);

  return (
    <Stack gap="md">
      <KindChoice fitting={fitting} value={kind} onChange={setChosenKind} serverKind={t(`workspace.kinds.${server.kind}`)} />
      {info ? (
        info.secret === "oAuth" ? (
          <OAuthSignInForm key={`${server.id}-${info.kind}`} server={server} info={info} initialService={initialService} onSaved={onSaved} />
        ) : (
          <TokenCredentialForm key={`${server.id}-${info.kind}`} server={server} info={info} initialService={initialService} onSaved={onSaved} />
        )
      ) : null}
    </Stack>
  );
}

interface KindChoiceProps {
  fitting: KindInfo[];
  value: CredentialKind | null;
  onChange: (kind: CredentialKind) => void;
  serverKind: string;
}

/** The kinds that fit this server, each with one line on when to use it. */
function KindChoice({ fitting, value, onChange, serverKind }: KindChoiceProps) {
  const { t } = useTranslation();
  if (fitting.length === 0) {
    return (
      <Alert color="gray" variant="light" role="status">
        {t("credentials.add.noKinds", { product: serverKind })}
      </Alert>
    );
  }
  return (
    <Radio.Group
      label={t("credentials.add.kind")}
      value={value ?? ""}
      onChange={(next) => onChange(next as CredentialKind)}
      required
      data-testid="credential-kind"
    >
      <Stack gap="sm" mt="xs">
        {fitting.map((info) => (
          <Radio
            key={info.kind}
            value={info.kind}
            label={t(`credentials.kinds.${info.kind}`)}
            description={t(`credentials.guidance.${info.kind}`)}
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}
