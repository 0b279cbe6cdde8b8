import { Alert, NativeSelect, Paper, Radio, Stack, Text, Title } from "@mantine/core";
import { IconCircleCheck } from "@tabler/icons-react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Side } from "../../../bindings";
import type { Server } from "../../../bindings";
import { NewServerForm } from "./NewServerForm";
import { ServerSummary } from "./ServerSummary";
import { fits, type Product } from "./wizardKinds";
import type { SideState } from "./wizardState";

interface ServerSideFormProps {
  side: Side;
  product: Product;
  state: SideState;
  /** Every registered server; those of this side's product are offered. */
  servers: readonly Server[];
  onChoose: (server: Server | null) => void;
}

type Mode = "registered" | "new";

/** One side of step 2: a registered server of the right product, or a new one by its address. */
export function ServerSideForm({ side, product, state, servers, onChoose }: ServerSideFormProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const fitting = servers.filter((server) => fits(product, server.kind));
  // The server just added may not be in the refetched list yet; it is still the choice.
  const options = state.server && !fitting.some((item) => item.id === state.server?.id) ? [...fitting, state.server] : fitting;
  const [mode, setMode] = useState<Mode>(options.length === 0 ? "new" : "registered");
  const [added, setAdded] = useState<{ name: string; reused: boolean } | null>(null);
  const idPrefix = `${side}-server`;

  return (
    <Paper component="section" withBorder p="md" aria-labelledby={headingId} data-testid={`server-side-${side}`}>
      <Stack gap="md">
        <Title order={3} size="h4" id={headingId}>
          {t(`connections.wizard.side.${side}`, { product: t(`connections.wizard.products.${product}`) })}
        </Title>
        {options.length > 0 ? (
          <Radio.Group
            label={t("connections.wizard.servers.how")}
            value={mode}
            onChange={(next) => {
              setMode(next as Mode);
              setAdded(null);
            }}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="registered" label={t("connections.wizard.servers.registered")} data-testid={`${idPrefix}-mode-registered`} />
              <Radio value="new" label={t("connections.wizard.servers.new")} data-testid={`${idPrefix}-mode-new`} />
            </Stack>
          </Radio.Group>
        ) : (
          <Text size="sm">{t("connections.wizard.servers.noneRegistered", { product: t(`connections.wizard.products.${product}`) })}</Text>
        )}
        {mode === "registered" ? (
          <>
            <NativeSelect
              label={t("connections.wizard.servers.server")}
              value={state.server ? String(state.server.id) : ""}
              onChange={(event) => {
                const id = Number(event.currentTarget.value);
                onChoose(options.find((item) => item.id === id) ?? null);
                setAdded(null);
              }}
              data={[
                { value: "", label: t("connections.wizard.servers.choose"), disabled: true },
                ...options.map((item) => ({ value: String(item.id), label: `${item.name} — ${item.baseUrl}` })),
              ]}
              required
              data-testid={`${idPrefix}-select`}
            />
            {added ? (
              <Alert color="teal" variant="light" role="status" icon={<IconCircleCheck aria-hidden />} data-testid={`${idPrefix}-added`}>
                {added.reused
                  ? t("connections.wizard.servers.reused", { name: added.name })
                  : t("connections.wizard.servers.added", { name: added.name })}
              </Alert>
            ) : null}
            {state.server ? <ServerSummary server={state.server} /> : null}
          </>
        ) : (
          <NewServerForm
            product={product}
            idPrefix={idPrefix}
            onAdded={(server) => {
              onChoose(server);
              // The back end answers with the registered server when the address is known.
              setAdded({ name: server.name, reused: servers.some((item) => item.id === server.id) });
              setMode("registered");
            }}
          />
        )}
      </Stack>
    </Paper>
  );
}
