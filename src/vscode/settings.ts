import * as vscode from 'vscode';
import type { ForensicsConfig } from '../engine/config/configSchema';
import { loadConfig } from '../engine/config/loadConfig';
import { mergeConfig } from './pure/mergeConfig';
import { configFromSettings, extensionSettings, SECTION, type ExtensionSettings, type ReadSetting } from './pure/settingsConfig';

/**
 * Reads `incidentForensics.*` for a folder. Only values the user set (in any
 * scope) count as set; manifest defaults are applied afterwards, so they never
 * override `.forensics.json`.
 */
function reader(folder: vscode.Uri | undefined): ReadSetting {
  const cfg = vscode.workspace.getConfiguration(SECTION, folder);
  return (key) => {
    const i = cfg.inspect(key);
    if (!i) return undefined;
    return i.workspaceFolderValue ?? i.workspaceValue ?? i.globalValue;
  };
}

export function readExtensionSettings(folder: vscode.Uri | undefined): ExtensionSettings {
  const cfg = vscode.workspace.getConfiguration(SECTION, folder);
  const set = reader(folder);
  // Extension-only settings do use their defaults.
  return extensionSettings((k) => set(k) ?? cfg.get(k));
}

/** The effective config for one run: settings merged under `.forensics.json`, with problems to log. */
export async function effectiveConfig(folder: vscode.Uri): Promise<{ config: ForensicsConfig; problems: string[] }> {
  const fromSettings = configFromSettings(reader(folder));
  const file = await loadConfig(folder.fsPath);
  return { config: mergeConfig(fromSettings.config, file), problems: fromSettings.problems };
}
