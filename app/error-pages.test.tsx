// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import PageError from './error';
import GlobalError from './global-error';

vi.mock('./globals.css', () => ({}));

afterEach(cleanup);

describe('error pages', () => {
  const raw = Object.assign(new Error('TypeError: cannot read properties of undefined (reading "rpcUrl") at layout.tsx:22'), { digest: '3141592653' });

  it.each([
    ['app/error.tsx', PageError],
    ['app/global-error.tsx', GlobalError],
  ])('%s says what happened and what to do, offers a retry, and never shows the raw message', (_file, Page) => {
    const retry = vi.fn();
    render(<Page error={raw} retry={retry} />);
    expect(screen.getByRole('heading', { level: 1, name: 'This page could not be shown' })).toBeTruthy();
    expect(document.body.textContent).toMatch(/Your records are safe/);
    expect(document.body.textContent).toMatch(/Reference: 3141592653/);
    expect(document.body.textContent).not.toMatch(/TypeError|rpcUrl|layout\.tsx/);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('shows no reference when the error has none (a client-side error)', () => {
    render(<PageError error="not even an Error" retry={() => undefined} />);
    expect(document.body.textContent).not.toMatch(/Reference/);
  });
});
