import { Radio, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Direction } from "../../../bindings";

const DIRECTIONS = ["both", "leftToRight", "rightToLeft"] as const satisfies readonly Direction[];

interface DirectionChoiceProps {
  value: Direction;
  onChange: (direction: Direction) => void;
  left: string;
  right: string;
}

/** Both ways, or one way — named with the two servers, so "left" and "right" need no decoding. */
export function DirectionChoice({ value, onChange, left, right }: DirectionChoiceProps) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      label={t("connections.wizard.name.direction")}
      value={value}
      onChange={(next) => onChange(next as Direction)}
      required
      data-testid="direction-choice"
    >
      <Stack gap="sm" mt="xs">
        {DIRECTIONS.map((direction) => (
          <Radio
            key={direction}
            value={direction}
            label={t(`connections.wizard.name.directions.${direction}`, { left, right })}
            description={t(`connections.wizard.name.directionHelp.${direction}`)}
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}
