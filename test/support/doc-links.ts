import fs from 'node:fs';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import markdownit from 'markdown-it';
import type { Token } from 'markdown-it';

/** A link in the documentation that does not lead where it says: the file and line it is on, and why. */
export interface DeadLink {
  file: string;
  line: number;
  href: string;
  reason: string;
}

/** What one Markdown page offers and asks for: the anchors its headings make, and every link and image in it. */
export interface ParsedPage {
  anchors: Set<string>;
  links: { href: string; line: number }[];
}

const md = markdownit({ html: true });

/** The documentation a reader is pointed at: the top-level pages and everything in docs/. */
export function documentationFiles(root: string): string[] {
  const top = ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md'].filter((file) => fs.existsSync(path.join(root, file)));
  const docs = fs.existsSync(path.join(root, 'docs'))
    ? fs
        .readdirSync(path.join(root, 'docs'))
        .filter((file) => file.endsWith('.md'))
        .sort()
        .map((file) => `docs/${file}`)
    : [];
  return [...top, ...docs];
}

/** A heading's text as GitHub slugs it: what it renders to, without the Markdown around it. */
function plainText(inline: Token): string {
  return (inline.children ?? [])
    .map((child) => {
      if (child.type === 'text' || child.type === 'code_inline') return child.content;
      if (child.type === 'image') return plainText(child);
      if (child.type === 'softbreak' || child.type === 'hardbreak') return ' ';
      return '';
    })
    .join('');
}

/** Explicit anchors written as HTML (`<a id="x">`, `<a name="x">`) count as well as headings. */
const HTML_ANCHOR = /<a\s[^>]*\b(?:id|name)\s*=\s*["']([^"']+)["']/gi;

export function parsePage(source: string): ParsedPage {
  const tokens = md.parse(source, {});
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  const links: ParsedPage['links'] = [];
  tokens.forEach((token, index) => {
    if (token.type === 'heading_open') {
      const inline = tokens[index + 1];
      if (inline?.type === 'inline') anchors.add(slugger.slug(plainText(inline)));
    }
    if (token.type === 'html_block' || token.type === 'html_inline')
      for (const match of token.content.matchAll(HTML_ANCHOR)) anchors.add(match[1]!);
    if (token.type !== 'inline' || !token.children) return;
    // The line of a link: the block's first line plus the line breaks before it inside the block.
    let line = (token.map?.[0] ?? 0) + 1;
    for (const child of token.children) {
      if (child.type === 'softbreak' || child.type === 'hardbreak') line += 1;
      if (child.type === 'html_inline') for (const match of child.content.matchAll(HTML_ANCHOR)) anchors.add(match[1]!);
      const href =
        child.type === 'link_open' ? child.attrGet('href') : child.type === 'image' ? child.attrGet('src') : null;
      if (typeof href === 'string') links.push({ href, line });
    }
  });
  return { anchors, links };
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** An absolute link must at least be a well-formed http(s) URL with a host: nothing is fetched. */
function urlProblem(href: string): string | null {
  if (/^mailto:/i.test(href)) return null;
  if (!/^https?:/i.test(href))
    return `a link with the scheme ${href.split(':')[0]}: only http(s) and mailto are expected`;
  try {
    const url = new URL(href);
    return url.hostname ? null : 'an http(s) URL without a host';
  } catch {
    return 'not a valid URL';
  }
}

const decode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/**
 * Every dead link of the given pages (repository-relative path -> Markdown). A relative link must name a file or
 * folder inside the repository; an anchor must match a heading's GitHub slug in its page (given pages are read
 * from `pages`, the others from disk). Absolute URLs are parsed, never fetched.
 */
export function findDeadLinks(pages: Readonly<Record<string, string>>, root: string): DeadLink[] {
  const parsed = new Map<string, ParsedPage | null>();
  const pageAt = (file: string): ParsedPage | null => {
    if (!parsed.has(file)) {
      const source =
        pages[file] ?? (fs.existsSync(path.join(root, file)) ? fs.readFileSync(path.join(root, file), 'utf8') : null);
      parsed.set(file, source === null ? null : parsePage(source));
    }
    return parsed.get(file)!;
  };
  const dead: DeadLink[] = [];
  for (const file of Object.keys(pages)) {
    for (const { href, line } of pageAt(file)!.links) {
      const report = (reason: string) => dead.push({ file, line, href, reason });
      if (SCHEME.test(href)) {
        const problem = urlProblem(href);
        if (problem) report(problem);
        continue;
      }
      const hash = href.indexOf('#');
      const target = decode(hash < 0 ? href : href.slice(0, hash));
      const anchor = hash < 0 ? null : decode(href.slice(hash + 1));
      const resolved = target.startsWith('/')
        ? path.join(root, target)
        : path.resolve(root, path.dirname(file), target || path.basename(file));
      const relative = path.relative(root, resolved);
      if (relative.startsWith('..') || path.isAbsolute(relative)) {
        report('points outside the repository');
        continue;
      }
      const inPages = Object.hasOwn(pages, relative.split(path.sep).join('/'));
      if (!inPages && !fs.existsSync(resolved)) {
        report(`no such file or folder: ${relative}`);
        continue;
      }
      if (anchor === null || anchor === '') continue;
      const targetFile = relative.split(path.sep).join('/');
      if (!targetFile.endsWith('.md')) {
        report(`an anchor into ${targetFile}, which is not a Markdown page`);
        continue;
      }
      if (!pageAt(targetFile)!.anchors.has(anchor)) report(`no heading in ${targetFile} has the anchor #${anchor}`);
    }
  }
  return dead;
}

/** The repository's documentation, checked as it is on disk. */
export function checkDocumentation(root: string): DeadLink[] {
  const files = documentationFiles(root);
  return findDeadLinks(
    Object.fromEntries(files.map((file) => [file, fs.readFileSync(path.join(root, file), 'utf8')])),
    root,
  );
}

export const formatDeadLink = ({ file, line, href, reason }: DeadLink): string => `${file}:${line}: ${href}: ${reason}`;
