import { Button, Group, Radio, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal } from "../../components/AppModal";
import { costExample, parseCost, parsePercent } from "./numbers";
import { useMemberFormat } from "./useMemberFormat";

export type BulkCost = { mode: "value"; cost: number | null } | { mode: "percent"; percent: number } | { mode: "default" };

interface BulkCostModalProps {
  opened: boolean;
  count: number;
  onClose: () => void;
  /** Stages the change for the selection; answers why not, or null once it is staged. */
  onApply: (change: BulkCost) => string | null;
}

type Mode = BulkCost["mode"];

/** One unit cost for every selected member: a value, a change by a percentage, or the default. */
export function BulkCostModal({ opened, count, onClose, ...props }: BulkCostModalProps) {
  const { t } = useTranslation();
  // The form mounts afresh on each opening, empty.
  return (
    <AppModal opened={opened} onClose={onClose} title={t("members.bulk.title", { count })} size="md" testId="bulk-cost-dialog">
      <BulkCostForm onClose={onClose} {...props} />
    </AppModal>
  );
}

function BulkCostForm({ onClose, onApply }: Omit<BulkCostModalProps, "opened" | "count">) {
  const { t } = useTranslation();
  const format = useMemberFormat();
  const [mode, setMode] = useState<Mode>("value");
  const [value, setValue] = useState("");
  const [percent, setPercent] = useState("");
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    let change: BulkCost;
    if (mode === "value") {
      if (value.trim() === "") return setError(t("members.bulk.valueMissing"));
      const parsed = parseCost(value, format.language);
      if (!parsed.ok) return setError(format.numberProblem(parsed.problem));
      change = { mode, cost: parsed.value };
    } else if (mode === "percent") {
      const parsed = parsePercent(percent, format.language);
      if (!parsed.ok) return setError(format.numberProblem(parsed.problem));
      change = { mode, percent: parsed.value };
    } else {
      change = { mode };
    }
    const problem = onApply(change);
    if (problem) setError(problem);
    else onClose();
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <Radio.Group
          label={t("members.bulk.mode")}
          value={mode}
          onChange={(next) => {
            setMode(next as Mode);
            setError(null);
          }}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="value" label={t("members.bulk.value")} data-testid="bulk-mode-value" />
            <Radio value="percent" label={t("members.bulk.percent")} data-testid="bulk-mode-percent" />
            <Radio value="default" label={t("members.bulk.default")} data-testid="bulk-mode-default" />
          </Stack>
        </Radio.Group>
        {mode === "value" ? (
          <TextInput
            label={t("members.bulk.valueLabel")}
            description={t("members.bulk.valueHint", { example: costExample(format.language) })}
            value={value}
            onChange={(event) => {
              setValue(event.currentTarget.value);
              setError(null);
            }}
            error={error}
            inputMode="decimal"
            autoComplete="off"
            data-autofocus
            data-testid="bulk-value"
          />
        ) : null}
        {mode === "percent" ? (
          <TextInput
            label={t("members.bulk.percentLabel")}
            description={t("members.bulk.percentHint")}
            value={percent}
            onChange={(event) => {
              setPercent(event.currentTarget.value);
              setError(null);
            }}
            error={error}
            rightSection={<Text size="sm" aria-hidden>%</Text>}
            inputMode="decimal"
            autoComplete="off"
            data-testid="bulk-percent"
          />
        ) : null}
        {mode === "default" ? (
          <>
            <Text size="sm">{t("members.bulk.defaultHint")}</Text>
            {error ? (
              <Text size="sm" c="red.8" role="alert">
                {error}
              </Text>
            ) : null}
          </>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" data-testid="bulk-apply">
            {t("members.bulk.apply")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
