import { Badge, Group, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Credential, KindInfo } from "../../bindings";
import { CredentialActions, type CredentialDialog } from "./CredentialActions";
import { CredentialStatus } from "./CredentialStatus";
import { UsedByList } from "./UsedByList";

interface CredentialsTableProps {
  credentials: readonly Credential[];
  kinds: readonly KindInfo[];
  label: string;
  onOpen: (dialog: CredentialDialog, credential: Credential) => void;
}

/**
 * The token registry: one row per credential with its status and what uses it. The login
 * sits under the label rather than in a column of its own, so the actions stay in view
 * at the window's default width.
 */
export function CredentialsTable({ credentials, kinds, label, onOpen }: CredentialsTableProps) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="sm" aria-label={label} data-testid="credentials-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("credentials.list.credential")}</Table.Th>
            <Table.Th scope="col">{t("credentials.list.server")}</Table.Th>
            <Table.Th scope="col">{t("credentials.list.status")}</Table.Th>
            <Table.Th scope="col">{t("credentials.list.usedBy")}</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t("credentials.list.actions")}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {credentials.map((credential) => {
            const info = kinds.find((item) => item.kind === credential.kind);
            return (
              <Table.Tr key={credential.id} data-testid="credential-row" style={{ verticalAlign: "top" }}>
                <Table.Th scope="row" fw={400} maw={260}>
                  <Stack gap={4} align="flex-start">
                    <Group gap={6}>
                      <Text size="sm" fw={700} style={{ overflowWrap: "anywhere" }}>
                        {credential.label}
                      </Text>
                      {credential.isService ? (
                        <Badge color="indigo.7" size="sm" tt="none" data-testid="service-badge">
                          {t("credentials.list.service")}
                        </Badge>
                      ) : null}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {t(`credentials.kinds.${credential.kind}`)}
                    </Text>
                    {credential.login ? (
                      <Text size="xs" style={{ overflowWrap: "anywhere" }} data-testid="credential-login-text">
                        {t("credentials.list.loginAs", { login: credential.login })}
                      </Text>
                    ) : null}
                  </Stack>
                </Table.Th>
                <Table.Td maw={220}>
                  <Text size="sm" fw={600}>
                    {credential.serverName}
                  </Text>
                  <Text size="xs" ff="monospace" style={{ overflowWrap: "anywhere" }}>
                    {credential.serverUrl}
                  </Text>
                </Table.Td>
                <Table.Td w={280}>
                  <CredentialStatus credential={credential} info={info} />
                </Table.Td>
                <Table.Td maw={220}>
                  <UsedByList names={credential.usedBy} />
                </Table.Td>
                <Table.Td>
                  <CredentialActions credential={credential} info={info} onOpen={onOpen} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
