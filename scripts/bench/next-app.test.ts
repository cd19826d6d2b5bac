import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isBuildFresh } from './next-app';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function project(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'bench-build-'));
  roots.push(root);
  mkdirSync(path.join(root, 'app'), { recursive: true });
  mkdirSync(path.join(root, 'lib'), { recursive: true });
  return root;
}

function touch(file: string, secondsAgo: number): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '');
  const at = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(file, at, at);
}

describe('isBuildFresh', () => {
  it('is false without a build', () => {
    const root = project();
    touch(path.join(root, 'app', 'page.tsx'), 100);
    expect(isBuildFresh('.next', root)).toBe(false);
  });

  it('is true when the build is newer than every source file', () => {
    const root = project();
    touch(path.join(root, 'app', 'page.tsx'), 100);
    touch(path.join(root, 'lib', 'deep', 'module.ts'), 90);
    touch(path.join(root, '.next', 'BUILD_ID'), 10);
    expect(isBuildFresh('.next', root)).toBe(true);
  });

  it('is false when any source file changed after the build, however deep', () => {
    const root = project();
    touch(path.join(root, '.next-bench', 'BUILD_ID'), 10);
    touch(path.join(root, 'lib', 'deep', 'module.ts'), 1);
    expect(isBuildFresh('.next-bench', root)).toBe(false);
  });

  it('ignores test files, which are not part of a build', () => {
    const root = project();
    touch(path.join(root, '.next', 'BUILD_ID'), 10);
    touch(path.join(root, 'lib', 'module.test.ts'), 1);
    expect(isBuildFresh('.next', root)).toBe(true);
  });
});
