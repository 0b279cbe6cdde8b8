import { Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch, IconUserSearch } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSeedUserSearch } from "../../../api/memberSeed";
import type { ProjectMembers, UserCandidate } from "../../../api/membersTypes";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { LiveRegion } from "../../../components/LiveRegion";
import { userDetails } from "./review";

interface UserSearchPickerProps {
  serverId: number;
  project: ProjectMembers;
  /** The person's name in the source: the search starts with it. */
  sourceName: string;
  /** A user was picked already: the button offers another. */
  picked: boolean;
  onPick: (user: UserCandidate) => void;
}

/**
 * Pick the TimeTracker NX user of a person no rule matched: search by name, e-mail or
 * organisation (debounced), then choose one. Closed until asked for, so a long review is
 * not a wall of search fields.
 */
export function UserSearchPicker({ serverId, project, sourceName, picked, onPick }: UserSearchPickerProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(sourceName);
  const [query] = useDebouncedValue(text.trim(), 300);
  const users = useSeedUserSearch(serverId, project, open ? query : "");
  const toggle = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (!open && returnFocus.current) {
      returnFocus.current = false;
      toggle.current?.focus();
    }
  }, [open]);
  const close = () => {
    returnFocus.current = true;
    setOpen(false);
  };

  if (!open) {
    return (
      <Button
        ref={toggle}
        size="xs"
        variant="default"
        leftSection={<IconUserSearch size={16} aria-hidden />}
        onClick={() => setOpen(true)}
        aria-label={t(picked ? "memberSeed.search.againNamed" : "memberSeed.search.openNamed", { name: sourceName })}
        data-testid="seed-search-open"
      >
        {t(picked ? "memberSeed.search.again" : "memberSeed.search.open")}
      </Button>
    );
  }

  const found = users.data?.users ?? [];
  return (
    <Stack gap="xs" data-testid="seed-search">
      <TextInput
        size="xs"
        label={t("memberSeed.search.label", { name: sourceName })}
        description={t("memberSeed.search.hint")}
        leftSection={<IconSearch size={14} aria-hidden />}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        // Opened on purpose by the button just pressed: typing is the next thing to do.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
        data-testid="seed-search-input"
      />
      {users.isError ? <ErrorAlert error={users.error} onRetry={() => void users.refetch()} /> : null}
      <LiveRegion text={users.data && query !== "" ? t("memberSeed.search.found", { count: found.length }) : ""} />
      {users.data && query !== "" ? (
        found.length === 0 ? (
          <Text size="sm">{t("memberSeed.search.none")}</Text>
        ) : (
          <Stack component="ul" gap={4} m={0} p={0} style={{ listStyle: "none" }} aria-label={t("memberSeed.search.results")}>
            {found.map((user) => (
              <Group component="li" key={user.userId} gap="xs" wrap="nowrap" justify="space-between" data-testid="seed-search-result">
                <Stack gap={0}>
                  <Text size="sm" fw={600}>
                    {user.name}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                    {userDetails(user)}
                  </Text>
                </Stack>
                {user.memberId ? (
                  <Text size="xs" fw={600}>
                    {t("memberSeed.review.member")}
                  </Text>
                ) : (
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => {
                      onPick(user);
                      close();
                    }}
                    aria-label={t("memberSeed.search.chooseNamed", { name: user.name, details: userDetails(user) })}
                    data-testid="seed-search-choose"
                  >
                    {t("memberSeed.search.choose")}
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        )
      ) : null}
      {users.data?.hasMore ? (
        <Text size="xs" c="dimmed">
          {t("memberSeed.search.more")}
        </Text>
      ) : null}
      <Group>
        <Button size="xs" variant="subtle" onClick={close} data-testid="seed-search-close">
          {t("memberSeed.search.close")}
        </Button>
      </Group>
    </Stack>
  );
}
