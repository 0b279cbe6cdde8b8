/** Member lists are small: 1,000 members take about 60 KB. Anything this large is not one. */
export const MAX_CSV_BYTES = 2 * 1024 * 1024;

/** Why a chosen file cannot be checked, before the back end sees it. */
export type FileProblem = { kind: "tooLarge"; name: string } | { kind: "unreadable"; name: string } | { kind: "empty"; name: string };

export type FileRead = { ok: true; name: string; text: string } | { ok: false; problem: FileProblem };

/** The file's text. FileReader rather than Blob.text(): it works in every WebView (and jsdom). */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (typeof reader.result === "string" ? resolve(reader.result) : reject(new Error("not text")));
    reader.onerror = () => reject(reader.error ?? new Error("unreadable"));
    reader.readAsText(file);
  });
}

/** Reads a chosen CSV file, refusing what is too large, unreadable or empty. */
export async function readCsvFile(file: File): Promise<FileRead> {
  const name = file.name;
  if (file.size > MAX_CSV_BYTES) return { ok: false, problem: { kind: "tooLarge", name } };
  let text: string;
  try {
    text = await readText(file);
  } catch {
    return { ok: false, problem: { kind: "unreadable", name } };
  }
  if (text.replace(/^\uFEFF/, "").trim() === "") return { ok: false, problem: { kind: "empty", name } };
  return { ok: true, name, text };
}
