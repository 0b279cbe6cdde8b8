import { ActionIcon, CopyButton, TextInput, Tooltip } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useOAuthRedirectUrl } from "../../api/credentials";
import { errorMessage } from "../../api/errors";

interface RedirectUrlFieldProps {
  /** null while the port typed is not a valid one. */
  port: number | null;
  description: string;
}

/**
 * The exact redirect URL Jira or Asana must know (Jira Data Center compares it byte for
 * byte), read-only and selectable, with a copy button.
 */
export function RedirectUrlField({ port, description }: RedirectUrlFieldProps) {
  const { t } = useTranslation();
  const url = useOAuthRedirectUrl(port);
  const value = port === null ? "" : (url.data ?? "");
  return (
    <TextInput
      readOnly
      label={t("credentials.oauth.redirectUrl")}
      description={description}
      value={value}
      placeholder={port === null ? t("credentials.oauth.redirectUrlNeedsPort") : t("common.loading")}
      styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
      error={url.isError ? errorMessage(url.error, t) : undefined}
      data-testid="oauth-redirect-url"
      rightSection={
        value ? (
          <CopyButton value={value}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? t("credentials.oauth.copied") : t("credentials.oauth.copy")} withArrow>
                <ActionIcon
                  variant="subtle"
                  color={copied ? "teal" : "gray"}
                  onClick={copy}
                  aria-label={t("credentials.oauth.copy")}
                  data-testid="oauth-copy-url"
                >
                  {copied ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        ) : null
      }
    />
  );
}
