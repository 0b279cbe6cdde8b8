import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { commands, events, type NotificationRaised, type SchedulerState } from "../bindings";
import { hrefFor, type RouteId } from "../routing/routes";
import { unwrap } from "./result";
import { useEventListener } from "./useEventListener";

const schedulerKey = ["scheduler"] as const;

/** The scheduler as Home shows it: next run per profile, running ones, pauses. */
export function useSchedulerState() {
  return useQuery({
    queryKey: schedulerKey,
    queryFn: () => unwrap(commands.schedulerState()),
  });
}

/** "Sync now" for every profile: the command the tray's "Sync now" runs too. */
export function useSyncNowAll() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(commands.syncNowAll()),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: schedulerKey }),
  });
}

/** Keeps the cached scheduler state in step with `SchedulerChanged`. */
export function useSchedulerListener() {
  const queryClient = useQueryClient();
  useEventListener<SchedulerState>(events.schedulerChanged, (state) =>
    queryClient.setQueryData<SchedulerState>(schedulerKey, state),
  );
}

const TARGET_ROUTES = {
  activity: "activity",
  credentials: "credentials",
  profiles: "profiles",
} as const satisfies Record<NotificationRaised["target"], RouteId>;
/** A notice older than this no longer decides where the window opens. */
const NOTICE_FRESH_MS = 10 * 60 * 1000;

/**
 * Opening the screen a notification is about. The notification plug-in cannot report a
 * click on every desktop, but clicking one brings the app to the front: a notice raised
 * while the window was in the background opens its screen the next time the window gets
 * focus (while it is fresh). A notice raised while the person is looking at the window
 * never moves them.
 */
export function useNotificationNavigation() {
  useEventListener<NotificationRaised>(events.notificationRaised, (notice) => {
    // Also in the window, where a person looking at it sees it without the OS.
    notifications.show({ color: "orange", title: notice.title, message: notice.body, autoClose: 15_000 });
    if (document.hasFocus()) return;
    pendingNotice = { route: TARGET_ROUTES[notice.target], at: Date.now() };
  });
  useEffect(() => {
    const onFocus = () => {
      const pending = pendingNotice;
      pendingNotice = null;
      if (pending && Date.now() - pending.at < NOTICE_FRESH_MS) window.location.hash = hrefFor(pending.route);
    };
    window.addEventListener("focus", onFocus);
    return () => window.removeEventListener("focus", onFocus);
  }, []);
}

let pendingNotice: { route: RouteId; at: number } | null = null;
