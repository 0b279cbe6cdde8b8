import { Button, Stack, Textarea } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCopyReport } from "../../../api/connectionTest";
import type { ConnectionTestReport } from "../../../bindings";
import { BusyButton } from "../../../components/BusyButton";
import { notifyFailure, notifySuccess } from "../../../components/notify";

const CONFIRMATION_MS = 4000;

/**
 * Puts the report on the clipboard as text (the back end writes it, in the UI language,
 * without secrets), for a support request or the server's administrator. If the system
 * clipboard refuses, the text is shown to be copied by hand.
 */
export function CopyReportButton({ report }: { report: ConnectionTestReport }) {
  const { t } = useTranslation();
  const copyReport = useCopyReport();
  const [copied, setCopied] = useState(false);
  const [manual, setManual] = useState<string | null>(null);

  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(false), CONFIRMATION_MS);
    return () => window.clearTimeout(timer);
  }, [copied]);

  const copy = () =>
    copyReport.mutate(report, {
      onSuccess: ({ text, copied: onClipboard }) => {
        if (!onClipboard) {
          setManual(text);
          return;
        }
        setManual(null);
        setCopied(true);
        notifySuccess(t("connections.test.copied"));
      },
      onError: (error) => notifyFailure(error, t),
    });

  return (
    <Stack gap="xs">
      <BusyButton
        variant="default"
        busy={copyReport.isPending}
        onClick={copy}
        leftSection={copied ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />}
        data-testid="copy-report"
      >
        {copied ? t("connections.test.copiedShort") : t("connections.test.copy")}
      </BusyButton>
      {manual !== null ? (
        <Textarea
          readOnly
          rows={10}
          label={t("connections.test.manualCopy")}
          value={manual}
          onFocus={(event) => event.currentTarget.select()}
          data-testid="report-text"
          styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: "var(--mantine-font-size-xs)" } }}
        />
      ) : null}
      {manual !== null ? (
        <Button variant="subtle" size="xs" onClick={() => setManual(null)}>
          {t("common.close")}
        </Button>
      ) : null}
    </Stack>
  );
}
