import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

/** Renders a page; preact escapes every value, so text from people can never become markup. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any component's element
export function renderDocument(page: VNode<any>): string {
  return '<!doctype html>' + render(page);
}
