import { ActionIcon, Group, Text, TextInput, Tooltip } from "@mantine/core";
import { IconCheck, IconPencil, IconX } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { editableNumber, parseCost } from "./numbers";
import type { MemberRow } from "./rows";
import { useMemberFormat } from "./useMemberFormat";

interface CostCellProps {
  row: MemberRow;
  canEdit: boolean;
  /** Stages the cost; answers why not, or null once it is staged. */
  onSave: (cost: number | null) => string | null;
}

/**
 * A member's unit cost, edited in place: the pencil turns the cell into a field (empty:
 * the system default) that Enter saves and Escape leaves. A staged change shows the cost
 * read from the server next to the new one.
 */
export function CostCell({ row, canEdit, onSave }: CostCellProps) {
  const { t } = useTranslation();
  const format = useMemberFormat();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const returnFocus = useRef(false);
  const isEditing = editing !== null;

  // Into the field when editing starts; back to the pencil when it ends.
  useEffect(() => {
    if (isEditing) {
      input.current?.focus();
      input.current?.select();
    } else if (returnFocus.current) {
      returnFocus.current = false;
      editButton.current?.focus();
    }
  }, [isEditing]);

  const close = () => {
    returnFocus.current = true;
    setError(null);
    setEditing(null);
  };
  const save = () => {
    if (editing === null) return;
    const parsed = parseCost(editing, format.language);
    if (!parsed.ok) {
      setError(format.numberProblem(parsed.problem));
      return;
    }
    const problem = onSave(parsed.value);
    if (problem) setError(problem);
    else close();
  };

  if (editing !== null) {
    return (
      <Group
        gap={4}
        wrap="nowrap"
        align="flex-start"
        component="form"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.stopPropagation();
            close();
          }
        }}
      >
        <TextInput
          size="xs"
          w={130}
          value={editing}
          onChange={(event) => {
            setEditing(event.currentTarget.value);
            setError(null);
          }}
          placeholder={t("members.cost.placeholder")}
          aria-label={t("members.cost.input", { name: row.name })}
          error={error}
          inputMode="decimal"
          autoComplete="off"
          ref={input}
          data-testid="cost-input"
        />
        <ActionIcon type="submit" size="md" variant="filled" aria-label={t("members.cost.save", { name: row.name })} data-testid="cost-save">
          <IconCheck size={16} aria-hidden />
        </ActionIcon>
        <ActionIcon size="md" variant="default" onClick={close} aria-label={t("members.cost.cancel")}>
          <IconX size={16} aria-hidden />
        </ActionIcon>
      </Group>
    );
  }

  const editable = canEdit && row.change !== "remove";
  const label = t("members.cost.edit", { name: row.name });
  return (
    <Group gap={6} wrap="nowrap" justify="space-between">
      <Text size="sm" lh={1.3} td={row.change === "remove" ? "line-through" : undefined} data-testid="member-cost">
        {row.change === "update"
          ? t("members.cost.change", { before: format.cost(row.before), after: format.cost(row.unitCost) })
          : format.cost(row.unitCost)}
      </Text>
      <Tooltip label={label} disabled={!editable}>
        <ActionIcon
          ref={editButton}
          variant="subtle"
          size="md"
          disabled={!editable}
          aria-label={label}
          onClick={() => setEditing(row.unitCost === null ? "" : editableNumber(row.unitCost, format.language))}
          data-testid="cost-edit"
        >
          <IconPencil size={16} aria-hidden />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
