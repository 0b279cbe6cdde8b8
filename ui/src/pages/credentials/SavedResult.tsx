import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { IconReplace } from "@tabler/icons-react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { KindInfo, Saved } from "../../bindings";
import { VerificationOutcome } from "./VerificationOutcome";

interface SavedResultProps {
  saved: Saved;
  info: KindInfo | undefined;
  onDone: () => void;
}

/**
 * The end of "Add credential": what the immediate verification found and, when this
 * became the server's service credential, which one it replaced.
 */
export function SavedResult({ saved, info, onDone }: SavedResultProps) {
  const { t } = useTranslation();
  const doneRef = useRef<HTMLButtonElement>(null);
  // The form the focus was in has gone; Done is the next thing to press.
  useEffect(() => doneRef.current?.focus(), []);

  return (
    <Stack gap="md" data-testid="saved-result">
      <Text fw={600}>{t("credentials.add.savedAs", { label: saved.credential.label })}</Text>
      <VerificationOutcome credential={saved.credential} info={info} />
      {saved.replaced ? (
        <Alert
          color="indigo"
          variant="light"
          role="status"
          icon={<IconReplace aria-hidden />}
          title={t("credentials.add.replacedTitle")}
          data-testid="replaced-notice"
        >
          {t("credentials.add.replaced", { label: saved.replaced.label })}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button ref={doneRef} onClick={onDone} data-testid="saved-done">
          {t("credentials.add.done")}
        </Button>
      </Group>
    </Stack>
  );
}
