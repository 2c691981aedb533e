/** A setting the app cannot start with: its name and why, for the one line main.ts prints. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${setting} ${reason}`);
    this.name = 'ConfigError';
  }
}
