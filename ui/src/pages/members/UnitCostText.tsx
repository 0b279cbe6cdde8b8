import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** A unit cost in the user's locale; TimeTracker NX keeps two decimals. */
export function formatUnitCost(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
}

interface UnitCostTextProps {
  /** null: the member has no cost of their own and the system default applies. */
  value: number | null;
  /** The system default, when known, shown with the words. */
  systemDefault?: number | null;
}

/** A member's unit cost, or "System default" set apart in italics so it never reads as a number they chose. */
export function UnitCostText({ value, systemDefault = null }: UnitCostTextProps) {
  const { t, i18n } = useTranslation();
  if (value !== null) {
    return (
      <Text span size="sm" style={{ fontVariantNumeric: "tabular-nums" }}>
        {formatUnitCost(value, i18n.language)}
      </Text>
    );
  }
  return (
    <Text span size="sm" fs="italic" data-default-cost>
      {systemDefault === null
        ? t("memberSeed.cost.systemDefault")
        : t("memberSeed.cost.systemDefaultIs", { cost: formatUnitCost(systemDefault, i18n.language) })}
    </Text>
  );
}
