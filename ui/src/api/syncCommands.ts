// The sync commands and events, from the generated bindings under the names
// the sync screens use.
import { commands, events } from "../bindings";

export const syncCommands = commands;

export const syncEvents = {
  syncProgress: events.syncProgressed,
  syncFinished: events.syncFinished,
};

/** The events' names on the wire (tests emit them through the mocked IPC). */
export const SYNC_PROGRESS_EVENT = "sync-progressed";
export const SYNC_FINISHED_EVENT = "sync-finished";
