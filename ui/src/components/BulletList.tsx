import { List } from "@mantine/core";

interface BulletListProps {
  items: readonly string[];
  ordered?: boolean;
}

/** A plain list of sentences, used to say what a screen will hold. */
export function BulletList({ items, ordered = false }: BulletListProps) {
  return (
    <List type={ordered ? "ordered" : "unordered"} spacing="xs">
      {items.map((item) => (
        <List.Item key={item}>{item}</List.Item>
      ))}
    </List>
  );
}
