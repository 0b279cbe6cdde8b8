import { Checkbox, Group, NativeSelect, NumberInput, Radio, Stack, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Schedule } from "../../../api/syncTypes";
import { useSyncText } from "../useSyncText";
import type { EditorField, EditorValues } from "./draft";
import { MIN_MINUTES } from "./draft";

interface ScheduleFieldsProps {
  values: EditorValues;
  onChange: (change: Partial<EditorValues>) => void;
  error: (field: EditorField) => string | undefined;
}

const DAYS = [1, 2, 3, 4, 5, 6, 7];

/** The zones this system knows (IANA names); the chosen one first if it is not among them. */
function zones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return known.includes(current) || current === "" ? known : [current, ...known];
}

/** Off, every N minutes, or within business hours on chosen days in a chosen zone. */
export function ScheduleFields({ values, onChange, error }: ScheduleFieldsProps) {
  const { t } = useTranslation();
  const text = useSyncText();
  return (
    <Stack gap="sm">
      <Radio.Group
        label={t("profiles.schedule.kind")}
        value={values.scheduleKind}
        onChange={(value) => onChange({ scheduleKind: value as Schedule["kind"] })}
      >
        <Group mt="xs">
          <Radio value="off" label={t("profiles.schedule.off")} data-testid="schedule-off" />
          <Radio value="every" label={t("profiles.schedule.every")} data-testid="schedule-every" />
          <Radio value="businessHours" label={t("profiles.schedule.businessHours")} data-testid="schedule-business" />
        </Group>
      </Radio.Group>
      {values.scheduleKind === "every" ? (
        <NumberInput
          label={t("profiles.schedule.minutes")}
          description={t("profiles.schedule.minutesHelp", { min: MIN_MINUTES })}
          min={MIN_MINUTES}
          max={1440}
          allowDecimal={false}
          value={values.everyMinutes}
          onChange={(value) => onChange({ everyMinutes: value })}
          error={error("schedule.minutes")}
          maw={240}
          data-testid="schedule-minutes"
        />
      ) : null}
      {values.scheduleKind === "businessHours" ? (
        <Stack gap="sm">
          <Checkbox.Group
            label={t("profiles.schedule.days")}
            value={values.days.map(String)}
            onChange={(days) => onChange({ days: days.map(Number) })}
            error={error("schedule.days")}
          >
            <Group mt="xs">
              {DAYS.map((day) => (
                <Checkbox key={day} value={String(day)} label={text.day(day)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Group align="flex-start">
            <TextInput
              type="time"
              label={t("profiles.schedule.from")}
              value={values.from}
              onChange={(event) => onChange({ from: event.currentTarget.value })}
              error={error("schedule.from")}
            />
            <TextInput
              type="time"
              label={t("profiles.schedule.to")}
              value={values.to}
              onChange={(event) => onChange({ to: event.currentTarget.value })}
              error={error("schedule.to")}
            />
            <NativeSelect
              label={t("profiles.schedule.zone")}
              data={zones(values.timeZone)}
              value={values.timeZone}
              onChange={(event) => onChange({ timeZone: event.currentTarget.value })}
              error={error("schedule.timeZone")}
              data-testid="schedule-zone"
            />
            <NumberInput
              label={t("profiles.schedule.minutes")}
              min={MIN_MINUTES}
              max={1440}
              allowDecimal={false}
              value={values.businessEveryMinutes}
              onChange={(value) => onChange({ businessEveryMinutes: value })}
              error={error("schedule.everyMinutes")}
              maw={200}
            />
          </Group>
        </Stack>
      ) : null}
    </Stack>
  );
}
