import { Button, Group, Switch, Text, TextInput } from "@mantine/core";
import { IconCoin, IconSearch, IconUserMinus, IconX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

interface TableControlsProps {
  filter: string;
  onFilter: (text: string) => void;
  onlyChanges: boolean;
  onOnlyChanges: (value: boolean) => void;
  shown: number;
  total: number;
  selectedCount: number;
  canManage: boolean;
  onSetCost: () => void;
  onRemove: () => void;
  onClearSelection: () => void;
}

/** Above the table: find members, show only staged rows, and act on the selected ones. */
export function TableControls(props: TableControlsProps) {
  const { t } = useTranslation();
  const { selectedCount, canManage } = props;
  const none = selectedCount === 0 || !canManage;
  return (
    <Group justify="space-between" align="flex-end" gap="sm">
      <Group align="flex-end" gap="md">
        <TextInput
          label={t("members.table.filter")}
          description={t("members.table.filterHint")}
          value={props.filter}
          onChange={(event) => props.onFilter(event.currentTarget.value)}
          leftSection={<IconSearch size={16} aria-hidden />}
          w={280}
          data-testid="members-filter"
        />
        <Switch
          label={t("members.table.onlyChanges")}
          checked={props.onlyChanges}
          onChange={(event) => props.onOnlyChanges(event.currentTarget.checked)}
          mb={6}
          data-testid="only-changes"
        />
        <Text size="sm" c="dimmed" mb={6} data-testid="members-shown">
          {props.shown === props.total
            ? t("members.table.count", { count: props.total })
            : t("members.table.shown", { count: props.total, shown: props.shown })}
        </Text>
      </Group>
      <Group gap="xs" role="group" aria-label={t("members.selection.label")}>
        <Text size="sm" fw={600} data-testid="selected-count">
          {t("members.selection.count", { count: selectedCount })}
        </Text>
        <Button variant="default" size="sm" leftSection={<IconCoin size={16} aria-hidden />} disabled={none} onClick={props.onSetCost} data-testid="bulk-cost">
          {t("members.selection.setCost")}
        </Button>
        <Button variant="default" size="sm" color="red" leftSection={<IconUserMinus size={16} aria-hidden />} disabled={none} onClick={props.onRemove} data-testid="bulk-remove">
          {t("members.selection.remove")}
        </Button>
        <Button variant="subtle" size="sm" leftSection={<IconX size={16} aria-hidden />} disabled={selectedCount === 0} onClick={props.onClearSelection}>
          {t("members.selection.clear")}
        </Button>
      </Group>
    </Group>
  );
}
