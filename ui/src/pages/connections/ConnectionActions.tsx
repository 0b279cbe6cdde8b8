import { ActionIcon, Button, Group, Tooltip } from "@mantine/core";
import { IconListCheck, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { ConnectionOverview } from "../../bindings";

/** The dialogs a row opens: test now, the stored last result, or remove. */
export type ConnectionDialog = "test" | "last" | "remove";

interface ConnectionActionsProps {
  connection: ConnectionOverview;
  onOpen: (dialog: ConnectionDialog, connection: ConnectionOverview) => void;
}

/**
 * Test connection (the common action) and Remove. Short on screen to leave the table room
 * for the servers; each is named in full, with the connection, for screen readers.
 */
export function ConnectionActions({ connection, onOpen }: ConnectionActionsProps) {
  const { t } = useTranslation();
  const removeLabel = t("connections.remove.named", { name: connection.name });
  return (
    <Group gap="xs" wrap="nowrap" justify="flex-end">
      <Button
        variant="default"
        size="xs"
        leftSection={<IconListCheck size={16} aria-hidden />}
        onClick={() => onOpen("test", connection)}
        aria-label={t("connections.test.named", { name: connection.name })}
        data-testid="connection-test"
      >
        {t("connections.test.button")}
      </Button>
      <Tooltip label={removeLabel} withArrow>
        <ActionIcon
          variant="default"
          size="lg"
          color="red.9"
          onClick={() => onOpen("remove", connection)}
          aria-label={removeLabel}
          data-testid="connection-remove"
        >
          <IconTrash size={18} aria-hidden />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
