import { Anchor, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { LastTest } from "../../bindings";
import { formatDateTime } from "../../i18n/format";
import { OutcomeBadge } from "./test/OutcomeBadge";

interface LastTestCellProps {
  lastTest: LastTest | null;
  connectionName: string;
  /** Opens the stored result with every check. */
  onShow: () => void;
}

/** The last Test connection of a row: its outcome and when it ran, or that it never ran. */
export function LastTestCell({ lastTest, connectionName, onShow }: LastTestCellProps) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap={4} align="flex-start" data-testid="last-test">
      <OutcomeBadge outcome={lastTest?.outcome ?? "untested"} />
      {lastTest ? (
        <>
          <Text size="xs" c="dimmed">
            <time dateTime={lastTest.ranAt}>{formatDateTime(lastTest.ranAt, i18n.language)}</time>
          </Text>
          <Anchor
            component="button"
            type="button"
            size="xs"
            onClick={onShow}
            aria-label={t("connections.test.detailsNamed", { name: connectionName })}
            data-testid="last-test-details"
          >
            {t("connections.test.details")}
          </Anchor>
        </>
      ) : null}
    </Stack>
  );
}
