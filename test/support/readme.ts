import { readFileSync } from "node:fs";

/**
 * Every command shown in README.md's shell code blocks, in order: comments dropped, `a && b` split,
 * and an optional part written `[--json]` shown both without and with it.
 */
export function readmeCommands(markdown: string): string[] {
  const out: string[] = [];
  for (const block of markdown.matchAll(/```sh\n([\s\S]*?)```/g))
    for (const raw of block[1]!.split("\n")) {
      const line = withoutComment(raw).trim();
      if (line === "") continue;
      for (const command of line.split("&&").map((c) => c.trim())) out.push(...withOptionals(command));
    }
  return out;
}

/** The line before an unquoted `#`. */
function withoutComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === "#" && !quoted && (i === 0 || line[i - 1] === " ")) return line.slice(0, i);
  }
  return line;
}

/** `x [--json]` → `x`, `x --json`; a placeholder such as `[args]` after `--` is kept as written. */
function withOptionals(command: string): string[] {
  const m = /^(.*?)\s*\[(--[^\]]+)\]\s*$/.exec(command);
  if (!m) return [command];
  return [m[1]!, `${m[1]} ${m[2]}`];
}

/** The words of a command as a shell splits them (double quotes only, as the README uses). */
export function shellWords(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

export const readme = (path: string) => readFileSync(path, "utf8");
