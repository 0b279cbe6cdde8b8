import { Badge, Button, Checkbox, Group, Loader, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch, IconUserPlus } from "@tabler/icons-react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMemberUserSearch } from "../../api/members";
import type { ProjectMembers, Staged, UserCandidate } from "../../api/membersTypes";
import { AppModal } from "../../components/AppModal";
import { ErrorAlert } from "../../components/ErrorAlert";
import { ChosenUsers, type Chosen } from "./ChosenUsers";
import { parseCost } from "./numbers";
import { useMemberFormat } from "./useMemberFormat";

/** Users per page of the search; "Show more" asks for this many more, up to the back end's 200. */
export const USER_PAGE = 20;
const MAX_USERS = 200;
const DEBOUNCE_MS = 300;

export interface PickedUser {
  user: UserCandidate;
  unitCost: number | null;
}

interface AddMembersModalProps {
  opened: boolean;
  serverId: number;
  base: ProjectMembers;
  staged: Staged;
  onClose: () => void;
  /** Stages the adds; answers why not, or null once they are staged. */
  onAdd: (picked: PickedUser[]) => string | null;
}

/**
 * Finds users by name, e-mail or organisation (as the user types, a page at a time), lets
 * the user pick several, each with a unit cost or the system default. Members and users
 * staged already are listed as such and cannot be picked again.
 */
export function AddMembersModal({ opened, onClose, ...props }: AddMembersModalProps) {
  const { t } = useTranslation();
  // The dialog's content mounts afresh on each opening: a new search, nobody picked.
  return (
    <AppModal opened={opened} onClose={onClose} title={t("members.add.title", { project: props.base.project.name })} size="xl" testId="add-members-dialog">
      <AddMembersForm onClose={onClose} {...props} />
    </AppModal>
  );
}

function AddMembersForm({ serverId, base, staged, onClose, onAdd }: Omit<AddMembersModalProps, "opened">) {
  const { t } = useTranslation();
  const format = useMemberFormat();
  const [query, setQuery] = useState("");
  const [debounced] = useDebouncedValue(query.trim(), DEBOUNCE_MS);
  // "Show more" grows the page of one search; a new search starts from its first page.
  const [paging, setPaging] = useState({ query: "", limit: USER_PAGE });
  const limit = paging.query === debounced ? paging.limit : USER_PAGE;
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const search = useMemberUserSearch(serverId, base, debounced, limit, true);
  const chosenRef = useRef<HTMLDivElement>(null);

  const stagedUsers = new Set(staged.adds.map((add) => add.userId));
  const isChosen = (userId: string) => chosen.some((item) => item.user.userId === userId);
  const toggle = (user: UserCandidate, on: boolean) => {
    setProblem(null);
    setChosen((previous) => (on ? [...previous, { user, cost: "", error: null }] : previous.filter((item) => item.user.userId !== user.userId)));
  };

  const submit = () => {
    if (chosen.length === 0) return setProblem(t("members.add.nothing"));
    const parsed = chosen.map((item) => ({ item, parsed: parseCost(item.cost, format.language) }));
    if (parsed.some(({ parsed }) => !parsed.ok)) {
      setChosen(parsed.map(({ item, parsed }) => ({ ...item, error: parsed.ok ? null : format.numberProblem(parsed.problem) })));
      // To the first field to fix, once it shows its error.
      requestAnimationFrame(() => chosenRef.current?.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus());
      return;
    }
    const picked = parsed.map(({ item, parsed }) => ({ user: item.user, unitCost: parsed.ok ? parsed.value : null }));
    const refusal = onAdd(picked);
    if (refusal) setProblem(refusal);
    else onClose();
  };

  const users = search.data?.users ?? [];
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <TextInput
          label={t("members.add.search")}
          description={t("members.add.searchHint")}
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={search.isFetching ? <Loader size={16} aria-hidden /> : null}
          data-autofocus
          data-testid="user-search"
        />
        {search.error ? <ErrorAlert error={search.error} onRetry={() => void search.refetch()} /> : null}
        <Stack gap={4} role="group" aria-label={t("members.add.results")} data-testid="user-results" mah={300} style={{ overflowY: "auto" }} p={2}>
          {search.isPending && !search.data ? <Text size="sm">{t("common.loading")}</Text> : null}
          {search.data && users.length === 0 ? (
            <Text size="sm" data-testid="user-results-none">
              {debounced === "" ? t("members.add.noUsers") : t("members.add.none", { text: debounced })}
            </Text>
          ) : null}
          {users.map((user) => {
            const taken = user.memberId !== null ? "member" : stagedUsers.has(user.userId) ? "staged" : null;
            return (
              <Checkbox
                key={user.userId}
                checked={taken !== null || isChosen(user.userId)}
                disabled={taken !== null}
                onChange={(event) => toggle(user, event.currentTarget.checked)}
                label={
                  <Group gap={6}>
                    <span>{user.name}</span>
                    {taken ? (
                      <Badge size="sm" color="gray.7" autoContrast tt="none">
                        {t(`members.add.${taken}`)}
                      </Badge>
                    ) : null}
                  </Group>
                }
                description={[user.login, user.email, user.organization].filter(Boolean).join(" · ")}
                data-testid="user-option"
              />
            );
          })}
        </Stack>
        {search.data?.hasMore && limit < MAX_USERS ? (
          <Group>
            <Button variant="default" size="xs" onClick={() => setPaging({ query: debounced, limit: Math.min(MAX_USERS, limit + USER_PAGE) })} data-testid="users-more">
              {t("members.add.more")}
            </Button>
          </Group>
        ) : null}
        <div ref={chosenRef}>
          <Title order={3} size="h5" mb="xs">
            {t("members.add.chosen", { count: chosen.length })}
          </Title>
          <ChosenUsers
            chosen={chosen}
            placeholder={format.cost(null)}
            onChange={(userId, cost) =>
              setChosen((previous) => previous.map((item) => (item.user.userId === userId ? { ...item, cost, error: null } : item)))
            }
            onDrop={(user) => toggle(user, false)}
          />
        </div>
        {problem ? (
          <Text size="sm" c="red.8" role="alert" data-testid="add-problem">
            {problem}
          </Text>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" leftSection={<IconUserPlus size={18} aria-hidden />} data-testid="add-submit">
            {t("members.add.submit", { count: chosen.length })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
