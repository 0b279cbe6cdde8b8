import { Button, NativeSelect, Stack, Table, Text, Title } from "@mantine/core";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Choice, MappingSuggestions, UserPair } from "../../../api/syncTypes";
import { LiveRegion } from "../../../components/LiveRegion";
import type { SideNames } from "../sides";

interface UserMappingAssistantProps {
  pairs: readonly UserPair[];
  suggestions: MappingSuggestions | null;
  sides: SideNames;
  onChange: (pairs: UserPair[]) => void;
}

/** A person of one side waiting for a user of the other. */
interface Waiting {
  side: "left" | "right";
  person: Choice;
}

/**
 * The people matched so far (and how: e-mail, login, name, or by hand), then the queue of
 * people nobody matched, each with the other side's users to choose from. Leaving one
 * unmapped is a choice too: their items sync without an assignee.
 */
export function UserMappingAssistant({ pairs, suggestions, sides, onChange }: UserMappingAssistantProps) {
  const { t } = useTranslation();
  const [announcement, setAnnouncement] = useState("");
  const queueHeading = useRef<HTMLHeadingElement>(null);
  const how = (pair: UserPair) => {
    const found = suggestions?.users.find((item) => item.pair.left === pair.left && item.pair.right === pair.right);
    return found ? t(`profiles.users.matchedBy.${found.matchedBy}`) : t("profiles.users.byHand");
  };
  const waiting: Waiting[] = suggestions
    ? [
        ...suggestions.unresolvedLeft.filter((person) => !pairs.some((pair) => pair.left === person.id)).map((person) => ({ side: "left" as const, person })),
        ...suggestions.unresolvedRight.filter((person) => !pairs.some((pair) => pair.right === person.id)).map((person) => ({ side: "right" as const, person })),
      ]
    : [];

  const map = ({ side, person }: Waiting, otherId: string) => {
    const others = side === "left" ? suggestions?.rightUsers : suggestions?.leftUsers;
    const other = others?.find((item) => item.id === otherId);
    if (!other) return;
    const pair =
      side === "left"
        ? { left: person.id, leftName: person.name, right: other.id, rightName: other.name }
        : { left: other.id, leftName: other.name, right: person.id, rightName: person.name };
    onChange([...pairs, pair]);
    setAnnouncement(t("profiles.users.mapped", { person: person.name, other: other.name }));
    // The select just used leaves the queue: carry on from the queue's heading.
    queueHeading.current?.focus();
  };

  return (
    <Stack gap="sm" data-testid="user-mapping">
      <LiveRegion text={announcement} />
      <Title order={4} size="h5">
        {t("profiles.users.matched", { count: pairs.length })}
      </Title>
      {pairs.length === 0 ? (
        <Text size="sm">{t("profiles.users.none")}</Text>
      ) : (
        <Table aria-label={t("profiles.users.matchedLabel")} verticalSpacing={4} maw={760} data-testid="user-pairs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{sides.left}</Table.Th>
              <Table.Th scope="col">{sides.right}</Table.Th>
              <Table.Th scope="col">{t("profiles.users.how")}</Table.Th>
              <Table.Th scope="col">{t("profiles.table.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pairs.map((pair) => (
              <Table.Tr key={`${pair.left}-${pair.right}`} data-testid="user-pair">
                <Table.Th scope="row" fw={400}>
                  {pair.leftName}
                </Table.Th>
                <Table.Td>{pair.rightName}</Table.Td>
                <Table.Td>{how(pair)}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    aria-label={t("profiles.users.unpair", { left: pair.leftName, right: pair.rightName })}
                    onClick={() => onChange(pairs.filter((item) => item !== pair))}
                  >
                    {t("profiles.users.unpairShort")}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={4} size="h5" ref={queueHeading} tabIndex={-1}>
        {t("profiles.users.unresolved", { count: waiting.length })}
      </Title>
      {suggestions === null ? (
        <Text size="sm">{t("profiles.users.suggestFirst")}</Text>
      ) : waiting.length === 0 ? (
        <Text size="sm" data-testid="unresolved-empty">
          {t("profiles.users.allDone")}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="unresolved-queue">
          {waiting.map((entry) => {
            const others = entry.side === "left" ? suggestions.rightUsers : suggestions.leftUsers;
            const server = entry.side === "left" ? sides.left : sides.right;
            const otherServer = entry.side === "left" ? sides.right : sides.left;
            return (
              <NativeSelect
                key={`${entry.side}-${entry.person.id}`}
                label={t("profiles.users.person", { name: entry.person.name, server, detail: entry.person.detail ?? "" })}
                description={t("profiles.users.chooseHelp", { server: otherServer })}
                data={[{ value: "", label: t("profiles.users.leaveUnmapped") }, ...others.map((other) => ({ value: other.id, label: other.detail ? `${other.name} (${other.detail})` : other.name }))]}
                value=""
                onChange={(event) => map(entry, event.currentTarget.value)}
                maw={520}
                data-testid="unresolved-person"
              />
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}

/** Suggested pairs for people not paired yet; pairs the user made or removed stay as they are. */
export function withSuggestedUsers(pairs: readonly UserPair[], suggestions: MappingSuggestions): UserPair[] {
  const added = suggestions.users.map((item) => item.pair).filter((pair) => !pairs.some((mine) => mine.left === pair.left || mine.right === pair.right));
  return [...pairs, ...added];
}
