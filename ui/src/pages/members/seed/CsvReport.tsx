import { Alert, Badge, Button, Group, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { IconAlertTriangle, IconUsersPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { ImportReport, ImportRow, ImportStatus, Staged } from "../../../api/membersTypes";
import { LiveRegion } from "../../../components/LiveRegion";
import { UnitCostText } from "../UnitCostText";
import { WARNING_TEXT_LIGHT } from "../../../theme";
import { isBad, orderedRows, stagedCount, statusCounts } from "./importReport";
import { useFocusOnMount } from "../../../components/useFocusOnMount";

const STATUS_COLORS: Record<ImportStatus, string> = {
  add: "teal.9",
  update: "blue.9",
  unchanged: "gray.7",
  // The theme's warning orange: Mantine's own darkest orange is below 4.5:1 with white.
  remove: WARNING_TEXT_LIGHT,
  unknownUser: "red.9",
  ambiguous: "red.9",
  badNumber: "red.9",
  duplicate: "red.9",
  missingUser: "red.9",
};

/** Rows whose unit cost means nothing: it could not be read, or nobody would get it. */
const NO_COST: ReadonlySet<ImportStatus> = new Set(["badNumber", "missingUser", "unknownUser", "ambiguous"]);

interface CsvReportProps {
  fileName: string;
  report: ImportReport;
  onBack: () => void;
  onStage: (staged: Staged) => void;
}

/**
 * The validation report of a CSV file: every row with what it would do, the bad ones
 * first with what to fix. Only the valid changes can be staged; the preview comes after.
 */
export function CsvReport({ fileName, report, onBack, onStage }: CsvReportProps) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const valid = stagedCount(report.staged);
  const bad = report.badRows;
  const summary = t("memberSeed.csv.summary", {
    rows: t("memberSeed.csv.rows", { count: report.rows.length }),
    changes: t("memberSeed.csv.changes", { count: valid }),
    bad: t("memberSeed.csv.bad", { count: bad }),
  });

  return (
    <Stack gap="md" data-testid="seed-csv-report">
      <Stack gap={4}>
        <Title order={3} size="h4" ref={headingRef} tabIndex={-1}>
          {t("memberSeed.csv.reportHeading", { name: fileName })}
        </Title>
        <Text size="sm" data-testid="seed-csv-summary">
          {summary}
        </Text>
      </Stack>
      <LiveRegion text={summary} />
      <Group gap="xs" data-testid="seed-csv-counts">
        {statusCounts(report.rows).map(({ status, count }) => (
          <StatusBadge key={status} status={status} count={count} />
        ))}
      </Group>
      {bad > 0 ? (
        <Alert
          color="orange"
          variant="light"
          role="region"
          icon={<IconAlertTriangle aria-hidden />}
          title={t("memberSeed.csv.badTitle", { count: bad })}
          data-testid="seed-csv-bad"
        >
          {t("memberSeed.csv.badBody")}
        </Alert>
      ) : null}
      <ReportTable rows={report.rows} />
      <Group justify="space-between" gap="sm">
        <Button variant="default" onClick={onBack} data-testid="seed-csv-back">
          {t("memberSeed.csv.again")}
        </Button>
        <Button
          onClick={() => onStage(report.staged)}
          disabled={valid === 0}
          leftSection={<IconUsersPlus size={18} aria-hidden />}
          data-testid="seed-csv-stage"
        >
          {valid === 0
            ? t("memberSeed.csv.stageNone")
            : bad > 0
              ? t("memberSeed.csv.stageValid", { count: valid, bad: t("memberSeed.csv.bad", { count: bad }) })
              : t("memberSeed.csv.stage", { count: valid })}
        </Button>
      </Group>
    </Stack>
  );
}

function StatusBadge({ status, count }: { status: ImportStatus; count?: number }) {
  const { t } = useTranslation();
  const label = t(`memberSeed.csv.status.${status}`);
  return (
    <Badge
      size="sm"
      tt="none"
      color={STATUS_COLORS[status]}
      autoContrast
      maw="none"
      // Whole words, never "Unkn…": the column grows to the badge instead.
      styles={{ label: { overflow: "visible", textOverflow: "clip" } }}
      data-status={status}
    >
      {count === undefined ? label : `${label}: ${count}`}
    </Badge>
  );
}

function ReportTable({ rows }: { rows: readonly ImportRow[] }) {
  const { t } = useTranslation();
  return (
    // A long file scrolls inside the dialog; with nothing focusable in the rows, the scrolling
    // region itself takes focus so the keyboard can scroll it.
    <Table.ScrollContainer
      minWidth={640}
      maxHeight={420}
      type="native"
      tabIndex={0}
      role="region"
      aria-label={t("memberSeed.csv.tableLabel")}
    >
      <Table verticalSpacing="xs" stickyHeader aria-label={t("memberSeed.csv.tableLabel")} data-testid="seed-csv-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("memberSeed.csv.line")}</Table.Th>
            <Table.Th scope="col">{t("memberSeed.csv.inFile")}</Table.Th>
            <Table.Th scope="col">{t("memberSeed.csv.user")}</Table.Th>
            <Table.Th scope="col">{t("memberSeed.csv.cost")}</Table.Th>
            <Table.Th scope="col">{t("memberSeed.csv.statusHeading")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {orderedRows(rows).map((row) => (
            <Table.Tr key={`${row.line}-${row.user}-${row.status}`} data-testid="seed-csv-row" data-status={row.status}>
              <Table.Th scope="row" fw={400} style={{ verticalAlign: "top", fontVariantNumeric: "tabular-nums" }}>
                {row.line > 0 ? (
                  row.line
                ) : (
                  <>
                    <span aria-hidden>—</span>
                    <VisuallyHidden>{t("memberSeed.csv.notInFile")}</VisuallyHidden>
                  </>
                )}
              </Table.Th>
              <Table.Td style={{ verticalAlign: "top", overflowWrap: "break-word" }}>
                <Text size="sm" ff="monospace">
                  {row.user === "" ? t("memberSeed.csv.emptyCell") : row.user}
                </Text>
              </Table.Td>
              <Table.Td style={{ verticalAlign: "top" }}>
                <Text size="sm">{row.name ?? "—"}</Text>
              </Table.Td>
              <Table.Td style={{ verticalAlign: "top", whiteSpace: "nowrap" }}>
                {NO_COST.has(row.status) ? (
                  <Text span size="sm" c="dimmed">
                    —
                  </Text>
                ) : (
                  <UnitCostText value={row.unitCost} />
                )}
              </Table.Td>
              {/* The result and, under it, what to do about it: one column leaves the text room. */}
              <Table.Td style={{ verticalAlign: "top" }} miw={220}>
                <Stack gap={4} align="flex-start">
                  <StatusBadge status={row.status} />
                  <FixText row={row} />
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** What to do about a bad row, in the UI language, and the back end's exact words under it. */
function FixText({ row }: { row: ImportRow }) {
  const { t } = useTranslation();
  if (row.status === "remove") return <Text size="sm">{t("memberSeed.csv.fix.remove")}</Text>;
  if (!isBad(row.status)) return null;
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {t(`memberSeed.csv.fix.${row.status}`)}
      </Text>
      {row.message ? (
        <Text size="xs" c="dimmed">
          {t("errors.detail", { detail: row.message })}
        </Text>
      ) : null}
    </Stack>
  );
}
