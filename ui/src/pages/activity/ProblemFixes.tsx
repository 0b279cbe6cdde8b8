import { Button, Group, NativeSelect, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useResolveProblem, useSuggestions } from "../../api/sync";
import type { Choice, ItemProblem, MappingSuggestions, ProblemAction, ProfileDraft, SyncProfile } from "../../api/syncTypes";
import { BusyButton } from "../../components/BusyButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { RouteLink } from "../../components/RouteLink";
import { sideName, type SideNames } from "../sync/sides";

/** The profile as a draft again, for asking the servers for their users and values. */
function draftOf(profile: SyncProfile): ProfileDraft {
  const { connectionName: _name, createdAt: _created, updatedAt: _updated, hasRun: _hasRun, lastRun: _lastRun, ...draft } = profile;
  return draft;
}

/** Who or what the problem's item may be mapped to: the other side's users or values. */
function targetsFor(problem: ItemProblem, found: MappingSuggestions): Choice[] {
  const { cause } = problem;
  if (cause.kind === "unmappedUser") return cause.side === "left" ? found.rightUsers : found.leftUsers;
  if (cause.kind === "unmappedValue") {
    const values = cause.field === "status" ? found.status : cause.field === "itemType" ? found.itemType : found.priority;
    return cause.side === "left" ? values.right : values.left;
  }
  return [];
}

interface ProblemFixesProps {
  problem: ItemProblem;
  profile: SyncProfile | undefined;
  sides: SideNames;
  /** After a fix: the problem leaves the inbox, so focus moves on. */
  onResolved: (text: string) => void;
}

/** One click for each fix the back end offers for this problem. */
export function ProblemFixes({ problem, profile, sides, onResolved }: ProblemFixesProps) {
  const { t } = useTranslation();
  const resolve = useResolveProblem();
  const suggest = useSuggestions();
  const [target, setTarget] = useState("");
  const { cause } = problem;
  const mapping = problem.fixes.includes("mapUser") || problem.fixes.includes("mapValue");
  const targets = suggest.data ? targetsFor(problem, suggest.data) : [];
  const otherServer = "side" in cause ? sideName(sides, cause.side === "left" ? "right" : "left") : "";

  const act = (action: ProblemAction, done: string) =>
    resolve.mutate({ problemId: problem.id, action }, { onSuccess: () => onResolved(done) });

  const map = () => {
    const chosen = targets.find((item) => item.id === target);
    if (!chosen) return;
    if (cause.kind === "unmappedUser") act({ kind: "mapUser", right: chosen.id, rightName: chosen.name }, t("problems.done.mapped", { item: cause.name, target: chosen.name }));
    else if (cause.kind === "unmappedValue") act({ kind: "mapValue", other: chosen.id }, t("problems.done.mapped", { item: cause.name, target: chosen.name }));
  };

  return (
    <Stack gap="xs">
      {cause.kind === "permissionDenied" ? (
        <Text size="sm" data-testid="grant-permission">
          {t("problems.fix.grant", { permission: cause.permission, server: sideName(sides, cause.side) })}
        </Text>
      ) : null}
      {mapping && suggest.data ? (
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t(cause.kind === "unmappedUser" ? "problems.fix.userOn" : "problems.fix.valueOn", { server: otherServer, name: "name" in cause ? cause.name : "" })}
            data={[{ value: "", label: t("profiles.editor.choose") }, ...targets.map((item) => ({ value: item.id, label: item.name }))]}
            value={target}
            onChange={(event) => setTarget(event.currentTarget.value)}
            data-testid="fix-target"
          />
          <BusyButton busy={resolve.isPending} onClick={map} disabled={target === ""} data-testid="fix-map">
            {t("problems.fix.map")}
          </BusyButton>
        </Group>
      ) : null}
      {suggest.isError ? <ErrorAlert error={suggest.error} title={t("profiles.values.suggestFailed")} /> : null}
      {resolve.isError ? <ErrorAlert error={resolve.error} title={t("problems.fixFailed")} /> : null}
      <Group gap="xs">
        {mapping && !suggest.data ? (
          <BusyButton
            size="xs"
            busy={suggest.isPending}
            disabled={!profile}
            onClick={() => profile && suggest.mutate(draftOf(profile))}
            data-testid={problem.fixes.includes("mapUser") ? "fix-map-user" : "fix-map-value"}
          >
            {t(problem.fixes.includes("mapUser") ? "problems.fix.mapUser" : "problems.fix.mapValue")}
          </BusyButton>
        ) : null}
        {problem.fixes.includes("retry") ? (
          <Button size="xs" variant="default" onClick={() => act({ kind: "retry" }, t("problems.done.retry", { item: problem.item }))} data-testid="fix-retry">
            {t(cause.kind === "permissionDenied" ? "problems.fix.retryGranted" : "problems.fix.retry")}
          </Button>
        ) : null}
        {problem.fixes.includes("keepLeft") ? (
          <Button size="xs" variant="default" onClick={() => act({ kind: "keepLeft" }, t("problems.done.kept", { item: problem.item, server: sides.left }))} data-testid="fix-keep-left">
            {t("problems.fix.keep", { server: sides.left })}
          </Button>
        ) : null}
        {problem.fixes.includes("keepRight") ? (
          <Button size="xs" variant="default" onClick={() => act({ kind: "keepRight" }, t("problems.done.kept", { item: problem.item, server: sides.right }))} data-testid="fix-keep-right">
            {t("problems.fix.keep", { server: sides.right })}
          </Button>
        ) : null}
        {problem.fixes.includes("skip") ? (
          <Button size="xs" variant="subtle" onClick={() => act({ kind: "skip" }, t("problems.done.skipped", { item: problem.item }))} data-testid="fix-skip">
            {t("problems.fix.skip")}
          </Button>
        ) : null}
        {problem.fixes.includes("openProfile") ? <RouteLink to="profiles">{t("problems.fix.openProfile")}</RouteLink> : null}
      </Group>
    </Stack>
  );
}
