import { Alert, Button, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { errorDetail, errorMessage } from "../api/errors";

interface ErrorAlertProps {
  error: unknown;
  onRetry?: () => void;
  /** What failed; "This information could not be loaded" unless an action failed. */
  title?: string;
  /** A sentence that fits the situation better than the generic one for the code. */
  message?: string;
}

/** Shows why something failed, in the user's language, with an optional retry. */
export function ErrorAlert({ error, onRetry, title, message }: ErrorAlertProps) {
  const { t } = useTranslation();
  const detail = errorDetail(error);
  return (
    <Alert color="red" variant="light" title={title ?? t("common.loadFailed")} icon={<IconAlertTriangle aria-hidden />} role="alert">
      {message ?? errorMessage(error, t)}
      {detail ? (
        <Text size="sm" mt="xs" data-testid="error-detail">
          {t("errors.detail", { detail })}
        </Text>
      ) : null}
      {onRetry ? (
        <Button variant="default" size="xs" mt="sm" display="block" onClick={onRetry}>
          {t("common.retry")}
        </Button>
      ) : null}
    </Alert>
  );
}
