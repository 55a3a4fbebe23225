import { Fragment } from 'react';

/** `hpc_create_share` → `hpc_`, `create_`, `share`: the places a narrow screen may break it. */
function breakParts(text: string): string[] {
  return text.split(/(?<=[_-])/);
}

/**
 * Text that wraps after `_` and `-` rather than mid-word (identifiers such as job types),
 * through `<wbr>` elements: never by building HTML. A part too long for its line still
 * breaks (`overflow-wrap: break-word` on the caller), but only then.
 */
export function Breakable({ text }: { text: string }) {
  const parts = breakParts(text);
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {part}
          {index < parts.length - 1 ? <wbr /> : null}
        </Fragment>
      ))}
    </>
  );
}
