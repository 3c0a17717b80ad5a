// The language-status item: what `bedrockLsp/status` reports, as VS Code shows it next to
// the language mode in the status bar.

/** The server's `bedrockLsp/status` answer. */
export interface ServerStatus {
  version: string;
  catalogAsOf: string;
  catalogAgeDays: number;
  stale: boolean;
  regions: string[];
  settingsFile: string | null;
}

export interface StatusView {
  text: string;
  detail: string;
  /** Show as a warning (the catalog is old). */
  warning: boolean;
}

export function describeStatus(s: ServerStatus): StatusView {
  const region = s.regions.length === 0 ? "no region set" : s.regions.join(", ");
  const age = s.catalogAgeDays === 1 ? "1 day" : `${s.catalogAgeDays} days`;
  const catalog = s.stale
    ? `catalog of ${s.catalogAsOf} (${age} old: update bedrock-lsp or run \`bedrock-lsp catalog refresh\`)`
    : `catalog of ${s.catalogAsOf}`;
  const settings = s.settingsFile ? ` · settings: ${s.settingsFile}` : "";
  return {
    text: `Bedrock: ${region}`,
    detail: `bedrock-lsp ${s.version} · ${catalog}${settings}`,
    warning: s.stale,
  };
}
