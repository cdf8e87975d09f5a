import { parseCommandLine, remoteCommandsFrom, type RemoteCommand } from '../core/app/command-line';

/** The part of Electron's `app` the single-instance lock needs. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean;
  on(
    event: 'second-instance',
    listener: (event: unknown, argv: string[], workingDirectory: string, additionalData: unknown) => void,
  ): unknown;
}

/**
 * Takes the single-instance lock. A second launch passes its parsed commands as additionalData
 * (Chromium may add its own argv flags; additionalData is exactly ours) and exits; the first
 * instance runs them. A bare second launch means "show me the window".
 * Returns false when another instance holds the lock: the caller must quit.
 */
export function claimSingleInstance(
  app: SingleInstanceApp,
  argv: readonly string[],
  onCommands: (commands: readonly RemoteCommand[]) => void,
): boolean {
  const { commands } = parseCommandLine(argv);
  if (!app.requestSingleInstanceLock({ commands: [...commands] })) return false;
  app.on('second-instance', (_event, secondArgv, _cwd, additionalData) => {
    const forwarded = remoteCommandsFrom(additionalData) ?? parseCommandLine(secondArgv).commands;
    onCommands(forwarded.length === 0 ? [{ type: 'show' }] : forwarded);
  });
  return true;
}
