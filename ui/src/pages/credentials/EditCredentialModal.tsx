import { Group, Stack, Text, TextInput } from "@mantine/core";
import { IconDeviceFloppy } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useCredentialKinds, useEditCredential } from "../../api/credentials";
import type { Credential } from "../../bindings";
import { AppModal } from "../../components/AppModal";
import { BusyButton } from "../../components/BusyButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifySuccess } from "../../components/notify";
import { ExpiryField } from "./ExpiryField";
import { ServiceCheckbox } from "./ServiceCheckbox";
import { todayUtc } from "./dates";
import { useFocusFirstInvalid } from "./useFocusFirstInvalid";
import { useProblemText } from "./useProblemText";
import { editSchema, expiryRules, fieldProblemFromError, problemsOf, type FieldErrors } from "./validation";

const FIELDS = ["label", "login", "expiresAt"] as const;
type Field = (typeof FIELDS)[number];

interface EditCredentialModalProps {
  credential: Credential | null;
  onClose: () => void;
}

/** Label, login, expiry and the service flag. The secret is changed by rotating, not here. */
export function EditCredentialModal({ credential, onClose }: EditCredentialModalProps) {
  const { t } = useTranslation();
  return (
    <AppModal
      opened={credential !== null}
      onClose={onClose}
      title={t("credentials.edit.title", { label: credential?.label ?? "" })}
      testId="edit-credential-dialog"
    >
      {credential ? <EditForm key={credential.id} credential={credential} onDone={onClose} /> : null}
    </AppModal>
  );
}

function EditForm({ credential, onDone }: { credential: Credential; onDone: () => void }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const edit = useEditCredential();
  const info = useCredentialKinds().data?.find((item) => item.kind === credential.kind);
  const { formRef, focusFirstInvalid } = useFocusFirstInvalid();
  const [today] = useState(() => todayUtc());
  const rules = expiryRules(info, today);
  const isOAuth = credential.oauth !== null;

  const [label, setLabel] = useState(credential.label);
  const [login, setLogin] = useState(credential.login ?? "");
  const [expiresAt, setExpiresAt] = useState(credential.expiresAt ?? "");
  const [isService, setIsService] = useState(credential.isService);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [errorOnField, setErrorOnField] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (edit.isPending) return;
    const dateChanged = !isOAuth && expiresAt !== (credential.expiresAt ?? "");
    const parsed = editSchema(info, rules, dateChanged).safeParse({ label, login, expiresAt });
    if (!parsed.success) {
      setErrors(problemsOf<Field>(parsed.error, rules));
      focusFirstInvalid();
      return;
    }
    setErrors({});
    setErrorOnField(false);
    const hasLogin = info ? info.login !== "none" : credential.login !== null;
    edit.mutate(
      {
        id: credential.id,
        edit: {
          label: parsed.data.label,
          login: hasLogin ? parsed.data.login : null,
          expiresAt: isOAuth ? credential.expiresAt : expiresAt === "" ? null : expiresAt,
          isService,
        },
      },
      {
        onSuccess: (saved) => {
          notifySuccess(
            saved.replaced
              ? t("credentials.edit.savedReplaced", { label: saved.credential.label, replaced: saved.replaced.label })
              : t("credentials.edit.saved", { label: saved.credential.label }),
          );
          onDone();
        },
        onError: (error) => {
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

  const loginField = info?.login ?? (credential.login !== null ? "username" : "none");

  return (
    <form ref={formRef} onSubmit={submit} noValidate data-testid="edit-form">
      <Stack gap="md">
        <Text size="sm" fw={600}>
          {t("credentials.list.where", { server: credential.serverName, kind: t(`credentials.kinds.${credential.kind}`) })}
        </Text>
        <Text size="sm">{t("credentials.edit.intro")}</Text>
        <TextInput
          label={t("credentials.form.label")}
          value={label}
          onChange={(event) => setLabel(event.currentTarget.value)}
          error={problemText(errors.label)}
          required
          data-autofocus
          data-testid="credential-label"
        />
        {loginField !== "none" ? (
          <TextInput
            type={loginField === "email" ? "email" : "text"}
            label={t(`credentials.login.${loginField}`)}
            value={login}
            onChange={(event) => setLogin(event.currentTarget.value)}
            error={problemText(errors.login)}
            required
            data-testid="credential-login"
          />
        ) : null}
        {isOAuth ? null : (
          <ExpiryField value={expiresAt} onChange={setExpiresAt} rules={rules} error={problemText(errors.expiresAt)} />
        )}
        <ServiceCheckbox checked={isService} onChange={setIsService} serverName={credential.serverName} />
        {edit.isError && !errorOnField ? <ErrorAlert title={t("credentials.edit.failed")} error={edit.error} /> : null}
        <Group justify="flex-end">
          <BusyButton
            type="submit"
            busy={edit.isPending}
            leftSection={<IconDeviceFloppy size={18} aria-hidden />}
            data-testid="edit-save"
          >
            {t("credentials.edit.save")}
          </BusyButton>
        </Group>
      </Stack>
    </form>
  );
}
