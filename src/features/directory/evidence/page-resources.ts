import { Parser } from 'htmlparser2';

/** What a browser would fetch on its own when it opens the page, and the policies the page declares for itself. */
export interface PageResources {
  /** Absolute http(s) URLs, in document order, with repeats. */
  urls: string[];
  /** Content security policies given in `<meta http-equiv>`. */
  metaPolicies: string[];
}

// rel values that make the browser contact the target without a click; canonical, alternate, me… do not.
const LOADING_RELS = new Set([
  'stylesheet', 'preload', 'modulepreload', 'prefetch', 'prerender', 'preconnect', 'dns-prefetch',
  'icon', 'apple-touch-icon', 'apple-touch-icon-precomposed', 'mask-icon', 'manifest',
]);

/** The attributes holding a single URL the browser loads, by element. */
const URL_ATTRIBUTES: Record<string, string[]> = {
  script: ['src'],
  img: ['src'],
  iframe: ['src'],
  frame: ['src'],
  embed: ['src'],
  object: ['data'],
  video: ['src', 'poster'],
  audio: ['src'],
  source: ['src'],
  track: ['src'],
  input: ['src'],
  form: ['action'],
  image: ['href', 'xlink:href'],
  use: ['href', 'xlink:href'],
};

const SRCSET_ATTRIBUTES: Record<string, string[]> = { img: ['srcset'], source: ['srcset'], link: ['imagesrcset'] };

/** The URLs named by `url(...)` and `@import "..."` in a piece of CSS. */
export function cssUrls(css: string): string[] {
  const found: string[] = [];
  for (const match of css.matchAll(/url\(\s*(['"]?)([^'")]*?)\1\s*\)/gi)) found.push(match[2]!);
  for (const match of css.matchAll(/@import\s+(['"])([^'"]*)\1/gi)) found.push(match[2]!);
  return found;
}

// A comma inside a URL splits it in two here; the first part still carries the origin, which is all that is kept.
function srcsetUrls(srcset: string): string[] {
  return srcset
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter((url) => url !== '');
}

/** Reads the page with a real HTML tokenizer, so comments, scripts' text and odd quoting do not fool it. */
export function pageResources(html: string, pageUrl: string): PageResources {
  const raw: string[] = [];
  const metaPolicies: string[] = [];
  let base = pageUrl;
  let baseSeen = false;
  let style: string | null = null;
  const resolved: string[] = [];
  const flush = () => {
    for (const url of raw.splice(0)) {
      try {
        const absolute = new URL(url.trim(), base);
        if (absolute.protocol === 'http:' || absolute.protocol === 'https:') resolved.push(absolute.href);
      } catch {
        // Not a URL a browser could load either.
      }
    }
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'base' && !baseSeen && attributes.href) {
          // Only the first <base href> counts, and it moves every relative URL after it.
          baseSeen = true;
          flush();
          try {
            base = new URL(attributes.href, pageUrl).href;
          } catch {
            // An unusable base leaves the page URL in force.
          }
        }
        if (name === 'link') {
          const rels = (attributes.rel ?? '').toLowerCase().split(/\s+/);
          if (attributes.href && rels.some((rel) => LOADING_RELS.has(rel))) raw.push(attributes.href);
        }
        if (name === 'meta' && (attributes['http-equiv'] ?? '').toLowerCase() === 'content-security-policy' && attributes.content) {
          metaPolicies.push(attributes.content);
        }
        if (name === 'input' && (attributes.type ?? '').toLowerCase() !== 'image') return;
        for (const attribute of URL_ATTRIBUTES[name] ?? []) {
          const value = attributes[attribute];
          if (value) raw.push(value);
        }
        for (const attribute of SRCSET_ATTRIBUTES[name] ?? []) {
          const value = attributes[attribute];
          if (value) raw.push(...srcsetUrls(value));
        }
        if (attributes.style) raw.push(...cssUrls(attributes.style));
        if (name === 'style') style = '';
      },
      ontext(text) {
        // The tokenizer may hand a style sheet over in pieces; a url( split between two would be missed.
        if (style !== null) style += text;
      },
      onclosetag(name) {
        if (name === 'style' && style !== null) {
          raw.push(...cssUrls(style));
          style = null;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return { urls: resolved, metaPolicies };
}
