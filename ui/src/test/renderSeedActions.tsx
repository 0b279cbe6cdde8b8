import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { vi } from "vitest";
import { AppProviders } from "../AppProviders";
import type { Staged } from "../api/membersTypes";
import { createQueryClient } from "../api/queryClient";
import { createI18n } from "../i18n/createI18n";
import { createFakeBackend, type IpcOverrides } from "./fakeBackend";
import { projectMembers, seedOverrides, type SeedBackendHolder } from "./fakeMemberSeed";
import { SeedActions } from "../pages/members/seed/SeedActions";

interface Options {
  canManage?: boolean;
  ipc?: IpcOverrides;
}

/**
 * SeedActions on its own, as the Members screen places it: Web刷新 of the TimeTracker NX
 * server (13) loaded from the fake back end, with the registry's Jira servers.
 */
export function renderSeedActions({ canManage = true, ipc = {} }: Options = {}) {
  const holder: SeedBackendHolder = {};
  const backend = createFakeBackend({ ...seedOverrides(holder), ...ipc }, { registry: true });
  holder.backend = backend;
  mockIPC(backend.handle, { shouldMockEvents: true });
  const project = projectMembers(backend.memberSeed, "p-web");
  const onStage = vi.fn<(staged: Staged) => void>();
  const user = userEvent.setup();
  const view = render(
    <AppProviders queryClient={createQueryClient()} i18n={createI18n("en")} mantineEnv="test">
      <SeedActions serverId={13} project={project} canManage={canManage} onStage={onStage} />
    </AppProviders>,
  );
  return { ...view, backend, project, onStage, user };
}
