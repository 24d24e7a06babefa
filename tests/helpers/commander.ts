/**
 * A commander command for testing option definitions: it throws instead of exiting and keeps
 * what it would print on stderr. `addOptions` are the adders under test (addFetchOptions, …).
 */
import { Command } from 'commander';

export function testCommand(...addOptions: ((cmd: Command) => unknown)[]): { cmd: Command; errors: string[] } {
  const errors: string[] = [];
  const cmd = new Command('extract')
    .argument('[sources...]')
    .exitOverride()
    .configureOutput({ writeErr: (text) => errors.push(text), writeOut: () => undefined })
    .action(() => undefined);
  for (const add of addOptions) add(cmd);
  return { cmd, errors };
}
