import { Group, Stack, TextInput } from "@mantine/core";
import { IconWorldSearch } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useDetectServer } from "../../../api/connections";
import type { Server } from "../../../bindings";
import { BusyButton } from "../../../components/BusyButton";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useFocusFirstInvalid } from "../../credentials/useFocusFirstInvalid";
import { useProblemText } from "../../credentials/useProblemText";
import { fieldProblemFromError, type FieldErrors } from "../../credentials/validation";
import { DetectedServerCard } from "./DetectedServerCard";
import { expectedKind, type Product } from "./wizardKinds";

const FIELDS = ["url", "altUrl"] as const;
type Field = (typeof FIELDS)[number];

interface NewServerFormProps {
  product: Product;
  /** Distinguishes the two sides' fields (a Jira ↔ Jira wizard has two of everything). */
  idPrefix: string;
  onAdded: (server: Server) => void;
}

/**
 * A server by its address. Whatever the user pasted goes to the back end as it is: it
 * finds the base URL (a browse link, a missing https://, stray spaces are all fine) and the
 * product behind it, and says so before anything is stored.
 */
export function NewServerForm({ product, idPrefix, onAdded }: NewServerFormProps) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const detect = useDetectServer();
  const { formRef, focusFirstInvalid } = useFocusFirstInvalid();
  const [url, setUrl] = useState("");
  const [altUrl, setAltUrl] = useState("");
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [errorOnField, setErrorOnField] = useState(false);

  // A changed address makes the last check's answer meaningless.
  const edit = (setter: (value: string) => void) => (value: string) => {
    setter(value);
    if (detect.data || detect.error) detect.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (detect.isPending) return;
    if (url.trim() === "") {
      setErrors({ url: { code: "required" } });
      focusFirstInvalid();
      return;
    }
    setErrors({});
    setErrorOnField(false);
    detect.mutate(
      { url, altUrl: altUrl.trim() === "" ? null : altUrl, expected: expectedKind(product) },
      {
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

  return (
    <Stack gap="md">
      <form ref={formRef} onSubmit={submit} noValidate data-testid={`${idPrefix}-detect-form`}>
        <Stack gap="sm">
          <TextInput
            label={t("connections.wizard.servers.url")}
            description={t(`connections.wizard.servers.urlHelp.${product}`)}
            value={url}
            onChange={(event) => edit(setUrl)(event.currentTarget.value)}
            error={problemText(errors.url)}
            required
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            data-testid={`${idPrefix}-url`}
          />
          <TextInput
            label={t("connections.wizard.servers.altUrlOptional")}
            description={t("connections.wizard.servers.altUrlHelp")}
            value={altUrl}
            onChange={(event) => edit(setAltUrl)(event.currentTarget.value)}
            error={problemText(errors.altUrl)}
            inputMode="url"
            spellCheck={false}
            data-testid={`${idPrefix}-alt-url`}
          />
          <Group>
            <BusyButton
              type="submit"
              variant="default"
              busy={detect.isPending}
              leftSection={<IconWorldSearch size={18} aria-hidden />}
              data-testid={`${idPrefix}-detect`}
            >
              {t("connections.wizard.servers.detect")}
            </BusyButton>
          </Group>
        </Stack>
      </form>
      {detect.isError && !errorOnField ? <ErrorAlert title={t("connections.wizard.servers.detectFailed")} error={detect.error} /> : null}
      {detect.data ? (
        // A new answer starts the card afresh (its name suggestion and trust decision).
        <DetectedServerCard key={JSON.stringify(detect.data)} detected={detect.data} product={product} idPrefix={idPrefix} onAdded={onAdded} />
      ) : null}
    </Stack>
  );
}
