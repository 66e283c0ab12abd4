/**
 * The README's and docs/'s fenced code blocks and relative links, as the doc tests read them: each block
 * with its language, its file and the line its code starts on, so a failure points at the line to fix.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

export interface CodeBlock {
  /** Path relative to the repository root. */
  file: string;
  /** 1-based line of the block's first line of code. */
  line: number;
  lang: string;
  code: string;
}

export const ROOT = join(__dirname, "..", "..");

/** README.md and every Markdown page under docs/, relative to the root. */
export function documentationFiles(root = ROOT): string[] {
  const pages = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return pages(path);
      return path.endsWith(".md") ? [relative(root, path)] : [];
    });
  return ["README.md", ...(existsSync(join(root, "docs")) ? pages(join(root, "docs")).sort() : [])];
}

/** The fenced blocks of one Markdown text (``` or ~~~ fences, the language being the info string's first word). */
export function codeBlocks(markdown: string, file: string): CodeBlock[] {
  const lines = markdown.split("\n");
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end]!.trim().startsWith(fence!)) end++;
    const code = lines
      .slice(start, end)
      .map((l) => (l.startsWith(indent!) ? l.slice(indent!.length) : l))
      .join("\n");
    blocks.push({ file, line: start + 1, lang: lang!.toLowerCase(), code });
    i = end;
  }
  return blocks;
}

export function allCodeBlocks(root = ROOT): CodeBlock[] {
  return documentationFiles(root).flatMap((file) => codeBlocks(readFileSync(join(root, file), "utf8"), file));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** The anchors a Markdown text offers: its headings' (GitHub numbers repeats -1, -2, …), outside code blocks. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | undefined;
  for (const line of markdown.split("\n")) {
    const f = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (f && (fence === undefined || line.trim().startsWith(fence))) {
      fence = fence === undefined ? f : undefined;
      continue;
    }
    const heading = fence === undefined ? /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1] : undefined;
    if (heading === undefined) continue;
    const base = anchorOf(heading);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** Every relative link of the documentation that names no file there, or no heading in it. */
export function brokenLinks(root = ROOT, files = documentationFiles(root)): string[] {
  const broken: string[] = [];
  for (const file of files) {
    const text = readFileSync(join(root, file), "utf8");
    const prose = text.replace(/^(\s*)(`{3,}|~{3,})[\s\S]*?^\1\2\s*$/gm, "").replace(/`[^`\n]*`/g, "");
    for (const [, target] of prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target!)) continue; // a URL with a scheme: not ours to check
      const [path, anchor] = target!.split("#") as [string, string | undefined];
      const resolved = path === "" ? join(root, file) : resolve(dirname(join(root, file)), decodeURI(path));
      if (!existsSync(resolved)) {
        broken.push(`${file}: ${target} (no ${relative(root, resolved)})`);
      } else if (anchor !== undefined && resolved.endsWith(".md")) {
        if (!anchorsOf(readFileSync(resolved, "utf8")).has(anchor)) {
          broken.push(`${file}: ${target} (no heading #${anchor} in ${relative(root, resolved)})`);
        }
      }
    }
  }
  return broken;
}
