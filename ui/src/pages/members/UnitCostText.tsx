import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatNumber } from "./numbers";

interface UnitCostTextProps {
  /** null: the member has no cost of their own and the system default applies. */
  value: number | null;
}

/**
 * A member's unit cost in the user's locale, or "System default" set apart in italics so it
 * never reads as a number they chose (its amount is a TimeTracker NX setting the API does not return).
 */
export function UnitCostText({ value }: UnitCostTextProps) {
  const { t, i18n } = useTranslation();
  if (value !== null) {
    return (
      <Text span size="sm" style={{ fontVariantNumeric: "tabular-nums" }}>
        {formatNumber(value, i18n.language)}
      </Text>
    );
  }
  return (
    <Text span size="sm" fs="italic" data-default-cost>
      {t("memberSeed.cost.systemDefault")}
    </Text>
  );
}
