import { Button, Group, Stack, Table, Text } from "@mantine/core";
import { IconAlertTriangle, IconPlus, IconReplace, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { Credential, KindInfo, Server } from "../../bindings";
import { Section } from "../../components/Section";
import { DemoBadge } from "../connections/DemoBadge";
import { CredentialStatus } from "./CredentialStatus";

interface ServiceCredentialsSectionProps {
  servers: readonly Server[];
  credentials: readonly Credential[];
  kinds: readonly KindInfo[];
  onAdd: (serverId: number) => void;
  onRemove: (credential: Credential) => void;
}

/**
 * Seed 000 for administrators: one service credential per server, which automatic sync
 * uses for every sync profile there. A server without one says plainly that automatic
 * sync cannot run on it, and offers to add one.
 */
export function ServiceCredentialsSection({ servers, credentials, kinds, onAdd, onRemove }: ServiceCredentialsSectionProps) {
  const { t } = useTranslation();
  const heading = t("credentials.service.heading");
  return (
    <Section heading={heading}>
      <Text size="sm">{t("credentials.service.body")}</Text>
      {servers.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("credentials.service.noServers")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" aria-label={heading} data-testid="service-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("credentials.list.server")}</Table.Th>
                <Table.Th scope="col">{t("credentials.service.credential")}</Table.Th>
                <Table.Th scope="col">{t("credentials.list.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {servers.map((server) => {
                const service = credentials.find((item) => item.serverId === server.id && item.isService);
                return (
                  <Table.Tr key={server.id} data-testid="service-row" style={{ verticalAlign: "top" }}>
                    <Table.Th scope="row" fw={400} maw={280}>
                      <Group gap={6}>
                        <Text size="sm" fw={700}>
                          {server.name}
                        </Text>
                        {server.isDemo ? <DemoBadge /> : null}
                      </Group>
                      <Text size="xs" ff="monospace" style={{ overflowWrap: "anywhere" }}>
                        {server.baseUrl}
                      </Text>
                    </Table.Th>
                    <Table.Td>
                      {service ? (
                        <Stack gap={4}>
                          <Text size="sm" fw={600}>
                            {service.label}
                          </Text>
                          <CredentialStatus credential={service} info={kinds.find((item) => item.kind === service.kind)} />
                        </Stack>
                      ) : (
                        <Group gap={6} wrap="nowrap" align="flex-start">
                          <IconAlertTriangle size={18} aria-hidden color="var(--mantine-color-orange-7)" style={{ flexShrink: 0 }} />
                          <Text size="sm" fw={600} data-testid="service-none">
                            {t("credentials.service.none")}
                          </Text>
                        </Group>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        {service ? (
                          <>
                            <Button
                              variant="default"
                              size="xs"
                              leftSection={<IconReplace size={16} aria-hidden />}
                              onClick={() => onAdd(server.id)}
                              aria-label={t("credentials.service.replaceNamed", { server: server.name })}
                            >
                              {t("credentials.service.replace")}
                            </Button>
                            <Button
                              variant="default"
                              size="xs"
                              color="red.9"
                              leftSection={<IconTrash size={16} aria-hidden />}
                              onClick={() => onRemove(service)}
                              aria-label={t("credentials.service.removeNamed", { server: server.name })}
                            >
                              {t("credentials.service.remove")}
                            </Button>
                          </>
                        ) : (
                          <Button
                            size="xs"
                            leftSection={<IconPlus size={16} aria-hidden />}
                            onClick={() => onAdd(server.id)}
                            aria-label={t("credentials.service.addNamed", { server: server.name })}
                            data-testid="service-add"
                          >
                            {t("credentials.service.add")}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
