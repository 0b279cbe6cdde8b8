import { Button, Group, Stack, Text } from "@mantine/core";
import { SYSTEM_DEFAULT_AMOUNT } from "./staging";
import { IconUserPlus } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMembersView, useReplaceMembers } from "../../api/members";
import type { ApplyReport, ProjectMembers, ProjectSummary, Staged } from "../../api/membersTypes";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LiveRegion } from "../../components/LiveRegion";
import { LoadingState } from "../../components/LoadingState";
import { Section } from "../../components/Section";
import { AddMembersModal, type PickedUser } from "./AddMembersModal";
import { ApplyModal } from "./ApplyModal";
import { BulkCostModal, type BulkCost } from "./BulkCostModal";
import { MembersTable } from "./MembersTable";
import { PermissionNotice } from "./PermissionNotice";
import { RemoveMembersModal } from "./RemoveMembersModal";
import { buildRows, filterRows, sortRows, type SortOrder } from "./rows";
import { SeedActions } from "./seed/SeedActions";
import { StagingBar } from "./StagingBar";
import {
  addUsers,
  changeByPercent,
  diffSize,
  mergeStaged,
  removeUsers,
  restage,
  setCost,
  stagedCount,
  undoUser,
  type StagingResult,
} from "./staging";
import { TableControls } from "./TableControls";
import { useMemberFormat } from "./useMemberFormat";
import type { MembersStaging } from "./useMembersStaging";

type Dialog = "add" | "cost" | "remove" | "apply" | null;

interface ProjectMembersPanelProps {
  serverId: number;
  project: ProjectSummary;
  staging: MembersStaging;
  /** Asks before dropping the staged edits (the same question as changing project); `done` runs once they are gone. */
  onDiscard: (done: () => void) => void;
}

/** The open project: who is in it, the edits staged on it, and the way to apply them. */
export function ProjectMembersPanel({ serverId, project, staging, onDiscard }: ProjectMembersPanelProps) {
  const view = useMembersView(serverId, project.id);
  if (view.data === undefined) {
    return view.error ? <ErrorAlert error={view.error} onRetry={() => void view.refetch()} /> : <LoadingState />;
  }
  return (
    <LoadedMembers
      serverId={serverId}
      base={view.data.members}
      canManage={view.data.canManage}
      signedInAs={view.data.signedInAs}
      staging={staging}
      onDiscard={onDiscard}
      onReload={() => {
        staging.reset();
        void view.refetch();
      }}
    />
  );
}

interface LoadedMembersProps {
  serverId: number;
  base: ProjectMembers;
  canManage: boolean;
  signedInAs: string;
  staging: MembersStaging;
  onDiscard: (done: () => void) => void;
  onReload: () => void;
}

function LoadedMembers({ serverId, base, canManage, signedInAs, staging, onDiscard, onReload }: LoadedMembersProps) {
  const { t } = useTranslation();
  const format = useMemberFormat();
  const replaceMembers = useReplaceMembers(serverId, base.project.id);
  const { staged, setStaged, known, remember } = staging;
  const [order, setOrder] = useState<SortOrder>({ column: "name", direction: "ascending" });
  const [filter, setFilter] = useState("");
  const [onlyChanges, setOnlyChanges] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [dialog, setDialog] = useState<Dialog>(null);
  const [announcement, setAnnouncement] = useState("");

  const allRows = useMemo(() => buildRows(base, staged, known), [base, staged, known]);
  const rows = useMemo(
    () => sortRows(filterRows(allRows, filter, onlyChanges), order, format.language, SYSTEM_DEFAULT_AMOUNT),
    [allRows, filter, onlyChanges, order, format.language],
  );
  // Only people still in the table count as selected (an add taken back leaves it).
  const selection = allRows.filter((row) => selected.has(row.userId));
  const selectionIds = selection.map((row) => row.userId);

  const announceCount = (next: Staged) => {
    const count = stagedCount(next);
    setAnnouncement(count > 0 ? t("members.announce.staged", { count }) : t("members.announce.none"));
  };
  /** Takes a staging step: the new edits, or the reason why not (for the control that asked). */
  const stage = (result: StagingResult): string | null => {
    if (!result.ok) return format.stagingProblem(result.problem);
    setStaged(result.staged);
    announceCount(result.staged);
    return null;
  };
  const select = (userIds: readonly string[], on: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      for (const userId of userIds) {
        if (on) next.add(userId);
        else next.delete(userId);
      }
      return next;
    });

  const addPicked = (picked: PickedUser[]) => {
    const problem = stage(addUsers(staged, base, picked.map(({ user, unitCost }) => ({ userId: user.userId, name: user.name, unitCost }))));
    if (!problem) remember(picked.map(({ user }) => user));
    return problem;
  };
  const bulkCost = (change: BulkCost) =>
    stage(
      change.mode === "percent"
        ? changeByPercent(staged, base, selectionIds, change.percent)
        : setCost(staged, base, selectionIds, change.mode === "value" ? change.cost : null),
    );
  const removeSelected = () => {
    if (stage(removeUsers(staged, base, selectionIds)) === null) setSelected(new Set());
    setDialog(null);
  };
  const applied = (report: ApplyReport) => {
    replaceMembers(report.after);
    staging.reset();
    setSelected(new Set());
    const made = t("members.announce.applied", { count: diffSize(report.changes) });
    setAnnouncement(report.failures.length > 0 ? `${made} ${t("members.announce.refused", { count: report.failures.length })}` : made);
  };
  const keep = (current: ProjectMembers) => {
    const carried = restage(staged, base, current);
    replaceMembers(current);
    setStaged(carried.staged);
    announceCount(carried.staged);
    return carried;
  };

  const tableLabel = t("members.table.label", { project: base.project.name });
  return (
    <Stack gap="md">
      {!canManage ? <PermissionNotice account={signedInAs} project={base.project.name} /> : null}
      <Section heading={t("members.table.heading", { project: base.project.name })}>
        <Group gap="sm">
          <Button leftSection={<IconUserPlus size={18} aria-hidden />} disabled={!canManage} onClick={() => setDialog("add")} data-testid="add-members">
            {t("members.add.button")}
          </Button>
          <SeedActions
            serverId={serverId}
            project={base}
            canManage={canManage}
            onStage={(incoming) => {
              const next = mergeStaged(staged, incoming, base);
              setStaged(next);
              announceCount(next);
            }}
          />
        </Group>
        <StagingBar
          staged={staged}
          canManage={canManage}
          onPreview={() => setDialog("apply")}
          onDiscard={() =>
            onDiscard(() => {
              setSelected(new Set());
              setAnnouncement(t("members.announce.none"));
            })
          }
        />
        <TableControls
          filter={filter}
          onFilter={setFilter}
          onlyChanges={onlyChanges}
          onOnlyChanges={setOnlyChanges}
          shown={rows.length}
          total={allRows.length}
          selectedCount={selection.length}
          canManage={canManage}
          onSetCost={() => setDialog("cost")}
          onRemove={() => setDialog("remove")}
          onClearSelection={() => setSelected(new Set())}
        />
        {allRows.length === 0 ? (
          <Text data-testid="members-empty">{t("members.table.empty")}</Text>
        ) : rows.length === 0 ? (
          <Text data-testid="members-no-match">{t("members.table.noMatch")}</Text>
        ) : (
          <MembersTable
            rows={rows}
            label={tableLabel}
            order={order}
            onSort={setOrder}
            selected={selected}
            onSelect={select}
            canManage={canManage}
            onSetCost={(userId, cost) => stage(setCost(staged, base, [userId], cost))}
            onUndo={(userId) => {
              const next = undoUser(staged, base, userId);
              setStaged(next);
              announceCount(next);
            }}
          />
        )}
      </Section>
      <LiveRegion text={announcement} testId="members-announcer" />
      <AddMembersModal opened={dialog === "add"} serverId={serverId} base={base} staged={staged} onClose={() => setDialog(null)} onAdd={addPicked} />
      <BulkCostModal
        opened={dialog === "cost"}
        count={selection.length}
        onClose={() => setDialog(null)}
        onApply={bulkCost}
      />
      <RemoveMembersModal
        opened={dialog === "remove"}
        names={selection.map((row) => row.name)}
        onClose={() => setDialog(null)}
        onConfirm={removeSelected}
      />
      <ApplyModal
        opened={dialog === "apply"}
        serverId={serverId}
        base={base}
        staged={staged}
        onClose={() => setDialog(null)}
        onApplied={applied}
        onConflict={() => setAnnouncement(t("members.announce.conflict"))}
        onKeep={keep}
        onDiscard={() => {
          onReload();
          setSelected(new Set());
          setAnnouncement(t("members.announce.reloaded"));
        }}
      />
    </Stack>
  );
}
