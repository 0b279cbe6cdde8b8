import { NativeSelect, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { MappingSuggestions, ValueMaps, ValuePair } from "../../../api/syncTypes";
import type { SideNames } from "../sides";

const MAPS = ["status", "itemType", "priority"] as const;
type MapName = (typeof MAPS)[number];

interface ValueMapsEditorProps {
  maps: ValueMaps;
  suggestions: MappingSuggestions | null;
  sides: SideNames;
  onChange: (maps: ValueMaps) => void;
}

/** The pair for `left` replaced by `right` ("" removes it). */
function setPair(pairs: readonly ValuePair[], left: string, right: string): ValuePair[] {
  const rest = pairs.filter((pair) => pair.left !== left);
  return right === "" ? rest : [...rest, { left, right }];
}

/** Status, type and priority: each value of the left server → a value of the right one. */
export function ValueMapsEditor({ maps, suggestions, sides, onChange }: ValueMapsEditorProps) {
  const { t } = useTranslation();
  if (!suggestions) {
    return (
      <Text size="sm" data-testid="value-maps-pending">
        {t("profiles.values.loadFirst", { count: maps.status.length + maps.itemType.length + maps.priority.length })}
      </Text>
    );
  }
  return (
    <Stack gap="md" data-testid="value-maps">
      {MAPS.map((map: MapName) => {
        const values = suggestions[map];
        const label = t(`profiles.values.${map}`);
        return (
          <Stack gap={4} key={map}>
            <Title order={4} size="h5">
              {label}
            </Title>
            <Table aria-label={t("profiles.values.tableLabel", { map: label })} verticalSpacing={4} maw={640}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{sides.left}</Table.Th>
                  <Table.Th scope="col">{sides.right}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {values.left.map((value) => (
                  <Table.Tr key={value.id} data-testid={`value-row-${map}`}>
                    <Table.Th scope="row" fw={400}>
                      {value.name}
                    </Table.Th>
                    <Table.Td>
                      <NativeSelect
                        aria-label={t("profiles.values.mapTo", { value: value.name, map: label, server: sides.right })}
                        data={[{ value: "", label: t("profiles.values.unmapped") }, ...values.right.map((other) => ({ value: other.id, label: other.name }))]}
                        value={maps[map].find((pair) => pair.left === value.id)?.right ?? ""}
                        onChange={(event) => onChange({ ...maps, [map]: setPair(maps[map], value.id, event.currentTarget.value) })}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        );
      })}
    </Stack>
  );
}

/** Suggested pairs for every left value the user has not mapped yet; their own choices stay. */
export function withSuggestedValues(maps: ValueMaps, suggestions: MappingSuggestions): ValueMaps {
  const fill = (pairs: readonly ValuePair[], suggested: readonly ValuePair[]) => [
    ...pairs,
    ...suggested.filter((pair) => !pairs.some((mine) => mine.left === pair.left)),
  ];
  return {
    status: fill(maps.status, suggestions.status.pairs),
    itemType: fill(maps.itemType, suggestions.itemType.pairs),
    priority: fill(maps.priority, suggestions.priority.pairs),
  };
}
