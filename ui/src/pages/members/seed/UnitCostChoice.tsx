import { NumberInput, Radio, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { numberSymbols } from "../numbers";
import type { CostChoice } from "./review";

interface UnitCostChoiceProps {
  value: CostChoice;
  /** Offer "as in the source": the source has costs of its own. */
  sourceCosts: boolean;
  /** "One value for all" was chosen and left empty. */
  missing: boolean;
  onChange: (value: CostChoice) => void;
}

/** The unit cost of the people added: as in the source, the system default, or one value for all. */
export function UnitCostChoice({ value, sourceCosts, missing, onChange }: UnitCostChoiceProps) {
  const { t, i18n } = useTranslation();
  // The UI language's decimal mark, so "1234,5" types naturally in Swedish.
  const mark = numberSymbols(i18n.language).decimal;
  return (
    <Stack gap="xs">
      <Radio.Group
        label={t("memberSeed.cost.label")}
        value={value.mode}
        onChange={(mode) => onChange(mode === "same" ? { mode: "same", value: null } : { mode: mode === "source" ? "source" : "default" })}
      >
        <Stack gap="xs" mt="xs">
          {sourceCosts ? (
            <Radio
              value="source"
              label={t("memberSeed.cost.source")}
              description={t("memberSeed.cost.sourceHint")}
              data-testid="seed-cost-source"
            />
          ) : null}
          <Radio
            value="default"
            label={t("memberSeed.cost.default")}
            data-testid="seed-cost-default"
          />
          <Radio value="same" label={t("memberSeed.cost.same")} data-testid="seed-cost-same" />
        </Stack>
      </Radio.Group>
      {value.mode === "same" ? (
        <NumberInput
          label={t("memberSeed.cost.value")}
          description={t("memberSeed.cost.valueHint")}
          min={0}
          allowNegative={false}
          decimalScale={2}
          decimalSeparator={mark}
          value={value.value ?? ""}
          onChange={(next) => {
            const number = typeof next === "number" ? next : Number(next.replace(mark, "."));
            onChange({ mode: "same", value: next === "" || Number.isNaN(number) ? null : number });
          }}
          error={missing ? t("memberSeed.cost.missing") : undefined}
          maw={240}
          data-testid="seed-cost-value"
        />
      ) : null}
    </Stack>
  );
}
