// What the extension sends as the `bedrock` settings. VS Code's getConfiguration() fills in
// the defaults of every declared setting; sending those would override the project's
// `.bedrock-lsp.toml` (the server gives workspace/configuration the highest precedence), so
// only the values the user actually set are sent, and the client-only keys are left out.

/** Server-side keys, as the server spells them (camelCase). */
export const SERVER_KEYS = [
  "region",
  "regions",
  "severity",
  "ignoreIds",
  "ignoreCodes",
  "catalogPaths",
  "exclude",
  "extendExclude",
  "overrides",
  "inlayHints",
  "documentLinks",
  "reportUnusedIgnores",
  "maxFileSize",
  "positionEncoding",
] as const;

/** The shape of `WorkspaceConfiguration.inspect()` that matters here. */
export interface Inspected {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
  globalLanguageValue?: unknown;
  workspaceLanguageValue?: unknown;
  workspaceFolderLanguageValue?: unknown;
}

/** Settings a workspace may not set in Restricted Mode (package.json
 *  `capabilities.untrustedWorkspaces.restrictedConfigurations`, without `bedrock.`). */
export const RESTRICTED_KEYS = ["catalogPaths"] as const;

/** The settings the user set explicitly, most specific scope winning. In an untrusted
 *  workspace, the restricted keys come from the user's own settings only. */
export function explicitSettings(
  inspect: (key: string) => Inspected | undefined,
  trusted = true,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of SERVER_KEYS) {
    const i = inspect(key);
    if (!i) continue;
    const userOnly = !trusted && (RESTRICTED_KEYS as readonly string[]).includes(key);
    const scopes = userOnly
      ? [i.globalLanguageValue, i.globalValue]
      : [
          i.workspaceFolderLanguageValue,
          i.workspaceFolderValue,
          i.workspaceLanguageValue,
          i.workspaceValue,
          i.globalLanguageValue,
          i.globalValue,
        ];
    const value = scopes.find((v) => v !== undefined);
    if (value === undefined || value === null) continue;
    out[key] = value;
  }
  return out;
}

/** `RUST_LOG` for a `bedrock.server.logLevel` value; unknown values fall back to info. */
export function rustLog(level: string | undefined): string {
  const ok = ["error", "warn", "info", "debug", "trace"];
  return level && ok.includes(level) ? level : "info";
}
