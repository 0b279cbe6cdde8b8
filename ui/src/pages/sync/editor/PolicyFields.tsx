import { NumberInput, Radio, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ConflictPolicy, DeletionPolicy } from "../../../api/syncTypes";
import type { SideNames } from "../sides";
import type { EditorField, EditorValues } from "./draft";

interface PolicyFieldsProps {
  values: EditorValues;
  sides: SideNames;
  onChange: (change: Partial<EditorValues>) => void;
  error: (field: EditorField) => string | undefined;
}

const CONFLICTS: ConflictPolicy[] = ["newestWins", "leftWins", "rightWins", "ask"];
const DELETIONS: DeletionPolicy[] = ["ignore", "mirror", "archive"];

/** The safety limit, who wins a conflict, and what a deletion on one side does to the other. */
export function PolicyFields({ values, sides, onChange, error }: PolicyFieldsProps) {
  const { t } = useTranslation();
  const names = { left: sides.left, right: sides.right };
  return (
    <Stack gap="md">
      <NumberInput
        label={t("profiles.policy.threshold")}
        description={t("profiles.policy.thresholdHelp")}
        min={1}
        max={100}
        suffix=" %"
        allowDecimal={false}
        value={values.thresholdPercent}
        onChange={(value) => onChange({ thresholdPercent: value })}
        error={error("thresholdPercent")}
        maw={240}
        data-testid="profile-threshold"
      />
      <Radio.Group label={t("profiles.policy.conflict")} value={values.conflictPolicy} onChange={(value) => onChange({ conflictPolicy: value as ConflictPolicy })}>
        <Stack gap="xs" mt="xs">
          {CONFLICTS.map((policy) => (
            <Radio key={policy} value={policy} label={t(`profiles.policy.conflicts.${policy}`, names)} />
          ))}
        </Stack>
      </Radio.Group>
      <Radio.Group label={t("profiles.policy.deletion")} value={values.deletion} onChange={(value) => onChange({ deletion: value as DeletionPolicy })}>
        <Stack gap="xs" mt="xs">
          {DELETIONS.map((policy) => (
            <Radio
              key={policy}
              value={policy}
              label={t(`profiles.policy.deletions.${policy}`)}
              description={t(`profiles.policy.deletionEffects.${policy}`)}
              data-testid={`deletion-${policy}`}
            />
          ))}
        </Stack>
      </Radio.Group>
    </Stack>
  );
}
