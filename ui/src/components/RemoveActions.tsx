import { Button, Group } from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { BusyButton } from "./BusyButton";
import { ErrorAlert } from "./ErrorAlert";

interface RemoveActionsProps {
  /** Why the last attempt failed, shown above the buttons; null when it did not. */
  error: unknown;
  failedTitle: string;
  busy: boolean;
  confirmLabel: string;
  confirmTestId: string;
  onCancel: () => void;
  onConfirm: () => void;
}

/**
 * The foot of every "remove …?" dialog: what went wrong last time, then Cancel (focused
 * first: the safe choice) and a red Remove that shows it is busy. One place, so every
 * removal looks and behaves the same.
 */
export function RemoveActions({ error, failedTitle, busy, confirmLabel, confirmTestId, onCancel, onConfirm }: RemoveActionsProps) {
  const { t } = useTranslation();
  return (
    <>
      {error ? <ErrorAlert title={failedTitle} error={error} /> : null}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onCancel} data-autofocus>
          {t("common.cancel")}
        </Button>
        <BusyButton
          color="red.9"
          busy={busy}
          onClick={onConfirm}
          leftSection={<IconTrash size={18} aria-hidden />}
          data-testid={confirmTestId}
        >
          {confirmLabel}
        </BusyButton>
      </Group>
    </>
  );
}
