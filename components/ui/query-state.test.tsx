// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { QueryState, type QueryStateSource } from './query-state';

afterEach(cleanup);

function source<T>(overrides: Partial<QueryStateSource<T>>): QueryStateSource<T> {
  return { isPending: false, isError: false, error: null, data: undefined, refetch: vi.fn(), ...overrides };
}

const texts = { loading: 'Loading your requests…', errorTitle: 'Your requests could not be loaded' };
const list = (items: readonly string[]) => (
  <ul aria-label="Items">
    {items.map((item) => (
      <li key={item}>{item}</li>
    ))}
  </ul>
);

describe('QueryState', () => {
  it('shows only the loading line until the first answer', () => {
    render(<QueryState query={source<string[]>({ isPending: true })} {...texts} empty="Nothing yet." emptyTestId="empty">{list}</QueryState>);
    expect(screen.getByText('Loading your requests…')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByTestId('empty')).toBeNull();
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('shows the parsed error under its title, and Try again refetches', () => {
    const refetch = vi.fn();
    const error = new UserFacingError('rpc.unavailable', 'The network could not be reached.');
    render(<QueryState query={source<string[]>({ isError: true, error, refetch })} {...texts}>{list}</QueryState>);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Your requests could not be loaded');
    expect(alert.textContent).toContain('The network could not be reached.');
    expect(screen.queryByText('Loading your requests…')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(refetch).toHaveBeenCalledTimes(1);
  });

  it('never shows a foreign error’s own message', () => {
    render(<QueryState query={source<string[]>({ isError: true, error: new Error('secret internal detail') })} {...texts} />);
    expect(screen.getByRole('alert').textContent).not.toContain('secret internal detail');
  });

  it('shows the empty line with its test id for an empty list, not the children', () => {
    render(<QueryState query={source<string[]>({ data: [] })} {...texts} empty="Nothing yet." emptyTestId="my-empty">{list}</QueryState>);
    expect(screen.getByTestId('my-empty').textContent).toBe('Nothing yet.');
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('renders the children with the data', () => {
    render(<QueryState query={source<string[]>({ data: ['a', 'b'] })} {...texts} empty="Nothing yet." emptyTestId="my-empty">{list}</QueryState>);
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['a', 'b']);
    expect(screen.queryByTestId('my-empty')).toBeNull();
  });

  it('uses isEmpty when the data is not a list', () => {
    render(
      <QueryState query={source<{ total: number }>({ data: { total: 0 } })} {...texts} empty="None." emptyTestId="none" isEmpty={(d) => d.total === 0}>
        {(d) => <p>{d.total} found</p>}
      </QueryState>,
    );
    expect(screen.getByTestId('none')).toBeTruthy();
    expect(screen.queryByText('0 found')).toBeNull();
  });

  it('keeps showing the last data under the error when a refresh fails', () => {
    render(<QueryState query={source<string[]>({ isError: true, error: new Error('x'), data: ['kept'] })} {...texts}>{list}</QueryState>);
    expect(screen.getByRole('alert')).toBeTruthy();
    expect(screen.getByText('kept')).toBeTruthy();
  });

  it('without children shows only loading and errors, leaving the data to the caller', () => {
    const { container } = render(<QueryState query={source<string[]>({ data: ['a'] })} {...texts} />);
    expect(container.textContent).toBe('');
  });
});
