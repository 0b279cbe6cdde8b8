import { SegmentedControl, Table, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { FieldDirection, FieldMapping } from "../../../api/syncTypes";
import type { SideNames } from "../sides";

const ARROWS: Record<FieldDirection, string> = { rightToLeft: "←", leftToRight: "→", both: "⇄", off: "—" };
const ORDER: FieldDirection[] = ["rightToLeft", "leftToRight", "both", "off"];

interface FieldMappingTableProps {
  fields: readonly FieldMapping[];
  sides: SideNames;
  onChange: (fields: FieldMapping[]) => void;
}

/**
 * One row per field with its direction. The arrows are for the eye; each choice's
 * accessible name says it in words with both servers named ("Jira Cloud → TimeTracker NX").
 */
export function FieldMappingTable({ fields, sides, onChange }: FieldMappingTableProps) {
  const { t } = useTranslation();
  const words = (direction: FieldDirection) => t(`profiles.fields.direction.${direction}`, { left: sides.left, right: sides.right });
  return (
    <Table aria-label={t("profiles.fields.label")} data-testid="field-mapping" verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t("profiles.fields.field")}</Table.Th>
          <Table.Th scope="col">{t("profiles.fields.directionColumn", { left: sides.left, right: sides.right })}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {fields.map((mapping) => {
          const name = t(`sync.fields.${mapping.field}`);
          return (
            <Table.Tr key={mapping.field} data-testid="field-row" data-field={mapping.field}>
              <Table.Th scope="row" fw={500}>
                {name}
              </Table.Th>
              <Table.Td>
                <SegmentedControl
                  aria-label={t("profiles.fields.directionOf", { field: name })}
                  value={mapping.direction}
                  onChange={(value) =>
                    onChange(fields.map((item) => (item.field === mapping.field ? { ...item, direction: value as FieldDirection } : item)))
                  }
                  data={ORDER.map((direction) => ({
                    value: direction,
                    label: (
                      <>
                        <span aria-hidden>{ARROWS[direction]}</span>
                        <VisuallyHidden>{words(direction)}</VisuallyHidden>
                      </>
                    ),
                  }))}
                  title={words(mapping.direction)}
                />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
