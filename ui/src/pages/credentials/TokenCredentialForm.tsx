import { Group, Stack, TextInput } from "@mantine/core";
import { IconDeviceFloppy } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useAddCredential } from "../../api/credentials";
import { Sensitive } from "../../api/sensitive";
import type { KindInfo, Saved, Server } from "../../bindings";
import { BusyButton } from "../../components/BusyButton";
import { SecretInput } from "../../components/SecretInput";
import { ErrorAlert } from "../../components/ErrorAlert";
import { ExpiryField } from "./ExpiryField";
import { ServiceCheckbox } from "./ServiceCheckbox";
import { todayUtc } from "./dates";
import { useFocusFirstInvalid } from "./useFocusFirstInvalid";
import { useProblemText } from "./useProblemText";
import { useSecretField } from "./useSecretField";
import {
  defaultExpiry,
  expiryRules,
  fieldProblemFromError,
  problemsOf,
  tokenSchema,
  type FieldErrors,
} from "./validation";

const FIELDS = ["label", "login", "secret", "expiresAt"] as const;
type Field = (typeof FIELDS)[number];

interface TokenCredentialFormProps {
  server: Server;
  info: KindInfo;
  initialService: boolean;
  onSaved: (saved: Saved) => void;
}

/**
 * Label, login, secret and expiry for every kind that is not OAuth. The secret field is
 * write-only: it starts empty, is cleared once saved, and nothing ever fills it back in.
 */
export function TokenCredentialForm({ server, info, initialService, onSaved }: TokenCredentialFormProps) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const add = useAddCredential();
  const { formRef, focusFirstInvalid } = useFocusFirstInvalid();
  const [today] = useState(() => todayUtc());
  const rules = expiryRules(info, today);

  const [label, setLabel] = useState("");
  const [login, setLogin] = useState("");
  const { ref: secretRef, read: readSecret, clear: clearSecret } = useSecretField();
  const [expiresAt, setExpiresAt] = useState(() => defaultExpiry(info, today));
  const [isService, setIsService] = useState(initialService);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [serverFieldError, setServerFieldError] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (add.isPending) return;
    const typed = readSecret();
    const parsed = tokenSchema(info, rules).safeParse({ label, login, secret: typed, expiresAt });
    if (!parsed.success) {
      setErrors(problemsOf<Field>(parsed.error, rules));
      focusFirstInvalid();
      return;
    }
    setErrors({});
    setServerFieldError(false);
    add.mutate(
      {
        input: {
          serverId: server.id,
          kind: info.kind,
          label: parsed.data.label,
          login: info.login === "none" ? null : parsed.data.login,
          expiresAt: expiresAt === "" ? null : expiresAt,
          isService,
        },
        // Passwords may end in a space; pasted tokens often carry a stray newline.
        secret: new Sensitive(info.secret === "password" ? typed : typed.trim()),
      },
      {
        onSuccess: (saved) => {
          clearSecret();
          onSaved(saved);
        },
        onError: (error) => {
          const onField = fieldProblemFromError(error, FIELDS);
          if (onField) {
            setErrors(onField);
            setServerFieldError(true);
            focusFirstInvalid();
          }
        },
      },
    );
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate data-testid="token-form">
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
        {info.login !== "none" ? (
          <TextInput
            type={info.login === "email" ? "email" : "text"}
            autoComplete={info.login === "email" ? "email" : "username"}
            label={t(`credentials.login.${info.login}`)}
            value={login}
            onChange={(event) => setLogin(event.currentTarget.value)}
            error={problemText(errors.login)}
            required
            data-testid="credential-login"
          />
        ) : null}
        <SecretInput
          label={t(`credentials.secret.${info.secret}`)}
          description={t("credentials.form.secretHelp")}
          ref={secretRef}
          error={problemText(errors.secret)}
          required
          data-testid="credential-secret"
        />
        <ExpiryField value={expiresAt} onChange={setExpiresAt} rules={rules} error={problemText(errors.expiresAt)} />
        <ServiceCheckbox checked={isService} onChange={setIsService} serverName={server.name} />
        {add.isError && !serverFieldError ? <ErrorAlert title={t("credentials.add.failed")} error={add.error} /> : null}
        <Group justify="flex-end">
          <BusyButton
            type="submit"
            busy={add.isPending}
            leftSection={<IconDeviceFloppy size={18} aria-hidden />}
            data-testid="credential-save"
          >
            {info.verifiable ? t("credentials.add.saveAndVerify") : t("credentials.add.save")}
          </BusyButton>
        </Group>
      </Stack>
    </form>
  );
}
