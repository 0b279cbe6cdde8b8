import { Alert, Group, NumberInput, Stack, Text, TextInput } from "@mantine/core";
import { IconExternalLink, IconHourglass, IconX } from "@tabler/icons-react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useCancelOAuthSignIn, useSignInOAuth } from "../../api/credentials";
import { errorMessage, isAppError } from "../../api/errors";
import { Sensitive } from "../../api/sensitive";
import type { Credential, KindInfo, Saved, ServerKind } from "../../bindings";
import { BusyButton } from "../../components/BusyButton";
import { SecretInput } from "../../components/SecretInput";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifyFailure } from "../../components/notify";
import { RedirectUrlField } from "./RedirectUrlField";
import { ServiceCheckbox } from "./ServiceCheckbox";
import { useFocusFirstInvalid } from "./useFocusFirstInvalid";
import { useProblemText } from "./useProblemText";
import { useSecretField } from "./useSecretField";
import { DEFAULT_REDIRECT_PORT, fieldProblemFromError, oauthSchema, problemsOf, type FieldErrors } from "./validation";

const FIELDS = ["label", "clientId", "clientSecret", "redirectPort"] as const;
type Field = (typeof FIELDS)[number];

/** Where the admin registers the redirect URL, by product. */
const REGISTER_HINT = {
  jiraDataCenter: "credentials.oauth.registerJira",
  asana: "credentials.oauth.registerAsana",
  jiraCloud: "credentials.oauth.registerOther",
  timeTrackerNx: "credentials.oauth.registerOther",
} as const satisfies Record<ServerKind, string>;

interface OAuthSignInFormProps {
  server: { id: number; name: string; kind: ServerKind };
  info: KindInfo;
  initialService: boolean;
  /** Switch account / sign in again: the credential to sign in to anew. */
  existing?: Credential;
  onSaved: (saved: Saved) => void;
}

/**
 * OAuth 2.0 sign-in: client ID (and secret where the link has one), the loopback port
 * and the exact redirect URL to register, then the system browser. While the browser is
 * open the form says so and offers Cancel; leaving the dialog cancels too.
 */
export function OAuthSignInForm({ server, info, initialService, existing, onSaved }: OAuthSignInFormProps) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const signIn = useSignInOAuth();
  const cancel = useCancelOAuthSignIn();
  const { formRef, focusFirstInvalid } = useFocusFirstInvalid();
  const { ref: clientSecretRef, read: readClientSecret, clear: clearClientSecret } = useSecretField();

  const [label, setLabel] = useState(existing?.label ?? "");
  const [clientId, setClientId] = useState(existing?.oauth?.clientId ?? "");
  const [port, setPort] = useState<number | string>(existing?.oauth?.redirectPort ?? DEFAULT_REDIRECT_PORT);
  const [isService, setIsService] = useState(existing?.isService ?? initialService);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [errorOnField, setErrorOnField] = useState(false);
  const [cancelled, setCancelled] = useState(false);
  const cancelledRef = useRef(false);

  const validPort = oauthSchema.shape.redirectPort.safeParse(port).success ? (port as number) : null;
  // Asana's token endpoint always wants the client secret; "Switch account" may keep the stored one.
  const secretRequired = server.kind === "asana" && !existing;

  // Closing the dialog (or leaving the screen) while the browser is open must not leave
  // the loopback listener waiting: cancel on unmount.
  const waiting = useRef(false);
  useEffect(() => {
    waiting.current = signIn.isPending;
  });
  const cancelSignIn = cancel.mutate;
  useEffect(
    () => () => {
      if (waiting.current) cancelSignIn(undefined, { onError: () => undefined });
    },
    [cancelSignIn],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (signIn.isPending) return;
    const typedSecret = readClientSecret().trim();
    const parsed = oauthSchema.safeParse({ label, clientId, redirectPort: port });
    const missingSecret = secretRequired && typedSecret === "";
    if (!parsed.success || missingSecret) {
      setErrors({
        ...(parsed.success ? {} : problemsOf<Field>(parsed.error)),
        ...(missingSecret ? { clientSecret: { code: "required" as const } } : {}),
      });
      focusFirstInvalid();
      return;
    }
    setErrors({});
    setErrorOnField(false);
    setCancelled(false);
    cancelledRef.current = false;
    signIn.mutate(
      {
        input: {
          serverId: server.id,
          kind: info.kind,
          label: parsed.data.label,
          clientId: parsed.data.clientId,
          redirectPort: parsed.data.redirectPort,
          isService,
          credentialId: existing?.id ?? null,
        },
        clientSecret: typedSecret === "" ? null : new Sensitive(typedSecret),
      },
      {
        onSuccess: (saved) => {
          clearClientSecret();
          onSaved(saved);
        },
        onError: (error) => {
          if (cancelledRef.current) {
            setCancelled(true);
            return;
          }
          const onField = fieldProblemFromError(error, FIELDS);
          if (onField) {
            setErrors(onField);
            setErrorOnField(true);
            focusFirstInvalid();
          }
        },
      },
    );
  };

  const stop = () => {
    cancelledRef.current = true;
    cancel.mutate(undefined, { onError: (error) => notifyFailure(error, t) });
  };

  const refused = isAppError(signIn.error) && (signIn.error.code === "Unauthorized" || signIn.error.code === "Forbidden");

  return (
    <form ref={formRef} onSubmit={submit} noValidate data-testid="oauth-form">
      <Stack gap="md">
        <TextInput
          label={t("credentials.form.label")}
          description={t("credentials.form.labelHelp")}
          value={label}
          onChange={(event) => setLabel(event.currentTarget.value)}
          error={problemText(errors.label)}
          required
          data-testid="credential-label"
        />
        <TextInput
          label={t("credentials.oauth.clientId")}
          value={clientId}
          onChange={(event) => setClientId(event.currentTarget.value)}
          error={problemText(errors.clientId)}
          required
          autoComplete="off"
          spellCheck={false}
          data-testid="oauth-client-id"
        />
        <SecretInput
          label={secretRequired ? t("credentials.oauth.clientSecretRequired") : t("credentials.oauth.clientSecret")}
          description={
            existing
              ? t("credentials.oauth.clientSecretKeep")
              : secretRequired
                ? t("credentials.oauth.clientSecretAsana")
                : t("credentials.oauth.clientSecretHelp")
          }
          required={secretRequired}
          ref={clientSecretRef}
          error={problemText(errors.clientSecret)}
          data-testid="oauth-client-secret"
        />
        <NumberInput
          label={t("credentials.oauth.port")}
          description={t("credentials.oauth.portHelp")}
          value={port}
          onChange={setPort}
          min={1024}
          max={65535}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator={false}
          // Show what was typed and say why it is wrong, rather than silently changing it.
          clampBehavior="none"
          error={problemText(errors.redirectPort)}
          required
          data-testid="oauth-port"
        />
        <RedirectUrlField port={validPort} description={t(REGISTER_HINT[server.kind])} />
        {existing ? null : <ServiceCheckbox checked={isService} onChange={setIsService} serverName={server.name} />}

        {signIn.isPending ? (
          <Alert
            color="indigo"
            variant="light"
            icon={<IconHourglass aria-hidden />}
            title={t("credentials.oauth.waitingTitle")}
            role="status"
            data-testid="oauth-waiting"
          >
            <Text size="sm">{t("credentials.oauth.waiting")}</Text>
            <BusyButton
              variant="default"
              size="xs"
              mt="sm"
              busy={cancel.isPending}
              onClick={stop}
              leftSection={<IconX size={16} aria-hidden />}
              data-testid="oauth-cancel"
            >
              {t("credentials.oauth.cancel")}
            </BusyButton>
          </Alert>
        ) : null}
        {cancelled && !signIn.isPending ? (
          <Alert color="gray" variant="light" role="status" data-testid="oauth-cancelled">
            {t("credentials.oauth.cancelled")}
          </Alert>
        ) : null}
        {signIn.isError && !cancelled && !errorOnField ? (
          <ErrorAlert
            title={t("credentials.oauth.failed")}
            error={signIn.error}
            message={refused ? t("credentials.oauth.refused") : errorMessage(signIn.error, t)}
          />
        ) : null}

        <Group justify="flex-end">
          <BusyButton
            type="submit"
            busy={signIn.isPending}
            leftSection={<IconExternalLink size={18} aria-hidden />}
            data-testid="oauth-sign-in"
          >
            {t("credentials.oauth.signIn")}
          </BusyButton>
        </Group>
      </Stack>
    </form>
  );
}
