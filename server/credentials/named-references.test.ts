// @vitest-environment jsdom
import { expect, it } from 'vitest';
import { NAMED_REFERENCES } from './leak-check.ts';

/** The one DOM call used; the server's TypeScript knows no DOM. */
interface Paragraph {
  innerHTML: string;
  textContent: string | null;
}
const { document } = globalThis as unknown as { document: { createElement(tag: 'p'): Paragraph } };

it('knows each named reference as a browser reads it', () => {
  const p = document.createElement('p');
  const names = [...NAMED_REFERENCES.keys()];
  const browser = names.map((name) => {
    p.innerHTML = `&${name};`;
    return p.textContent;
  });
  expect(names.map((name) => NAMED_REFERENCES.get(name))).toEqual(browser);
  expect(names.length).toBeGreaterThan(130);
});
