import { Button, Stack } from "@mantine/core";
import { IconArrowsExchange, IconPlus } from "@tabler/icons-react";
import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useProblems, useStartRun, useSyncEventsListener, useSyncProfiles } from "../api/sync";
import type { SyncProfile } from "../api/syncTypes";
import { useConnections } from "../api/workspace";
import { EmptyNotice } from "../components/EmptyNotice";
import { ErrorAlert } from "../components/ErrorAlert";
import { LoadingState } from "../components/LoadingState";
import { notifyFailure } from "../components/notify";
import { PAGE_TITLE_ID, PageHeader } from "../components/PageHeader";
import { RouteLink } from "../components/RouteLink";
import { ProfileEditor } from "./sync/editor/ProfileEditor";
import { PreviewDialog, type PreviewTarget } from "./sync/PreviewDialog";
import { ProfilesTable, type ProfileAction } from "./sync/ProfilesTable";
import { RemoveProfileModal } from "./sync/RemoveProfileModal";
import { RunStatusPanel } from "./sync/RunStatusPanel";
import { isJiraTtnx } from "./sync/sides";

/** Sync profiles: the list with preview and run, the editor, and the runs going on. */
export function ProfilesPage() {
  const { t } = useTranslation();
  useSyncEventsListener();
  const profiles = useSyncProfiles();
  const problems = useProblems();
  const connections = useConnections();
  const start = useStartRun();
  const [editing, setEditing] = useState<SyncProfile | "new" | null>(null);
  const [previewing, setPreviewing] = useState<PreviewTarget | null>(null);
  const [removing, setRemoving] = useState<SyncProfile | null>(null);
  // The button that opened the editor, to return to when it closes (the editor replaces the list).
  const opener = useRef<string | null>(null);
  const newButton = useRef<HTMLButtonElement>(null);

  const problemCounts = useMemo(() => {
    const counts = new Map<number, number>();
    for (const problem of problems.data ?? []) counts.set(problem.profileId, (counts.get(problem.profileId) ?? 0) + 1);
    return counts;
  }, [problems.data]);
  const usable = (connections.data ?? []).filter(isJiraTtnx);

  const onAction = (action: ProfileAction, profile: SyncProfile) => {
    switch (action) {
      case "preview":
        setPreviewing({ profile, mode: "preview" });
        break;
      case "run":
        // Before the first real run, Run shows what it would do first.
        if (!profile.hasRun) setPreviewing({ profile, mode: "preview" });
        else start.mutate({ profileId: profile.id, confirmBreaker: false }, { onError: (error) => notifyFailure(error, t) });
        break;
      case "edit":
        opener.current = `[data-profile-id="${profile.id}"] [data-testid="profile-edit"]`;
        setEditing(profile);
        break;
      case "remove":
        setRemoving(profile);
        break;
    }
  };

  const closeEditor = () => {
    setEditing(null);
    const selector = opener.current;
    opener.current = null;
    // After the list is back: focus what opened the editor.
    window.setTimeout(() => {
      const target = selector ? document.querySelector<HTMLElement>(selector) : null;
      (target ?? newButton.current ?? document.getElementById(PAGE_TITLE_ID))?.focus();
    });
  };

  const newButtonNode = (
    <Button
      ref={newButton}
      leftSection={<IconPlus size={18} aria-hidden />}
      onClick={() => {
        opener.current = null;
        setEditing("new");
      }}
      disabled={usable.length === 0}
      data-testid="profile-new"
    >
      {t("profiles.new")}
    </Button>
  );

  return (
    <>
      <PageHeader title={t("profiles.title")} intro={t("profiles.intro")} actions={editing === null ? newButtonNode : undefined} />
      <Stack gap="lg">
        {editing !== null ? (
          <ProfileEditor profile={editing === "new" ? null : editing} connections={usable} onClose={closeEditor} />
        ) : (
          <>
            <RunStatusPanel profiles={profiles.data ?? []} />
            {profiles.isPending ? (
              <LoadingState />
            ) : profiles.isError ? (
              <ErrorAlert error={profiles.error} onRetry={() => void profiles.refetch()} />
            ) : profiles.data.length === 0 ? (
              <EmptyNotice
                icon={<IconArrowsExchange aria-hidden />}
                title={t("profiles.empty.title")}
                description={usable.length === 0 ? t("profiles.empty.noConnection") : t("profiles.empty.body")}
                action={usable.length === 0 ? <RouteLink to="connections">{t("profiles.empty.link")}</RouteLink> : undefined}
                testId="profiles-empty"
              />
            ) : (
              <ProfilesTable profiles={profiles.data} problems={problemCounts} onAction={onAction} />
            )}
          </>
        )}
      </Stack>
      <PreviewDialog target={previewing} onClose={() => setPreviewing(null)} onStarted={() => undefined} />
      <RemoveProfileModal profile={removing} onClose={() => setRemoving(null)} onRemoved={() => (newButton.current ?? document.getElementById(PAGE_TITLE_ID))?.focus()} />
    </>
  );
}
