import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  commands,
  type Credential,
  type CredentialEdit,
  type CredentialInput,
  type OAuthSignInInput,
} from "../bindings";
import { queryKeys } from "./queryKeys";
import { unwrap } from "./result";
import type { Sensitive } from "./sensitive";

/** Every credential with its status; never a secret (the back end has none to give). */
export function useCredentials() {
  return useQuery({
    queryKey: queryKeys.credentialList,
    queryFn: () => unwrap(commands.listCredentials()),
  });
}

/** Which servers each kind fits, what it asks for, and its expiry rules. */
export function useCredentialKinds() {
  return useQuery({
    queryKey: queryKeys.credentialKinds,
    queryFn: () => unwrap(commands.credentialKinds()),
    staleTime: Infinity,
  });
}

/** Credentials that expire within 14 days or have expired, for Home. */
export function useCredentialAlerts() {
  return useQuery({
    queryKey: queryKeys.credentialAlerts,
    queryFn: () => unwrap(commands.credentialAlerts()),
  });
}

/** The exact redirect URL to register in Jira or Asana for a loopback port. */
export function useOAuthRedirectUrl(port: number | null) {
  return useQuery({
    queryKey: queryKeys.oauthRedirectUrl(port ?? 0),
    queryFn: () => unwrap(commands.oauthRedirectUrl(port ?? 0)),
    enabled: port !== null,
    staleTime: Infinity,
  });
}

/**
 * A credential change also changes the connection list (credential labels) and the
 * alerts on Home, so everything credential- and workspace-shaped is refetched.
 */
function useRefreshAfterChange() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.credentials }),
      queryClient.invalidateQueries({ queryKey: queryKeys.workspace }),
    ]);
}

/** Puts a credential the back end just answered with into the cached list at once. */
function useReplaceInList() {
  const queryClient = useQueryClient();
  return (credential: Credential) =>
    queryClient.setQueryData<Credential[]>(queryKeys.credentialList, (list) =>
      list?.map((item) => (item.id === credential.id ? credential : item)),
    );
}

// Mutations that carry a secret are dropped from the mutation cache as soon as nobody
// watches them (gcTime 0); the secret itself travels as a Sensitive, see sensitive.ts.
const SECRET_MUTATION = { gcTime: 0 } as const;

export interface AddCredentialVariables {
  input: Omit<CredentialInput, "secret">;
  secret: Sensitive;
}

/** Saves a credential (the secret goes to the keychain) and verifies it at once. */
export function useAddCredential() {
  const refresh = useRefreshAfterChange();
  return useMutation({
    ...SECRET_MUTATION,
    mutationFn: ({ input, secret }: AddCredentialVariables) =>
      unwrap(commands.addCredential({ ...input, secret: secret.reveal() })),
    onSuccess: () => refresh(),
  });
}

/** Label, login, expiry and the service flag; the secret is changed only by rotating. */
export function useEditCredential() {
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: ({ id, edit }: { id: number; edit: CredentialEdit }) => unwrap(commands.editCredential(id, edit)),
    onSuccess: () => refresh(),
  });
}

export interface RotateVariables {
  id: number;
  secret: Sensitive;
  expiresAt: string | null;
}

/** Replaces the secret and verifies the new one at once; the answer says how that went. */
export function useRotateCredential() {
  const replace = useReplaceInList();
  const refresh = useRefreshAfterChange();
  return useMutation({
    ...SECRET_MUTATION,
    mutationFn: ({ id, secret, expiresAt }: RotateVariables) =>
      unwrap(commands.rotateCredential(id, secret.reveal(), expiresAt)),
    onSuccess: (credential) => {
      replace(credential);
      return refresh();
    },
  });
}

/** Signs in with the stored secret and records the result. */
export function useVerifyCredential() {
  const replace = useReplaceInList();
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: (id: number) => unwrap(commands.verifyCredential(id)),
    onSuccess: (credential) => {
      replace(credential);
      return refresh();
    },
  });
}

/** Removes the credential and its keychain entry. */
export function useRemoveCredential() {
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: (id: number) => unwrap(commands.removeCredential(id)),
    onSuccess: () => refresh(),
  });
}

export interface OAuthSignInVariables {
  input: Omit<OAuthSignInInput, "clientSecret">;
  clientSecret: Sensitive | null;
}

/**
 * Opens the system browser and resolves when it comes back to the loopback listener (or
 * fails, or is cancelled with useCancelOAuthSignIn).
 */
export function useSignInOAuth() {
  const refresh = useRefreshAfterChange();
  return useMutation({
    ...SECRET_MUTATION,
    mutationFn: ({ input, clientSecret }: OAuthSignInVariables) =>
      unwrap(commands.signInOauth({ ...input, clientSecret: clientSecret?.reveal() ?? null })),
    onSuccess: () => refresh(),
  });
}

/** Stops waiting for the browser; the pending sign-in then fails. */
export function useCancelOAuthSignIn() {
  return useMutation({
    mutationFn: () => unwrap(commands.cancelOauthSignIn()),
  });
}

/** Forgets the OAuth tokens, revoking them where the provider can; says which happened. */
export function useSignOutCredential() {
  const replace = useReplaceInList();
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: (id: number) => unwrap(commands.signOutCredential(id)),
    onSuccess: (signedOut) => {
      replace(signedOut.credential);
      return refresh();
    },
  });
}
