import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { commands, type Preferences, type PreferencesUpdate } from "../bindings";
import { queryKeys } from "./queryKeys";
import { unwrap } from "./result";

/** UI preferences, including the language the Rust side resolved from the OS. */
export function usePreferences() {
  return useQuery({
    queryKey: queryKeys.preferences,
    queryFn: () => unwrap(commands.getPreferences()),
    staleTime: Infinity,
  });
}

/**
 * Saves preferences. The answer replaces the cache, which is what switches the UI
 * language (see LanguageSync): the back end decides the effective language.
 */
export function useSetPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (update: PreferencesUpdate) => unwrap(commands.setPreferences(update)),
    onSuccess: (preferences) => queryClient.setQueryData<Preferences>(queryKeys.preferences, preferences),
  });
}

/** The update that changes only `change`: every other preference is sent back as it is. */
export function preferencesUpdate(preferences: Preferences, change: Partial<PreferencesUpdate>): PreferencesUpdate {
  return {
    language: preferences.language,
    closeToTray: preferences.closeToTray,
    notifyManualSync: preferences.notifyManualSync,
    ...change,
  };
}
