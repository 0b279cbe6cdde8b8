import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { IconRefresh } from "@tabler/icons-react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useCredentialKinds, useCredentials, useRotateCredential } from "../../api/credentials";
import { Sensitive } from "../../api/sensitive";
import type { Credential } from "../../bindings";
import { AppModal } from "../../components/AppModal";
import { BusyButton } from "../../components/BusyButton";
import { SecretInput } from "../../components/SecretInput";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { RouteLink } from "../../components/RouteLink";
import { ExpiryField } from "./ExpiryField";
import { VerificationOutcome } from "./VerificationOutcome";
import { todayUtc } from "./dates";
import { useFocusFirstInvalid } from "./useFocusFirstInvalid";
import { useProblemText } from "./useProblemText";
import { useSecretField } from "./useSecretField";
import { defaultExpiry, expiryRules, fieldProblemFromError, problemsOf, rotateSchema, type FieldErrors } from "./validation";

/** Enough to open the dialog from Home's alerts as well as from the credential list. */
export interface RotateTarget {
  id: number;
  label: string;
}

interface RotateDialogProps {
  target: RotateTarget | null;
  onClose: () => void;
}

/**
 * Replaces a credential's secret and shows, in the dialog, what the immediate check
 * found: who it signed in as, or why it failed, with the chance to try another secret.
 */
export function RotateDialog({ target, onClose }: RotateDialogProps) {
  const { t } = useTranslation();
  return (
    <AppModal
      opened={target !== null}
      onClose={onClose}
      title={t("credentials.rotate.title", { label: target?.label ?? "" })}
      testId="rotate-dialog"
    >
      {target ? <RotateBody key={target.id} id={target.id} onDone={onClose} /> : null}
    </AppModal>
  );
}

function RotateBody({ id, onDone }: { id: number; onDone: () => void }) {
  const { t } = useTranslation();
  const credentials = useCredentials();
  if (credentials.isPending) return <LoadingState />;
  if (credentials.isError) return <ErrorAlert error={credentials.error} onRetry={() => void credentials.refetch()} />;
  const credential = credentials.data.find((item) => item.id === id);
  if (!credential) return <ErrorAlert error={{ code: "NotFound", message: "" }} />;
  if (credential.oauth) {
    return (
      <Alert color="indigo" variant="light" role="note" data-testid="rotate-oauth">
        <Text size="sm">{t("credentials.rotate.oauth")}</Text>
        <RouteLink to="credentials">{t("credentials.rotate.oauthLink")}</RouteLink>
      </Alert>
    );
  }
  return <RotateForm credential={credential} onDone={onDone} />;
}

type Field = "secret" | "expiresAt";

function RotateForm({ credential, onDone }: { credential: Credential; onDone: () => void }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const rotate = useRotateCredential();
  const info = useCredentialKinds().data?.find((item) => item.kind === credential.kind);
  const { ref: secretRef, read: readSecret, clear: clearSecret } = useSecretField();
  const { formRef, focusFirstInvalid } = useFocusFirstInvalid();
  const [today] = useState(() => todayUtc());
  const rules = expiryRules(info, today);
  const [expiresAt, setExpiresAt] = useState(() => defaultExpiry(info, today));
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [result, setResult] = useState<Credential | null>(null);
  const doneRef = useRef<HTMLButtonElement>(null);

  const worked = result !== null && result.verification.state !== "failed";
  useEffect(() => {
    if (worked) doneRef.current?.focus();
  }, [worked]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (rotate.isPending) return;
    const typed = readSecret();
    const parsed = rotateSchema(rules).safeParse({ secret: typed, expiresAt });
    if (!parsed.success) {
      setErrors(problemsOf<Field>(parsed.error, rules));
      focusFirstInvalid();
      return;
    }
    setErrors({});
    setResult(null);
    rotate.mutate(
      {
        id: credential.id,
        secret: new Sensitive(info?.secret === "password" ? typed : typed.trim()),
        expiresAt: expiresAt === "" ? null : expiresAt,
      },
      {
        onSuccess: (rotated) => {
          clearSecret();
          setResult(rotated);
          // A failed check leaves the form for another try, starting at the secret.
          if (rotated.verification.state === "failed") secretRef.current?.focus();
        },
        onError: (error) => {
          const onField = fieldProblemFromError(error, ["secret", "expiresAt"] as const);
          if (onField) {
            setErrors(onField);
            focusFirstInvalid();
          }
        },
      },
    );
  };

  const secretField = info?.secret ?? "token";

  return (
    <Stack gap="md">
      <Text size="sm" fw={600}>
        {t("credentials.list.where", { server: credential.serverName, kind: t(`credentials.kinds.${credential.kind}`) })}
      </Text>
      <Text size="sm">{t("credentials.rotate.intro")}</Text>
      {result ? <VerificationOutcome credential={result} info={info} /> : null}
      {worked ? (
        <Group justify="flex-end">
          <Button ref={doneRef} onClick={onDone} data-testid="rotate-done">
            {t("credentials.add.done")}
          </Button>
        </Group>
      ) : (
        <form ref={formRef} onSubmit={submit} noValidate data-testid="rotate-form">
          <Stack gap="md">
            {result ? <Text size="sm">{t("credentials.rotate.retry")}</Text> : null}
            <SecretInput
              label={t(`credentials.rotate.secret.${secretField}`)}
              description={t("credentials.form.secretHelp")}
              ref={secretRef}
              error={problemText(errors.secret)}
              required
              data-autofocus
              data-testid="rotate-secret"
            />
            <ExpiryField
              value={expiresAt}
              onChange={setExpiresAt}
              rules={rules}
              error={problemText(errors.expiresAt)}
              keeps={credential.expiresAt}
              label={t("credentials.rotate.expiresAt")}
            />
            {rotate.isError && !errors.secret && !errors.expiresAt ? (
              <ErrorAlert title={t("credentials.rotate.failed")} error={rotate.error} />
            ) : null}
            <Group justify="flex-end">
              <BusyButton
                type="submit"
                busy={rotate.isPending}
                leftSection={<IconRefresh size={18} aria-hidden />}
                data-testid="rotate-submit"
              >
                {result ? t("credentials.rotate.tryAgain") : t("credentials.rotate.submit")}
              </BusyButton>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
