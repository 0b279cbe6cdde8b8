import { Alert, Badge, Button, FileButton, Group, List, Stack, Text, Title } from "@mantine/core";
import { IconFileImport, IconFileUpload, IconInfoCircle } from "@tabler/icons-react";
import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useCredentialKinds } from "../../api/credentials";
import { Sensitive } from "../../api/sensitive";
import { useImportWorkspace, usePreviewImport } from "../../api/transfer";
import type { ImportPreview, ImportSummary, ImportedCredential } from "../../bindings";
import { AppModal } from "../../components/AppModal";
import { BusyButton } from "../../components/BusyButton";
import { SecretInput } from "../../components/SecretInput";
import { ErrorAlert } from "../../components/ErrorAlert";
import { importSecretSchema } from "../credentials/validation";
import { ImportSummaryView } from "./ImportSummaryView";

/** Export files are small JSON documents; anything this large is not one. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** The file's text. FileReader rather than Blob.text(): it works in every WebView (and jsdom). */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (typeof reader.result === "string" ? resolve(reader.result) : reject(new Error("not text")));
    reader.onerror = () => reject(reader.error ?? new Error("unreadable"));
    reader.readAsText(file);
  });
}

interface ImportModalProps {
  opened: boolean;
  onClose: () => void;
}

/**
 * Import a workspace file: choose it, see what will be added, reused and skipped, type
 * the secrets the file cannot contain, import, and read the summary. Mount with a new
 * `key` per opening.
 */
export function ImportModal({ opened, onClose }: ImportModalProps) {
  const { t } = useTranslation();
  return (
    <AppModal opened={opened} onClose={onClose} title={t("transfer.import.title")} size="xl" testId="import-dialog">
      <ImportFlow onDone={onClose} />
    </AppModal>
  );
}

type Stage =
  | { step: "choose" }
  | { step: "preview"; fileName: string; text: string; preview: ImportPreview }
  | { step: "done"; summary: ImportSummary };

function ImportFlow({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const previewImport = usePreviewImport();
  const [stage, setStage] = useState<Stage>({ step: "choose" });
  const [fileProblem, setFileProblem] = useState<string | null>(null);

  const choose = async (file: File | null) => {
    if (!file) return;
    setFileProblem(null);
    previewImport.reset();
    if (file.size > MAX_FILE_BYTES) {
      setFileProblem(t("transfer.import.tooLarge", { name: file.name }));
      return;
    }
    let text: string;
    try {
      text = await readText(file);
    } catch {
      setFileProblem(t("transfer.import.unreadable", { name: file.name }));
      return;
    }
    previewImport.mutate(text, {
      onSuccess: (preview) => setStage({ step: "preview", fileName: file.name, text, preview }),
    });
  };

  if (stage.step === "done") {
    return <ImportSummaryView summary={stage.summary} onDone={onDone} />;
  }
  if (stage.step === "preview") {
    return (
      <PreviewStep
        fileName={stage.fileName}
        text={stage.text}
        preview={stage.preview}
        onBack={() => setStage({ step: "choose" })}
        onImported={(summary) => setStage({ step: "done", summary })}
      />
    );
  }
  return (
    <Stack gap="md">
      <Text>{t("transfer.import.intro")}</Text>
      <Text size="sm">{t("transfer.import.secretsLater")}</Text>
      <Group>
        <FileButton onChange={(file) => void choose(file)} accept=".json,application/json">
          {(props) => (
            <BusyButton
              {...props}
              busy={previewImport.isPending}
              leftSection={<IconFileUpload size={18} aria-hidden />}
              data-autofocus
              data-testid="import-choose"
            >
              {t("transfer.import.choose")}
            </BusyButton>
          )}
        </FileButton>
      </Group>
      {fileProblem ? (
        <Alert color="red" variant="light" role="alert" title={t("transfer.import.fileFailed")}>
          {fileProblem}
        </Alert>
      ) : null}
      {previewImport.isError ? <ErrorAlert title={t("transfer.import.previewFailed")} error={previewImport.error} /> : null}
    </Stack>
  );
}

interface PreviewStepProps {
  fileName: string;
  text: string;
  preview: ImportPreview;
  onBack: () => void;
  onImported: (summary: ImportSummary) => void;
}

function PreviewStep({ fileName, text, preview, onBack, onImported }: PreviewStepProps) {
  const { t } = useTranslation();
  const importWorkspace = useImportWorkspace();
  // Secret inputs are uncontrolled (see useSecretField): the values stay in the inputs.
  const inputs = useRef(new Map<number, HTMLInputElement>());
  const [missing, setMissing] = useState<ReadonlySet<number>>(new Set());
  const needSecrets = preview.credentials.filter((credential) => credential.needsSecret);
  const reused = preview.credentials.filter((credential) => credential.existing);
  const signInLater = preview.credentials.filter((credential) => !credential.needsSecret && !credential.existing);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (importWorkspace.isPending) return;
    const typed = needSecrets.map((credential) => ({
      index: credential.index,
      value: inputs.current.get(credential.index)?.value ?? "",
    }));
    const empty = new Set(typed.filter(({ value }) => !importSecretSchema.safeParse(value).success).map(({ index }) => index));
    setMissing(empty);
    if (empty.size > 0) {
      const first = typed.find(({ index }) => empty.has(index));
      if (first) inputs.current.get(first.index)?.focus();
      return;
    }
    importWorkspace.mutate(
      { text, secrets: typed.map(({ index, value }) => ({ index, secret: new Sensitive(value.trim()) })) },
      { onSuccess: onImported },
    );
  };

  return (
    <form onSubmit={submit} noValidate data-testid="import-preview">
      <Stack gap="md">
        <Text size="sm">{t("transfer.import.file", { name: fileName })}</Text>

        <PreviewGroup title={t("transfer.import.servers", { count: preview.servers.length })}>
          {preview.servers.map((server) => (
            <List.Item key={`${server.kind}-${server.baseUrl}`}>
              <Group gap={6}>
                <Text size="sm" fw={600}>
                  {server.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`workspace.kinds.${server.kind}`)} · {server.baseUrl}
                </Text>
                <Badge size="sm" tt="none" color={server.existing ? "gray.7" : "teal.9"} autoContrast>
                  {server.existing ? t("transfer.import.reused") : t("transfer.import.new")}
                </Badge>
              </Group>
            </List.Item>
          ))}
        </PreviewGroup>

        <PreviewGroup title={t("transfer.import.connections", { count: preview.connections.length })}>
          {preview.connections.map((name) => (
            <List.Item key={name}>
              <Text size="sm">{name}</Text>
            </List.Item>
          ))}
        </PreviewGroup>

        {preview.notes.length > 0 ? (
          <Alert color="indigo" variant="light" role="note" icon={<IconInfoCircle aria-hidden />} title={t("transfer.import.notes")}>
            <List size="sm" spacing={2} data-testid="import-notes">
              {preview.notes.map((note) => (
                <List.Item key={note}>{note}</List.Item>
              ))}
            </List>
          </Alert>
        ) : null}

        {preview.credentials.length > 0 ? (
          <Stack gap="sm">
            <Title order={3} size="h5">
              {t("transfer.import.credentials", { count: preview.credentials.length })}
            </Title>
            {needSecrets.length > 0 ? <Text size="sm">{t("transfer.import.secretsIntro")}</Text> : null}
            {needSecrets.map((credential) => (
              <ImportSecretField
                key={credential.index}
                credential={credential}
                missing={missing.has(credential.index)}
                inputRef={(element) => {
                  if (element) inputs.current.set(credential.index, element);
                  else inputs.current.delete(credential.index);
                }}
              />
            ))}
            {reused.length > 0 ? (
              <Stack gap={4} data-testid="import-reused-credentials">
                <Text size="sm" fw={600}>
                  {t("transfer.import.reusedCredentials")}
                </Text>
                <List size="sm">
                  {reused.map((credential) => (
                    <List.Item key={credential.index}>
                      {t("transfer.import.credentialLine", {
                        label: credential.label,
                        kind: t(`credentials.kinds.${credential.kind}`),
                        server: credential.serverName,
                      })}
                    </List.Item>
                  ))}
                </List>
              </Stack>
            ) : null}
            {signInLater.length > 0 ? (
              <Alert color="indigo" variant="light" role="note" title={t("transfer.import.signInLaterTitle")} data-testid="import-sign-in-later">
                <Text size="sm">{t("transfer.import.signInLater")}</Text>
                <List size="sm" mt={4}>
                  {signInLater.map((credential) => (
                    <List.Item key={credential.index}>
                      {t("transfer.import.credentialLine", {
                        label: credential.label,
                        kind: t(`credentials.kinds.${credential.kind}`),
                        server: credential.serverName,
                      })}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            ) : null}
          </Stack>
        ) : null}

        {importWorkspace.isError ? <ErrorAlert title={t("transfer.import.failed")} error={importWorkspace.error} /> : null}
        <Group justify="space-between">
          <Button variant="default" onClick={onBack}>
            {t("transfer.import.back")}
          </Button>
          <BusyButton
            type="submit"
            busy={importWorkspace.isPending}
            leftSection={<IconFileImport size={18} aria-hidden />}
            data-testid="import-confirm"
          >
            {t("transfer.import.confirm")}
          </BusyButton>
        </Group>
      </Stack>
    </form>
  );
}

function PreviewGroup({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        {title}
      </Title>
      <List spacing={4}>{children}</List>
    </Stack>
  );
}

interface ImportSecretFieldProps {
  credential: ImportedCredential;
  missing: boolean;
  inputRef: (element: HTMLInputElement | null) => void;
}

function ImportSecretField({ credential, missing, inputRef }: ImportSecretFieldProps) {
  const { t } = useTranslation();
  const info = useCredentialKinds().data?.find((item) => item.kind === credential.kind);
  const secretName = t(`credentials.secret.${info?.secret ?? "token"}`);
  return (
    <SecretInput
      ref={inputRef}
      label={t("transfer.import.secretFor", { label: credential.label, secret: secretName })}
      description={[
        t(`credentials.kinds.${credential.kind}`),
        credential.serverName,
        credential.login ? t("transfer.import.login", { login: credential.login }) : null,
      ]
        .filter(Boolean)
        .join(" · ")}
      error={missing ? t("credentials.form.errors.required") : undefined}
      required
      data-testid={`import-secret-${credential.index}`}
    />
  );
}

