import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Breakable } from './breakable';

describe('Breakable', () => {
  it('offers a line break after each underscore and hyphen, nowhere else', () => {
    const html = (text: string) => render(<Breakable text={text} />).container.innerHTML;
    expect(html('a-b_c')).toBe('a-<wbr>b_<wbr>c');
    expect(html('plain')).toBe('plain');
    const { container } = render(
      <code>
        (<Breakable text="hpc_create_share" />)
      </code>,
    );
    expect(container.innerHTML).toBe('<code>(hpc_<wbr>create_<wbr>share)</code>');
  });

  it('keeps markup in the text as text', () => {
    const { container } = render(<Breakable text="<b>x_y</b>" />);
    expect(container.textContent).toBe('<b>x_y</b>');
    expect(container.querySelector('b')).toBeNull();
  });
});
