import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where ClusterLens keeps its embedded database: --data-dir, else $CLUSTERLENS_DATA_DIR, else
 * $XDG_DATA_HOME/clusterlens, else ~/.local/share/clusterlens.
 */
export function resolveDataDirectory(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  if (env.CLUSTERLENS_DATA_DIR) return resolve(env.CLUSTERLENS_DATA_DIR);
  const xdg = env.XDG_DATA_HOME;
  return join(xdg ? resolve(xdg) : join(homedir(), '.local', 'share'), 'clusterlens');
}
